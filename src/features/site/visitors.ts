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

/** The menu of the page shell: the top-level sections in their order, in one small statement. */
async function readMenuSections(db: Db, { organizationId }: { organizationId: number }): Promise<MenuSection[]> {
  const rows = await queryRows<{ menu: MenuSection[] | string }>(
    db,
    sql`select coalesce(json_agg(json_build_object('kind', kind, 'slug', slug, 'title', title, 'hidden', hidden) order by position, id), '[]'::json) as menu
      from site_sections where organization_id = ${organizationId} and parent_id is null`,
  );
  const row = rows[0];
  return typeof row?.menu === 'string' ? (JSON.parse(row.menu) as MenuSection[]) : (row?.menu ?? []);
}

/**
 * The menus of the page shell kept per organization and site generation (site/generation.ts:
 * every change of a section moves it on in the same transaction), so a page of the e-BOK or the
 * panel reads no menu while the site stays as it is. One menu per organization: a new generation
 * replaces it, and concurrent requests share one read.
 */
export class SiteMenuCache {
  private menus = new Map<number, { generation: number; sections: Promise<MenuSection[]> }>();

  async chrome(
    db: Db,
    {
      organizationId,
      generation,
      visitors,
    }: { organizationId: number; generation: number; visitors: number | undefined },
  ): Promise<SiteChrome> {
    let known = this.menus.get(organizationId);
    if (!known || known.generation !== generation) {
      known = { generation, sections: readMenuSections(db, { organizationId }) };
      this.menus.set(organizationId, known);
      // A failed read is not kept: the next request asks again.
      const entry = known;
      entry.sections.catch(() => {
        if (this.menus.get(organizationId) === entry) this.menus.delete(organizationId);
      });
    }
    return buildChrome(await known.sections, visitors);
  }

  /** Organizations with a menu kept (tests). */
  get size(): number {
    return this.menus.size;
  }
}

interface PendingVisitor {
  organizationId: number;
  day: string;
  hash: string;
}

/**
 * The visitor counter out of the request path. Each process notes the day's new visitor hashes
 * in memory and writes them in one statement every few seconds (and when it stops); the database
 * keeps the hashes, so a visitor seen by two processes is still counted once. The count shown is
 * the database's (re-read after each flush) plus what this process has not written yet. At most
 * one flush interval of counts is lost if the process dies without stopping.
 */
export class VisitorTally {
  private day: string | undefined;
  /** Hashes of `day` this process has seen (written or not), so a visitor is noted once. */
  private seen = new Set<string>();
  private pending: PendingVisitor[] = [];
  /** Per organization: the database's count when last read, and the visitors noted since. */
  private counts = new Map<number, { stored: number | undefined; unsaved: number }>();
  private flushing: Promise<void> | undefined;
  /** Moves on with every flush: a count read before it is not kept after it. */
  private epoch = 0;

  /** Notes a page view; a new visitor of the day adds one to the count shown at once. */
  async note(db: Db, { organizationId, visit }: { organizationId: number; visit: Visit }): Promise<void> {
    if (isBot(visit.userAgent)) return;
    if (this.day !== visit.day) {
      // A new day: yesterday's hashes go to the database before its salt and hashes are forgotten.
      await this.flush(db);
      const salt = await saltOfDay(db, { day: visit.day });
      if (this.day !== visit.day) {
        this.day = visit.day;
        this.seen.clear();
      }
      return this.noteHash(organizationId, visit, salt);
    }
    return this.noteHash(organizationId, visit, await saltOfDay(db, { day: visit.day }));
  }

  private noteHash(organizationId: number, visit: Visit, salt: string): void {
    const hash = visitorHash({ salt, organizationId, ip: visit.ip, userAgent: visit.userAgent ?? '' });
    const key = `${organizationId}:${hash}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.pending.push({ organizationId, day: visit.day, hash });
    const count = this.counts.get(organizationId) ?? { stored: undefined, unsaved: 0 };
    count.unsaved++;
    this.counts.set(organizationId, count);
  }

  /** Unique visitors of the organization so far (without its starting value). */
  async count(db: Db, { organizationId }: { organizationId: number }): Promise<number> {
    let count = this.counts.get(organizationId);
    if (count?.stored === undefined) {
      const epoch = this.epoch;
      const rows = await queryRows<{ count: number | string }>(
        db,
        sql`select count from visitor_counts where organization_id = ${organizationId}`,
      );
      const stored = Number(rows[0]?.count ?? 0);
      count = this.counts.get(organizationId) ?? { stored: undefined, unsaved: 0 };
      if (epoch === this.epoch) count.stored = stored;
      this.counts.set(organizationId, count);
      return stored + count.unsaved;
    }
    return count.stored + count.unsaved;
  }

  /**
   * Writes the visitors noted so far in one statement: hashes already stored (by another process)
   * add nothing. Afterwards every organization's count is read again, so other processes'
   * visitors show too. On failure the visitors stay noted for the next attempt.
   */
  flush(db: Db): Promise<void> {
    const run = (this.flushing ?? Promise.resolve()).then(() => this.flushNow(db));
    // The next flush waits for this one whatever its outcome; only the caller hears of a failure
    // (a kept rejected promise would be an unhandled rejection).
    const settled: Promise<void> = run.then(
      () => undefined,
      () => undefined,
    );
    this.flushing = settled;
    void settled.then(() => {
      if (this.flushing === settled) this.flushing = undefined;
    });
    return run;
  }

  private async flushNow(db: Db): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      try {
        await db.execute(
          sql`with incoming as (
                select * from json_to_recordset(${JSON.stringify(batch.map((v) => ({ o: v.organizationId, d: v.day, h: v.hash })))}::json)
                  as x(o bigint, d date, h text)
              ), new_visitors as (
                insert into visitor_hashes (organization_id, day, hash) select o, d, h from incoming
                on conflict do nothing returning organization_id
              ), added as (
                select organization_id, count(*) as n from new_visitors group by organization_id
              )
              insert into visitor_counts (organization_id, count) select organization_id, n from added
              on conflict (organization_id) do update set count = visitor_counts.count + excluded.count`,
        );
      } catch (error) {
        this.pending = batch.concat(this.pending);
        throw error;
      }
      for (const visitor of batch) {
        const count = this.counts.get(visitor.organizationId);
        if (count) count.unsaved--;
      }
      // Hashes of a past day written now are forgotten with that day.
      const today = this.day;
      if (today && batch.some((v) => v.day < today)) await forgetPastVisitors(db, { today });
    }
    this.epoch++;
    for (const count of this.counts.values()) count.stored = undefined;
  }
}
