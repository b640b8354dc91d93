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
