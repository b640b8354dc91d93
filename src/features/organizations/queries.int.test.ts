import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { findOrganizationForHost, updateOrganizationSettings } from './queries.ts';

describe('the organization of a request', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('is kept for a few seconds, and a change through the application shows at once', async () => {
    const { db } = database;
    const organization = await makeOrganization(db, { hostname: 'sm-pamiec.example.org' });
    expect((await findOrganizationForHost(db, 'SM-Pamiec.example.org:443'))?.id).toBe(organization.id);

    // A change behind the application's back (another process) is not seen while the answer is kept…
    await db.execute(sql`update organizations set phone = '32 999 99 99' where id = ${organization.id}`);
    expect((await findOrganizationForHost(db, 'sm-pamiec.example.org'))?.phone).toBe(organization.phone);

    // …a change through the application is seen by the next request, with whatever else changed.
    await updateOrganizationSettings(db, organization.id, { visitorCountStart: 7 });
    const fresh = await findOrganizationForHost(db, 'sm-pamiec.example.org');
    expect(fresh?.settings.visitorCountStart).toBe(7);
    expect(fresh?.phone).toBe('32 999 99 99');
  });

  it('is looked up again when there was none, so a newly created cooperative is found at once', async () => {
    const { db } = database;
    const other = await createTestDatabase();
    try {
      expect(await findOrganizationForHost(other.db, 'nowa.example.org')).toBeUndefined();
      await other.db.execute(
        sql`insert into organizations (slug, name, short_name, street, postcode, city, email)
            values ('nowa', 'SM Nowa', 'SM Nowa', 'ul. Nowa 1', '40-001', 'Katowice', 'biuro@nowa.example.org')`,
      );
      expect((await findOrganizationForHost(other.db, 'nowa.example.org'))?.slug).toBe('nowa');
      // Each database has its own answers.
      expect((await findOrganizationForHost(db, 'nowa.example.org'))?.slug).not.toBe('nowa');
    } finally {
      await other.close();
    }
  });
});
