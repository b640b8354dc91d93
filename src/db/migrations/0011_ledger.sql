CREATE TYPE "public"."fee_basis" AS ENUM('per_m2', 'per_person', 'per_unit', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."ledger_entry_kind" AS ENUM('opening_balance', 'charge', 'payment', 'media_settlement', 'other_receivable', 'interest', 'correction');--> statement-breakpoint
CREATE TYPE "public"."medium" AS ENUM('zimna_woda', 'ciepla_woda', 'co');--> statement-breakpoint
CREATE TABLE "fee_components" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_components_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"basis" "fee_basis" NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_components_org_code" UNIQUE("organization_id","code")
);
--> statement-breakpoint
CREATE TABLE "fee_rates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"component_id" bigint NOT NULL,
	"building_id" bigint,
	"unit_id" bigint,
	"rate" bigint NOT NULL,
	"effective_from" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_rates_rate" CHECK ("fee_rates"."rate" >= 0),
	CONSTRAINT "fee_rates_scope" CHECK ("fee_rates"."building_id" is null or "fee_rates"."unit_id" is null)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"booking_date" date NOT NULL,
	"value_date" date NOT NULL,
	"kind" "ledger_entry_kind" NOT NULL,
	"component_id" bigint,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"due_date" date,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	"corrects_entry_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_org_source_ref" UNIQUE("organization_id","source_ref")
);
--> statement-breakpoint
CREATE TABLE "ledger_monthly_totals" (
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"month" date NOT NULL,
	"total" bigint NOT NULL,
	CONSTRAINT "ledger_monthly_totals_pk" PRIMARY KEY("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "media_settlements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "media_settlements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"medium" "medium" NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"consumption_thousandths" bigint NOT NULL,
	"consumption_unit" text NOT NULL,
	"price" bigint NOT NULL,
	"cost" bigint NOT NULL,
	"advances" bigint NOT NULL,
	"result" bigint NOT NULL,
	"ledger_entry_id" bigint NOT NULL,
	"source_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_settlements_org_source_ref" UNIQUE("organization_id","source_ref"),
	CONSTRAINT "media_settlements_result" CHECK ("media_settlements"."result" = "media_settlements"."cost" - "media_settlements"."advances"),
	CONSTRAINT "media_settlements_unit_name" CHECK ("media_settlements"."consumption_unit" in ('m3', 'GJ'))
);
--> statement-breakpoint
ALTER TABLE "fee_components" ADD CONSTRAINT "fee_components_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_rates" ADD CONSTRAINT "fee_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_rates" ADD CONSTRAINT "fee_rates_component_id_fee_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."fee_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_rates" ADD CONSTRAINT "fee_rates_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_rates" ADD CONSTRAINT "fee_rates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_component_id_fee_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."fee_components"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_corrects_fk" FOREIGN KEY ("corrects_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_monthly_totals" ADD CONSTRAINT "ledger_monthly_totals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_monthly_totals" ADD CONSTRAINT "ledger_monthly_totals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_settlements" ADD CONSTRAINT "media_settlements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_settlements" ADD CONSTRAINT "media_settlements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_settlements" ADD CONSTRAINT "media_settlements_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_rates_org_component" ON "fee_rates" USING btree ("organization_id","component_id","effective_from");--> statement-breakpoint
CREATE INDEX "ledger_entries_unit_value_date" ON "ledger_entries" USING btree ("unit_id","value_date","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_org_kind_value_date" ON "ledger_entries" USING btree ("organization_id","kind","value_date");--> statement-breakpoint
CREATE INDEX "media_settlements_unit" ON "media_settlements" USING btree ("unit_id","period_to");