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
-- The statement, unit and ledger entry a new bank entry names (0030) checked with one look-up
-- per organization and kind, by the ids' array through the tables' primary keys, whatever the
-- planner knows of the tables: the anti-joins of 0030 became a nested
-- loop over the whole ledger for each new entry when the ledger had not been analysed yet (a
-- new cooperative's first statement: 17 s for 8,000 entries). The entry named in the error is
-- looked for only when something is wrong.
CREATE OR REPLACE FUNCTION bank_entries_check_references() RETURNS trigger LANGUAGE plpgsql
  -- By index, never a scan of the whole table: the cost of a check follows the entries written,
  -- not the size of the ledger.
  SET enable_seqscan = off AS $$
DECLARE
  org bigint;
  ids bigint[];
  found bigint;
  bad record;
BEGIN
  FOR org IN SELECT DISTINCT organization_id FROM bank_entries_new LOOP
    SELECT array_agg(DISTINCT n.statement_id) INTO ids FROM bank_entries_new n WHERE n.organization_id = org;
    SELECT count(*) INTO found FROM bank_statements s WHERE s.id = ANY (ids) AND s.organization_id = org;
    IF found <> cardinality(ids) THEN
      SELECT n.entry_key, n.statement_id INTO bad FROM bank_entries_new n
        WHERE n.organization_id = org
          AND NOT EXISTS (SELECT 1 FROM bank_statements s WHERE s.id = n.statement_id AND s.organization_id = org)
        LIMIT 1;
      RAISE EXCEPTION 'bank entry % names statement %, not one of its organization', bad.entry_key, bad.statement_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT array_agg(DISTINCT n.unit_id) INTO ids FROM bank_entries_new n
      WHERE n.organization_id = org AND n.unit_id IS NOT NULL;
    IF ids IS NOT NULL THEN
      SELECT count(*) INTO found FROM units u WHERE u.id = ANY (ids) AND u.organization_id = org;
      IF found <> cardinality(ids) THEN
        SELECT n.entry_key, n.unit_id INTO bad FROM bank_entries_new n
          WHERE n.organization_id = org AND n.unit_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id AND u.organization_id = org)
          LIMIT 1;
        RAISE EXCEPTION 'bank entry % names unit %, not one of its organization', bad.entry_key, bad.unit_id
          USING ERRCODE = 'foreign_key_violation';
      END IF;
    END IF;
    SELECT array_agg(DISTINCT n.ledger_entry_id) INTO ids FROM bank_entries_new n
      WHERE n.organization_id = org AND n.ledger_entry_id IS NOT NULL;
    IF ids IS NOT NULL THEN
      SELECT count(*) INTO found FROM ledger_entries l WHERE l.id = ANY (ids) AND l.organization_id = org;
      IF found <> cardinality(ids) THEN
        SELECT n.entry_key, n.ledger_entry_id INTO bad FROM bank_entries_new n
          WHERE n.organization_id = org AND n.ledger_entry_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.id = n.ledger_entry_id AND l.organization_id = org)
          LIMIT 1;
        RAISE EXCEPTION 'bank entry % names ledger entry %, not one of its organization', bad.entry_key, bad.ledger_entry_id
          USING ERRCODE = 'foreign_key_violation';
      END IF;
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
