-- The ledger is append-only (DESIGN §5): an entry is never changed or removed; a correction is a
-- new entry. Monthly totals per unit follow every insert in the same statement, so balances as
-- of a day read O(months) rows and can never disagree with the entries.
CREATE FUNCTION ledger_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate
  BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change();
--> statement-breakpoint
CREATE FUNCTION ledger_monthly_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_monthly_totals (organization_id, unit_id, month, total)
    SELECT organization_id, unit_id, date_trunc('month', value_date)::date, sum(amount)
    FROM new_entries
    GROUP BY organization_id, unit_id, date_trunc('month', value_date)::date
    ORDER BY unit_id, 3
  ON CONFLICT (unit_id, month) DO UPDATE SET total = ledger_monthly_totals.total + excluded.total;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_monthly_totals
  AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_monthly_totals_add();
