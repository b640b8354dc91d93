ALTER TABLE "bank_import_files" DROP CONSTRAINT "bank_import_files_import_id_seq_pk";--> statement-breakpoint
ALTER TABLE "bank_import_files" ADD COLUMN "piece" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_import_files" ADD CONSTRAINT "bank_import_files_import_id_seq_piece_pk" PRIMARY KEY("import_id","seq","piece");--> statement-breakpoint
-- hand-written
-- Deferred ledger totals (0037) without reading the entries back. The deferral noted each new
-- entry's id and ledger_totals_settle() joined them back to ledger_entries: a hash join over the
-- whole ledger (or one index probe per entry) for every statement, about as dear as the totals
-- themselves. Now the trigger, while deferred, adds each statement's new entries up per unit
-- and month at once (from its transition table, as it does when not deferred) into the
-- transaction's temporary table ledger_totals_pending; ledger_totals_settle() adds those partial
-- sums up per unit and month, and per unit and year, and upserts the totals once. Every figure
-- is a sum, a minimum, a maximum or an "or", so adding partial sums gives the trigger's result.
-- A deferral never settled still cannot commit (the marker row's deferred check).
CREATE OR REPLACE FUNCTION ledger_monthly_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('osiedle.ledger_totals', true) = 'deferred' THEN
    INSERT INTO pg_temp.ledger_totals_pending (organization_id, unit_id, month, total, debits, first_due, last_due, has_corrections)
      SELECT organization_id, unit_id, date_trunc('month', value_date)::date, sum(amount),
             coalesce(sum(amount) FILTER (WHERE amount > 0), 0),
             min(coalesce(due_date, value_date)) FILTER (WHERE amount > 0),
             max(coalesce(due_date, value_date)) FILTER (WHERE amount > 0),
             bool_or(kind = 'correction')
      FROM new_entries
      GROUP BY organization_id, unit_id, date_trunc('month', value_date)::date;
    RETURN NULL;
  END IF;
  INSERT INTO ledger_monthly_totals (organization_id, unit_id, month, total, debits, first_due, last_due, has_corrections)
    SELECT organization_id, unit_id, date_trunc('month', value_date)::date, sum(amount),
           coalesce(sum(amount) FILTER (WHERE amount > 0), 0),
           min(coalesce(due_date, value_date)) FILTER (WHERE amount > 0),
           max(coalesce(due_date, value_date)) FILTER (WHERE amount > 0),
           bool_or(kind = 'correction')
    FROM new_entries
    GROUP BY organization_id, unit_id, date_trunc('month', value_date)::date
    ORDER BY unit_id, 3
  ON CONFLICT (unit_id, month) DO UPDATE SET total = ledger_monthly_totals.total + excluded.total,
    debits = ledger_monthly_totals.debits + excluded.debits,
    first_due = least(ledger_monthly_totals.first_due, excluded.first_due),
    last_due = greatest(ledger_monthly_totals.last_due, excluded.last_due),
    has_corrections = ledger_monthly_totals.has_corrections OR excluded.has_corrections;
  INSERT INTO ledger_yearly_totals (organization_id, unit_id, year, total, debits, first_due, last_due, has_corrections)
    SELECT organization_id, unit_id, date_trunc('year', value_date)::date, sum(amount),
           coalesce(sum(amount) FILTER (WHERE amount > 0), 0),
           min(coalesce(due_date, value_date)) FILTER (WHERE amount > 0),
           max(coalesce(due_date, value_date)) FILTER (WHERE amount > 0),
           bool_or(kind = 'correction')
    FROM new_entries
    GROUP BY organization_id, unit_id, date_trunc('year', value_date)::date
    ORDER BY unit_id, 3
  ON CONFLICT (unit_id, year) DO UPDATE SET total = ledger_yearly_totals.total + excluded.total,
    debits = ledger_yearly_totals.debits + excluded.debits,
    first_due = least(ledger_yearly_totals.first_due, excluded.first_due),
    last_due = greatest(ledger_yearly_totals.last_due, excluded.last_due),
    has_corrections = ledger_yearly_totals.has_corrections OR excluded.has_corrections;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_totals_settle() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_monthly_totals (organization_id, unit_id, month, total, debits, first_due, last_due, has_corrections)
    SELECT organization_id, unit_id, month, sum(total), sum(debits), min(first_due), max(last_due), bool_or(has_corrections)
    FROM pg_temp.ledger_totals_pending
    WHERE NOT marker
    GROUP BY organization_id, unit_id, month
    ORDER BY unit_id, month
  ON CONFLICT (unit_id, month) DO UPDATE SET total = ledger_monthly_totals.total + excluded.total,
    debits = ledger_monthly_totals.debits + excluded.debits,
    first_due = least(ledger_monthly_totals.first_due, excluded.first_due),
    last_due = greatest(ledger_monthly_totals.last_due, excluded.last_due),
    has_corrections = ledger_monthly_totals.has_corrections OR excluded.has_corrections;
  INSERT INTO ledger_yearly_totals (organization_id, unit_id, year, total, debits, first_due, last_due, has_corrections)
    SELECT organization_id, unit_id, date_trunc('year', month)::date, sum(total), sum(debits), min(first_due),
           max(last_due), bool_or(has_corrections)
    FROM pg_temp.ledger_totals_pending
    WHERE NOT marker
    GROUP BY organization_id, unit_id, date_trunc('year', month)::date
    ORDER BY unit_id, 3
  ON CONFLICT (unit_id, year) DO UPDATE SET total = ledger_yearly_totals.total + excluded.total,
    debits = ledger_yearly_totals.debits + excluded.debits,
    first_due = least(ledger_yearly_totals.first_due, excluded.first_due),
    last_due = greatest(ledger_yearly_totals.last_due, excluded.last_due),
    has_corrections = ledger_yearly_totals.has_corrections OR excluded.has_corrections;
  -- DELETE, not TRUNCATE: the marker's check is still pending.
  DELETE FROM pg_temp.ledger_totals_pending;
  PERFORM set_config('osiedle.ledger_totals', '', true);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_totals_check_settled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_temp.ledger_totals_pending) THEN
    RAISE EXCEPTION 'ledger entries were written with deferred totals and never added to the totals (ledger_totals_settle)';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_totals_defer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.ledger_totals_pending') IS NULL THEN
    CREATE TEMPORARY TABLE ledger_totals_pending (
      marker boolean NOT NULL DEFAULT false,
      organization_id bigint,
      unit_id bigint,
      month date,
      total bigint,
      debits bigint,
      first_due date,
      last_due date,
      has_corrections boolean
    ) ON COMMIT DROP;
    CREATE CONSTRAINT TRIGGER ledger_totals_settled AFTER INSERT ON ledger_totals_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.marker)
      EXECUTE FUNCTION ledger_totals_check_settled();
  END IF;
  -- The marker: its check runs at commit.
  INSERT INTO pg_temp.ledger_totals_pending (marker) VALUES (true);
  PERFORM set_config('osiedle.ledger_totals', 'deferred', true);
END;
$$;
--> statement-breakpoint
-- A statement's entries name one statement: it is checked once, not once per entry.
CREATE OR REPLACE FUNCTION bank_entries_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT min(n.entry_key) AS entry_key, n.statement_id INTO bad FROM bank_entries_new n
    GROUP BY n.organization_id, n.statement_id
    HAVING NOT EXISTS (SELECT 1 FROM bank_statements s WHERE s.id = n.statement_id AND s.organization_id = n.organization_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bank entry % names statement %, not one of its organization', bad.entry_key, bad.statement_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n.entry_key, n.unit_id INTO bad FROM bank_entries_new n
    WHERE n.unit_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id AND u.organization_id = n.organization_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bank entry % names unit %, not one of its organization', bad.entry_key, bad.unit_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n.entry_key, n.ledger_entry_id INTO bad FROM bank_entries_new n
    WHERE n.ledger_entry_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.id = n.ledger_entry_id AND l.organization_id = n.organization_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bank entry % names ledger entry %, not one of its organization', bad.entry_key, bad.ledger_entry_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
