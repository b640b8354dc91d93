import { describe, expect, it } from 'vitest';
import { type Freshness, PageCache } from './page-cache.ts';

describe('the page cache freshness', () => {
  const fresh = (generation: number, nextChange?: Date): Freshness => ({
    generation,
    changedAt: new Date('2026-03-01T00:00:00Z'),
    nextChange,
  });

  it('asks the database once per interval, sharing one read between concurrent requests', async () => {
    const cache = new PageCache({ freshnessMs: 60_000 });
    let reads = 0;
    const read = async () => fresh(++reads);
    const now = new Date('2026-03-10T10:00:00Z');
    const [a, b] = await Promise.all([cache.freshnessOf(1, now, read), cache.freshnessOf(1, now, read)]);
    expect([a.generation, b.generation, reads]).toEqual([1, 1, 1]);
    expect((await cache.freshnessOf(1, now, read)).generation).toBe(1);
    // Another organization is read on its own.
    expect((await cache.freshnessOf(2, now, read)).generation).toBe(2);
    // A change made in this process: asked again at once.
    cache.forgetFreshness(1);
    expect((await cache.freshnessOf(1, now, read)).generation).toBe(3);
  });

  it('asks again as soon as a scheduled change has come', async () => {
    const cache = new PageCache({ freshnessMs: 60_000 });
    let reads = 0;
    const at = new Date('2026-03-10T11:00:00Z');
    const read = async () => fresh(++reads, at);
    await cache.freshnessOf(1, new Date('2026-03-10T10:00:00Z'), read);
    await cache.freshnessOf(1, new Date('2026-03-10T10:59:59Z'), read);
    expect(reads).toBe(1);
    await cache.freshnessOf(1, at, read);
    expect(reads).toBe(2);
  });

  it('asks on every request with an interval of 0', async () => {
    const cache = new PageCache({ freshnessMs: 0 });
    let reads = 0;
    const read = async () => fresh(++reads);
    const now = new Date();
    await cache.freshnessOf(1, now, read);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await cache.freshnessOf(1, now, read);
    expect(reads).toBe(2);
  });
});

describe('the page cache bounds', () => {
  const freshness: Freshness = { generation: 1, changedAt: new Date('2026-03-01T00:00:00Z'), nextChange: undefined };
  const organization = {};
  const now = new Date('2026-03-10T10:00:00Z');

  /** Just what `store` and `serve` use of Fastify's request and reply. */
  function exchange() {
    const headers = new Map<string, string>([['content-type', 'text/html; charset=utf-8']]);
    const reply = {
      statusCode: 200,
      sent: undefined as unknown,
      getHeader: (name: string) => headers.get(name),
      hasHeader: (name: string) => headers.has(name),
      header(name: string, value: string) {
        headers.set(name, value);
        return reply;
      },
      type(value: string) {
        headers.set('content-type', value);
        return reply;
      },
      code(status: number) {
        reply.statusCode = status;
        return reply;
      },
      send(body?: unknown) {
        reply.sent = body;
        return reply;
      },
    };
    const request = { headers: {}, account: undefined };
    return { request: request as never, reply: reply as never, sent: () => reply.sent };
  }

  const slot = (key: string) => ({ key, organization, freshness, count: undefined, hit: false });

  function put(cache: PageCache, key: string, body: string): void {
    const { request, reply } = exchange();
    cache.store(request, reply, slot(key), body, now);
  }

  function has(cache: PageCache, key: string): boolean {
    const { request, reply } = exchange();
    return cache.serve(request, reply, slot(key), now);
  }

  it('keeps at most maxEntries pages, dropping the least recently used first', () => {
    const cache = new PageCache({ maxEntries: 2 });
    put(cache, '/a', '<p>a</p>');
    put(cache, '/b', '<p>b</p>');
    expect(has(cache, '/a')).toBe(true); // /a is now the most recently used
    put(cache, '/c', '<p>c</p>');
    expect(cache.size).toBe(2);
    expect(has(cache, '/b')).toBe(false);
    expect(has(cache, '/a')).toBe(true);
    expect(has(cache, '/c')).toBe(true);
  });

  it('keeps at most maxBytes, and serves what it kept unchanged', () => {
    // Each page of 1,000 characters counts 2,000 bytes: three fit in 7,000, a fourth pushes one out.
    const cache = new PageCache({ maxBytes: 7000 });
    for (const key of ['/1', '/2', '/3']) put(cache, key, key.padEnd(1000, '.'));
    expect(cache.size).toBe(3);
    put(cache, '/4', '/4'.padEnd(1000, '.'));
    expect(cache.size).toBe(3);
    expect(has(cache, '/1')).toBe(false);
    const { request, reply, sent } = exchange();
    expect(cache.serve(request, reply, slot('/4'), now)).toBe(true);
    expect(sent()).toBe('/4'.padEnd(1000, '.'));
  });

  it('stores nothing larger than it may hold', () => {
    const cache = new PageCache({ maxBytes: 1000 });
    put(cache, '/big', 'x'.repeat(1000));
    expect(cache.size).toBe(0);
  });
});
