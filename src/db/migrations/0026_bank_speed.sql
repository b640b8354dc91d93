ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_org_id" UNIQUE("organization_id","id");--> statement-breakpoint
ALTER TABLE "bank_entries" DROP CONSTRAINT "bank_entries_organization_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "bank_entries" DROP CONSTRAINT "bank_entries_statement_id_bank_statements_id_fk";
--> statement-breakpoint
DROP INDEX "bank_entries_org_status";--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_statement_fk" FOREIGN KEY ("organization_id","statement_id") REFERENCES "public"."bank_statements"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_entries_org_waiting" ON "bank_entries" USING btree ("organization_id","booking_date") WHERE status in ('unmatched', 'ambiguous', 'conflict', 'debit');
