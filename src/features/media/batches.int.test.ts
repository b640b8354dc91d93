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
import { listEntries } from '../ledger/queries.ts';
import { addMeter } from './meters.ts';
import { insertReading, insertWaterTariff } from './queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-04-10T10:00:00Z');

describe('the water settlement of every building: preview, units to fix, totals, one posting', () => {
  let t: TestApp;
  let org: number;
  const units = {} as Record<'a' | 'b' | 'c', number>;
  let lateMeter: number;
  let accountant: TestClient;
  let clerk: TestClient;
  let member: TestClient;
  let foreignAccountant: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    const actor = testActorIn(org);
    const first = (await makeBuilding(db, org, { street: 'ul. Lipowa', number: '1' })).id;
    const second = (await makeBuilding(db, org, { street: 'ul. Lipowa', number: '3' })).id;
    units.a = (await makeUnit(db, org, { buildingId: first, number: '1' })).id;
    units.b = (await makeUnit(db, org, { buildingId: first, number: '2' })).id;
    units.c = (await makeUnit(db, org, { buildingId: second, number: '7' })).id;
    const holder = await makePerson(db, org, { lastName: 'Lipowska' });
    for (const unitId of Object.values(units)) await makeRight(db, org, { unitId, personId: holder.id });
    await insertWaterTariff(db, { organizationId: org, effectiveFrom: '2025-01-01', water: 50_000, sewage: 70_000 });
    const meter = async (unitId: number, serial: string, installedOn = '2025-01-01') =>
      addMeter(db, {
        actor,
        input: {
          unitId,
          buildingId: null,
          medium: 'zimna_woda',
          serial,
          place: '',
          decimals: 3,
          installedOn,
          initialReading: 0,
          legalisationUntil: null,
          rolloverAt: null,
        },
      });
    const read = (meterId: number, readOn: string, value: number) =>
      insertReading(db, { organizationId: org, meterId, readOn, value, source: 'karta', enteredByLabel: 'test' });
    const a = await meter(units.a, 'L-A');
    const b = await meter(units.b, 'L-B');
    await read(a.id, '2025-12-31', 10_000);
    await read(a.id, '2026-03-31', 14_000);
    await read(b.id, '2025-12-31', 5_000);
    await read(b.id, '2026-03-31', 7_500);
    // Unit 7: installed in March, no reading yet and no history: it stops the whole batch.
    lateMeter = (await meter(units.c, 'L-C', '2026-03-01')).id;

    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('accountant' | 'clerk')[], ip: string, organizationId = org, host = 'localhost') => {
      const account = await makeAccount(db, organizationId, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, host, ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
      return client;
    };
    accountant = await staff(['accountant'], '10.9.4.1');
    clerk = await staff(['clerk'], '10.9.4.2');
    const other = await makeOrganization(db, { hostname: 'inna.example.pl' });
    foreignAccountant = await staff(['accountant'], '10.9.4.3', other.id, 'inna.example.pl');
    const memberAccount = await makeAccount(db, org, { personId: holder.id });
    member = new TestClient(t.app, 'localhost', '10.9.4.4');
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD, { now: NOW });
  });
  afterAll(async () => t.close());

  const period = { medium: 'zimna_woda', od: '2026-01-01', do: '2026-03-31' };

  it('stops on a unit with neither reading nor history, lists it with a link, and stores nothing', async () => {
    const page = await accountant.get('/panel/media/rozliczenia/wszystkie');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Brak rozliczeń wszystkich budynków.');
    const stopped = await accountant.post('/panel/media/rozliczenia/wszystkie', period);
    expect(stopped.statusCode).toBe(422);
    expect(stopped.body).toContain('Rozliczenie wstrzymane — nic nie zostało zapisane');
    expect(stopped.body).toContain('ul. Lipowa 3');
    // The accountant fixes nothing on meters pages: the link opens the unit in the register.
    expect(stopped.body).toContain(
      `<a href="/panel/rejestr/lokale/${units.c}">lokal 7</a>: brak odczytu i historii zużycia`,
    );
    expect(stopped.body).not.toContain('ul. Lipowa 1<');
    expect(stopped.body).toContain('value="01.01.2026"');
    expect((await accountant.get('/panel/media/rozliczenia/wszystkie')).body).toContain(
      'Brak rozliczeń wszystkich budynków.',
    );
  });

  it('previews every building with its totals, then posts all of them once', async () => {
    await insertReading(t.database.db, {
      organizationId: org,
      meterId: lateMeter,
      readOn: '2026-03-31',
      value: 1_000,
      source: 'karta',
      enteredByLabel: 'test',
    });
    const bad = await accountant.post('/panel/media/rozliczenia/wszystkie', { ...period, do: '2026-13-01' });
    expect(bad.statusCode).toBe(422);
    const preview = await accountant.post('/panel/media/rozliczenia/wszystkie', period);
    expect(preview.statusCode).toBe(303);
    const url = String(preview.headers.location);
    expect(url).toMatch(/^\/panel\/media\/rozliczenia\/wszystkie\/\d+$/);
    const page = await accountant.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('podgląd — nic nie zostało jeszcze zaksięgowane');
    expect(page.body).toContain('Budynków: 2, lokali: 3, pozycji rozliczenia: 3');
    // ul. Lipowa 1: 4 + 2,5 m³ × 12,00 zł = 78,00 zł; ul. Lipowa 3: 1 m³ = 12,00 zł; together 90,00 zł.
    expect(page.body).toContain('6,500 m³');
    expect(page.body).toContain('78,00\u00a0zł');
    expect(page.body).toContain('90,00\u00a0zł');
    expect(page.body).toContain('Zaksięguj wszystkie budynki (2)');
    expect(
      await listEntries(t.database.db, { organizationId: org, unitId: units.a, from: '2026-04-01', to: '2026-04-30' }),
    ).toEqual([]);
    const list = await accountant.get('/panel/media/rozliczenia/wszystkie');
    expect(list.body).toContain(`href="${url}"`);

    const posted = await accountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' });
    expect(posted.statusCode).toBe(303);
    expect(String(posted.headers.location)).toBe(`${url}?zrobiono=1`);
    const again = await accountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' });
    expect(again.statusCode).toBe(303);
    for (const [unitId, amount] of [
      [units.a, 4_800],
      [units.b, 3_000],
      [units.c, 1_200],
    ] as const) {
      const entries = await listEntries(t.database.db, {
        organizationId: org,
        unitId,
        from: '2026-04-01',
        to: '2026-04-30',
      });
      expect(entries.map((e) => [e.kind, e.amount])).toEqual([['media_settlement', amount]]);
    }
    const done = await accountant.get(`${url}?zrobiono=1`);
    expect(done.body).toContain('Rozliczenia wszystkich budynków zaksięgowane.');
    expect(done.body).not.toContain('Zaksięguj wszystkie budynki');
  });

  it('is not there for members, staff without booking, or another organization', async () => {
    const list = await accountant.get('/panel/media/rozliczenia/wszystkie');
    const url = /href="(\/panel\/media\/rozliczenia\/wszystkie\/\d+)"/.exec(list.body)?.[1] as string;
    expect(url).toBeDefined();
    for (const client of [member, clerk]) {
      expect((await client.get('/panel/media/rozliczenia/wszystkie')).statusCode).toBe(404);
      expect((await client.get(url)).statusCode).toBe(404);
    }
    expect((await foreignAccountant.get(url)).statusCode).toBe(404);
    await foreignAccountant.get('/panel/media/rozliczenia/wszystkie');
    expect(
      (await foreignAccountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' }))
        .statusCode,
    ).toBe(404);
    expect((await accountant.get('/panel/media/rozliczenia/wszystkie/999999')).statusCode).toBe(404);
  });
});
