CREATE TABLE "debt_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "debt_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_label" text NOT NULL,
	"period_from" date,
	"level" integer NOT NULL,
	"stage_name" text NOT NULL,
	"debt_entry_id" bigint NOT NULL,
	"as_of" date NOT NULL,
	"pay_by" date NOT NULL,
	"principal" bigint NOT NULL,
	"interest" bigint NOT NULL,
	"total" bigint NOT NULL,
	"letter_id" bigint NOT NULL,
	"delivery_id" bigint,
	"channel" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text DEFAULT '' NOT NULL,
	CONSTRAINT "debt_reminders_once" UNIQUE("organization_id","unit_id","person_id","debt_entry_id","level")
);
--> statement-breakpoint
CREATE TABLE "reminder_stages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminder_stages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"min_overdue" bigint NOT NULL,
	"min_days_overdue" integer NOT NULL,
	"pay_within_days" integer NOT NULL,
	"subject" text NOT NULL,
	"body_markdown" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_stages_level" UNIQUE("organization_id","level"),
	CONSTRAINT "reminder_stages_level_positive" CHECK ("reminder_stages"."level" >= 1),
	CONSTRAINT "reminder_stages_amount" CHECK ("reminder_stages"."min_overdue" >= 0),
	CONSTRAINT "reminder_stages_days" CHECK ("reminder_stages"."min_days_overdue" >= 0 and "reminder_stages"."pay_within_days" >= 1)
);
--> statement-breakpoint
ALTER TABLE "debt_reminders" ADD CONSTRAINT "debt_reminders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_reminders" ADD CONSTRAINT "debt_reminders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_reminders" ADD CONSTRAINT "debt_reminders_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_reminders" ADD CONSTRAINT "debt_reminders_letter_id_correspondence_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."correspondence_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_stages" ADD CONSTRAINT "reminder_stages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debt_reminders_unit" ON "debt_reminders" USING btree ("organization_id","unit_id","created_at");--> statement-breakpoint
CREATE INDEX "debt_reminders_person" ON "debt_reminders" USING btree ("organization_id","person_id","created_at");--> statement-breakpoint
-- hand-written
-- The debt's allocation reads a chronic debtor's months as sums (debt-inputs.ts, lumpCuts): an
-- index-only scan of the unit's entries instead of a visit to every row's page.
CREATE INDEX "ledger_entries_unit_value_cover" ON "ledger_entries" USING btree ("unit_id","value_date","id") INCLUDE ("organization_id","amount","due_date","kind");
