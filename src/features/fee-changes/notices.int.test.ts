import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { systemActor } from '../audit/audit.ts';
import { auditLog } from '../audit/schema.ts';
import { consents, deliveries } from '../correspondence/schema.ts';
import { addFeeComponent, setFeeRate } from '../ledger/fees.ts';
import { ledgerEntries } from '../ledger/schema.ts';
import type { Organization } from '../organizations/queries.ts';
import { markSent } from '../outbox/outbox.ts';
import { outboxMessages } from '../outbox/schema.ts';
import { feeNotices, feePlans } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const BASE = '/panel/finanse/zmiany-oplat';
const nbsp = (s: string) => s.replace(/ /g, '\u00a0');

/**
 * plan → send → deliveries (e-mail handed to SMTP, paper ticked by the clerk, one too late) →
 * charge runs before, in and after the planned month: each unit pays exactly by its own dates.
 */
describe('fee changes: notices, deliveries and the charge run', () => {
  let t: TestApp;
  let org: Organization;
  let now = new Date('2027-01-15T10:00:00Z');
  let accountant: TestClient;
  let clerk: TestClient;
  let editor: TestClient;
  let anna: TestClient;
  let celina: TestClient;
  const units: Record<'anna' | 'bogdan' | 'celina', number> = { anna: 0, bogdan: 0, celina: 0 };
  let planId = 0;
  let eksploatacja = 0;
  /** Signs everyone in again after the clock jumps (sessions expire). */
  let signInAll: () => Promise<void> = async () => {};

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    org = await makeOrganization(db);
    const building = (await makeBuilding(db, org.id, { street: 'ul. Lipowa', number: '4' })).id;
    const persons: Record<string, number> = {};
    for (const [i, [key, first, last]] of (
      [
        ['anna', 'Anna', 'Adamska'],
        ['bogdan', 'Bogdan', 'Bielski'],
        ['celina', 'Celina', 'Cicha'],
      ] as const
    ).entries()) {
      const unit = await makeUnit(db, org.id, { buildingId: building, number: String(i + 1), area: '50,00' });
      const person = await makePerson(db, org.id, { firstName: first, lastName: last });
      await makeRight(db, org.id, { unitId: unit.id, personId: person.id });
      units[key] = unit.id;
      persons[key] = person.id;
    }
    await db.insert(consents).values({
      organizationId: org.id,
      personId: persons.anna ?? 0,
      email: 'anna@example.com',
      method: 'desk',
      textVersion: 1,
      state: 'given',
      recordedAt: now,
      recordedByLabel: 'test',
      addressConfirmedAt: now,
    });
    const actor = systemActor(org.id, 'test');
    eksploatacja = (
      await addFeeComponent(db, { actor, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' } })
    ).id;
    await setFeeRate(db, { actor, input: { componentId: eksploatacja, rate: 2_0000, effectiveFrom: '2026-01-01' } });
    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('editor' | 'accountant' | 'clerk')[], ip: string) => {
      const account = await makeAccount(db, org.id, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now });
      return client;
    };
    const member = async (personId: number, ip: string) => {
      const account = await makeAccount(db, org.id, { personId });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/ebok', account.login, TEST_PASSWORD, { now });
      return client;
    };
    signInAll = async () => {
      accountant = await staff(['accountant'], '10.8.0.1');
      clerk = await staff(['clerk'], '10.8.0.2');
      editor = await staff(['editor'], '10.8.0.3');
      anna = await member(persons.anna ?? 0, '10.8.0.4');
      celina = await member(persons.celina ?? 0, '10.8.0.5');
    };
    await signInAll();

    await accountant.get(`${BASE}/nowa`);
    const created = await accountant.post(BASE, {
      miesiac: '2027-05',
      zakres: 'all',
      uzasadnienie: 'Wzrost kosztów sprzątania i energii w częściach wspólnych (uchwała RN 12/2026).',
      [`stawka_${eksploatacja}`]: '2,5000',
    });
    expect(created.statusCode).toBe(303);
    planId = Number(/zmiany-oplat\/(\d+)/.exec(created.headers.location ?? '')?.[1]);
  });
  afterAll(() => t.close());

  const chargesOf = async (month: string) => {
    const rows = await t.database.db
      .select({ unitId: ledgerEntries.unitId, amount: ledgerEntries.amount })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.organizationId, org.id), eq(ledgerEntries.valueDate, `${month}-01`)));
    return Object.fromEntries(
      (Object.keys(units) as (keyof typeof units)[]).map((k) => [
        k,
        rows.filter((r) => r.unitId === units[k]).reduce((s, r) => s + r.amount, 0),
      ]),
    );
  };
  const chargeRun = async (month: string) => {
    await accountant.get('/panel/finanse/oplaty');
    const res = await accountant.post('/panel/finanse/oplaty/naliczenie', { miesiac: month });
    expect(res.statusCode).toBe(200);
  };

  it('sends only with the right capability, and a sent plan is never edited', async () => {
    const page = await accountant.get(`${BASE}/${planId}`);
    expect(page.body).toContain('Wyślij zawiadomienia');
    await editor.get('/panel');
    expect((await editor.post(`${BASE}/${planId}/wyslij`, {})).statusCode).toBe(404);
    const sent = await accountant.post(`${BASE}/${planId}/wyslij`, {});
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${BASE}/${planId}?ok=wyslano`);
    // A second click sends nothing twice.
    expect((await accountant.post(`${BASE}/${planId}/wyslij`, {})).statusCode).toBe(303);
    const db = t.database.db;
    const notices = await db.select().from(feeNotices).where(eq(feeNotices.planId, planId));
    expect(notices).toHaveLength(3);
    const [plan] = await db.select().from(feePlans).where(eq(feePlans.id, planId));
    expect(plan?.state).toBe('sent');
    const channels = await db
      .select({ channel: deliveries.channel, fields: deliveries.fields, fileId: deliveries.fileId })
      .from(deliveries)
      .where(eq(deliveries.letterId, plan?.letterId ?? 0));
    expect(channels.map((c) => c.channel).sort()).toEqual(['email', 'paper', 'paper']);
    // Each notice carries its own figures; the e-mail carries the PDF.
    expect(channels[0]?.fields?.oplata_nowa).toEqual({ text: nbsp('125,00 zł') });
    expect(channels.find((c) => c.channel === 'email')?.fileId).not.toBeNull();
    const edit = await accountant.get(`${BASE}/${planId}/edycja`);
    const changed = await accountant.post(`${BASE}/${planId}/edycja`, {
      miesiac: '2027-06',
      zakres: 'all',
      uzasadnienie: 'Inne uzasadnienie zmiany opłat.',
    });
    expect(edit.statusCode).toBe(200);
    expect(changed.statusCode).toBe(422);
    expect(changed.body).toContain('Wycofaj ją i przygotuj nową');
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(planId)));
    expect(actions.map((a) => a.action)).toContain('fees.plan_sent');
  });

  it('shows members the coming change in e-BOK from the day it is sent', async () => {
    const finance = await anna.get('/ebok/finanse');
    expect(finance.body).toContain(
      `Od 01.05.2027 opłata za lokal wyniesie <strong class="amount">${nbsp('125,00 zł')}</strong> zamiast`,
    );
    expect(finance.body).toContain('Wzrost kosztów sprzątania');
    expect(finance.body).toMatch(/href="\/ebok\/korespondencja\/\d+"/);
  });

  it('records e-mail delivery when the outbox hands it to SMTP and paper when the clerk ticks it', async () => {
    const db = t.database.db;
    const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'anna@example.com'));
    if (!mail) throw new Error('no e-mail');
    await markSent(db, { message: mail, at: new Date('2027-01-15T10:05:00Z') });

    expect((await accountant.get(`${BASE}/doreczenia`)).statusCode).toBe(404);
    const list = await clerk.get(`${BASE}/doreczenia`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Bogdan Bielski');
    expect(list.body).toContain('Celina Cicha');
    expect(list.body).not.toContain('Anna Adamska');
    const ids = [...list.body.matchAll(/name="zawiadomienia" value="(\d+)"/g)].map((m) => m[1] ?? '');
    const paper = await db.select().from(feeNotices).where(eq(feeNotices.planId, planId));
    const idOf = (unitId: number) => String(paper.find((n) => n.unitId === unitId)?.id);
    expect(ids.sort()).toEqual([idOf(units.bogdan), idOf(units.celina)].sort());

    const future = await clerk.post(`${BASE}/doreczenia`, { dzien: '2027-01-16', zawiadomienia: idOf(units.bogdan) });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('Dzień doręczenia nie może być w przyszłości.');
    const none = await clerk.post(`${BASE}/doreczenia`, { dzien: '2027-01-15' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Zaznacz co najmniej jedno zawiadomienie.');

    expect(
      (await clerk.post(`${BASE}/doreczenia`, { dzien: '15.01.2027', zawiadomienia: idOf(units.bogdan) })).statusCode,
    ).toBe(303);
    // Celina's letter is handed over in February: too late for May.
    now = new Date('2027-02-03T09:00:00Z');
    await signInAll();
    await clerk.get(`${BASE}/doreczenia`);
    expect(
      (await clerk.post(`${BASE}/doreczenia`, { dzien: '2027-02-03', zawiadomienia: idOf(units.celina) })).statusCode,
    ).toBe(303);
    expect((await clerk.get(`${BASE}/doreczenia`)).body).toContain('Nie ma zawiadomień do oznaczenia.');

    const page = await accountant.get(`${BASE}/${planId}`);
    expect(page.body).toContain('E-mailem: doręczone 1, w drodze 0');
    expect(page.body).toContain('Na papierze: doręczone 2, do oznaczenia 0');
    expect(page.body).toContain('Zawiadomieni za późno');
    expect(page.body).toContain('Celina Cicha (papier): doręczone 03.02.2027');
    expect(page.body).toContain('od 01.06.2027');
    expect(page.body).not.toContain('Bogdan Bielski (papier)');
    expect((await celina.get('/ebok/finanse')).body).toContain('Od 01.06.2027 opłata za lokal wyniesie');
  });

  it('charges old rates until each unit’s first lawful month, and the new ones from it', async () => {
    now = new Date('2027-06-02T09:00:00Z');
    await signInAll();
    await chargeRun('2027-04');
    await chargeRun('2027-05');
    await chargeRun('2027-06');
    expect(await chargesOf('2027-04')).toEqual({ anna: 100_00, bogdan: 100_00, celina: 100_00 });
    expect(await chargesOf('2027-05')).toEqual({ anna: 125_00, bogdan: 125_00, celina: 100_00 });
    expect(await chargesOf('2027-06')).toEqual({ anna: 125_00, bogdan: 125_00, celina: 125_00 });
    const actions = await t.database.db
      .select({ action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'fees.notices_settled')));
    expect(actions.length).toBeGreaterThan(0);
    expect((await anna.get('/ebok/finanse')).body).not.toContain('Zapowiedziane zmiany opłat');
  });

  it('withdraws a sent plan before it takes effect: rates leave the ledger, the notified get a withdrawal notice', async () => {
    const db = t.database.db;
    // The May plan is in effect now: it can no longer be withdrawn.
    const late = await accountant.post(`${BASE}/${planId}/wycofaj`, {});
    expect(late.statusCode).toBe(422);
    expect(late.body).toContain('nie można jej już wycofać');
    await accountant.get(`${BASE}/nowa`);
    const created = await accountant.post(BASE, {
      miesiac: '2027-10',
      zakres: 'all',
      uzasadnienie: 'Kolejna podwyżka kosztów utrzymania nieruchomości wspólnej.',
      [`stawka_${eksploatacja}`]: '3,0000',
    });
    expect(created.statusCode).toBe(303);
    const second = Number(/zmiany-oplat\/(\d+)/.exec(created.headers.location ?? '')?.[1]);
    expect((await accountant.post(`${BASE}/${second}/wyslij`, {})).statusCode).toBe(303);
    expect((await anna.get('/ebok/finanse')).body).toContain('Od 01.10.2027 opłata za lokal wyniesie');
    const page = await accountant.get(`${BASE}/${second}`);
    expect(page.body).toContain('Wycofaj zmianę opłat');
    const withdrawn = await accountant.post(`${BASE}/${second}/wycofaj`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect((await accountant.get(withdrawn.headers.location ?? '')).body).toContain('Zmiana opłat wycofana.');
    const [plan] = await db.select().from(feePlans).where(eq(feePlans.id, second));
    expect(plan?.state).toBe('withdrawn');
    const withdrawalMails = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.subject, 'Wycofanie zmiany opłat od 01.10.2027'));
    expect(withdrawalMails).toHaveLength(1);
    expect((await anna.get('/ebok/finanse')).body).not.toContain('Od 01.10.2027');
    now = new Date('2027-10-02T09:00:00Z');
    await signInAll();
    await chargeRun('2027-10');
    expect(await chargesOf('2027-10')).toEqual({ anna: 125_00, bogdan: 125_00, celina: 125_00 });
  });
});
