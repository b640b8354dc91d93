import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

export interface SearchHit {
  kind: 'news' | 'page' | 'tender' | 'gazette';
  title: string;
  href: string;
  /** Text around the matches; the matched words are between \u0001 and \u0002 (rendered as <mark>). */
  snippet: string;
  date: Date | null;
}

/** Start and stop markers of matches in snippets: control characters no content contains. */
export const MARK_START = '\u0001';
export const MARK_STOP = '\u0002';

/**
 * The words of a query as a prefix tsquery (`remont:* & dach:*`), so "remont" also finds
 * "remontu"; only letters and digits pass, so the text cannot inject tsquery syntax.
 */
export function toPrefixQuery(text: string): string | undefined {
  const words = (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  if (words.length === 0) return undefined;
  return words.map((w) => `${w.toLowerCase()}:*`).join(' & ');
}

/**
 * Full-text search over published news, visible pages, tenders (title, description, result) and
 * gazette issues (title); diacritics ignored both ways (configuration `osiedle_simple`, migration
 * 0005). Tenders and issues link to their place on the visible section of their kind, and are
 * not found while there is none. Best matches first.
 */
export async function searchSite(
  db: Db,
  { organizationId, query, now, limit = 30 }: { organizationId: number; query: string; now: Date; limit?: number },
): Promise<SearchHit[]> {
  const tsquery = toPrefixQuery(query);
  if (!tsquery) return [];
  const options = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const rows = await queryRows<{
    kind: SearchHit['kind'];
    title: string;
    href: string;
    snippet: string;
    date: Date | string | null;
  }>(
    db,
    sql`with q as (select to_tsquery('osiedle_simple', ${tsquery}) as query),
      -- The page that lists the tenders, and the one that lists the gazette's issues.
      listing as (
        select distinct on (s.kind) s.kind,
          case when p.id is null then '/' || s.slug else '/' || p.slug || '/' || s.slug end as path
        from site_sections s left join site_sections p on p.id = s.parent_id
        where s.organization_id = ${organizationId} and s.kind in ('tenders', 'gazette')
          and not s.hidden and (p.id is null or not p.hidden)
        order by s.kind, p.position nulls first, s.position, s.id
      )
      select * from (
        select 'news' as kind, n.title, '/aktualnosci/' || n.slug as href,
          ts_headline('osiedle_simple', n.lead || ' ' || n.body, q.query, ${options}) as snippet,
          n.published_at as date,
          ts_rank(to_tsvector('osiedle_simple'::regconfig, n.title || ' ' || n.lead || ' ' || n.body), q.query) as rank
        from news_items n, q
        where n.organization_id = ${organizationId} and n.published_at is not null and n.published_at <= ${now}
          and to_tsvector('osiedle_simple'::regconfig, n.title || ' ' || n.lead || ' ' || n.body) @@ q.query
        union all
        select 'page' as kind, s.title, case when p.id is null then '/' || s.slug else '/' || p.slug || '/' || s.slug end as href,
          ts_headline('osiedle_simple', s.body, q.query, ${options}) as snippet,
          null as date,
          ts_rank(to_tsvector('osiedle_simple'::regconfig, s.title || ' ' || s.body), q.query) * 1.5 as rank
        from site_sections s left join site_sections p on p.id = s.parent_id, q
        where s.organization_id = ${organizationId} and not s.hidden and (p.id is null or not p.hidden)
          and s.kind not in ('news', 'ebok')
          and to_tsvector('osiedle_simple'::regconfig, s.title || ' ' || s.body) @@ q.query
        union all
        select 'tender' as kind, t.title, l.path || '#przetarg-' || t.id as href,
          ts_headline('osiedle_simple', t.description || ' ' || coalesce(t.result, ''), q.query, ${options}) as snippet,
          t.deadline as date,
          ts_rank(to_tsvector('osiedle_simple'::regconfig, t.title || ' ' || t.description || ' ' || coalesce(t.result, '')), q.query) as rank
        from tenders t join listing l on l.kind = 'tenders', q
        where t.organization_id = ${organizationId} and not t.hidden
          and to_tsvector('osiedle_simple'::regconfig, t.title || ' ' || t.description || ' ' || coalesce(t.result, '')) @@ q.query
        union all
        select 'gazette' as kind, g.title, l.path || '#wydanie-' || g.id as href,
          ts_headline('osiedle_simple', g.title, q.query, ${options}) as snippet,
          (g.issue_date + time '12:00') at time zone 'Europe/Warsaw' as date,
          ts_rank(to_tsvector('osiedle_simple'::regconfig, g.title), q.query) as rank
        from gazette_issues g join listing l on l.kind = 'gazette', q
        where g.organization_id = ${organizationId}
          and to_tsvector('osiedle_simple'::regconfig, g.title) @@ q.query
      ) hits
      order by rank desc, date desc nulls last
      limit ${limit}`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    title: r.title,
    href: r.href,
    snippet: stripMarkdown(r.snippet),
    date: r.date === null ? null : new Date(r.date),
  }));
}

/** Snippets come from Markdown sources: drop the markup characters a reader should not see. */
function stripMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/-{3,}|[*_`#>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
