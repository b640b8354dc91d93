import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { type Database, queryRows } from '../db/client.ts';
import { listPersonCertificates } from '../features/ledger/certificate-queries.ts';
import { holderDebts } from '../features/ledger/debt.ts';
import { currentFee } from '../features/ledger/fees.ts';
import { getMemberLedgerUnit, memberDashboard } from '../features/ledger/member.ts';
import { listEntries } from '../features/ledger/queries.ts';
import { ledgerSettingsOf } from '../features/ledger/settings.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { findOrganizationById } from '../features/organizations/queries.ts';
import { siteSections } from '../features/site/schema.ts';
import { searchSite } from '../features/site/search.ts';
import { getUnitForPerson, listUnitsOfPerson } from '../features/units/member.ts';
import { listBuildings } from '../features/units/queries.ts';
import { persons } from '../features/units/schema.ts';
import { searchUnits } from '../features/units/search.ts';
import { listFiles } from '../files/store.ts';
import { demoMemberPersons, demoPreviousHolderKey } from './demo-members.ts';
import { loadDemoBase, loadDemoIfEmpty } from './load-demo.ts';

describe('the demo cooperative', () => {
  let database: Database;
  let organization: Organization;

  beforeAll(async () => {
    database = await createTestDatabase();
    const loaded = await loadDemoIfEmpty(database, { sessionSecret: undefined, historyUnits: 6 });
    if (!loaded) throw new Error('demo not loaded');
    organization = loaded;
  });
  afterAll(async () => {
    await database.close();
  });

  it('has about 300 units in 6 buildings, and the three demo members with their stories', async () => {
    const db = database.db;
    const units = await searchUnits(db, { organizationId: organization.id, asOf: '2026-01-15', pageSize: 1 });
    expect(units.total).toBe(300);
    const members = await demoMemberPersons(db, { organizationId: organization.id });
    const asOf = '2026-01-15';
    const m1 = await listUnitsOfPerson(db, {
      organizationId: organization.id,
      personId: members.mieszkaniec1.id,
      asOf,
    });
    expect(m1.map((u) => u.kind)).toEqual(['mieszkalny', 'garaz']);
    const m2 = await listUnitsOfPerson(db, {
      organizationId: organization.id,
      personId: members.mieszkaniec2.id,
      asOf,
    });
    expect(m2).toHaveLength(1);
    const [m3] = await listUnitsOfPerson(db, {
      organizationId: organization.id,
      personId: members.mieszkaniec3.id,
      asOf,
    });
    expect(m3?.heldSince).toBe('2020-06-15');
    const before = await getUnitForPerson(db, {
      organizationId: organization.id,
      personId: members.mieszkaniec3.id,
      unitId: m3?.unitId ?? 0,
      asOf: '2020-06-14',
    });
    expect(before).toBeUndefined();
    expect(await loadDemoIfEmpty(database, { sessionSecret: undefined })).toBeUndefined();
  });

  it('has the addresses its content speaks of, sales with a reason, regulations with versions and „żółć”', async () => {
    const db = database.db;
    const organizationId = organization.id;
    const buildings = await listBuildings(db, { organizationId });
    const addresses = buildings.map((b) => `${b.street} ${b.number}`);
    expect(new Set(addresses).size).toBe(6);
    expect(addresses).toEqual(
      expect.arrayContaining(['ul. Ignacego Paderewskiego 65', 'ul. Graniczna 12', 'ul. Graniczna 14']),
    );
    // The README's example search of the register.
    const found = await searchUnits(db, { organizationId, query: 'Paderewskiego 65/12', asOf: '2026-01-15' });
    expect(found.items.map((u) => `${u.street} ${u.buildingNumber}/${u.number}`)).toEqual([
      'ul. Ignacego Paderewskiego 65/12',
    ]);
    const members = await demoMemberPersons(db, { organizationId });
    const [m3] = await listUnitsOfPerson(db, { organizationId, personId: members.mieszkaniec3.id, asOf: '2026-01-15' });
    expect(`${m3?.street} ${m3?.buildingNumber}`).toBe('ul. Ignacego Paderewskiego 65');

    const ended = await queryRows<{ n: number; without_reason: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where end_reason is null)::int as without_reason
          from rights where organization_id = ${organizationId} and valid_to is not null`,
    );
    expect(ended[0]?.n).toBeGreaterThan(10);
    expect(ended[0]?.without_reason).toBe(0);

    const [regulations] = await db
      .select()
      .from(siteSections)
      .where(and(eq(siteSections.organizationId, organizationId), eq(siteSections.slug, 'przepisy')));
    const documents = await listFiles(db, organizationId, { sectionId: regulations?.id ?? 0 });
    expect(documents.length).toBeGreaterThanOrEqual(4);
    expect(documents.every((d) => d.version && d.documentDate && d.contentType === 'application/pdf')).toBe(true);

    const hits = await searchSite(db, { organizationId, query: 'zolc', now: new Date('2026-01-15T12:00:00Z') });
    expect(hits.map((h) => h.href)).toEqual(expect.arrayContaining(['/remonty']));
    expect(hits.some((h) => h.snippet.includes('żółć'))).toBe(true);
  });
});

describe('the demo ledger', () => {
  let database: Database;
  let organization: Organization;
  const now = new Date('2026-11-25T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    const loaded = await loadDemoIfEmpty(database, { sessionSecret: undefined, now, historyUnits: 6 });
    console.info(`demo loaded in ${Date.now() - started} ms`);
    if (!loaded) throw new Error('demo not loaded');
    organization = loaded;
  });
  afterAll(async () => {
    await database.close();
  });

  it('mieszkaniec2 owes several months; mieszkaniec3 starts in 2020 while the previous holder keeps their period', async () => {
    const db = database.db;
    const members = await demoMemberPersons(db, { organizationId: organization.id });
    const base = { organizationId: organization.id, today: '2026-11-25', startDate: '2013-01-01' };
    const [m2] = await memberDashboard(db, { ...base, personId: members.mieszkaniec2.id });
    const fee = await currentFee(db, { organizationId: organization.id, unitId: m2?.unitId ?? 0, day: '2026-11-01' });
    expect(m2?.balance).toBeGreaterThan(4 * (fee?.total ?? 0));
    const [m3] = await memberDashboard(db, { ...base, personId: members.mieszkaniec3.id });
    expect(m3?.window.from).toBe('2020-06-15');
    const previous = (await db.select().from(persons).where(eq(persons.externalKey, demoPreviousHolderKey)))[0];
    const before = await getMemberLedgerUnit(db, { ...base, personId: previous?.id ?? 0, unitId: m3?.unitId ?? 0 });
    expect(before?.window.lastDay).toBe('2020-06-14');
    const [m1] = await memberDashboard(db, { ...base, personId: members.mieszkaniec1.id });
    expect(m1?.window.from).toBeUndefined();
    const history = await listEntries(db, { organizationId: organization.id, unitId: m1?.unitId ?? 0 });
    expect(history[0]?.kind).toBe('opening_balance');
    expect(new Set(history.map((e) => e.kind))).toEqual(
      new Set(['opening_balance', 'charge', 'payment', 'media_settlement', 'other_receivable']),
    );
  });

  it('charges each month what the fee schedule and that month’s persons count give', async () => {
    const db = database.db;
    const members = await demoMemberPersons(db, { organizationId: organization.id });
    const base = { organizationId: organization.id, today: '2026-11-25', startDate: '2013-01-01' };
    const units = [
      ...(await memberDashboard(db, { ...base, personId: members.mieszkaniec1.id })),
      ...(await memberDashboard(db, { ...base, personId: members.mieszkaniec3.id })),
    ];
    for (const unit of units) {
      const charges = await listEntries(db, { organizationId: organization.id, unitId: unit.unitId, kind: 'charge' });
      for (const month of ['2013-01', '2016-05', '2019-07', '2019-09', '2020-05', '2020-07', '2026-11']) {
        const day = `${month}-01`;
        const fee = await currentFee(db, { organizationId: organization.id, unitId: unit.unitId, day });
        const booked = charges.filter((e) => e.valueDate === day).reduce((sum, e) => sum + e.amount, 0);
        expect({ unit: unit.label, month, booked }).toEqual({ unit: unit.label, month, booked: fee?.total });
      }
    }
  });
});

describe('a demo made on an earlier day (the build’s seed) and completed at start', () => {
  let made: Database;
  let fresh: Database;
  const earlier = new Date('2026-09-20T12:00:00Z');
  const now = new Date('2026-12-06T12:00:00Z');
  const today = '2026-12-06';

  beforeAll(async () => {
    made = await createTestDatabase();
    await made.db.transaction((tx) => loadDemoBase(tx, { now: earlier, historyUnits: 4 }));
    fresh = await createTestDatabase();
    await loadDemoIfEmpty(fresh, { sessionSecret: undefined, now, historyUnits: 4 });
  });
  afterAll(async () => {
    await made.close();
    await fresh.close();
  });

  it('is completed once, and then holds the same ledger as a demo made today', async () => {
    const completed = await loadDemoIfEmpty(made, { sessionSecret: undefined, now, historyUnits: 4 });
    expect(completed?.slug).toBe('paderewski');
    expect((completed?.settings as { demoMadeFor?: unknown } | undefined)?.demoMadeFor).toBeNull();
    expect(await loadDemoIfEmpty(made, { sessionSecret: undefined, now, historyUnits: 4 })).toBeUndefined();
    const ledger = (database: Database) =>
      queryRows<{ unit: string; kind: string; n: number; total: string; last: string }>(
        database.db,
        sql`select u.external_key as unit, e.kind::text as kind, count(*)::int as n, sum(e.amount)::text as total,
                   max(e.source_ref) as last
            from ledger_entries e join units u on u.id = e.unit_id
            group by u.external_key, e.kind order by 1, 2`,
      );
    const settlements = (database: Database) =>
      queryRows<{ n: number; total: string }>(
        database.db,
        sql`select count(*)::int as n, sum(result)::text as total from media_settlements`,
      );
    expect(await ledger(made)).toEqual(await ledger(fresh));
    expect(await settlements(made)).toEqual(await settlements(fresh));
  });

  it('leaves the sold flat’s unpaid months with its former holder, and the ledger decided the certificates', async () => {
    const db = fresh.db;
    const [organization] = await queryRows<{ id: string }>(db, sql`select id::text from organizations`);
    const organizationId = Number(organization?.id);
    const org = await findOrganizationById(db, { organizationId });
    if (!org) throw new Error('no demo');
    const settings = ledgerSettingsOf(org);
    const members = await demoMemberPersons(db, { organizationId });
    const [m3] = await listUnitsOfPerson(db, { organizationId, personId: members.mieszkaniec3.id, asOf: today });
    const periods = await holderDebts(db, {
      organizationId,
      unitId: m3?.unitId ?? 0,
      asOf: today,
      startDate: settings.startDate,
      settings,
    });
    const former = periods.filter((p) => !p.segment.current);
    const current = periods.find((p) => p.segment.current);
    expect(former.reduce((sum, p) => sum + p.debt.overdue, 0)).toBeGreaterThan(0);
    expect(current?.debt.overdue).toBe(0);

    const certificates = async (login: 'mieszkaniec1' | 'mieszkaniec2') => {
      const [unit] = await listUnitsOfPerson(db, { organizationId, personId: members[login].id, asOf: today });
      return listPersonCertificates(db, { organizationId, unitId: unit?.unitId ?? 0, personId: members[login].id });
    };
    expect((await certificates('mieszkaniec1')).map((c) => c.status)).toEqual(['issued']);
    expect((await certificates('mieszkaniec2')).map((c) => c.status)).toEqual(['requested']);
  });
});
