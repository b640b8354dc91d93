CREATE TYPE "public"."bank_entry_status" AS ENUM('booked', 'unmatched', 'ambiguous', 'conflict', 'debit', 'assigned', 'returned', 'not_member', 'corrected');--> statement-breakpoint
CREATE TYPE "public"."bank_match_method" AS ENUM('virtual_account', 'unit_reference', 'payer_account', 'earlier_import', 'manual');--> statement-breakpoint
CREATE TABLE "bank_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"statement_id" bigint NOT NULL,
	"entry_key" text NOT NULL,
	"line" integer NOT NULL,
	"booking_date" date NOT NULL,
	"value_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"counterparty_name" text NOT NULL,
	"counterparty_account" text NOT NULL,
	"credited_account" text NOT NULL,
	"operation" text NOT NULL,
	"status" "bank_entry_status" NOT NULL,
	"match_method" "bank_match_method",
	"unit_id" bigint,
	"ledger_entry_id" bigint,
	"suggestions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "bank_entries_org_key" UNIQUE("organization_id","entry_key"),
	CONSTRAINT "bank_entries_amount" CHECK ("bank_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "bank_statements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_statements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"account" text NOT NULL,
	"number" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"content_hash" text NOT NULL,
	"opening_balance" bigint,
	"closing_balance" bigint,
	"entry_count" integer NOT NULL,
	"new_entry_count" integer NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statements_identity" UNIQUE("organization_id","account","number","period_from","period_to","content_hash")
);
--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_statement_id_bank_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."bank_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_entries_org_status" ON "bank_entries" USING btree ("organization_id","status","booking_date");--> statement-breakpoint
CREATE INDEX "bank_entries_statement" ON "bank_entries" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "bank_entries_org_payer" ON "bank_entries" USING btree ("organization_id","counterparty_account") WHERE unit_id is not null and counterparty_account <> '';