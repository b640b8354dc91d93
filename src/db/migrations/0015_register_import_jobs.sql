CREATE TABLE "register_import_chunks" (
	"import_id" bigint NOT NULL,
	"organization_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "register_import_chunks_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
ALTER TABLE "register_imports" ALTER COLUMN "report" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "size" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "progress" jsonb;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "confirmed_by" bigint;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "confirmed_from" jsonb;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "register_imports" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "register_import_chunks" ADD CONSTRAINT "register_import_chunks_import_id_register_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."register_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_import_chunks" ADD CONSTRAINT "register_import_chunks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "register_imports_jobs" ON "register_imports" USING btree ("locked_until") WHERE "register_imports"."status" in ('checking', 'applying');--> statement-breakpoint
-- Files waiting for their confirmation keep waiting: their bytes move to one chunk each.
UPDATE "register_imports" SET "size" = coalesce(length("bytes"), 0);--> statement-breakpoint
INSERT INTO "register_import_chunks" ("import_id", "organization_id", "seq", "data")
  SELECT "id", "organization_id", 0, "bytes" FROM "register_imports" WHERE "bytes" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "register_imports" DROP COLUMN "bytes";