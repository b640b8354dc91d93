CREATE TABLE "site_generations" (
	"organization_id" bigint PRIMARY KEY NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "site_generations" ADD CONSTRAINT "site_generations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: every change to what the public site shows moves the organization's generation
-- on, in the change's own transaction (the page cache of every process compares it).
CREATE FUNCTION bump_site_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org bigint;
BEGIN
  IF TG_TABLE_NAME = 'site_files' THEN
    -- Private files (letters' attachments, scans) are never on the site.
    IF TG_OP = 'INSERT' THEN
      IF NEW.private THEN RETURN NULL; END IF;
    ELSIF TG_OP = 'DELETE' THEN
      IF OLD.private THEN RETURN NULL; END IF;
    ELSIF OLD.private AND NEW.private THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_TABLE_NAME = 'organizations' THEN
    org := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    org := OLD.organization_id;
  ELSE
    org := NEW.organization_id;
  END IF;
  INSERT INTO site_generations (organization_id, generation, changed_at) VALUES (org, 1, now())
  ON CONFLICT (organization_id) DO UPDATE SET generation = site_generations.generation + 1, changed_at = now();
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER news_items_site_generation AFTER INSERT OR UPDATE OR DELETE ON news_items
  FOR EACH ROW EXECUTE FUNCTION bump_site_generation();
--> statement-breakpoint
CREATE TRIGGER site_sections_site_generation AFTER INSERT OR UPDATE OR DELETE ON site_sections
  FOR EACH ROW EXECUTE FUNCTION bump_site_generation();
--> statement-breakpoint
CREATE TRIGGER tenders_site_generation AFTER INSERT OR UPDATE OR DELETE ON tenders
  FOR EACH ROW EXECUTE FUNCTION bump_site_generation();
--> statement-breakpoint
CREATE TRIGGER gazette_issues_site_generation AFTER INSERT OR UPDATE OR DELETE ON gazette_issues
  FOR EACH ROW EXECUTE FUNCTION bump_site_generation();
--> statement-breakpoint
CREATE TRIGGER site_files_site_generation AFTER INSERT OR UPDATE OR DELETE ON site_files
  FOR EACH ROW EXECUTE FUNCTION bump_site_generation();
--> statement-breakpoint
CREATE TRIGGER organizations_site_generation AFTER UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION bump_site_generation();
