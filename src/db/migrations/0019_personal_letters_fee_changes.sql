CREATE TABLE "fee_plan_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_plan_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"rate" bigint NOT NULL,
	CONSTRAINT "fee_plan_rates_plan_component" UNIQUE("plan_id","component_id"),
	CONSTRAINT "fee_plan_rates_rate" CHECK ("fee_plan_rates"."rate" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fee_plans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"month" text NOT NULL,
	"scope" jsonb NOT NULL,
	"justification" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_label" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fee_plans_month" CHECK ("fee_plans"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" DROP CONSTRAINT "correspondence_deliveries_letter_person";--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD COLUMN "unit_id" bigint;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD COLUMN "fields" jsonb;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD COLUMN "file_id" bigint;--> statement-breakpoint
ALTER TABLE "correspondence_letters" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "fee_components" ADD COLUMN "cost_kind" text DEFAULT 'own' NOT NULL;--> statement-breakpoint
ALTER TABLE "fee_plan_rates" ADD CONSTRAINT "fee_plan_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_plan_rates" ADD CONSTRAINT "fee_plan_rates_plan_id_fee_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."fee_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_plan_rates" ADD CONSTRAINT "fee_plan_rates_component_id_fee_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."fee_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_plans" ADD CONSTRAINT "fee_plans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_plans_org" ON "fee_plans" USING btree ("organization_id","id");--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_file_id_site_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."site_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_deliveries_letter_person_unit" ON "correspondence_deliveries" USING btree ("letter_id","person_id",coalesce("unit_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_letters_source_key" ON "correspondence_letters" USING btree ("organization_id","source_key") WHERE source_key is not null;--> statement-breakpoint
ALTER TABLE "fee_components" ADD CONSTRAINT "fee_components_cost_kind" CHECK ("fee_components"."cost_kind" in ('own', 'independent'));