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
import { systemActor } from '../audit/audit.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { recordHolderChange } from '../units/rights.ts';
import { addFeeComponent, runCharges, setFeeRate } from './fees.ts';
import { importPayments } from './import-payments.ts';
import { bookOtherReceivable, bookPayment, postMediaSettlement } from './ledger.ts';
import { listEntries } from './queries.ts';

/** A PDF's text as poppler's pdftotext lays it out (columns kept), what a reader sees. */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
}

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-15T10:00:00Z');

describe('ledger pages in e-BOK and the back office', () => {
  let t: TestApp;
  let org: number;
  const units = {} as Record<'own' | 'sold' | 'other' | 'foreign', number>;
  let member: TestClient;
  let buyer: TestClient;
  let seller: TestClient;
  let accountant: TestClient;
  let clerk: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    const organization = await makeOrganization(db);
    org = organization.id;
    await updateOrganizationSettings(db, org, {
      ledgerStartDate: '2013-01-01',
      ...({ virtualAccountPrefix: '10901014000007', taxId: '6340012347' } as object),
    });
    const otherOrg = (await makeOrganization(db)).id;
    const building = await makeBuilding(db, org);
    units.own = (
      await makeUnit(db, org, { buildingId: building.id, number: '12', area: '54,30', externalKey: 'L-12' })
    ).id;
    units.sold = (
      await makeUnit(db, org, { buildingId: building.id, number: '14', area: '40,00', externalKey: 'L-14' })
    ).id;
    units.other = (await makeUnit(db, org, { buildingId: building.id, number: '15', externalKey: 'L-15' })).id;
    units.foreign = (await makeUnit(db, otherOrg)).id;
    const owner = await makePerson(db, org);
    const sellerPerson = await makePerson(db, org);
    const buyerPerson = await makePerson(db, org);
    const otherPerson = await makePerson(db, org);
    await makeRight(db, org, { unitId: units.own, personId: owner.id, validFrom: '2010-01-01' });
    await makeRight(db, org, { unitId: units.other, personId: otherPerson.id });
    await makeRight(db, org, { unitId: units.sold, personId: sellerPerson.id, validFrom: '2010-01-01' });
    const ctx = { actor: systemActor(org, 'test') };
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: {
        unitId: units.sold,
        date: '2020-06-15',
        newHolders: [{ personId: buyerPerson.id, kind: 'własnościowe' }],
      },
    });
    const eks = await addFeeComponent(db, { ...ctx, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' } });
    await setFeeRate(db, { ...ctx, input: { componentId: eks.id, rate: 34_567, effectiveFrom: '2013-01-01' } });
    await setFeeRate(db, { ...ctx, input: { componentId: eks.id, rate: 40_000, effectiveFrom: '2026-01-01' } });
    for (const month of ['2020-05', '2020-06', '2020-07', '2026-01', '2026-02', '2026-03']) {
      await runCharges(db, { ...ctx, month, dueDay: 10, bookingDate: `${month}-01` });
    }
    await bookPayment(db, {
      ...ctx,
      input: {
        unitId: units.own,
        amount: 10_000,
        valueDate: '2026-01-12',
        bookingDate: '2026-01-12',
        description: 'Przelew',
      },
    });
    await bookOtherReceivable(db, {
      ...ctx,
      input: {
        unitId: units.own,
        amount: 4_500,
        valueDate: '2026-02-02',
        bookingDate: '2026-02-02',
        dueDate: '2026-02-16',
        description: 'Dorobienie klucza',
      },
    });
    await postMediaSettlement(db, {
      ...ctx,
      input: {
        unitId: units.own,
        medium: 'zimna_woda',
        periodFrom: '2025-07-01',
        periodTo: '2025-12-31',
        consumptionThousandths: 18_500,
        consumptionUnit: 'm3',
        price: 145_678,
        advances: 25_000,
        bookingDate: '2026-01-20',
        dueDate: '2026-02-10',
        sourceRef: 'ZW-2025-2-L12',
      },
    });
    const { totpKey } = await t.app.secrets();
    const login = async (personId: number, ip: string) => {
      const account = await makeAccount(db, org, { personId });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
      return client;
    };
    member = await login(owner.id, '10.7.0.1');
    buyer = await login(buyerPerson.id, '10.7.0.2');
    seller = await login(sellerPerson.id, '10.7.0.3');
    const staff = async (roles: ('accountant' | 'clerk')[], ip: string, offset: number) => {
      const account = await makeAccount(db, org, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date(NOW.getTime() + offset),
      });
      return client;
    };
    accountant = await staff(['accountant'], '10.7.0.4', 0);
    clerk = await staff(['clerk'], '10.7.0.5', 30_000);
  });
  afterAll(async () => t.close());

  it('shows the balance, what to pay by when, the NRB, the title and the payment QR on the start page', async () => {
    const page = await member.get('/ebok');
    expect(page.statusCode).toBe(200);
    // 2020-05…07: 3 × 187,70 (54,30 m² × 3,4567); 2026: 3 × 217,20 (× 4,00) − 100,00 + 45,00
    // + water (18,500 m³ × 14,5678 = 269,50 − 250,00 advances = 19,50) = 1 179,20
    // Overdue vs current (issue 15) instead of one number with this month's due date.
    expect(page.body).toContain('Zaległość po terminie');
    expect(page.body).toContain('najstarsza niezapłacona: maj 2020');
    expect(page.body).toMatch(/Do zapłaty <strong class="amount">1\u00a0179,20\u00a0zł<\/strong>/);
    expect(page.body).toContain('1\u00a0179,20\u00a0zł');
    expect(page.body).toContain('Odsetki ustawowe na dziś, informacyjnie');
    expect(page.body).toMatch(/\d\d 1090 1014 0000 07\d\d \d{4} \d{4}/);
    expect(page.body).toContain(`Opłaty L${units.own} `);
    expect(page.body).toMatch(/<img src="data:image\/png;base64,/);
  });

  it('lists history with a running balance and filters, the balance as of a day, fees, settlements, receivables', async () => {
    const history = await member.get(`/ebok/finanse/${units.own}?od=2026-01-01&do=2026-03-31`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Dorobienie klucza');
    const onlyPayments = await member.get(`/ebok/finanse/${units.own}?od=2026-01-01&rodzaj=payment`);
    expect(onlyPayments.body).toContain('Przelew');
    expect(onlyPayments.body).not.toContain('Dorobienie klucza');
    const balance = await member.get(`/ebok/finanse/${units.own}/saldo?dzien=2026-01-31`);
    expect(balance.body).toContain('zadłużenie <strong>699,80\u00a0zł</strong>');
    expect((await member.get(`/ebok/finanse/${units.own}/saldo?dzien=31.02.2026`)).statusCode).toBe(422);
    const fees = await member.get(`/ebok/finanse/${units.own}/oplaty`);
    expect(fees.body).toContain('4,00 zł/m²');
    expect(fees.body).toContain('217,20\u00a0zł');
    const media = await member.get(`/ebok/finanse/${units.own}/media`);
    expect(media.body).toContain('<svg');
    expect(media.body).toContain('18,500 m³');
    expect(media.body).toContain('dopłata');
    const receivables = await member.get(`/ebok/finanse/${units.own}/naleznosci`);
    expect(receivables.body).toContain('Dorobienie klucza');
  });

  it('gives a statement as PDF and as CSV for a Polish Excel', async () => {
    const pdf = await member.get(`/ebok/finanse/${units.own}/zestawienie.pdf?od=2026-01-01&do=2026-03-15`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Read as a person reads it: charges and payments stand in columns of their own, like the screen.
    const text = pdfText(pdf.rawPayload);
    expect(text).toMatch(/Data\s+Rodzaj\s+Opis\s+Naliczenia\s+Wpłaty\s+Saldo/);
    const paymentLine = text.split('\n').find((line) => /Wpłata/.test(line) && /100,00\szł/.test(line));
    expect(paymentLine).toBeDefined();
    // The payment's amount sits in the Wpłaty column, right of where charges end.
    const head = text.split('\n').find((line) => /Naliczenia\s+Wpłaty/.test(line)) ?? '';
    expect(paymentLine?.indexOf('100,00')).toBeGreaterThan(head.indexOf('Naliczenia') + 'Naliczenia'.length);
    expect(text).toContain('Razem w okresie');
    expect(text).not.toMatch(/−100,00|-100,00/);

    const csv = await member.get(`/ebok/finanse/${units.own}/zestawienie.csv?od=2026-01-01&do=2026-03-15`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(rows[0]).toEqual([
      'Data',
      'Rodzaj',
      'Opis',
      'Termin płatności',
      'Naliczenie',
      'Wpłata',
      'Saldo',
      'Stan salda',
    ]);
    expect(rows.every((row) => row.length === 8)).toBe(true);
    expect(rows[1]?.[0]).toBe('01.01.2026');
    expect(rows.at(-1)).toEqual(['15.03.2026', 'Saldo końcowe', '', '', '', '', '1179,20', 'zadłużenie']);
    const payment = rows.find((row) => row[1] === 'Wpłata');
    expect(payment?.[0]).toMatch(/^\d{2}\.\d{2}\.2026$/);
    expect(payment?.slice(4, 6)).toEqual(['', '100,00']);
    const charge = rows.find((row) => row[1] === 'Naliczenie');
    expect(charge?.[3]).toMatch(/^\d{2}\.\d{2}\.2026$/);
    expect(charge?.[4]).toMatch(/^\d+,\d{2}$/);
    expect(charge?.[5]).toBe('');
  });

  it('answers 404 for a foreign unit, another organization and the period before the right', async () => {
    for (const url of [
      `/ebok/finanse/${units.other}`,
      `/ebok/finanse/${units.foreign}`,
      `/ebok/finanse/${units.sold}`,
      `/ebok/finanse/${units.other}/zestawienie.pdf`,
      `/ebok/finanse/${units.foreign}/saldo`,
      '/ebok/finanse/abc',
    ]) {
      expect((await member.get(url)).statusCode, url).toBe(404);
    }
    // A day before the right is said at the field, the day typed kept (issue 15), not a 404.
    const early = await buyer.get(`/ebok/finanse/${units.sold}/saldo?dzien=2020-06-14`);
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Dane dostępne od 15.06.2020.');
    expect(early.body).toContain('value="14.06.2020"');
    const earlyHistory = await buyer.get(`/ebok/finanse/${units.sold}?od=2020-01-01`);
    expect(earlyHistory.body).toContain('Dane dostępne od 15.06.2020.');
    expect(earlyHistory.body).toContain('value="01.01.2020"');
    expect((await buyer.get(`/ebok/finanse/${units.sold}/zestawienie.csv?od=2019-01-01`)).statusCode).toBe(404);
  });

  it('the buyer starts from zero; the seller still sees their own period and not the buyer’s', async () => {
    const buyerBalance = await buyer.get(`/ebok/finanse/${units.sold}/saldo?dzien=2020-07-31`);
    expect(buyerBalance.statusCode).toBe(200);
    // only July 2020 (June's charge is valued on 1 June, before the purchase): 40 m² × 3,4567 = 138,27
    expect(buyerBalance.body).toContain('zadłużenie <strong>138,27\u00a0zł</strong>');
    const sellerBalance = await seller.get(`/ebok/finanse/${units.sold}/saldo?dzien=2026-03-15`);
    expect(sellerBalance.statusCode).toBe(200);
    // May + June 2020, and the day is clamped to the last day of their right
    expect(sellerBalance.body).toContain('zadłużenie <strong>276,54\u00a0zł</strong>');
    expect(sellerBalance.body).toContain('14.06.2020');
    // Default periods and periods past the right end with the seller's last day: never the buyer's entries.
    for (const url of [
      `/ebok/finanse/${units.sold}/zestawienie.csv`,
      `/ebok/finanse/${units.sold}/zestawienie.csv?od=2024-01-01`,
    ]) {
      const csv = await seller.get(url);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).not.toMatch(/\d{2}\.07\.2020|\.2026/);
      expect(csv.body).toContain('Saldo końcowe;;;;;276,54;zadłużenie');
    }
    const history = await seller.get(`/ebok/finanse/${units.sold}`);
    expect(history.body).not.toMatch(/\d{2}\.0[1-3]\.2026/);
    expect(history.body).toContain('276,54');
  });

  it('lets an accountant book a payment with Polish validation, a receivable and a correction', async () => {
    await accountant.get(`/panel/finanse/lokal/${units.other}`);
    const bad = await accountant.post(`/panel/finanse/lokal/${units.other}/wplata`, {
      kwota: '12,345',
      data: '2026-03-14',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('najwyżej dwa miejsca po przecinku');
    expect(bad.body).toContain('value="12,345"');
    const early = await accountant.post(`/panel/finanse/lokal/${units.other}/wplata`, {
      kwota: '0,01',
      data: '1900-01-01',
    });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Data wpłaty: data nie może być wcześniejsza niż początek ewidencji (01.01.2013)');
    const ok = await accountant.post(`/panel/finanse/lokal/${units.other}/wplata`, {
      kwota: '1 234,56',
      data: '2026-03-14',
      referencja: 'BANK-1',
    });
    expect(ok.statusCode).toBe(303);
    await accountant.get(`/panel/finanse/lokal/${units.other}`);
    const dup = await accountant.post(`/panel/finanse/lokal/${units.other}/wplata`, {
      kwota: '1,00',
      data: '2026-03-14',
      referencja: 'BANK-1',
    });
    expect(dup.statusCode).toBe(422);
    const receivable = await accountant.post(`/panel/finanse/lokal/${units.other}/naleznosc`, {
      opis: 'Kara umowna',
      kwota: '50',
      data: '2026-03-01',
      termin: '2026-03-15',
    });
    expect(receivable.statusCode).toBe(303);
    const [payment] = await listEntries(t.database.db, { organizationId: org, unitId: units.other, kind: 'payment' });
    if (!payment) throw new Error('payment missing');
    await accountant.get(`/panel/finanse/pozycja/${payment.id}/korekta`);
    const correction = await accountant.post(`/panel/finanse/pozycja/${payment.id}/korekta`, {
      kwota: '-1 200,00',
      data: '2026-03-15',
      powod: 'błąd przy wpisywaniu',
    });
    expect(correction.statusCode).toBe(303);
    const page = await accountant.get(`/panel/finanse/lokal/${units.other}`);
    expect(page.body).toContain('Korekta: błąd przy wpisywaniu');
  });

  it('lets a clerk read but not change', async () => {
    expect((await clerk.get(`/panel/finanse/lokal/${units.own}`)).statusCode).toBe(200);
    expect((await clerk.get('/panel/finanse/dluznicy')).statusCode).toBe(200);
    expect(
      (await clerk.post(`/panel/finanse/lokal/${units.own}/wplata`, { kwota: '1', data: '2026-03-01' })).statusCode,
    ).toBe(404);
    expect((await clerk.get('/panel/finanse/import')).statusCode).toBe(404);
    expect((await accountant.get(`/panel/finanse/lokal/${units.foreign}`)).statusCode).toBe(404);
  });

  it('lists debtors as of a day above a threshold, sortable, also as CSV', async () => {
    const page = await accountant.get('/panel/finanse/dluznicy?dzien=2026-03-15&prog=100,00&sort=saldo');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1\u00a0179,20\u00a0zł');
    const csv = await accountant.get('/panel/finanse/dluznicy.csv?dzien=2026-03-15&prog=100,00');
    expect(csv.body.startsWith('\ufeffLokal;Kod;Posiadacze;Saldo;Okres;Były posiadacz;Zaległość po terminie')).toBe(
      true,
    );
    expect(csv.body).toContain(';1179,20');
    // Per holder period (issue 15): the seller's debt from before 15.06.2020 under his name.
    expect(page.body).toContain('(były posiadacz)');
    expect((await accountant.get('/panel/finanse/dluznicy?prog=abc')).statusCode).toBe(422);
  });

  it('imports payments atomically and idempotently, with per-row errors', async () => {
    await accountant.get('/panel/finanse/import');
    const broken = Buffer.from(
      'lokal;data;kwota;referencja;opis\r\nL-12;2026-03-01;100,00;IMP-1;ok\r\nL-99;2026-03-01;12,345;IMP-1;zle\r\n' +
        'L-12;2099-01-01;10,00;IMP-3;jutro\r\nL-12;31.12.2012;10,00;IMP-4;przed\r\nL-12;2026-03-02;90 071 992 547 409,91;IMP-5;duzo\r\n',
    );
    const failed = await accountant.postMultipart(
      '/panel/finanse/import',
      {},
      { field: 'plik', name: 'w.csv', data: broken },
    );
    expect(failed.statusCode).toBe(422);
    expect(failed.body).toContain('Nie ma lokalu o kodzie „L-99”');
    expect(failed.body).toContain('najwyżej dwa miejsca po przecinku');
    expect(failed.body).toContain('powtarza się w pliku');
    expect(failed.body).toContain('Data nie może być późniejsza niż dziś.');
    expect(failed.body).toContain('wcześniejsza niż początek ewidencji (01.01.2013)');
    expect(failed.body).toContain('Kwota jest zbyt duża');
    expect(await listEntries(t.database.db, { organizationId: org, unitId: units.own, kind: 'payment' })).toHaveLength(
      1,
    );
    const good = Buffer.from(
      'lokal;data;kwota;referencja;opis\r\nL-12;2026-03-01;100,00;IMP-1;ok\r\nL-14;01.03.2026;20,5;IMP-2;\r\n',
    );
    await accountant.get('/panel/finanse/import');
    const first = await accountant.postMultipart(
      '/panel/finanse/import',
      {},
      { field: 'plik', name: 'w.csv', data: good },
    );
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('zaksięgowano 2');
    await accountant.get('/panel/finanse/import');
    const again = await accountant.postMultipart(
      '/panel/finanse/import',
      {},
      { field: 'plik', name: 'w.csv', data: good },
    );
    expect(again.body).toContain('zaksięgowano 0, pominięto już zaksięgowane: 2');
  });

  it('answers pages while a large payments file is being imported, and shows its payments only when all are booked', async () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `L-15;2026-03-02;1,00;BUSY-${i};Wpłata w tle`);
    const page = () => accountant.get(`/panel/finanse/lokal/${units.other}`);
    const during: { status: number; shown: boolean }[] = [];
    const report = await importPayments(t.database.db, {
      actor: testActorIn(org),
      source: { bytes: Buffer.from(['lokal;data;kwota;referencja;opis', ...lines].join('\n')), name: 'w.csv' },
      bookingDate: '2026-03-15',
      startDate: '2013-01-01',
      chunkRows: 1_000,
      // The page is asked for, and answers, while the import is under way (it waits for the page).
      onStaged: async () => {
        const response = await page();
        during.push({ status: response.statusCode, shown: response.body.includes('Wpłata w tle') });
      },
    });
    expect(during).toEqual([1, 2, 3].map(() => ({ status: 200, shown: false })));
    expect(report).toMatchObject({ booked: 3_000, errors: [] });
    expect((await page()).body).toContain('Wpłata w tle');
  });

  it('runs the monthly charge run from the back office, twice without doubling', async () => {
    await accountant.get('/panel/finanse/oplaty');
    const first = await accountant.post('/panel/finanse/oplaty/naliczenie', { miesiac: '2026-04' });
    expect(first.body).toContain('zaksięgowano 3 pozycje');
    await accountant.get('/panel/finanse/oplaty');
    const second = await accountant.post('/panel/finanse/oplaty/naliczenie', { miesiac: '2026-04' });
    expect(second.body).toContain('zaksięgowano 0 pozycji');
    const bad = await accountant.post('/panel/finanse/oplaty/stawka', {
      skladnik: '1',
      stawka: '1,23456',
      od: '2026-05-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('najwyżej cztery miejsca');
  });
  it('a holder who sold and bought the unit back sees only their new right, not the years in between', async () => {
    const db = t.database.db;
    const ctx = { actor: systemActor(org, 'test') };
    const unitId = (await makeUnit(db, org, { number: '16', area: '40,00', externalKey: 'L-16' })).id;
    const again = await makePerson(db, org);
    const between = await makePerson(db, org);
    await makeRight(db, org, { unitId, personId: again.id, validFrom: '2010-01-01' });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId, date: '2020-06-15', newHolders: [{ personId: between.id, kind: 'własnościowe' }] },
    });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId, date: '2026-02-15', newHolders: [{ personId: again.id, kind: 'własnościowe' }] },
    });
    for (const month of ['2020-07', '2026-03'])
      await runCharges(db, { ...ctx, month, dueDay: 10, bookingDate: `${month}-01` });
    const account = await makeAccount(db, org, { personId: again.id });
    const client = new TestClient(t.app, 'localhost', '10.7.0.9');
    await client.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
    const before = await client.get(`/ebok/finanse/${unitId}/saldo?dzien=2020-07-31`);
    expect(before.statusCode).toBe(422);
    expect(before.body).toContain('Dane dostępne od 15.02.2026.');
    const csv = await client.get(`/ebok/finanse/${unitId}/zestawienie.csv?od=2026-02-15`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('07.2020');
    // March 2026 alone: 40 m² × 4,0000 zł
    expect(csv.body).toContain('Saldo końcowe;;;;;160,00;zadłużenie');
  });
});
