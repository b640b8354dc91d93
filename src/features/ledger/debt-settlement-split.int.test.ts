/**
 * Issue 15 item 5: a water settlement for January–June 2020 (dated 01.07.2020) of a flat sold on
 * 15.06.2020 falls on the seller for 166 of its 182 days and on the buyer for 16, unless the
 * organization chose "the holder on the settlement date".
 */

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
import { postMediaSettlement } from './ledger.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2021-01-15T10:00:00Z');
const zl = (text: string) => text.replaceAll(' zł', '\u00a0zł');
/** The page's text without its markup. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \n\t]+/g, ' ')
    .replace(/ \u00a0/g, '\u00a0');

describe('a settlement straddling a holder change (issue 15 item 5)', () => {
  let t: TestApp;
  let org: number;
  let unitId: number;
  let accountant: TestClient;
  let admin: TestClient;
  let buyer: TestClient;
  let seller: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    await updateOrganizationSettings(db, org, { ledgerStartDate: '2013-01-01' });
    unitId = (await makeUnit(db, org, { number: '3', area: '50,00' })).id;
    const sellerPerson = await makePerson(db, org);
    const buyerPerson = await makePerson(db, org);
    await makeRight(db, org, { unitId, personId: sellerPerson.id, validFrom: '2010-01-01' });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId, date: '2020-06-15', newHolders: [{ personId: buyerPerson.id, kind: 'własnościowe' }] },
    });
    // 18,2 m³ × 10,00 zł, no advances: 182,00 zł for 182 days (2020 is a leap year).
    await postMediaSettlement(db, {
      actor: systemActor(org, 'test'),
      input: {
        unitId,
        medium: 'zimna_woda',
        periodFrom: '2020-01-01',
        periodTo: '2020-06-30',
        consumptionThousandths: 18_200,
        consumptionUnit: 'm3',
        price: 100_000,
        advances: 0,
        bookingDate: '2020-07-01',
        dueDate: '2020-07-15',
        sourceRef: 'woda-2020-1',
      },
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
    accountant = await staff(['accountant'], '10.8.1.1', 0);
    admin = await staff(['admin'], '10.8.1.2', 30_000);
    const memberAccount = await makeAccount(db, org, { personId: buyerPerson.id });
    buyer = new TestClient(t.app, 'localhost', '10.8.1.3');
    await buyer.signIn('/ebok', memberAccount.login, TEST_PASSWORD, { now: NOW });
    const sellerAccount = await makeAccount(db, org, { personId: sellerPerson.id });
    seller = new TestClient(t.app, 'localhost', '10.8.1.4');
    await seller.signIn('/ebok', sellerAccount.login, TEST_PASSWORD, { now: NOW });
  });
  afterAll(async () => t.close());

  it('by default shares it by days: 166,00 zł the seller, 16,00 zł the buyer, on the staff page and in e-BOK', async () => {
    const page = await accountant.get(`/panel/finanse/lokal/${unitId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('(były posiadacz)');
    expect(text(page.body)).toContain(zl('zaległość po terminie 166,00 zł'));
    expect(text(page.body)).toContain(zl('zaległość po terminie 16,00 zł'));
    expect(page.body).toContain('część za 15.06–30.06.2020 (16 z 182 dni)');
    expect(text(page.body)).toContain(zl('182,00 zł'));
    expect(page.body).toContain(
      'Rozliczenie za okres obejmujący zmianę posiadacza dzielone jest proporcjonalnie do liczby dni.',
    );
    const debtors = await accountant.get('/panel/finanse/dluznicy?dzien=2021-01-15&prog=0');
    expect(debtors.body).toContain('dzielone jest proporcjonalnie do liczby dni');
    expect(debtors.body).toContain(zl('166,00 zł'));
    expect(debtors.body).toContain(zl('16,00 zł'));

    const home = await buyer.get('/ebok');
    expect(home.body).toMatch(/Do zapłaty <strong class="amount">16,00\u00a0zł<\/strong>/);
    const media = await buyer.get(`/ebok/finanse/${unitId}/media`);
    expect(media.statusCode).toBe(200);
    expect(media.body).toContain(
      'Rozliczenie za okres obejmujący zmianę posiadacza dzielone jest proporcjonalnie do liczby dni.',
    );
  });

  it('shows each holder only their part, with the rule, in every list and total they see', async () => {
    // The staff's list of all operations: the whole entry, and each holder's part under it.
    const page = text((await accountant.get(`/panel/finanse/lokal/${unitId}`)).body);
    expect(page).toContain(
      zl('166,00 zł (część za 01.01–14.06.2020 (166 z 182 dni), dzielone proporcjonalnie do dni)'),
    );
    expect(page).toContain(zl('16,00 zł (część za 15.06–30.06.2020 (16 z 182 dni), dzielone proporcjonalnie do dni)'));

    // The seller: the settlement (dated after their last day) at 166,00 zł in the history, its
    // closing balance, the balance on a day, "Do zapłaty" and the settlements table agree.
    const history = text((await seller.get(`/ebok/finanse/${unitId}?od=01.01.2020`)).body);
    expect(history).toContain('część za 01.01–14.06.2020 (166 z 182 dni), dzielone proporcjonalnie do dni');
    expect(history).toContain(zl('Saldo na koniec okresu: zadłużenie 166,00 zł'));
    expect(history).not.toContain(zl('182,00 zł'));
    const home = await seller.get('/ebok');
    expect(home.body).toMatch(/166,00\u00a0zł/);
    const media = text((await seller.get(`/ebok/finanse/${unitId}/media`)).body);
    expect(media).toContain(zl('Twoja część: dopłata 166,00 zł'));
    expect(media).toContain('część za 01.01–14.06.2020');

    // The buyer: 16,00 zł everywhere, from zero on the first day of the right.
    const own = text((await buyer.get(`/ebok/finanse/${unitId}?od=15.06.2020`)).body);
    expect(own).toContain('część za 15.06–30.06.2020 (16 z 182 dni), dzielone proporcjonalnie do dni');
    expect(own).toContain(zl('Saldo na koniec okresu: zadłużenie 16,00 zł'));
    expect(own).not.toContain(zl('182,00 zł'));
    const balance = text((await buyer.get(`/ebok/finanse/${unitId}/saldo?dzien=15.01.2021`)).body);
    expect(balance).toContain(zl('zadłużenie 16,00 zł'));
    const buyerMedia = text((await buyer.get(`/ebok/finanse/${unitId}/media`)).body);
    expect(buyerMedia).toContain(zl('Twoja część: dopłata 16,00 zł'));
    const csv = await buyer.get(`/ebok/finanse/${unitId}/zestawienie.csv?od=15.06.2020&do=15.01.2021`);
    expect(csv.body).toContain('16,00');
    expect(csv.body).not.toContain('182,00');
  });

  it('refuses the setting to finance staff (404 for the form) and keeps it for the administrator, audited', async () => {
    const form = { termin: '10', odsetki: '1', prog: '0', rozliczenie: 'data' };
    await accountant.get('/panel/finanse/odsetki');
    const refused = await accountant.post('/panel/finanse/odsetki/ustawienia', form);
    expect(refused.statusCode).toBe(404);
    const settings = await admin.get('/panel/finanse/odsetki');
    expect(settings.body).toContain('dzielone między posiadaczy proporcjonalnie do liczby dni');
    const saved = await admin.post('/panel/finanse/odsetki/ustawienia', form);
    expect(saved.statusCode).toBe(303);
    const audit = await queryRows<{ detail: { settlementSplit?: string } }>(
      t.database.db,
      sql`select detail from audit_log where organization_id = ${org} and action = 'ledger.debt_settings' order by id desc limit 1`,
    );
    expect(audit[0]?.detail.settlementSplit).toBe('settlement_date');
  });

  it('with "the holder on the settlement date" puts it wholly on the buyer', async () => {
    const page = await accountant.get(`/panel/finanse/lokal/${unitId}`);
    expect(text(page.body)).toContain(zl('zaległość po terminie 182,00 zł'));
    expect(text(page.body)).not.toContain(zl('zaległość po terminie 166,00 zł'));
    expect(page.body).not.toContain('część za');
    expect(page.body).toContain(
      'Rozliczenie za okres obejmujący zmianę posiadacza obciąża w całości posiadacza z dnia rozliczenia.',
    );
    const home = await buyer.get('/ebok');
    expect(home.body).toMatch(/Do zapłaty <strong class="amount">182,00\u00a0zł<\/strong>/);
    const media = await buyer.get(`/ebok/finanse/${unitId}/media`);
    expect(media.body).toContain('obciąża w całości posiadacza z dnia rozliczenia');
  });

  it('splits a correction of a straddling settlement by that settlement’s period, not by its own date', async () => {
    await admin.get('/panel/finanse/odsetki');
    const days = await admin.post('/panel/finanse/odsetki/ustawienia', {
      termin: '10',
      odsetki: '1',
      prog: '0',
      rozliczenie: 'dni',
    });
    expect(days.statusCode).toBe(303);
    const [entry] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id::text from ledger_entries where organization_id = ${org} and unit_id = ${unitId} and kind = 'media_settlement'`,
    );
    await accountant.get(`/panel/finanse/pozycja/${entry?.id}/korekta`);
    const corrected = await accountant.post(`/panel/finanse/pozycja/${entry?.id}/korekta`, {
      kwota: '200,00',
      data: '15.01.2021',
      powod: 'Błędny odczyt wodomierza',
    });
    expect(corrected.statusCode).toBe(303);
    // 200,00 zł shared by days: round(20 000 × 166 / 182) = 182,42 zł the seller, 17,58 zł the buyer.
    const page = text((await accountant.get(`/panel/finanse/lokal/${unitId}`)).body);
    expect(page).toContain(zl('zaległość po terminie 182,42 zł'));
    const home = await buyer.get('/ebok');
    expect(home.body).toMatch(/Do zapłaty <strong class="amount">17,58\u00a0zł<\/strong>/);
    const own = text((await buyer.get(`/ebok/finanse/${unitId}?od=15.06.2020`)).body);
    expect(own).toContain(zl('Saldo na koniec okresu: zadłużenie 17,58 zł'));
    const history = text((await seller.get(`/ebok/finanse/${unitId}?od=01.01.2020`)).body);
    expect(history).toContain(zl('Saldo na koniec okresu: zadłużenie 182,42 zł'));
  });
});
