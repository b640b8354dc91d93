import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import type { Database } from '../db/client.ts';
import { currentFee } from '../features/ledger/ledger.ts';
import { getMemberLedgerUnit, memberDashboard } from '../features/ledger/member.ts';
import { listEntries } from '../features/ledger/queries.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { demoMemberPersons, demoPreviousHolderKey } from '../features/units/demo-members.ts';
import { getUnitForPerson, listUnitsOfPerson } from '../features/units/member.ts';
import { persons } from '../features/units/schema.ts';
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

describe('the demo ledger', () => {
  let database: Database;
  let organization: Organization;
  const now = new Date('2026-11-25T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    const loaded = await loadDemoIfEmpty(database, { sessionSecret: undefined, now });
    console.info(`demo loaded in ${Date.now() - started} ms`);
    if (!loaded) throw new Error('demo not loaded');
    organization = loaded;
  });
  afterAll(async () => {
    await database.close();
  });

  it('mieszkaniec2 owes several months; mieszkaniec3 starts in 2020 while the previous holder keeps their period', async () => {
    const db = database.db;
    const members = await demoMemberPersons(db, organization.id);
    const base = { db, organizationId: organization.id, today: '2026-11-25', startDate: '2013-01-01' };
    const [m2] = await memberDashboard({ ...base, personId: members.mieszkaniec2.id });
    const fee = await currentFee({ db, organizationId: organization.id, unitId: m2?.unitId ?? 0, day: '2026-11-01' });
    expect(m2?.balance).toBeGreaterThan(4 * (fee?.total ?? 0));
    const [m3] = await memberDashboard({ ...base, personId: members.mieszkaniec3.id });
    expect(m3?.window.from).toBe('2020-06-15');
    const previous = (await db.select().from(persons).where(eq(persons.externalKey, demoPreviousHolderKey)))[0];
    const before = await getMemberLedgerUnit({ ...base, personId: previous?.id ?? 0, unitId: m3?.unitId ?? 0 });
    expect(before?.window.lastDay).toBe('2020-06-14');
    const [m1] = await memberDashboard({ ...base, personId: members.mieszkaniec1.id });
    expect(m1?.window.from).toBeUndefined();
    const history = await listEntries(db, { organizationId: organization.id, unitId: m1?.unitId ?? 0 });
    expect(history[0]?.kind).toBe('opening_balance');
    expect(new Set(history.map((e) => e.kind))).toEqual(
      new Set(['opening_balance', 'charge', 'payment', 'media_settlement', 'other_receivable']),
    );
  });

  it('charges each month what the fee schedule and that month’s persons count give', async () => {
    const db = database.db;
    const members = await demoMemberPersons(db, organization.id);
    const base = { db, organizationId: organization.id, today: '2026-11-25', startDate: '2013-01-01' };
    const units = [
      ...(await memberDashboard({ ...base, personId: members.mieszkaniec1.id })),
      ...(await memberDashboard({ ...base, personId: members.mieszkaniec3.id })),
    ];
    for (const unit of units) {
      const charges = await listEntries(db, { organizationId: organization.id, unitId: unit.unitId, kind: 'charge' });
      for (const month of ['2013-01', '2016-05', '2019-07', '2019-09', '2020-05', '2020-07', '2026-11']) {
        const day = `${month}-01`;
        const fee = await currentFee({ db, organizationId: organization.id, unitId: unit.unitId, day });
        const booked = charges.filter((e) => e.valueDate === day).reduce((sum, e) => sum + e.amount, 0);
        expect({ unit: unit.label, month, booked }).toEqual({ unit: unit.label, month, booked: fee?.total });
      }
    }
  });
});
