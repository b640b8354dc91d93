import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { systemActor } from '../audit/audit.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { recordHolderChange } from '../units/rights.ts';
import { addFeeComponent, runCharges, setFeeRate } from './fees.ts';
import { bookPayment } from './ledger.ts';
import { listEntries } from './queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2021-01-15T10:00:00Z');

describe('debt as the law counts it (issue 15)', () => {
  let t: TestApp;
  let org: number;
  let unitId: number;
  let accountant: TestClient;
  let admin: TestClient;
  let buyer: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    await updateOrganizationSettings(db, org, { ledgerStartDate: '2013-01-01' });
    unitId = (await makeUnit(db, org, { number: '3', area: '50,00', externalKey: 'L-3' })).id;
    const seller = await makePerson(db, org);
    const buyerPerson = await makePerson(db, org);
    await makeRight(db, org, { unitId, personId: seller.id, validFrom: '2010-01-01' });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId, date: '2020-06-15', newHolders: [{ personId: buyerPerson.id, kind: 'własnościowe' }] },
    });
    const ctx = { actor: systemActor(org, 'test') };
    const fee = await addFeeComponent(db, { ...ctx, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'fixed' } });
    await setFeeRate(db, { ...ctx, input: { componentId: fee.id, rate: 1_000_000, effectiveFrom: '2013-01-01' } });
    for (let m = 1; m <= 12; m++) {
      const month = `2020-${String(m).padStart(2, '0')}`;
      await runCharges(db, { ...ctx, month, dueDay: 10, bookingDate: `${month}-01` });
    }
    // The seller paid nothing in 2020; the buyer paid 300,00 zł on 30.09 for July–September.
    await bookPayment(db, {
      ...ctx,
      input: { unitId, amount: 30_000, valueDate: '2020-09-30', bookingDate: '2020-09-30', description: 'Przelew' },
    });
    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('accountant' | 'admin')[], ip: string, offset: number) => {
      const account = await makeAccount(db, org, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date(NOW.getTime() + offset),
      });
      return client;
    };
    accountant = await staff(['accountant'], '10.8.0.1', 0);
    admin = await staff(['admin'], '10.8.0.2', 30_000);
    const memberAccount = await makeAccount(db, org, { personId: buyerPerson.id });
    buyer = new TestClient(t.app, 'localhost', '10.8.0.3');
    await buyer.signIn('/ebok', memberAccount.login, TEST_PASSWORD, { now: NOW });
  });
  afterAll(async () => t.close());

  it('shows staff the debt per holder: the seller as former holder, the buyer from her first day, the unit as the sum', async () => {
    const page = await accountant.get(`/panel/finanse/lokal/${unitId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('(były posiadacz)');
    // Seller: January–June 2020 (the June charge is valued on 1 June, before the sale).
    expect(page.body).toContain('zaległość po terminie 600,00\u00a0zł (najstarsza: styczeń 2020)');
    // Buyer: July–December 600,00 − 300,00 paid to the oldest due first: October–December left.
    expect(page.body).toContain('zaległość po terminie 300,00\u00a0zł (najstarsza: październik 2020)');
    expect(page.body).toContain('Lokal razem (suma okresów)');
    expect(page.body).toContain('900,00\u00a0zł');
    expect(page.body).toContain('Nowy posiadacz zaczyna od zera w pierwszym dniu swojego tytułu');
    const debtors = await accountant.get('/panel/finanse/dluznicy?dzien=2021-01-15&prog=0');
    expect(debtors.body).toContain('(były posiadacz)');
    expect(debtors.body).toMatch(/od styczeń 2020|od styczeń|styczeń 2020/);
  });

  it('shows the member her own overdue part and interest, informatively', async () => {
    const home = await buyer.get('/ebok');
    expect(home.body).toContain('Zaległość po terminie');
    expect(home.body).toContain('najstarsza niezapłacona: październik 2020');
    expect(home.body).toContain('Odsetki ustawowe na dziś, informacyjnie');
    const balance = await buyer.get(`/ebok/finanse/${unitId}/saldo?dzien=2020-12-31`);
    expect(balance.body).toContain('Odsetki ustawowe za opóźnienie na 31.12.2020');
    // October's 100,00 zł due 12.10.2020 (10.10 a Saturday): 80 days × 5,6 % / 365 = 1,23 zł.
    expect(balance.body).toContain('1,23\u00a0zł');
  });

  it("follows the payer's indication recorded by the accountant", async () => {
    const entries = await listEntries(t.database.db, { organizationId: org, unitId });
    const payment = entries.find((e) => e.kind === 'payment');
    const december = entries.find((e) => e.kind === 'charge' && e.valueDate === '2020-09-01');
    await accountant.get(`/panel/finanse/lokal/${unitId}`);
    const bad = await accountant.post(`/panel/finanse/lokal/${unitId}/wskazanie`, {
      wplata: String(december?.id),
      naleznosc: String(december?.id),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Wybierz wpłatę tego lokalu.');
    const ok = await accountant.post(`/panel/finanse/lokal/${unitId}/wskazanie`, {
      wplata: String(payment?.id),
      naleznosc: String(december?.id),
    });
    expect(ok.statusCode).toBe(303);
    const page = await accountant.get(`/panel/finanse/lokal/${unitId}`);
    // September paid first by the payer's word, then July and August: still October first.
    expect(page.body).toContain('(najstarsza: październik 2020)');
  });

  it('books interest only when the accountant asks, once per day', async () => {
    await accountant.get(`/panel/finanse/lokal/${unitId}`);
    const booked = await accountant.post(`/panel/finanse/lokal/${unitId}/odsetki`, { dzien: '2021-01-15' });
    expect(booked.statusCode).toBe(303);
    const entries = await listEntries(t.database.db, { organizationId: org, unitId, kind: 'interest' });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.amount).toBeGreaterThan(0);
    expect(entries[0]?.dueDate).toBe('2021-01-29');
    await accountant.get(`/panel/finanse/lokal/${unitId}`);
    const again = await accountant.post(`/panel/finanse/lokal/${unitId}/odsetki`, { dzien: '2021-01-15' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Odsetki są już zaksięgowane do 15.01.2021; wybierz późniejszy dzień.');
    await accountant.get(`/panel/finanse/lokal/${unitId}`);
    const earlier = await accountant.post(`/panel/finanse/lokal/${unitId}/odsetki`, { dzien: '2020-12-31' });
    expect(earlier.statusCode).toBe(422);
  });

  it("sends a member with arrears to the accountant's queue; issues once paid; the public check shows only validity, number and date", async () => {
    await buyer.get(`/ebok/finanse/${unitId}/zaswiadczenie`);
    const asked = await buyer.post(`/ebok/finanse/${unitId}/zaswiadczenie`, {});
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toContain('ok=wniosek');
    const queue = await accountant.get('/panel/finanse/zaswiadczenia');
    expect(queue.body).toContain('lokal');
    const requestId = /\/panel\/finanse\/zaswiadczenia\/(\d+)/.exec(queue.body)?.[1];
    expect(requestId).toBeDefined();
    const { certificateRequestsQueue } = await import('./desk.ts');
    expect((await certificateRequestsQueue.waiting(t.database.db, { organizationId: org })).count).toBe(1);
    await accountant.get(`/panel/finanse/zaswiadczenia/${requestId}`);
    const refused = await accountant.post(`/panel/finanse/zaswiadczenia/${requestId}`, { decyzja: 'wydaj', powod: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Lokal ma zaległość po terminie');
    // Desk: refused as well while something is overdue.
    await accountant.get(`/panel/finanse/lokal/${unitId}`);
    expect((await accountant.post(`/panel/finanse/lokal/${unitId}/zaswiadczenie`, {})).statusCode).toBe(422);
    // The buyer pays everything she owes (the interest booked included).
    const page = await accountant.get(`/panel/finanse/lokal/${unitId}`);
    const owed = /Bieżąca opłata|Zaległość po terminie/.test(page.body);
    expect(owed).toBe(true);
    await bookPayment(t.database.db, {
      actor: systemActor(org, 'test'),
      input: { unitId, amount: 100_000, valueDate: '2021-01-15', bookingDate: '2021-01-15', description: 'Spłata' },
    });
    await accountant.get(`/panel/finanse/zaswiadczenia/${requestId}`);
    const issued = await accountant.post(`/panel/finanse/zaswiadczenia/${requestId}`, { decyzja: 'wydaj', powod: '' });
    expect(issued.statusCode).toBe(303);
    const list = await buyer.get(`/ebok/finanse/${unitId}/zaswiadczenie`);
    expect(list.body).toContain('nr 1/2021');
    const pdfUrl = /href="(\/ebok\/finanse\/\d+\/zaswiadczenie\/\d+\.pdf)"/.exec(list.body)?.[1] as string;
    const pdf = await buyer.get(pdfUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The certificate is among the member's documents too, with the same download.
    const documents = await buyer.get('/ebok/dokumenty');
    expect(documents.body).toContain('Zaświadczenie o niezaleganiu w opłatach nr 1/2021');
    expect(documents.body).toContain(`href="${pdfUrl}"`);
    // Asked again with nothing overdue: issued at once, the next number.
    await buyer.get(`/ebok/finanse/${unitId}/zaswiadczenie`);
    const again = await buyer.post(`/ebok/finanse/${unitId}/zaswiadczenie`, {});
    expect(again.headers.location).toContain('ok=wydane');
    // Desk issue for the current holders.
    await accountant.get(`/panel/finanse/lokal/${unitId}`);
    const desk = await accountant.post(`/panel/finanse/lokal/${unitId}/zaswiadczenie`, {});
    expect(desk.statusCode).toBe(303);
    expect((await accountant.get(String(desk.headers.location))).body).toContain('3/2021');
    // The public check, by anyone: validity, number and date only.
    const rows = await queryRows<{ verification_code: string }>(
      t.database.db,
      sql`select verification_code from arrears_certificates where organization_id = ${org} and sequence = 1`,
    );
    const code = String(rows[0]?.verification_code);
    const visitor = new TestClient(t.app);
    const check = await visitor.get(`/zaswiadczenie?kod=${code.toLowerCase().replaceAll('-', '')}`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Zaświadczenie nr 1/2021 z dnia 15.01.2021 jest ważne.');
    expect(check.body).not.toContain('lokal 3');
    expect((await visitor.get('/zaswiadczenie?kod=AAAA-BBBB-CCCC')).body).toContain(
      'Nie znaleźliśmy ważnego zaświadczenia',
    );
    // Another member's certificate PDF, or a staff page for a member: not there.
    expect((await buyer.get('/panel/finanse/zaswiadczenia')).statusCode).toBe(404);
    expect((await visitor.get(pdfUrl)).statusCode).not.toBe(200);
  });

  it('lets only the administrator edit the rate table, refusing gaps and overlaps', async () => {
    expect((await accountant.get('/panel/finanse/odsetki')).body).toContain('9,25 %');
    await accountant.get('/panel/finanse/odsetki');
    expect((await accountant.post('/panel/finanse/odsetki/stawki', { stawki: '2013-01-01;;8,00' })).statusCode).toBe(
      404,
    );
    await admin.get('/panel/finanse/odsetki');
    const gap = await admin.post('/panel/finanse/odsetki/stawki', {
      stawki: '2013-01-01;2019-12-31;8,00\n2020-01-05;;7,00',
    });
    expect(gap.statusCode).toBe(422);
    expect(gap.body).toContain('Luka między 2019-12-31 a 2020-01-05');
    expect(gap.body).toContain('2020-01-05;;7,00');
    const overlap = await admin.post('/panel/finanse/odsetki/stawki', {
      stawki: '2013-01-01;2020-01-31;8,00\n2020-01-05;;7,00',
    });
    expect(overlap.statusCode).toBe(422);
    const ok = await admin.post('/panel/finanse/odsetki/stawki', {
      stawki: '2008-12-15;2014-12-22;13,00\n2014-12-23;;8,00',
    });
    expect(ok.statusCode).toBe(303);
    expect((await admin.get('/panel/finanse/odsetki')).body).toContain('8,00 %');
    const settings = await admin.post('/panel/finanse/odsetki/ustawienia', { termin: '31', prog: '0' });
    expect(settings.statusCode).toBe(422);
    expect(settings.body).toContain('Dzień płatności: liczba od 1 do 28.');
    await admin.get('/panel/finanse/odsetki');
    const off = await admin.post('/panel/finanse/odsetki/ustawienia', { termin: '15', prog: '0' });
    expect(off.statusCode).toBe(303);
    expect((await buyer.get('/ebok')).body).not.toContain('Odsetki ustawowe');
  });
});
