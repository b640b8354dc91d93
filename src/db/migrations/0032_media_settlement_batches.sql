ALTER TABLE "settlement_runs" ADD COLUMN "batch_id" bigint;--> statement-breakpoint
CREATE INDEX "settlement_runs_org_batch" ON "settlement_runs" USING btree ("organization_id","batch_id");