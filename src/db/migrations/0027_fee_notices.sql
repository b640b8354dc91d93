CREATE TABLE "fee_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"delivery_id" bigint NOT NULL,
	"old_total" bigint NOT NULL,
	"new_total" bigint NOT NULL,
	"posted_on" date,
	"posted_at" timestamp with time zone,
	"posted_by_label" text,
	CONSTRAINT "fee_notices_plan_person_unit" UNIQUE("plan_id","person_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "fee_plan_ledger_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_plan_ledger_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"rate_id" bigint NOT NULL,
	"role" text NOT NULL,
	"unit_id" bigint,
	"component_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fee_plans" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fee_plans" ADD COLUMN "letter_id" bigint;--> statement-breakpoint
ALTER TABLE "fee_rates" ADD COLUMN "effective_to" date;--> statement-breakpoint
ALTER TABLE "fee_notices" ADD CONSTRAINT "fee_notices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_notices" ADD CONSTRAINT "fee_notices_plan_id_fee_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."fee_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_notices" ADD CONSTRAINT "fee_notices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_notices" ADD CONSTRAINT "fee_notices_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_notices" ADD CONSTRAINT "fee_notices_delivery_id_correspondence_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."correspondence_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_plan_ledger_rates" ADD CONSTRAINT "fee_plan_ledger_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_plan_ledger_rates" ADD CONSTRAINT "fee_plan_ledger_rates_plan_id_fee_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."fee_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_plan_ledger_rates" ADD CONSTRAINT "fee_plan_ledger_rates_rate_id_fee_rates_id_fk" FOREIGN KEY ("rate_id") REFERENCES "public"."fee_rates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_notices_unit" ON "fee_notices" USING btree ("organization_id","unit_id");--> statement-breakpoint
CREATE INDEX "fee_notices_person" ON "fee_notices" USING btree ("organization_id","person_id");--> statement-breakpoint
CREATE INDEX "fee_plan_ledger_rates_plan" ON "fee_plan_ledger_rates" USING btree ("plan_id");