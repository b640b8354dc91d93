CREATE TABLE "bank_import_files" (
	"import_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "bank_import_files_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "bank_imports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"actor_label" text NOT NULL,
	"origin" jsonb,
	"encoding" text,
	"files" jsonb NOT NULL,
	"status" text NOT NULL,
	"progress" jsonb,
	"reports" jsonb,
	"locked_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_entries" DROP CONSTRAINT "bank_entries_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "bank_entries" DROP CONSTRAINT "bank_entries_ledger_entry_id_ledger_entries_id_fk";
--> statement-breakpoint
ALTER TABLE "bank_entries" DROP CONSTRAINT "bank_entries_statement_fk";
--> statement-breakpoint
ALTER TABLE "bank_import_files" ADD CONSTRAINT "bank_import_files_import_id_bank_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."bank_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_imports" ADD CONSTRAINT "bank_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_imports_org_created" ON "bank_imports" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "bank_imports_jobs" ON "bank_imports" USING btree ("locked_until") WHERE "bank_imports"."status" in ('queued', 'running');--> statement-breakpoint
-- hand-written
-- What the three foreign keys checked row by row (a query per row and key: four fifths of the
-- time to write a 100,000-entry statement's entries) is checked here once per statement of the
-- database, set-wise, and more strictly: the statement, the unit and the ledger entry must be of
-- the entry's own organization. Statements are never deleted and the ledger is append-only, so
-- nothing an entry names can go away afterwards.
CREATE FUNCTION bank_entries_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.entry_key, n.statement_id INTO bad FROM bank_entries_new n
    WHERE NOT EXISTS (SELECT 1 FROM bank_statements s WHERE s.id = n.statement_id AND s.organization_id = n.organization_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bank entry % names statement %, not one of its organization', bad.entry_key, bad.statement_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n.entry_key, n.unit_id INTO bad FROM bank_entries_new n
    WHERE n.unit_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id AND u.organization_id = n.organization_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bank entry % names unit %, not one of its organization', bad.entry_key, bad.unit_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n.entry_key, n.ledger_entry_id INTO bad FROM bank_entries_new n
    WHERE n.ledger_entry_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.id = n.ledger_entry_id AND l.organization_id = n.organization_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bank entry % names ledger entry %, not one of its organization', bad.entry_key, bad.ledger_entry_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bank_entries_references_on_insert
  AFTER INSERT ON bank_entries
  REFERENCING NEW TABLE AS bank_entries_new
  FOR EACH STATEMENT EXECUTE FUNCTION bank_entries_check_references();
--> statement-breakpoint
CREATE TRIGGER bank_entries_references_on_update
  AFTER UPDATE ON bank_entries
  REFERENCING NEW TABLE AS bank_entries_new
  FOR EACH STATEMENT EXECUTE FUNCTION bank_entries_check_references();
