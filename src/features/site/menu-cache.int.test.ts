import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { readSiteFreshness } from './generation.ts';
import { SiteMenuCache } from './visitors.ts';

describe('the menus kept for the page shell', () => {
  let database: Database;
  let org: number;
  let other: number;

  const addSection = (organizationId: number, slug: string, title: string) =>
    database.db.execute(
      sql`insert into site_sections (organization_id, slug, title, position) values (${organizationId}, ${slug}, ${title}, 1)`,
    );
  const generationOf = async (organizationId: number) =>
    (await readSiteFreshness(database.db, { organizationId, now: new Date() })).generation;
  const labels = (chrome: { menu: { label: string }[] }) => chrome.menu.map((item) => item.label);

  beforeAll(async () => {
    database = await createTestDatabase();
    org = (await makeOrganization(database.db)).id;
    other = (await makeOrganization(database.db)).id;
    await addSection(org, 'historia', 'Historia');
    await addSection(other, 'przetargi-inne', 'Inne przetargi');
  });
  afterAll(async () => database.close());

  it('reads a menu once per site generation, and again after a change moved the generation on', async () => {
    const cache = new SiteMenuCache();
    const db = database.db;
    const before = await generationOf(org);
    const first = await cache.chrome(db, { organizationId: org, generation: before, visitors: 7 });
    expect(labels(first)).toContain('Historia');
    expect(first.visitors).toBe(7);

    await addSection(org, 'zarzad', 'Zarząd');
    // The site's triggers move the generation on in the transaction of the change.
    const after = await generationOf(org);
    expect(after).toBeGreaterThan(before);
    // Asked with the generation it was read at, the kept menu is used (no read), with the count given.
    const kept = await cache.chrome(db, { organizationId: org, generation: before, visitors: 8 });
    expect(labels(kept)).not.toContain('Zarząd');
    expect(kept.visitors).toBe(8);
    const fresh = await cache.chrome(db, { organizationId: org, generation: after, visitors: 8 });
    expect(labels(fresh)).toEqual(expect.arrayContaining(['Historia', 'Zarząd']));
    expect(cache.size).toBe(1);
  });

  it("never gives one organization another's menu", async () => {
    const cache = new SiteMenuCache();
    const db = database.db;
    const mine = await cache.chrome(db, { organizationId: org, generation: 1, visitors: undefined });
    const theirs = await cache.chrome(db, { organizationId: other, generation: 1, visitors: undefined });
    expect(labels(mine)).toContain('Historia');
    expect(labels(mine)).not.toContain('Inne przetargi');
    expect(labels(theirs)).toContain('Inne przetargi');
    expect(labels(theirs)).not.toContain('Historia');
    expect(cache.size).toBe(2);
  });
});
