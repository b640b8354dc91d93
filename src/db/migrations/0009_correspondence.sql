CREATE TABLE "correspondence_consent_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondence_consent_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"email" text NOT NULL,
	"file_id" bigint,
	"file_name" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_label" text
);
--> statement-breakpoint
CREATE TABLE "correspondence_consent_tokens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondence_consent_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"consent_id" bigint NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "correspondence_consent_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "correspondence_consents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondence_consents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"email" text NOT NULL,
	"method" text NOT NULL,
	"text_version" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_account_id" bigint,
	"recorded_by_label" text NOT NULL,
	"address_confirmed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_label" text,
	"withdrawn_method" text,
	"scan_id" bigint,
	CONSTRAINT "correspondence_consents_given_confirmed" CHECK (state <> 'given' or address_confirmed_at is not null)
);
--> statement-breakpoint
CREATE TABLE "correspondence_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondence_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"letter_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"recipient_name" text NOT NULL,
	"postal_address" text NOT NULL,
	"channel" text NOT NULL,
	"email" text,
	"state" text NOT NULL,
	"outbox_message_id" bigint,
	"email_error" text,
	"read_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"printed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "correspondence_deliveries_letter_person" UNIQUE("letter_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "correspondence_letter_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondence_letter_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"letter_id" bigint NOT NULL,
	"file_id" bigint NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correspondence_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondence_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"body_markdown" text NOT NULL,
	"audience" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_label" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "site_files" ADD COLUMN "private" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "attachment_file_ids" bigint[];--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD CONSTRAINT "correspondence_consent_scans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD CONSTRAINT "correspondence_consent_scans_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_consent_scans" ADD CONSTRAINT "correspondence_consent_scans_file_id_site_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."site_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_consent_tokens" ADD CONSTRAINT "correspondence_consent_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_consent_tokens" ADD CONSTRAINT "correspondence_consent_tokens_consent_id_correspondence_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."correspondence_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_consents" ADD CONSTRAINT "correspondence_consents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_consents" ADD CONSTRAINT "correspondence_consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_letter_id_correspondence_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."correspondence_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_deliveries" ADD CONSTRAINT "correspondence_deliveries_outbox_message_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_letter_attachments" ADD CONSTRAINT "correspondence_letter_attachments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_letter_attachments" ADD CONSTRAINT "correspondence_letter_attachments_letter_id_correspondence_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."correspondence_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_letter_attachments" ADD CONSTRAINT "correspondence_letter_attachments_file_id_site_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."site_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_letters" ADD CONSTRAINT "correspondence_letters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "correspondence_consent_scans_queue" ON "correspondence_consent_scans" USING btree ("organization_id","state","id");--> statement-breakpoint
CREATE INDEX "correspondence_consents_person" ON "correspondence_consents" USING btree ("organization_id","person_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_consents_one_given" ON "correspondence_consents" USING btree ("person_id") WHERE state = 'given';--> statement-breakpoint
CREATE INDEX "correspondence_deliveries_person" ON "correspondence_deliveries" USING btree ("organization_id","person_id","id");--> statement-breakpoint
CREATE INDEX "correspondence_deliveries_print" ON "correspondence_deliveries" USING btree ("organization_id","state");--> statement-breakpoint
CREATE INDEX "correspondence_deliveries_outbox" ON "correspondence_deliveries" USING btree ("outbox_message_id");--> statement-breakpoint
CREATE INDEX "correspondence_letters_org" ON "correspondence_letters" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "correspondence_letters_due" ON "correspondence_letters" USING btree ("state","scheduled_at");