import { execFileSync } from 'node:child_process';
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
import { addFeeComponent, runCharges, setFeeRate } from '../ledger/fees.ts';
import { listEntries } from '../ledger/queries.ts';
import { recordHolderChange } from '../units/rights.ts';
import { addMeter } from './meters.ts';
import { insertReading } from './queries.ts';
import { previewSettlementsOfBuildings } from './settlement.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-04-10T10:00:00Z');

describe('water settlement computed from readings', () => {
  let t: TestApp;
  let org: number;
  let buildingId: number;
  let otherBuildingId: number;
  const units = {} as Record<'a' | 'b' | 'c', number>;
  let memberA: TestClient;
  let seller: TestClient;
  let buyerClient: TestClient;
  let accountant: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    const actor = testActorIn(org);
    buildingId = (await makeBuilding(db, org)).id;
    otherBuildingId = (await makeBuilding(db, org)).id;
    units.a = (await makeUnit(db, org, { buildingId, number: '1' })).id;
    units.b = (await makeUnit(db, org, { buildingId, number: '2' })).id;
    units.c = (await makeUnit(db, org, { buildingId: otherBuildingId, number: '3' })).id;
    const anna = await makePerson(db, org, { lastName: 'Annowska' });
    const sellerPerson = await makePerson(db, org, { lastName: 'Sprzedawca' });
    const buyer = await makePerson(db, org, { lastName: 'Kupujący' });
    await makeRight(db, org, { unitId: units.a, personId: anna.id, validFrom: '2010-01-01' });
    await makeRight(db, org, { unitId: units.b, personId: sellerPerson.id, validFrom: '2010-01-01' });
    await recordHolderChange(db, {
      actor,
      input: { unitId: units.b, date: '2026-02-15', newHolders: [{ personId: buyer.id, kind: 'własnościowe' }] },
    });
    const water = await addFeeComponent(db, {
      actor,
      input: { code: 'WODA', name: 'Zaliczka na wodę', basis: 'per_unit' },
    });
    await setFeeRate(db, { actor, input: { componentId: water.id, rate: 300_000, effectiveFrom: '2025-01-01' } });
    for (const month of ['2026-01', '2026-02', '2026-03'])
      await runCharges(db, { actor, month, dueDay: 10, bookingDate: `${month}-01` });
    const meter = async (unitId: number | null, serial: string, initial: number, installedOn = '2025-01-01') =>
      addMeter(db, {
        actor,
        input: {
          unitId,
          buildingId: unitId === null ? buildingId : null,
          medium: 'zimna_woda',
          serial,
          place: '',
          decimals: 3,
          installedOn,
          initialReading: initial,
          legalisationUntil: null,
          rolloverAt: null,
        },
      });
    const read = async (meterId: number, readOn: string, value: number) =>
      insertReading(db, { organizationId: org, meterId, readOn, value, source: 'karta', enteredByLabel: 'test' });
    const a = await meter(units.a, 'A-1', 0);
    const b = await meter(units.b, 'B-1', 0);
    const main = await meter(null, 'GL-1', 0);
    await meter(units.c, 'C-1', 0, '2026-03-20');
    await read(a.id, '2025-12-31', 30_000);
    await read(a.id, '2026-03-31', 39_000);
    await read(b.id, '2025-12-31', 20_000);
    await read(b.id, '2026-03-31', 26_000);
    await read(main.id, '2025-12-31', 100_000);
    await read(main.id, '2026-03-31', 116_000);
    const { totpKey } = await t.app.secrets();
    const member = async (personId: number, ip: string) => {
      const account = await makeAccount(db, org, { personId });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
      return client;
    };
    memberA = await member(anna.id, '10.9.0.1');
    seller = await member(sellerPerson.id, '10.9.0.2');
    buyerClient = await member(buyer.id, '10.9.0.4');
    const staffAccount = await makeAccount(db, org, {
      kind: 'staff',
      roles: ['accountant'],
      totpSecret: SECRET,
      totpKey,
    });
    accountant = new TestClient(t.app, 'localhost', '10.9.0.3');
    await accountant.signIn('/panel', staffAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
  });
  afterAll(async () => t.close());

  it('needs a tariff, then stops a run with the units missing both reading and history', async () => {
    await accountant.get('/panel/media/rozliczenia');
    const noTariff = await accountant.post('/panel/media/rozliczenia', {
      budynek: String(buildingId),
      medium: 'zimna_woda',
      od: '2026-01-01',
      do: '2026-03-31',
    });
    expect(noTariff.statusCode).toBe(422);
    expect(noTariff.body).toContain('Brak taryfy za wodę i ścieki');
    const tariff = await accountant.post('/panel/media/taryfy', { od: '2025-01-01', woda: '5,00', scieki: '7,00' });
    expect(tariff.statusCode).toBe(303);
    const noHotCode = await accountant.post('/panel/media/zasady', { regula: 'consumption', skladnik: 'WODA' });
    expect(noHotCode.statusCode).toBe(422);
    expect(noHotCode.body).toContain('Podaj kod składnika opłat z zaliczkami za ciepłą wodę.');
    const rules = await accountant.post('/panel/media/zasady', {
      regula: 'consumption',
      skladnik: 'WODA',
      skladnik_cw: 'CW',
    });
    expect(rules.statusCode).toBe(303);
    const stopped = await accountant.post('/panel/media/rozliczenia', {
      budynek: String(otherBuildingId),
      medium: 'zimna_woda',
      od: '2026-01-01',
      do: '2026-03-31',
    });
    expect(stopped.statusCode).toBe(422);
    expect(stopped.body).toContain(
      'Rozliczenie wstrzymane — uzupełnij odczyty: lokal 3 (brak odczytu i historii zużycia).',
    );
  });

  it("subtracts from a hot water settlement only the hot water component's advances, not the cold water ones", async () => {
    const db = t.database.db;
    const hot = await addMeter(db, {
      actor: testActorIn(org),
      input: {
        unitId: units.a,
        buildingId: null,
        medium: 'ciepla_woda',
        serial: 'A-CW',
        place: 'łazienka',
        decimals: 3,
        installedOn: '2025-01-01',
        initialReading: 0,
        legalisationUntil: null,
        rolloverAt: null,
      },
    });
    for (const [readOn, value] of [
      ['2025-12-31', 10_000],
      ['2026-03-31', 12_000],
    ] as const) {
      await insertReading(db, {
        organizationId: org,
        meterId: hot.id,
        readOn,
        value,
        source: 'karta',
        enteredByLabel: 'test',
      });
    }
    await accountant.get('/panel/media/rozliczenia');
    const preview = await accountant.post('/panel/media/rozliczenia', {
      budynek: String(buildingId),
      medium: 'ciepla_woda',
      od: '2026-01-01',
      do: '2026-03-31',
    });
    expect(preview.statusCode).toBe(303);
    // 2 m³ × 12,00 = 24,00; the 90,00 zł charged as WODA belong to the cold water settlement.
    const page = await accountant.get(String(preview.headers.location));
    expect(page.body).toContain('dopłata <span class="amount">24,00\u00a0zł</span>');
  });

  it('previews, posts once, and a second post changes nothing', async () => {
    await accountant.get('/panel/media/rozliczenia');
    const preview = await accountant.post('/panel/media/rozliczenia', {
      budynek: String(buildingId),
      medium: 'zimna_woda',
      od: '2026-01-01',
      do: '2026-03-31',
    });
    expect(preview.statusCode).toBe(303);
    const url = String(preview.headers.location);
    const page = await accountant.get(url);
    // main 16 m³, units 15 m³, 1 m³ shared by consumption: A 0,6, B 0,4
    expect(page.body).toContain('Wodomierz główny: 16,000 m³, suma lokali: 15,000 m³, różnica: 1,000 m³');
    // A: 9,6 m³ × 12,00 = 115,20 − 90,00 advances = 25,20
    expect(page.body).toContain('9,600 m³');
    expect(page.body).toContain('dopłata <span class="amount">25,20\u00a0zł</span>');
    // B split by days (45 + 45): 3,2 m³ each; seller paid Jan and Feb, buyer March
    expect(page.body).toContain('zwrot <span class="amount">21,60\u00a0zł</span>');
    expect(page.body).toContain('dopłata <span class="amount">8,40\u00a0zł</span>');
    expect(page.body).toContain('podgląd — nic nie zostało jeszcze zaksięgowane');
    expect(
      await listEntries(t.database.db, { organizationId: org, unitId: units.a, from: '2026-04-01', to: '2026-04-30' }),
    ).toEqual([]);
    const posted = await accountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' });
    expect(posted.statusCode).toBe(303);
    const again = await accountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' });
    expect(again.statusCode).toBe(303);
    const a = await listEntries(t.database.db, {
      organizationId: org,
      unitId: units.a,
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(a.map((e) => [e.kind, e.amount, e.valueDate])).toEqual([['media_settlement', 2_520, '2026-04-01']]);
    const b = await listEntries(t.database.db, {
      organizationId: org,
      unitId: units.b,
      from: '2026-02-01',
      to: '2026-04-30',
    });
    expect(b.filter((e) => e.kind === 'media_settlement').map((e) => [e.amount, e.valueDate])).toEqual([
      [-2_160, '2026-02-14'],
      [840, '2026-04-01'],
    ]);
    const pdf = await accountant.get(`${url}/lokal/${units.a}.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('shows the member their settlement, its computation and the PDF; the seller only their own part', async () => {
    const meters = await memberA.get(`/ebok/liczniki/${units.a}`);
    const link = /href="(\/ebok\/liczniki\/\d+\/rozliczenie\/\d+)"/.exec(meters.body)?.[1];
    expect(link).toBeDefined();
    const page = await memberA.get(String(link));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('31.12.2025: 30,000 m³ → 31.03.2026: 39,000 m³');
    expect(page.body).toContain('Proponowana nowa zaliczka miesięczna');
    const pdf = await memberA.get(`${link}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const runId = String(link).split('/').pop();
    expect((await memberA.get(`/ebok/liczniki/${units.b}/rozliczenie/${runId}`)).statusCode).toBe(404);
    expect((await memberA.get('/panel/media/rozliczenia')).statusCode).toBe(404);
  });

  it('shows the seller the part for their days and the buyer theirs, neither the other’s', async () => {
    const runId = /href="\/ebok\/liczniki\/\d+\/rozliczenie\/(\d+)"/.exec(
      (await memberA.get(`/ebok/liczniki/${units.a}`)).body,
    )?.[1];
    const url = `/ebok/liczniki/${units.b}/rozliczenie/${runId}`;
    // The seller no longer holds the unit: no meters of it, but their settlement part is listed.
    expect((await seller.get(`/ebok/liczniki/${units.b}`)).statusCode).toBe(404);
    const list = await seller.get('/ebok/liczniki');
    expect(list.body).toContain('Rozliczenia lokali, które były Pana/Pani');
    expect(list.body).toContain(`href="${url}"`);
    const sellerPage = await seller.get(url);
    expect(sellerPage.statusCode).toBe(200);
    expect(sellerPage.body).toContain('Pokazujemy tylko część rozliczenia za dni, w których był Pana/Pani lokalem.');
    expect(sellerPage.body).toContain('01.01.2026–14.02.2026');
    expect(sellerPage.body).toContain('zwrot <span class="amount">21,60\u00a0zł</span>');
    expect(sellerPage.body).not.toContain('15.02.2026–31.03.2026');
    expect(sellerPage.body).not.toContain('dopłata <span class="amount">8,40');
    // The new holder's meter readings and next advance are not the seller's.
    expect(sellerPage.body).not.toContain('Proponowana nowa zaliczka');
    expect(sellerPage.body).not.toContain('26,000 m³');
    const sellerPdf = await seller.get(`${url}.pdf`);
    expect(sellerPdf.statusCode).toBe(200);
    expect(sellerPdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const sellerText = execFileSync('pdftotext', ['-', '-'], { input: sellerPdf.rawPayload }).toString();
    expect(sellerText).toContain('01.01.2026 – 14.02.2026');
    expect(sellerText).toContain('Nadpłata do zwrotu: 21,60');
    expect(sellerText).not.toContain('15.02.2026');
    expect(sellerText).not.toContain('Proponowana');
    const buyerPage = await buyerClient.get(url);
    expect(buyerPage.statusCode).toBe(200);
    expect(buyerPage.body).toContain('15.02.2026–31.03.2026');
    expect(buyerPage.body).toContain('dopłata <span class="amount">8,40\u00a0zł</span>');
    expect(buyerPage.body).not.toContain('01.01.2026–14.02.2026');
    expect(buyerPage.body).not.toContain('zwrot <span class="amount">21,60');
    expect(buyerPage.body).toContain('Proponowana nowa zaliczka');
    // The meters' readings over the period cover the seller's days too: not shown to a part's holder.
    expect(buyerPage.body).not.toContain('20,000 m³');
    // Neither reads another unit's settlement, nor the buyer the seller's list.
    expect((await seller.get(`/ebok/liczniki/${units.a}/rozliczenie/${runId}`)).statusCode).toBe(404);
    expect((await buyerClient.get(`/ebok/liczniki/${units.a}/rozliczenie/${runId}.pdf`)).statusCode).toBe(404);
    expect((await buyerClient.get('/ebok/liczniki')).body).not.toContain('Rozliczenia lokali, które były');
    // Both find their own part among their documents.
    expect((await seller.get('/ebok/dokumenty')).body).toContain(`${url}.pdf`);
    expect((await buyerClient.get('/ebok/dokumenty')).body).toContain(`${url}.pdf`);
  });

  it('previews every building at once from shared reads, stopping the whole batch on a unit to fix', async () => {
    const actor = testActorIn(org);
    const period = { medium: 'zimna_woda' as const, periodFrom: '2026-01-01', periodTo: '2026-03-31' };
    await expect(
      previewSettlementsOfBuildings(t.database.db, { actor, buildingIds: [buildingId, otherBuildingId], ...period }),
    ).rejects.toThrow('lokal 3 (brak odczytu i historii zużycia)');
    const [run, ...more] = await previewSettlementsOfBuildings(t.database.db, {
      actor,
      buildingIds: [buildingId],
      ...period,
    });
    expect(more).toEqual([]);
    const report = run?.report as { difference: number; lines: { unitId: number; result: number }[] };
    expect(report.difference).toBe(1_000);
    expect(report.lines.find((l) => l.unitId === units.a)?.result).toBe(2_520);
  });
});
