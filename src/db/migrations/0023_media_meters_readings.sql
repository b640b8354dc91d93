CREATE TABLE "media_settings" (
	"organization_id" bigint PRIMARY KEY NOT NULL,
	"window_start_day" integer DEFAULT 25 NOT NULL,
	"window_end_day" integer DEFAULT 5 NOT NULL,
	"window_months" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"difference_rule" text DEFAULT 'none' NOT NULL,
	"water_advance_code" text DEFAULT 'WODA' NOT NULL,
	"monthly_caps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"building_id" bigint NOT NULL,
	"unit_id" bigint,
	"medium" text NOT NULL,
	"serial" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"decimals" integer DEFAULT 3 NOT NULL,
	"rollover_at" bigint,
	"installed_on" date NOT NULL,
	"initial_reading" bigint DEFAULT 0 NOT NULL,
	"removed_on" date,
	"final_reading" bigint,
	"legalisation_until" date,
	"replaces_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meters_org_medium_serial" UNIQUE("organization_id","medium","serial"),
	CONSTRAINT "meters_medium" CHECK ("meters"."medium" in ('zimna_woda','ciepla_woda','podzielnik_co','cieplomierz','gaz','energia_wspolna')),
	CONSTRAINT "meters_decimals" CHECK ("meters"."decimals" between 0 and 3),
	CONSTRAINT "meters_removed" CHECK ("meters"."removed_on" is null or "meters"."removed_on" >= "meters"."installed_on")
);
--> statement-breakpoint
CREATE TABLE "persons_declarations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "persons_declarations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"persons_count" integer NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"truthful" boolean NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"decision_reason" text,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_declarations_count" CHECK ("persons_declarations"."persons_count" between 0 and 99)
);
--> statement-breakpoint
CREATE TABLE "reading_import_mappings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reading_import_mappings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"source" text NOT NULL,
	"serial_column" text NOT NULL,
	"date_column" text NOT NULL,
	"value_column" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reading_import_mappings_org_source" UNIQUE("organization_id","source")
);
--> statement-breakpoint
CREATE TABLE "reading_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reading_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "readings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"meter_id" bigint NOT NULL,
	"read_on" date NOT NULL,
	"value" bigint NOT NULL,
	"source" text NOT NULL,
	"entered_by" bigint,
	"entered_by_label" text NOT NULL,
	"photo_file_id" bigint,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review" text DEFAULT 'ok' NOT NULL,
	"review_note" text,
	"import_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "readings_org_import_ref" UNIQUE("organization_id","import_ref"),
	CONSTRAINT "readings_value" CHECK ("readings"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "settlement_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlement_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"building_id" bigint NOT NULL,
	"medium" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"report" jsonb NOT NULL,
	"created_by" bigint,
	"posted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "water_tariffs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "water_tariffs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"effective_from" date NOT NULL,
	"water" bigint NOT NULL,
	"sewage" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "water_tariffs_non_negative" CHECK ("water_tariffs"."water" >= 0 and "water_tariffs"."sewage" >= 0)
);
--> statement-breakpoint
ALTER TABLE "media_settings" ADD CONSTRAINT "media_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons_declarations" ADD CONSTRAINT "persons_declarations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons_declarations" ADD CONSTRAINT "persons_declarations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_import_mappings" ADD CONSTRAINT "reading_import_mappings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_photos" ADD CONSTRAINT "reading_photos_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_runs" ADD CONSTRAINT "settlement_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_runs" ADD CONSTRAINT "settlement_runs_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "water_tariffs" ADD CONSTRAINT "water_tariffs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meters_org_unit" ON "meters" USING btree ("organization_id","unit_id");--> statement-breakpoint
CREATE INDEX "meters_org_building" ON "meters" USING btree ("organization_id","building_id");--> statement-breakpoint
CREATE INDEX "persons_declarations_org_status" ON "persons_declarations" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "persons_declarations_unit" ON "persons_declarations" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "readings_meter_day" ON "readings" USING btree ("meter_id","read_on","id");--> statement-breakpoint
CREATE INDEX "readings_org_review" ON "readings" USING btree ("organization_id","review","created_at");--> statement-breakpoint
CREATE INDEX "settlement_runs_org_building" ON "settlement_runs" USING btree ("organization_id","building_id","period_to");--> statement-breakpoint
CREATE INDEX "water_tariffs_org_from" ON "water_tariffs" USING btree ("organization_id","effective_from");