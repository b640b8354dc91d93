-- hand-written
-- Deferred monthly and yearly totals for a writer of many ledger entries in several statements
-- of one transaction (a bank statement is written chunk by chunk while the next chunk is read).
-- Each statement's trigger upserts the totals of every unit it touches; ten chunks of a
-- statement for 10,000 units upserted the same 20,000 totals rows ten times (each time slower,
-- as the row's versions pile up within the transaction). While `osiedle.ledger_totals` is
-- 'deferred' (ledger_totals_defer(): for the rest of the transaction, with a temporary table
-- ledger_totals_deferred dropped at commit), the trigger only notes the new entries' ids;
-- ledger_totals_settle() then adds all of them at once, with the same sums as the trigger.
-- Without the setting the trigger is as before (0035). A deferral never settled cannot commit:
-- a deferred constraint trigger on the marker row refuses the commit while ids are left.
CREATE OR REPLACE FUNCTION ledger_monthly_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('osiedle.ledger_totals', true) = 'deferred' THEN
    INSERT INTO pg_temp.ledger_totals_deferred (entry_id) SELECT id FROM new_entries;
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
-- The deferred entries added to the totals as the trigger adds a statement's new entries.
CREATE FUNCTION ledger_totals_settle() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_monthly_totals (organization_id, unit_id, month, total, debits, first_due, last_due, has_corrections)
    SELECT e.organization_id, e.unit_id, date_trunc('month', e.value_date)::date, sum(e.amount),
           coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0),
           min(coalesce(e.due_date, e.value_date)) FILTER (WHERE e.amount > 0),
           max(coalesce(e.due_date, e.value_date)) FILTER (WHERE e.amount > 0),
           bool_or(e.kind = 'correction')
    FROM ledger_entries e JOIN pg_temp.ledger_totals_deferred d ON d.entry_id = e.id
    GROUP BY e.organization_id, e.unit_id, date_trunc('month', e.value_date)::date
    ORDER BY e.unit_id, 3
  ON CONFLICT (unit_id, month) DO UPDATE SET total = ledger_monthly_totals.total + excluded.total,
    debits = ledger_monthly_totals.debits + excluded.debits,
    first_due = least(ledger_monthly_totals.first_due, excluded.first_due),
    last_due = greatest(ledger_monthly_totals.last_due, excluded.last_due),
    has_corrections = ledger_monthly_totals.has_corrections OR excluded.has_corrections;
  INSERT INTO ledger_yearly_totals (organization_id, unit_id, year, total, debits, first_due, last_due, has_corrections)
    SELECT e.organization_id, e.unit_id, date_trunc('year', e.value_date)::date, sum(e.amount),
           coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0),
           min(coalesce(e.due_date, e.value_date)) FILTER (WHERE e.amount > 0),
           max(coalesce(e.due_date, e.value_date)) FILTER (WHERE e.amount > 0),
           bool_or(e.kind = 'correction')
    FROM ledger_entries e JOIN pg_temp.ledger_totals_deferred d ON d.entry_id = e.id
    GROUP BY e.organization_id, e.unit_id, date_trunc('year', e.value_date)::date
    ORDER BY e.unit_id, 3
  ON CONFLICT (unit_id, year) DO UPDATE SET total = ledger_yearly_totals.total + excluded.total,
    debits = ledger_yearly_totals.debits + excluded.debits,
    first_due = least(ledger_yearly_totals.first_due, excluded.first_due),
    last_due = greatest(ledger_yearly_totals.last_due, excluded.last_due),
    has_corrections = ledger_yearly_totals.has_corrections OR excluded.has_corrections;
  -- DELETE, not TRUNCATE: the marker's check is still pending.
  DELETE FROM pg_temp.ledger_totals_deferred;
  PERFORM set_config('osiedle.ledger_totals', '', true);
END;
$$;
--> statement-breakpoint
-- At commit (once per deferral, on its marker row): nothing deferred may be left unsettled.
CREATE FUNCTION ledger_totals_check_settled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_temp.ledger_totals_deferred) THEN
    RAISE EXCEPTION 'ledger entries were written with deferred totals and never added to the totals (ledger_totals_settle)';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- From now until ledger_totals_settle() in this transaction, new ledger entries are only noted.
CREATE FUNCTION ledger_totals_defer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.ledger_totals_deferred') IS NULL THEN
    CREATE TEMPORARY TABLE ledger_totals_deferred (entry_id bigint NOT NULL) ON COMMIT DROP;
    CREATE CONSTRAINT TRIGGER ledger_totals_settled AFTER INSERT ON ledger_totals_deferred
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.entry_id = 0)
      EXECUTE FUNCTION ledger_totals_check_settled();
  END IF;
  -- The marker (no entry has id 0): its check runs at commit.
  INSERT INTO pg_temp.ledger_totals_deferred (entry_id) VALUES (0);
  PERFORM set_config('osiedle.ledger_totals', 'deferred', true);
END;
$$;
