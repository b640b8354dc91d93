CREATE TABLE "ledger_yearly_totals" (
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"year" date NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "ledger_yearly_totals_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
ALTER TABLE "ledger_yearly_totals" ADD CONSTRAINT "ledger_yearly_totals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_yearly_totals" ADD CONSTRAINT "ledger_yearly_totals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Yearly totals follow every insert in the same statement, like the monthly ones (0012), and
-- start from the monthly totals already there.
INSERT INTO ledger_yearly_totals (organization_id, unit_id, year, total)
  SELECT organization_id, unit_id, date_trunc('year', month)::date, sum(total)
  FROM ledger_monthly_totals
  GROUP BY organization_id, unit_id, date_trunc('year', month)::date;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_monthly_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_monthly_totals (organization_id, unit_id, month, total)
    SELECT organization_id, unit_id, date_trunc('month', value_date)::date, sum(amount)
    FROM new_entries
    GROUP BY organization_id, unit_id, date_trunc('month', value_date)::date
    ORDER BY unit_id, 3
  ON CONFLICT (unit_id, month) DO UPDATE SET total = ledger_monthly_totals.total + excluded.total;
  INSERT INTO ledger_yearly_totals (organization_id, unit_id, year, total)
    SELECT organization_id, unit_id, date_trunc('year', value_date)::date, sum(amount)
    FROM new_entries
    GROUP BY organization_id, unit_id, date_trunc('year', value_date)::date
    ORDER BY unit_id, 3
  ON CONFLICT (unit_id, year) DO UPDATE SET total = ledger_yearly_totals.total + excluded.total;
  RETURN NULL;
END;
$$;
