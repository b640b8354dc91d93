import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { VisitorCount } from './layout.tsx';

/**
 * Rendered public pages kept per organization and address, for visitors who are not signed in.
 * A stored page is served while the organization's site generation is the one it was rendered at
 * (the database moves it on in the transaction of every change the site shows), no scheduled change
 * (a news item's publication time, a tender's deadline) has come since, and the organization
 * record is the one it was drawn with. The visitor count in the footer is put in at sending time.
 * Responses carry an ETag (the page and the count) so browsers and proxies revalidate with 304.
 */

/** What a page of the site depends on, as the site feature reads it (site/generation.ts). */
export interface Freshness {
  generation: number;
  changedAt: Date;
  nextChange: Date | undefined;
}

interface StoredPage {
  organization: object;
  generation: number;
  /** The page with its visitor count cut out (head + count + tail), or the whole body (tail empty). */
  head: string;
  tail: string;
  hasCount: boolean;
  contentType: string;
  cacheControl: string;
  hash: string;
  validUntil: number | undefined;
  lastModified: Date;
  bytes: number;
}

/** What the request brings to the cache: filled in before the route, completed when it is sent. */
export interface CacheSlot {
  key: string;
  organization: object;
  freshness: Freshness;
  /** The visitor count the page is drawn with (undefined: not a page with a footer). */
  count: number | undefined;
  hit: boolean;
}

const countPattern = /<p class="visitor-count">[^<]*<\/p>/;
/** Public HTML: any cache may keep it but must ask us (cheaply, with the ETag) before using it. */
const pageCacheControl = 'public, no-cache';

export interface PageCacheOptions {
  /** Most pages kept (all organizations); the oldest used goes first. */
  maxEntries?: number;
  /** Most bytes kept. */
  maxBytes?: number;
  /** How long a process trusts the generation it read before asking the database again. */
  freshnessMs?: number;
}

export class PageCache {
  private pages = new Map<string, StoredPage>();
  private bytes = 0;
  private freshness = new Map<number, { value: Freshness; until: number; pending?: Promise<Freshness> }>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly freshnessMs: number;

  constructor(options: PageCacheOptions = {}) {
    // A cooperative's site is a few hundred pages of 10–30 kB: 16 MB holds all of them many times
    // over, and caps what a crawler asking for endless addresses can make a process keep.
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
    this.freshnessMs = options.freshnessMs ?? 1000;
  }

  /**
   * The organization's freshness: read at most once per `freshnessMs` per process (concurrent
   * requests share one read), and again at once when a scheduled change has come.
   */
  async freshnessOf(organizationId: number, now: Date, read: () => Promise<Freshness>): Promise<Freshness> {
    const known = this.freshness.get(organizationId);
    const scheduledPassed = known?.value.nextChange !== undefined && now >= known.value.nextChange;
    if (known && !scheduledPassed && performance.now() < known.until) return known.value;
    if (known?.pending) return known.pending;
    const pending = read();
    const entry = known ?? { value: { generation: -1, changedAt: new Date(0), nextChange: undefined }, until: 0 };
    entry.pending = pending;
    this.freshness.set(organizationId, entry);
    try {
      entry.value = await pending;
      entry.until = performance.now() + this.freshnessMs;
      return entry.value;
    } finally {
      entry.pending = undefined;
    }
  }

  /** Forgets what this process knows of an organization's generation (after a change made here). */
  forgetFreshness(organizationId: number): void {
    this.freshness.delete(organizationId);
  }

  /** Serves the stored page for the slot if it is current; returns whether it did. */
  serve(request: FastifyRequest, reply: FastifyReply, slot: CacheSlot, now: Date): boolean {
    const page = this.pages.get(slot.key);
    if (!page) return false;
    const current =
      page.generation === slot.freshness.generation &&
      page.organization === slot.organization &&
      (page.validUntil === undefined || now.getTime() < page.validUntil);
    if (!current) {
      this.remove(slot.key, page);
      return false;
    }
    // Most recently used last: the first in the map is the first to go.
    this.pages.delete(slot.key);
    this.pages.set(slot.key, page);
    slot.hit = true;
    const count = page.hasCount ? slot.count : undefined;
    const etag = etagOf(page.hash, count);
    reply
      .header('etag', etag)
      .header('last-modified', page.lastModified.toUTCString())
      .header('cache-control', page.cacheControl)
      .type(page.contentType);
    if (notModified(request, etag, page.hasCount ? undefined : page.lastModified)) {
      reply.code(304).send();
      return true;
    }
    const body = page.hasCount && count !== undefined ? page.head + countHtml(count) + page.tail : page.head;
    reply.code(200).send(body);
    return true;
  }

  /**
   * Called as a rendered response is sent: a 200 without cookies for a visitor who is not signed
   * in is stored; the response gets its ETag and caching headers (304 if the client has it).
   */
  store(request: FastifyRequest, reply: FastifyReply, slot: CacheSlot, payload: unknown, now: Date): unknown {
    if (slot.hit || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (request.account || reply.hasHeader('set-cookie')) return payload;
    const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
    const isHtml = contentType.startsWith('text/html');
    const match = isHtml && slot.count !== undefined ? countPattern.exec(payload) : null;
    const head = match ? payload.slice(0, match.index) : payload;
    const tail = match ? payload.slice(match.index + match[0].length) : '';
    const hash = createHash('sha256').update(head).update('\u0000').update(tail).digest('base64url').slice(0, 22);
    const changedAt = slot.freshness.changedAt;
    const lastModified = new Date(Math.floor(Math.max(changedAt.getTime(), 0) / 1000) * 1000);
    const cacheControl = String(reply.getHeader('cache-control') ?? (isHtml ? pageCacheControl : 'public, no-cache'));
    const page: StoredPage = {
      organization: slot.organization,
      generation: slot.freshness.generation,
      head,
      tail,
      hasCount: match !== null,
      contentType,
      cacheControl,
      hash,
      validUntil: slot.freshness.nextChange?.getTime(),
      lastModified: lastModified.getTime() > 0 ? lastModified : new Date(Math.floor(now.getTime() / 1000) * 1000),
      bytes: payload.length * 2,
    };
    const old = this.pages.get(slot.key);
    if (old) this.remove(slot.key, old);
    this.pages.set(slot.key, page);
    this.bytes += page.bytes;
    this.evict();
    const etag = etagOf(hash, page.hasCount ? slot.count : undefined);
    reply.header('etag', etag).header('last-modified', page.lastModified.toUTCString());
    reply.header('cache-control', cacheControl);
    if (notModified(request, etag, undefined)) {
      reply.code(304);
      return '';
    }
    return payload;
  }

  /** How many pages are stored (tests). */
  get size(): number {
    return this.pages.size;
  }

  private remove(key: string, page: StoredPage): void {
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }

  private evict(): void {
    for (const [key, page] of this.pages) {
      if (this.pages.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(key, page);
    }
  }
}

function etagOf(hash: string, count: number | undefined): string {
  return count === undefined ? `"${hash}"` : `"${hash}-${count}"`;
}

function countHtml(count: number): string {
  return renderToString(h(VisitorCount, { count }));
}

/** Whether the client's copy is current: If-None-Match wins; If-Modified-Since only where given. */
function notModified(request: FastifyRequest, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === etag || tag === '*');
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince && lastModified) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  return false;
}
