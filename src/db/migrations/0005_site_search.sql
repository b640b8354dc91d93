-- Full-text search of the public site that ignores Polish diacritics both ways ("zolc" finds
-- "żółć" and back): the `simple` configuration (no stemming, which has no Polish dictionary in
-- stock PostgreSQL) with the `unaccent` dictionary in front of it. ts_headline with the same
-- configuration highlights the original, accented words.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'osiedle_simple') THEN
    CREATE TEXT SEARCH CONFIGURATION osiedle_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION osiedle_simple
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
  END IF;
END
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "news_items_search" ON "news_items" USING gin (
  to_tsvector('osiedle_simple'::regconfig, "title" || ' ' || "lead" || ' ' || "body")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "site_sections_search" ON "site_sections" USING gin (
  to_tsvector('osiedle_simple'::regconfig, "title" || ' ' || "body")
);
