ALTER TABLE "correspondence_consent_scans" ALTER COLUMN "person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD COLUMN "source" text DEFAULT 'ebok' NOT NULL;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD COLUMN "first_name" text;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD COLUMN "last_name" text;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD COLUMN "unit_address" text;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD COLUMN "id_file_id" bigint;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD CONSTRAINT "correspondence_consent_scans_id_file_id_site_files_id_fk" FOREIGN KEY ("id_file_id") REFERENCES "public"."site_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "correspondence_consent_scans_stale" ON "correspondence_consent_scans" USING btree ("state","created_at");