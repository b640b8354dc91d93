import { eq, sql } from 'drizzle-orm';
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
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { createTransport, drainOutbox, type MailWorkerOptions } from '../../mail/worker.ts';
import { systemActor } from '../audit/audit.ts';
import { consents, deliveries } from '../correspondence/schema.ts';
import { unitDebt } from '../ledger/debt.ts';
import { addFeeComponent, runCharges, setFeeRate } from '../ledger/fees.ts';
import { bookPayment } from '../ledger/ledger.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { recordHolderChange } from '../units/rights.ts';
import { sendReminders } from './run.ts';
import { debtReminders } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-12-07T10:00:00Z');
const money = (text: string) => new RegExp(text.replace(/ /g, '\\s').replace(/,/g, ','));

describe('debt reminders (issue 15)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let worker: MailWorkerOptions;
  let org: Organization;
  let clerk: TestClient;
  let admin: TestClient;
  let accountant: TestClient;
  let zofiaClient: TestClient;
  const ids = { a: 0, b: 0, c: 0, d: 0, zofia: 0, jan: 0, ewa: 0, adam: 0, beata: 0 };
  const silent = { info() {}, warn() {}, error() {} };

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    smtp = await startTestSmtpServer();
    worker = { db: t.database.db, transport: createTransport(smtp.url), log: silent, clock: () => NOW };
    const db = t.database.db;
    org = await makeOrganization(db, { bankAccount: '61 1090 1014 0000 0712 1981 2874' });
    const building = await makeBuilding(db, org.id, { street: 'ul. Lipowa', number: '4' });
    const unit = async (number: string) => (await makeUnit(db, org.id, { buildingId: building.id, number })).id;
    const person = async (firstName: string, lastName: string) =>
      (await makePerson(db, org.id, { firstName, lastName })).id;
    ids.a = await unit('1');
    ids.b = await unit('2');
    ids.c = await unit('3');
    ids.d = await unit('4');
    ids.zofia = await person('Zofia', 'Żółkiewska');
    ids.jan = await person('Jan', 'Nowak');
    ids.ewa = await person('Ewa', 'Lis');
    ids.adam = await person('Adam', 'Sprzedawca');
    ids.beata = await person('Beata', 'Kupująca');
    await makeRight(db, org.id, { unitId: ids.a, personId: ids.zofia, validFrom: '2010-01-01' });
    await makeRight(db, org.id, { unitId: ids.b, personId: ids.jan, validFrom: '2010-01-01' });
    await makeRight(db, org.id, { unitId: ids.c, personId: ids.ewa, validFrom: '2010-01-01' });
    await makeRight(db, org.id, { unitId: ids.d, personId: ids.adam, validFrom: '2010-01-01' });
    const actor = systemActor(org.id, 'test');
    await recordHolderChange(db, {
      actor: testActorIn(org.id),
      input: { unitId: ids.d, date: '2026-10-01', newHolders: [{ personId: ids.beata, kind: 'własnościowe' }] },
    });
    const fee = await addFeeComponent(db, { actor, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'fixed' } });
    await setFeeRate(db, { actor, input: { componentId: fee.id, rate: 4_000_000, effectiveFrom: '2026-01-01' } });
    for (const m of ['07', '08', '09', '10', '11', '12'])
      await runCharges(db, { actor, month: `2026-${m}`, dueDay: 10, bookingDate: `2026-${m}-01` });
    const pay = (unitId: number, day: string) =>
      bookPayment(db, {
        actor,
        input: { unitId, amount: 40_000, valueDate: day, bookingDate: day, description: 'Przelew' },
      });
    // Zofia paid July only; Jan and Ewa paid July–October; Beata paid her months from October.
    await pay(ids.a, '2026-07-05');
    for (const m of ['07', '08', '09', '10']) {
      await pay(ids.b, `2026-${m}-05`);
      await pay(ids.c, `2026-${m}-05`);
    }
    for (const m of ['10', '11', '12']) await pay(ids.d, `2026-${m}-05`);
    await db.insert(consents).values({
      organizationId: org.id,
      personId: ids.zofia,
      email: 'zofia@example.com',
      method: 'desk',
      textVersion: 1,
      state: 'given',
      recordedAt: NOW,
      recordedByLabel: 'test',
      addressConfirmedAt: NOW,
    });
    // A run on 20.11: the first stage for Zofia and for Adam, the seller who left July–September unpaid.
    const earlier = await sendReminders(db, {
      actor,
      organization: org,
      asOf: '2026-11-20',
      now: new Date('2026-11-20T10:00:00Z'),
      mailFrom: undefined,
      baseUrl: 'http://sm.test',
    });
    expect(earlier).toMatchObject({ sent: 2, email: 1, paper: 1, byStage: { '1': 2 } });
    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('clerk' | 'admin' | 'accountant')[], ip: string, offset: number) => {
      // Each its own secret: the app's clock stands still, so one code may be used once only.
      const totpSecret = [SECRET, 'KRSXG5CTMVRXEZLU', 'MFRGGZDFMZTWQ2LK'][offset / 30_000] ?? SECRET;
      const account = await makeAccount(db, org.id, { kind: 'staff', roles, totpSecret, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret, now: NOW });
      return client;
    };
    clerk = await staff(['clerk'], '10.15.0.1', 0);
    admin = await staff(['admin'], '10.15.0.2', 30_000);
    accountant = await staff(['accountant'], '10.15.0.3', 60_000);
    const zofiaAccount = await makeAccount(db, org.id, { personId: ids.zofia });
    zofiaClient = new TestClient(t.app, 'localhost', '10.15.0.4');
    await zofiaClient.signIn('/ebok', zofiaAccount.login, TEST_PASSWORD, { now: NOW });
  });
  afterAll(async () => {
    worker.transport.close();
    await smtp.close();
    await t.close();
  });

  const reminders = () =>
    t.database.db
      .select()
      .from(debtReminders)
      .where(eq(debtReminders.organizationId, org.id))
      .orderBy(debtReminders.id);

  it('lists who is due which stage on the day, with three real letters per stage', async () => {
    const page = await clerk.get('/panel/finanse/upomnienia');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Posiadacze z zaległością na 07.12.2026: 4');
    // Zofia and Adam had the reminder on 20.11 (deadline 04.12): now the wezwanie; Jan and Ewa the first stage.
    expect(body).toContain('1. Przypomnienie: 2 posiadaczy');
    expect(body).toContain('2. Wezwanie do zapłaty: 2 posiadaczy');
    expect(body).toContain('Sprzedawca Adam<span class="meta"> (były posiadacz)');
    expect(body.match(/class="letter-sample"/g)).toHaveLength(4);
    // Zofia's own figures: August–November overdue (1 600,00 zł), December not yet due.
    expect(body).toMatch(money('1 600,00 zł'));
    expect(body).toContain('Zofia Żółkiewska, ul. Lipowa 4/1 (e-mail)');
    expect(body).toContain('Jan Nowak, ul. Lipowa 4/2 (papier)');
    expect(body).toContain('Wyślij upomnienia');
  });

  it('shows another day for reading only: reminders go out with today’s figures', async () => {
    const page = await clerk.get('/panel/finanse/upomnienia?dzien=2026-11-20');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Wyślij upomnienia</button>');
    expect(page.body).toContain('wybierz dzisiejszy dzień');
    const stale = await clerk.post('/panel/finanse/upomnienia/wyslij', { dzien: '2026-12-06' });
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('Upomnienia wysyłamy według stanu na dziś (07.12.2026)');
  });

  it('sends each holder their stage (e-mail with consent, print queue otherwise), never to one who paid meanwhile', async () => {
    // Ewa pays after the preview and before the sending.
    await bookPayment(t.database.db, {
      actor: systemActor(org.id, 'test'),
      input: {
        unitId: ids.c,
        amount: 40_000,
        valueDate: '2026-12-07',
        bookingDate: '2026-12-07',
        description: 'Przelew',
      },
    });
    const sent = await clerk.post('/panel/finanse/upomnienia/wyslij', { dzien: '2026-12-07' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/panel/finanse/upomnienia?ok=wyslano&n=3');
    const rows = (await reminders()).filter((r) => r.asOf === '2026-12-07');
    expect(rows.map((r) => [r.personId, r.level, r.channel]).sort()).toEqual(
      [
        [ids.adam, 2, 'paper'],
        [ids.jan, 1, 'paper'],
        [ids.zofia, 2, 'email'],
      ].sort(),
    );
    const zofia = rows.find((r) => r.personId === ids.zofia);
    const debt = await unitDebt(t.database.db, {
      organizationId: org.id,
      unitId: ids.a,
      asOf: '2026-12-07',
      settings: ledgerSettingsOf(org),
    });
    expect(zofia).toMatchObject({ principal: 160_000, interest: debt.interest, payBy: '2026-12-21' });
    expect(debt.interest).toBeGreaterThan(0);
    expect(zofia?.total).toBe(160_000 + debt.interest);
    await drainOutbox(worker);
    const mails = smtp.messages.filter((m) => m.subject === 'Wezwanie do zapłaty');
    expect(mails).toHaveLength(1);
    const text = mails[0]?.text ?? '';
    expect(JSON.stringify(mails[0]?.to)).toContain('zofia@example.com');
    expect(text).toMatch(money('Zaległość po terminie wynosi 1 600,00 zł'));
    expect(text).toContain('21.12.2026');
    expect(text).toContain('61 1090 1014 0000 0712 1981 2874');
    expect(mails[0]?.attachments.some((a) => a.contentType === 'application/pdf')).toBe(true);
    const paper = await t.database.db
      .select({ personId: deliveries.personId, state: deliveries.state })
      .from(deliveries)
      .where(eq(deliveries.organizationId, org.id));
    expect(paper.filter((d) => d.state === 'to_print').map((d) => d.personId)).toEqual(
      expect.arrayContaining([ids.jan, ids.adam]),
    );
    const audit = await queryRows<{ detail: { sent: number } }>(
      t.database.db,
      sql`select detail from audit_log where organization_id = ${org.id} and action = 'reminders.sent' order by id`,
    );
    expect(audit.at(-1)?.detail.sent).toBe(3);
  });

  it('sends nothing twice: a second run the same day is a no-op', async () => {
    const before = (await reminders()).length;
    const again = await clerk.post('/panel/finanse/upomnienia/wyslij', { dzien: '2026-12-07' });
    expect(again.headers.location).toBe('/panel/finanse/upomnienia?ok=wyslano&n=0');
    expect(await reminders()).toHaveLength(before);
    const page = await clerk.get('/panel/finanse/upomnienia');
    expect(page.body).toContain('czeka na termin zapłaty z poprzedniego pisma (21.12.2026)');
    expect(page.body).not.toContain('Wyślij upomnienia</button>');
  });

  it('shows the reminders on the unit’s account and to the member in e-BOK and her inbox', async () => {
    const account = await accountant.get(`/panel/finanse/lokal/${ids.a}`);
    expect(account.statusCode, String(account.headers.location)).toBe(200);
    expect(account.body).toContain('id="upomnienia"');
    expect(account.body).toContain('Przypomnienie');
    expect(account.body).toContain('Wezwanie do zapłaty');
    const finances = await zofiaClient.get('/ebok/finanse');
    expect(finances.body).toContain('Upomnienia i wezwania do zapłaty');
    expect(finances.body).toContain('Wezwanie do zapłaty');
    const inbox = await zofiaClient.get('/ebok/korespondencja');
    expect(inbox.body).toContain('Wezwanie do zapłaty');
    expect(inbox.body).toContain('Przypomnienie o zaległości w opłatach');
    // Jan's reminders are not Zofia's.
    expect(finances.body).not.toContain('Lipowa 4/2');
  });

  it('lets the administrator change a stage, refusing a threshold below the previous stage at its field', async () => {
    const form = {
      nazwa: 'Wezwanie do zapłaty',
      kwota: '100,00',
      dni: '7',
      termin: '14',
      temat: 'Wezwanie do zapłaty',
      tresc: 'Wzywamy do zapłaty {{razem}} do {{termin_zaplaty}} na rachunek {{numer_konta}}.',
    };
    const refused = await admin.post('/panel/finanse/upomnienia/etapy/2', form);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('nie może zaczynać się przy mniejszej liczbie dni po terminie niż etap 1');
    expect(refused.body).toContain('{{termin_zaplaty}}');
    const unknown = await admin.post('/panel/finanse/upomnienia/etapy/2', { ...form, dni: '45', tresc: '{{pesel}}' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Nieznane pola: {{pesel}}');
    const saved = await admin.post('/panel/finanse/upomnienia/etapy/2', { ...form, dni: '60' });
    expect(saved.statusCode).toBe(303);
    const page = await admin.get(String(saved.headers.location));
    expect(page.body).toContain('Zapisano etapy upomnień.');
    expect(page.body).toMatch(/2\. Wezwanie do zapłaty<\/td>.*?<td data-label="Dni po terminie">60<\/td>/s);
    const audit = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where organization_id = ${org.id} and action = 'reminders.stages_saved'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('is not there for those who may not see or change it', async () => {
    expect((await zofiaClient.get('/panel/finanse/upomnienia')).statusCode).toBe(404);
    expect((await accountant.post('/panel/finanse/upomnienia/etapy/1', { nazwa: 'x' })).statusCode).toBe(404);
    expect((await clerk.get('/panel/finanse/upomnienia/etapy/5')).statusCode).toBe(404);
    const other = await makeOrganization(t.database.db);
    expect((await clerk.get('/panel/finanse/upomnienia')).body).not.toContain(String(other.name));
  });
});
