import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { listAudit } from '../audit/audit.ts';
import { recordOccupancyChange } from './occupancy.ts';
import { recordHolderChange } from './rights.ts';

const NOW = new Date('2026-03-10T10:00:00Z');

describe('members see their units in e-BOK (/ebok/lokale)', () => {
  let t: TestApp;
  let org: number;
  let otherOrg: number;
  let memberA: TestClient;
  let memberB: TestClient;
  let seller: TestClient;
  let noPerson: TestClient;
  let accountA: number;
  const units = {} as Record<'flatA' | 'garageA' | 'flatB' | 'sold' | 'foreign', number>;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    otherOrg = (await makeOrganization(db)).id;
    const building = await makeBuilding(db, org, { street: 'ul. Sokolska', number: '33', postcode: '40-087' });
    const a = await makePerson(db, org, { firstName: 'Anna', lastName: 'Nowak' });
    const co = await makePerson(db, org, { firstName: 'Jan', lastName: 'Nowak' });
    const b = await makePerson(db, org, { firstName: 'Bogdan', lastName: 'Zieliński' });
    const s = await makePerson(db, org, { firstName: 'Stefan', lastName: 'Sprzedający' });
    const buyer = await makePerson(db, org, { firstName: 'Kupiec', lastName: 'Nowy' });
    const stranger = await makePerson(db, otherOrg);
    units.flatA = (await makeUnit(db, org, { buildingId: building.id, number: '7', area: '61,20' })).id;
    units.garageA = (
      await makeUnit(db, org, { buildingId: building.id, number: 'G3', kind: 'garaż', area: '16,50' })
    ).id;
    units.flatB = (await makeUnit(db, org, { buildingId: building.id, number: '8' })).id;
    units.sold = (await makeUnit(db, org, { buildingId: building.id, number: '9' })).id;
    units.foreign = (await makeUnit(db, otherOrg)).id;
    await makeRight(db, org, { unitId: units.flatA, personId: a.id, share: '1/2' });
    await makeRight(db, org, { unitId: units.flatA, personId: co.id, share: '1/2' });
    await makeRight(db, org, { unitId: units.garageA, personId: a.id, kind: 'najem' });
    await makeRight(db, org, { unitId: units.flatB, personId: b.id, kind: 'lokatorskie' });
    await makeRight(db, org, { unitId: units.sold, personId: s.id });
    await makeRight(db, otherOrg, { unitId: units.foreign, personId: stranger.id });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId: units.sold, date: '2024-05-01', newHolders: [{ personId: buyer.id, kind: 'własnościowe' }] },
    });
    for (const [effectiveFrom, personsCount] of [
      ['2013-01-01', 2],
      ['2022-09-01', 3],
      ['2027-01-01', 4],
    ] as const) {
      await recordOccupancyChange(db, {
        actor: testActorIn(org),
        input: { unitId: units.flatA, effectiveFrom, personsCount },
      });
    }
    accountA = (await makeAccount(db, org, { personId: a.id, login: 'anna' })).id;
    const accountB = await makeAccount(db, org, { personId: b.id, login: 'bogdan' });
    const accountS = await makeAccount(db, org, { personId: s.id, login: 'stefan' });
    const accountNone = await makeAccount(db, org, { login: 'bez-osoby' });
    memberA = new TestClient(t.app, 'localhost', '10.6.0.1');
    memberB = new TestClient(t.app, 'localhost', '10.6.0.2');
    seller = new TestClient(t.app, 'localhost', '10.6.0.3');
    noPerson = new TestClient(t.app, 'localhost', '10.6.0.4');
    await memberA.signIn('/ebok', 'anna', TEST_PASSWORD);
    await memberB.signIn('/ebok', accountB.login, TEST_PASSWORD);
    await seller.signIn('/ebok', accountS.login, TEST_PASSWORD);
    await noPerson.signIn('/ebok', accountNone.login, TEST_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the units the member holds today on the start page, with kind and share', async () => {
    const home = await memberA.get('/ebok');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Moje lokale');
    expect(home.body).toContain(`href="/ebok/lokale/${units.flatA}"`);
    expect(home.body).toContain(`href="/ebok/lokale/${units.garageA}"`);
    expect(home.body).not.toContain(`href="/ebok/lokale/${units.flatB}"`);
    expect(home.body).toContain('ul. Sokolska 33/7');
    expect(home.body).toContain('udział 1/2');
    expect(home.body).toContain('Lokal mieszkalny, 61,20');
    expect(home.body).toContain('Garaż, 16,50');
    expect(home.body).not.toContain('Lokal garaż');
    expect((await memberA.get('/ebok/lokale')).body).toContain(`href="/ebok/lokale/${units.garageA}"`);
  });

  it('shows a unit page with area, persons count and its history, co-holders, and a switcher', async () => {
    const page = await memberA.get(`/ebok/lokale/${units.flatA}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('61,20');
    expect(page.body).toMatch(/Liczba osób \(do naliczania opłat\)<\/dt><dd>3</);
    expect(page.body).toContain('01.09.2022');
    // A count recorded ahead (2027) is not shown as history yet.
    expect(page.body).not.toContain('01.01.2027');
    expect(page.body).toContain('Jan Nowak');
    expect(page.body).not.toContain('Anna Nowak</dd>');
    expect(page.body).toContain('aria-label="Moje lokale"');
    expect(page.body).toContain(`href="/ebok/lokale/${units.garageA}"`);
    expect(page.body).toContain(`href="/ebok/lokale/${units.flatA}" aria-current="page"`);
  });

  it('answers 404 with an audit row for a unit that is not the member’s', async () => {
    const cases: [TestClient, number][] = [
      [memberA, units.flatB], // another member's unit
      [memberB, units.flatA],
      [seller, units.sold], // the right ended on 2024-05-01
      [memberA, units.foreign], // another organization's unit
      [noPerson, units.flatA], // an account without a person in the register
      [memberA, 999999],
    ];
    for (const [client, unitId] of cases) {
      const response = await client.get(`/ebok/lokale/${unitId}`);
      expect(response.statusCode, `unit ${unitId}`).toBe(404);
      expect(response.body).not.toContain('Powierzchnia użytkowa');
    }
    const denied = await listAudit(t.database.db, { organizationId: org, action: 'access.denied', limit: 50 });
    const units404 = denied.rows.filter((row) => row.subjectType === 'unit').map((row) => Number(row.subjectId));
    expect(units404.sort()).toEqual([units.flatB, units.flatA, units.sold, units.foreign, units.flatA, 999999].sort());
    expect(denied.rows.some((row) => row.actorAccountId === accountA && row.subjectId === String(units.flatB))).toBe(
      true,
    );
    // The seller no longer sees the sold unit on the start page either.
    expect((await seller.get('/ebok')).body).not.toContain(`/ebok/lokale/${units.sold}"`);
    expect((await memberA.get('/ebok/lokale/abc')).statusCode).toBe(404);
  });

  it('keeps staff and visitors out of the members’ unit pages', async () => {
    const visitor = new TestClient(t.app, 'localhost', '10.6.0.9');
    expect((await visitor.get(`/ebok/lokale/${units.flatA}`)).statusCode).toBe(302);
  });
});
