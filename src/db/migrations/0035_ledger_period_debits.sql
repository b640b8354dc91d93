ALTER TABLE "ledger_monthly_totals" ADD COLUMN "debits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_monthly_totals" ADD COLUMN "first_due" date;--> statement-breakpoint
ALTER TABLE "ledger_monthly_totals" ADD COLUMN "last_due" date;--> statement-breakpoint
ALTER TABLE "ledger_monthly_totals" ADD COLUMN "has_corrections" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_yearly_totals" ADD COLUMN "debits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_yearly_totals" ADD COLUMN "first_due" date;--> statement-breakpoint
ALTER TABLE "ledger_yearly_totals" ADD COLUMN "last_due" date;--> statement-breakpoint
ALTER TABLE "ledger_yearly_totals" ADD COLUMN "has_corrections" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- hand-written: the totals' new columns from the entries already booked, and the trigger that
-- keeps them (the same statement-level trigger as migrations 0012 and 0017).
UPDATE ledger_monthly_totals m SET debits = x.debits, first_due = x.first_due, last_due = x.last_due,
    has_corrections = x.has_corrections
  FROM (
    SELECT unit_id, date_trunc('month', value_date)::date AS month,
           coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS debits,
           min(coalesce(due_date, value_date)) FILTER (WHERE amount > 0) AS first_due,
           max(coalesce(due_date, value_date)) FILTER (WHERE amount > 0) AS last_due,
           bool_or(kind = 'correction') AS has_corrections
    FROM ledger_entries GROUP BY unit_id, date_trunc('month', value_date)::date
  ) x
  WHERE m.unit_id = x.unit_id AND m.month = x.month;
--> statement-breakpoint
UPDATE ledger_yearly_totals y SET debits = x.debits, first_due = x.first_due, last_due = x.last_due,
    has_corrections = x.has_corrections
  FROM (
    SELECT unit_id, date_trunc('year', month)::date AS year, sum(debits) AS debits, min(first_due) AS first_due,
           max(last_due) AS last_due, bool_or(has_corrections) AS has_corrections
    FROM ledger_monthly_totals GROUP BY unit_id, date_trunc('year', month)::date
  ) x
  WHERE y.unit_id = x.unit_id AND y.year = x.year;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_monthly_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
