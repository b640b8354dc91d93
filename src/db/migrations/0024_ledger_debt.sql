CREATE TYPE "public"."arrears_certificate_status" AS ENUM('requested', 'issued', 'declined');--> statement-breakpoint
CREATE TABLE "arrears_certificates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "arrears_certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"person_id" bigint,
	"holder_name" text NOT NULL,
	"status" "arrears_certificate_status" NOT NULL,
	"as_of" date NOT NULL,
	"year" integer,
	"sequence" integer,
	"verification_code" text,
	"issued_on" date,
	"reason" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "arrears_certificates_verificationCode_unique" UNIQUE("verification_code"),
	CONSTRAINT "arrears_certificates_number" UNIQUE("organization_id","year","sequence")
);
--> statement-breakpoint
CREATE TABLE "interest_rates" (
	"organization_id" bigint NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"basis_points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interest_rates_pk" PRIMARY KEY("organization_id","effective_from"),
	CONSTRAINT "interest_rates_bp" CHECK ("interest_rates"."basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "payment_indications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_indications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"payment_entry_id" bigint NOT NULL,
	"debt_entry_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_indications_pair" UNIQUE("organization_id","payment_entry_id","debt_entry_id")
);
--> statement-breakpoint
ALTER TABLE "arrears_certificates" ADD CONSTRAINT "arrears_certificates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_certificates" ADD CONSTRAINT "arrears_certificates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_rates" ADD CONSTRAINT "interest_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_indications" ADD CONSTRAINT "payment_indications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_indications" ADD CONSTRAINT "payment_indications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_indications" ADD CONSTRAINT "payment_indications_payment_entry_id_ledger_entries_id_fk" FOREIGN KEY ("payment_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_indications" ADD CONSTRAINT "payment_indications_debt_entry_id_ledger_entries_id_fk" FOREIGN KEY ("debt_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrears_certificates_queue" ON "arrears_certificates" USING btree ("organization_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "arrears_certificates_unit" ON "arrears_certificates" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "payment_indications_unit" ON "payment_indications" USING btree ("unit_id");--> statement-breakpoint
-- hand-written
-- Statutory interest for delay since 2008 (rules/statutory-rates.ts, checked against the announcements), for every organization.
INSERT INTO "interest_rates" ("organization_id", "effective_from", "effective_to", "basis_points")
SELECT o.id, r.f, r.t, r.bp FROM "organizations" o CROSS JOIN (VALUES
  ('2008-12-15'::date, '2014-12-22'::date, 1300),
  ('2014-12-23'::date, '2015-12-31'::date, 800),
  ('2016-01-01'::date, '2020-03-17'::date, 700),
  ('2020-03-18'::date, '2020-04-08'::date, 650),
  ('2020-04-09'::date, '2020-05-28'::date, 600),
  ('2020-05-29'::date, '2021-10-06'::date, 560),
  ('2021-10-07'::date, '2021-11-03'::date, 600),
  ('2021-11-04'::date, '2021-12-08'::date, 675),
  ('2021-12-09'::date, '2022-01-04'::date, 725),
  ('2022-01-05'::date, '2022-02-08'::date, 775),
  ('2022-02-09'::date, '2022-03-08'::date, 825),
  ('2022-03-09'::date, '2022-04-06'::date, 900),
  ('2022-04-07'::date, '2022-05-05'::date, 1000),
  ('2022-05-06'::date, '2022-06-08'::date, 1075),
  ('2022-06-09'::date, '2022-07-07'::date, 1150),
  ('2022-07-08'::date, '2022-09-07'::date, 1200),
  ('2022-09-08'::date, '2023-09-06'::date, 1225),
  ('2023-09-07'::date, '2023-10-04'::date, 1150),
  ('2023-10-05'::date, '2025-05-07'::date, 1125),
  ('2025-05-08'::date, '2025-07-02'::date, 1075),
  ('2025-07-03'::date, '2025-09-03'::date, 1050),
  ('2025-09-04'::date, '2025-10-08'::date, 1025),
  ('2025-10-09'::date, '2025-11-05'::date, 1000),
  ('2025-11-06'::date, '2025-12-03'::date, 975),
  ('2025-12-04'::date, '2026-03-04'::date, 950),
  ('2026-03-05'::date, null, 925)
) AS r(f, t, bp);
