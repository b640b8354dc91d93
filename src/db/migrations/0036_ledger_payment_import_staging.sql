CREATE TABLE "ledger_payment_import_rows" (
	"import_id" text NOT NULL,
	"organization_id" bigint NOT NULL,
	"piece" integer NOT NULL,
	"line" integer NOT NULL,
	"unit_id" bigint NOT NULL,
	"value_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"reference" text NOT NULL,
	"staged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ledger_payment_import_rows_piece" ON "ledger_payment_import_rows" USING btree ("import_id","piece");