import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { queryRows } from '../../db/client.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0';
const chrome =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

describe('the visitor counter', () => {
  let t: TestApp;
  let organization: Organization;
  let now = new Date('2026-06-10T08:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db);
    await updateOrganizationSettings(t.database.db, organization.id, { visitorCountStart: 11536 });
  });
  afterAll(async () => {
    await t.close();
  });

  const visit = async (userAgent: string, ip = '203.0.113.7', url = '/') => {
    const response = await t.app.inject({
      url,
      remoteAddress: ip,
      headers: { 'user-agent': userAgent },
    });
    return /<p class="visitor-count">([^<]*)<\/p>/.exec(response.body)?.[1];
  };

  it('counts a visitor once a day, whatever pages they view', async () => {
    expect(await visit(firefox)).toBe('Odwiedziło nas: 11\u00a0537 internautów. Dziękujemy.');
    expect(await visit(firefox)).toBe('Odwiedziło nas: 11\u00a0537 internautów. Dziękujemy.');
    expect(await visit(firefox, '203.0.113.7', '/aktualnosci')).toBe(
      'Odwiedziło nas: 11\u00a0537 internautów. Dziękujemy.',
    );
    expect(await visit(chrome)).toBe('Odwiedziło nas: 11\u00a0538 internautów. Dziękujemy.');
    expect(await visit(firefox, '198.51.100.1')).toBe('Odwiedziło nas: 11\u00a0539 internautów. Dziękujemy.');
  });

  it('does not count bots, scripts, or requests without a user agent', async () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0)',
      'curl/8.5.0',
      'python-requests/2.31',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0 Safari/537.36',
      '',
    ]) {
      expect(await visit(ua, '192.0.2.50')).toBe('Odwiedziło nas: 11\u00a0539 internautów. Dziękujemy.');
    }
  });

  it('counts the same visitor again on a new day and forgets the old day entirely', async () => {
    const db = t.database.db;
    const before = await queryRows<{ salt: string }>(db, sql`select salt from visitor_salts`);
    expect(before).toHaveLength(1);
    now = new Date('2026-06-10T21:59:00Z'); // 23:59 in Warsaw: still the same day
    expect(await visit(firefox)).toBe('Odwiedziło nas: 11\u00a0539 internautów. Dziękujemy.');
    now = new Date('2026-06-10T22:01:00Z'); // 00:01 on 11 June in Warsaw
    expect(await visit(firefox)).toBe('Odwiedziło nas: 11\u00a0540 internautów. Dziękujemy.');
    await t.app.visitors.flush(db);
    const salts = await queryRows<{ day: string; salt: string }>(
      db,
      sql`select day::text as day, salt from visitor_salts`,
    );
    expect(salts).toEqual([{ day: '2026-06-11', salt: expect.any(String) }]);
    expect(salts[0]?.salt).not.toBe(before[0]?.salt);
    const days = await queryRows<{ day: string }>(db, sql`select distinct day::text as day from visitor_hashes`);
    expect(days).toEqual([{ day: '2026-06-11' }]);
    // Nothing stored is an address or a user agent.
    const hashes = await queryRows<{ hash: string }>(db, sql`select hash from visitor_hashes`);
    expect(hashes.every((h) => /^[A-Za-z0-9_-]{43}$/.test(h.hash))).toBe(true);
  });

  it('does not count files, feeds or a visit to another organization', async () => {
    const other = await makeOrganization(t.database.db, { hostname: 'inna.example.pl' });
    await t.app.inject({ url: '/', headers: { host: 'inna.example.pl', 'user-agent': chrome } });
    expect(await visit(chrome, '198.51.100.99', '/aktualnosci/feed.xml')).toBeUndefined();
    expect(await visit(firefox, '198.51.100.98', '/nie/ma/takiej')).toBe(
      'Odwiedziło nas: 11\u00a0540 internautów. Dziękujemy.',
    );
    await t.app.visitors.flush(t.database.db);
    const counts = await queryRows<{ organization_id: number; count: number }>(
      t.database.db,
      sql`select organization_id::int, count::int from visitor_counts order by organization_id`,
    );
    expect(counts).toEqual([
      { organization_id: organization.id, count: 4 },
      { organization_id: other.id, count: 1 },
    ]);
  });
});

describe('the visitor counter when the server stops', () => {
  it('writes the visitors it has counted before the database closes', async () => {
    const t = await createTestApp();
    try {
      const organization = await makeOrganization(t.database.db);
      await t.app.inject({ url: '/', remoteAddress: '203.0.113.9', headers: { 'user-agent': firefox } });
      await t.app.inject({ url: '/kontakt', remoteAddress: '203.0.113.10', headers: { 'user-agent': chrome } });
      await t.app.close();
      const after = await queryRows<{ count: number }>(
        t.database.db,
        sql`select count::int from visitor_counts where organization_id = ${organization.id}`,
      );
      expect(after).toEqual([{ count: 2 }]);
    } finally {
      await t.database.close();
    }
  });
});
