import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import type { Database } from '../db/client.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { demoMemberPersons } from '../features/units/demo-members.ts';
import { getUnitForPerson, listUnitsOfPerson } from '../features/units/member.ts';
import { searchUnits } from '../features/units/search.ts';
import { loadDemoIfEmpty } from './load-demo.ts';

describe('the demo cooperative', () => {
  let database: Database;
  let organization: Organization;

  beforeAll(async () => {
    database = await createTestDatabase();
    const loaded = await loadDemoIfEmpty(database, { sessionSecret: undefined });
    if (!loaded) throw new Error('demo not loaded');
    organization = loaded;
  });
  afterAll(async () => {
    await database.close();
  });

  it('has about 300 units in 6 buildings, and the three demo members with their stories', async () => {
    const db = database.db;
    const units = await searchUnits({ db, organizationId: organization.id, asOf: '2026-01-15', pageSize: 1 });
    expect(units.total).toBe(300);
    const members = await demoMemberPersons(db, organization.id);
    const asOf = '2026-01-15';
    const m1 = await listUnitsOfPerson({
      db,
      organizationId: organization.id,
      personId: members.mieszkaniec1.id,
      asOf,
    });
    expect(m1.map((u) => u.kind)).toEqual(['mieszkalny', 'garaz']);
    const m2 = await listUnitsOfPerson({
      db,
      organizationId: organization.id,
      personId: members.mieszkaniec2.id,
      asOf,
    });
    expect(m2).toHaveLength(1);
    const [m3] = await listUnitsOfPerson({
      db,
      organizationId: organization.id,
      personId: members.mieszkaniec3.id,
      asOf,
    });
    expect(m3?.heldSince).toBe('2020-06-15');
    const before = await getUnitForPerson({
      db,
      organizationId: organization.id,
      personId: members.mieszkaniec3.id,
      unitId: m3?.unitId ?? 0,
      asOf: '2020-06-14',
    });
    expect(before).toBeUndefined();
    expect(await loadDemoIfEmpty(database, { sessionSecret: undefined })).toBeUndefined();
  });
});
