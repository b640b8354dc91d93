CREATE TYPE "public"."right_kind" AS ENUM('lokatorskie', 'wlasnosciowe', 'odrebna_wlasnosc', 'najem', 'inne');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('mieszkalny', 'uzytkowy', 'garaz', 'inny');--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "buildings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"external_key" text,
	"street" text NOT NULL,
	"number" text NOT NULL,
	"postcode" text NOT NULL,
	"city" text NOT NULL,
	"estate" text,
	"notes" text,
	"search_address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_org_external_key" UNIQUE("organization_id","external_key")
);
--> statement-breakpoint
CREATE TABLE "occupancy" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "occupancy_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"effective_from" date NOT NULL,
	"persons_count" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "occupancy_persons_count" CHECK ("occupancy"."persons_count" >= 0 and "occupancy"."persons_count" <= 99)
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "persons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"pesel" text,
	"address" text,
	"email" text,
	"phone" text,
	"external_key" text,
	"search_name" text NOT NULL,
	"search_name_reversed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_org_external_key" UNIQUE("organization_id","external_key"),
	CONSTRAINT "persons_pesel_format" CHECK ("persons"."pesel" is null or "persons"."pesel" ~ '^[0-9]{11}$')
);
--> statement-breakpoint
CREATE TABLE "rights" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rights_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"kind" "right_kind" NOT NULL,
	"share_numerator" integer DEFAULT 1 NOT NULL,
	"share_denominator" integer DEFAULT 1 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rights_unit_person_from" UNIQUE("unit_id","person_id","valid_from"),
	CONSTRAINT "rights_share_fraction" CHECK ("rights"."share_numerator" > 0 and "rights"."share_denominator" > 0 and "rights"."share_numerator" <= "rights"."share_denominator"),
	CONSTRAINT "rights_period" CHECK ("rights"."valid_to" is null or "rights"."valid_to" > "rights"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"building_id" bigint NOT NULL,
	"number" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"usable_area" numeric(10, 2) NOT NULL,
	"floor" integer,
	"rooms" integer,
	"external_key" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_org_external_key" UNIQUE("organization_id","external_key"),
	CONSTRAINT "units_building_number" UNIQUE("building_id","number"),
	CONSTRAINT "units_area_positive" CHECK ("units"."usable_area" > 0),
	CONSTRAINT "units_rooms_non_negative" CHECK ("units"."rooms" is null or "units"."rooms" >= 0)
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupancy" ADD CONSTRAINT "occupancy_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupancy" ADD CONSTRAINT "occupancy_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights" ADD CONSTRAINT "rights_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights" ADD CONSTRAINT "rights_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights" ADD CONSTRAINT "rights_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buildings_org_search_address" ON "buildings" USING btree ("organization_id","search_address" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "occupancy_unit_effective" ON "occupancy" USING btree ("unit_id","effective_from","id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_org_pesel" ON "persons" USING btree ("organization_id","pesel") WHERE "persons"."pesel" is not null;--> statement-breakpoint
CREATE INDEX "persons_org_search_name" ON "persons" USING btree ("organization_id","search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_org_search_name_reversed" ON "persons" USING btree ("organization_id","search_name_reversed" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_org_email" ON "persons" USING btree ("organization_id",lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_org_pesel_reversed" ON "persons" USING btree ("organization_id",reverse("pesel") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rights_org_person_period" ON "rights" USING btree ("organization_id","person_id","valid_from","valid_to");--> statement-breakpoint
CREATE INDEX "rights_unit_period" ON "rights" USING btree ("unit_id","valid_from");--> statement-breakpoint
CREATE INDEX "units_org_number" ON "units" USING btree ("organization_id","number");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;