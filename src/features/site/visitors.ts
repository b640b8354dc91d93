import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { buildChrome, type MenuSection, type SiteChrome } from './menu.ts';

/**
 * Visitor counter without cookies or personal data: a visitor is the hash of (today's random
 * salt, organization, IP address, user agent). The salt lives in the database for one day and is
 * deleted with that day's hashes, after which no hash can be linked to an address again.
 */

/** User agents of crawlers, link previewers, monitors and scripts; an empty one counts as a bot too. */
const botPattern =
  /bot\b|bot\/|crawl|spider|slurp|mediapartners|facebookexternalhit|embedly|preview|headless|phantomjs|lighthouse|pingdom|uptime|monitor|check_http|curl\/|wget\/|python|httpx|aiohttp|java\/|okhttp|go-http-client|node-fetch|undici|axios|libwww|scrapy|feedfetcher|feed|rss|archiver|validator/i;

export function isBot(userAgent: string | undefined): boolean {
  const ua = userAgent?.trim() ?? '';
  return ua.length < 10 || botPattern.test(ua);
}

/** The day's visitor hash; the same visitor on the same day (same salt) always gets the same one. */
export function visitorHash({
  salt,
  organizationId,
  ip,
  userAgent,
}: {
  salt: string;
  organizationId: number;
  ip: string;
  userAgent: string;
}): string {
  return createHash('sha256').update(`${salt}\u0000${organizationId}\u0000${ip}\u0000${userAgent}`).digest('base64url');
}

/** Salt cache of this process: the database row is the truth, shared by every process. */
let cachedSalt: { day: string; salt: string } | undefined;

/**
 * Deletes the salts and visitor hashes of the days before `today`: once a day's salt is gone, no
 * hash of that day can be linked to an address again. The maintenance job runs it as each day
 * ends; the day's first visit too, in case no job ran. Returns how many salts went.
 */
export async function forgetPastVisitors(db: Db, { today }: { today: string }): Promise<number> {
  await db.execute(sql`delete from visitor_hashes where day < ${today}`);
  const salts = await queryRows(db, sql`delete from visitor_salts where day < ${today} returning day`);
  return salts.length;
}

/**
 * Today's salt: the first process to ask creates it; past days' salts and hashes are deleted at
 * the same moment, so nothing from a past day remains.
 */
export async function saltOfDay(db: Db, { day }: { day: string }): Promise<string> {
  if (cachedSalt?.day === day) return cachedSalt.salt;
  await db.execute(
    sql`insert into visitor_salts (day, salt) values (${day}, ${randomBytes(32).toString('base64url')}) on conflict (day) do nothing`,
  );
  await forgetPastVisitors(db, { today: day });
  const rows = await queryRows<{ salt: string }>(db, sql`select salt from visitor_salts where day = ${day}`);
  const salt = rows[0]?.salt;
  if (!salt) throw new Error(`no visitor salt for ${day}`);
  cachedSalt = { day, salt };
  return salt;
}

/** Forgets the cached salt (tests that move the clock back). */
export function forgetCachedSalt(): void {
  cachedSalt = undefined;
}

export interface Visit {
  day: string;
  ip: string;
  userAgent: string | undefined;
}

/**
 * Everything the page shell needs in one round trip: the top-level sections for the menu and the
 * visitor count. With a `visit` (a public page view by a person) the visit is counted in the same
 * statement: a new hash for today adds one, a known one adds nothing.
 */
export async function loadSiteChrome(
  db: Db,
  {
    organizationId,
    visitorCountStart,
    visit,
  }: { organizationId: number; visitorCountStart: number; visit?: Visit | undefined },
): Promise<SiteChrome> {
  const menuSql = sql`(select coalesce(json_agg(json_build_object('kind', kind, 'slug', slug, 'title', title, 'hidden', hidden) order by position, id), '[]'::json)
      from site_sections where organization_id = ${organizationId} and parent_id is null)`;
  let rows: { menu: MenuSection[] | string; visitors: number | string | null }[];
  if (visit && !isBot(visit.userAgent)) {
    const salt = await saltOfDay(db, { day: visit.day });
    const hash = visitorHash({ salt, organizationId, ip: visit.ip, userAgent: visit.userAgent ?? '' });
    rows = await queryRows(
      db,
      sql`with new_visitor as (
            insert into visitor_hashes (organization_id, day, hash) values (${organizationId}, ${visit.day}, ${hash})
            on conflict do nothing returning 1
          ), counted as (
            insert into visitor_counts (organization_id, count) select ${organizationId}, 1 from new_visitor
            on conflict (organization_id) do update set count = visitor_counts.count + 1
            returning count
          )
          select ${menuSql} as menu,
            coalesce((select count from counted), (select count from visitor_counts where organization_id = ${organizationId}), 0) as visitors`,
    );
  } else {
    rows = await queryRows(
      db,
      sql`select ${menuSql} as menu,
            coalesce((select count from visitor_counts where organization_id = ${organizationId}), 0) as visitors`,
    );
  }
  const row = rows[0];
  const menu = typeof row?.menu === 'string' ? (JSON.parse(row.menu) as MenuSection[]) : (row?.menu ?? []);
  return buildChrome(menu, visitorCountStart + Number(row?.visitors ?? 0));
}
