CREATE TABLE "backup_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "backup_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slot" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"host" text NOT NULL,
	"file_name" text,
	"bytes" bigint,
	"tables" integer,
	"rows" bigint,
	"migration" text,
	"seconds" real,
	"deleted_files" integer,
	"error" text,
	CONSTRAINT "backup_runs_slot_unique" UNIQUE("slot")
);
--> statement-breakpoint
CREATE INDEX "backup_runs_started" ON "backup_runs" USING btree ("started_at" DESC NULLS LAST);