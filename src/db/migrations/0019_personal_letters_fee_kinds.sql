ALTER TABLE "correspondence_deliveries" DROP CONSTRAINT "correspondence_deliveries_letter_person";--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD COLUMN "unit_id" bigint;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD COLUMN "fields" jsonb;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD COLUMN "file_id" bigint;--> statement-breakpoint
ALTER TABLE "correspondence_letters" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "fee_components" ADD COLUMN "cost_kind" text DEFAULT 'own' NOT NULL;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_file_id_site_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."site_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_deliveries_letter_person_unit" ON "correspondence_deliveries" USING btree ("letter_id","person_id",coalesce("unit_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_letters_source_key" ON "correspondence_letters" USING btree ("organization_id","source_key") WHERE source_key is not null;--> statement-breakpoint
ALTER TABLE "fee_components" ADD CONSTRAINT "fee_components_cost_kind" CHECK ("fee_components"."cost_kind" in ('own', 'independent'));