CREATE TABLE "fee_contest_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_contest_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"contest_id" bigint NOT NULL,
	"rate_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"ended_by_plan_id" bigint
);
--> statement-breakpoint
CREATE TABLE "fee_contests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_contests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"filed_on" date NOT NULL,
	"court" text NOT NULL,
	"case_number" text DEFAULT '' NOT NULL,
	"from_month" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_label" text NOT NULL,
	"outcome" text,
	"final_on" date,
	"difference" bigint,
	"closed_at" timestamp with time zone,
	"closed_by_label" text,
	CONSTRAINT "fee_contests_from_month" CHECK ("fee_contests"."from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "fee_contests_outcome" CHECK ("fee_contests"."outcome" is null or "fee_contests"."outcome" in ('change_upheld', 'change_annulled', 'discontinued'))
);
--> statement-breakpoint
ALTER TABLE "fee_contest_rates" ADD CONSTRAINT "fee_contest_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_contest_rates" ADD CONSTRAINT "fee_contest_rates_contest_id_fee_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."fee_contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_contest_rates" ADD CONSTRAINT "fee_contest_rates_rate_id_fee_rates_id_fk" FOREIGN KEY ("rate_id") REFERENCES "public"."fee_rates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_contests" ADD CONSTRAINT "fee_contests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_contests" ADD CONSTRAINT "fee_contests_plan_id_fee_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."fee_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_contests" ADD CONSTRAINT "fee_contests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_contests" ADD CONSTRAINT "fee_contests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_contest_rates_contest" ON "fee_contest_rates" USING btree ("contest_id");--> statement-breakpoint
CREATE INDEX "fee_contests_plan" ON "fee_contests" USING btree ("organization_id","plan_id");--> statement-breakpoint
CREATE INDEX "fee_contests_unit" ON "fee_contests" USING btree ("organization_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_contests_open" ON "fee_contests" USING btree ("plan_id","unit_id") WHERE "fee_contests"."outcome" is null;