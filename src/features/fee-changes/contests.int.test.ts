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
import { consents } from '../correspondence/schema.ts';
import { addFeeComponent, setFeeRate } from '../ledger/fees.ts';
import { ledgerEntries } from '../ledger/schema.ts';
import type { Organization } from '../organizations/queries.ts';
import { markSent } from '../outbox/outbox.ts';
import { outboxMessages } from '../outbox/schema.ts';
import { recordContest } from './contests.ts';
import { planForm } from './forms.ts';
import { createPlan } from './plans.ts';
import { feeContests, feeNotices } from './schema.ts';
import { sendPlan } from './send-plan.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const BASE = '/panel/finanse/zmiany-oplat';
const nbsp = (s: string) => s.replace(/ /g, '\u00a0');

/**
 * u.s.m. art. 4 ust. 8: a plan raising the cooperative's own component (eksploatacja) and a media
 * one (wywóz) is sent and delivered; Anna sues before it starts, Bogdan after two months at the
 * new rate (the month already charged after his suit is corrected). While the cases run both pay
 * the old eksploatacja and the new wywóz. Anna's case ends with the change upheld (the difference
 * is charged, the new rate runs), Bogdan's with the change annulled (months at the new rate are
 * corrected, the old rate stays). Celina pays the new rates throughout.
 */
describe('fee changes contested in court (art. 4 ust. 8)', () => {
  let t: TestApp;
  let org: Organization;
  let other: Organization;
  let now = new Date('2027-01-15T10:00:00Z');
  let accountant: TestClient;
  let editor: TestClient;
  let anna: TestClient;
  let signInAll: () => Promise<void> = async () => {};
  const units: Record<'anna' | 'bogdan' | 'celina', number> = { anna: 0, bogdan: 0, celina: 0 };
  const components = { ekspl: 0, wywoz: 0 };
  let planId = 0;
  const contests = { anna: 0, bogdan: 0 };

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    org = await makeOrganization(db);
    other = await makeOrganization(db);
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
    components.ekspl = (
      await addFeeComponent(db, { actor, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' } })
    ).id;
    components.wywoz = (
      await addFeeComponent(db, {
        actor,
        input: { code: 'WYWOZ', name: 'Wywóz odpadów', basis: 'per_unit', costKind: 'independent' },
      })
    ).id;
    await setFeeRate(db, {
      actor,
      input: { componentId: components.ekspl, rate: 2_0000, effectiveFrom: '2026-01-01' },
    });
    await setFeeRate(db, {
      actor,
      input: { componentId: components.wywoz, rate: 20_0000, effectiveFrom: '2026-01-01' },
    });
    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('editor' | 'accountant' | 'clerk')[], ip: string) => {
      const account = await makeAccount(db, org.id, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now });
      return client;
    };
    signInAll = async () => {
      accountant = await staff(['accountant', 'clerk'], '10.9.0.1');
      editor = await staff(['editor'], '10.9.0.2');
      const account = await makeAccount(db, org.id, { personId: persons.anna ?? 0 });
      anna = new TestClient(t.app, 'localhost', '10.9.0.3');
      await anna.signIn('/ebok', account.login, TEST_PASSWORD, { now });
    };
    await signInAll();

    await accountant.get(`${BASE}/nowa`);
    const created = await accountant.post(BASE, {
      miesiac: '2027-05',
      zakres: 'all',
      uzasadnienie: 'Wzrost kosztów utrzymania nieruchomości i opłat za odpady (uchwała RN 3/2027).',
      [`stawka_${components.ekspl}`]: '2,5000',
      [`stawka_${components.wywoz}`]: '25,0000',
    });
    planId = Number(/zmiany-oplat\/(\d+)/.exec(created.headers.location ?? '')?.[1]);
    expect((await accountant.post(`${BASE}/${planId}/wyslij`, {})).statusCode).toBe(303);
    const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'anna@example.com'));
    if (!mail) throw new Error('no e-mail');
    await markSent(db, { message: mail, at: now });
    const list = await accountant.get(`${BASE}/doreczenia`);
    const ids = [...list.body.matchAll(/name="zawiadomienia" value="(\d+)"/g)].map((m) => m[1] ?? '');
    expect(ids).toHaveLength(2);
    expect((await accountant.post(`${BASE}/doreczenia`, { dzien: '2027-01-15', zawiadomienia: ids })).statusCode).toBe(
      303,
    );
  });
  afterAll(() => t.close());

  const noticeOf = async (unitId: number) => {
    const [row] = await t.database.db
      .select()
      .from(feeNotices)
      .where(and(eq(feeNotices.planId, planId), eq(feeNotices.unitId, unitId)));
    return String(row?.id);
  };
  /** The unit's net amount of a component valued in a month (charges and their corrections). */
  const charged = async (unit: keyof typeof units, component: keyof typeof components, month: string) => {
    const rows = await t.database.db
      .select({
        amount: ledgerEntries.amount,
        valueDate: ledgerEntries.valueDate,
        kind: ledgerEntries.kind,
        source: ledgerEntries.source,
      })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.unitId, units[unit]), eq(ledgerEntries.componentId, components[component])));
    // The month's charge and its corrections; a difference charged on closing is not a month's.
    return rows
      .filter((r) => r.valueDate.startsWith(month) && !(r.kind === 'charge' && r.source === 'fee_contest'))
      .reduce((s, r) => s + r.amount, 0);
  };
  const chargeRun = async (month: string) => {
    await accountant.get('/panel/finanse/oplaty');
    expect((await accountant.post('/panel/finanse/oplaty/naliczenie', { miesiac: month })).statusCode).toBe(200);
  };
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signInAll();
  };

  it('refuses a contest at the fields, and to anyone who may not book', async () => {
    await moveTo('2027-03-02T09:00:00Z');
    const form = await accountant.get(`${BASE}/${planId}/zaskarzenia/nowe`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('ul. Lipowa 4/1 — Anna Adamska');
    expect((await editor.get(`${BASE}/${planId}/zaskarzenia/nowe`)).statusCode).toBe(404);
    const bad = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: await noticeOf(units.anna),
      dzien: '2027-03-05',
      sad: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Podaj sąd, do którego wniesiono pozew.');
    const future = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: await noticeOf(units.anna),
      dzien: '2027-03-05',
      sad: 'Sąd Rejonowy w Gdańsku',
    });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('Dzień wniesienia pozwu nie może być w przyszłości.');
    expect(future.body).toContain('value="Sąd Rejonowy w Gdańsku"');
    const before = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: await noticeOf(units.anna),
      dzien: '2027-01-02',
      sad: 'Sąd Rejonowy w Gdańsku',
    });
    expect(before.body).toContain('pozew nie mógł być wniesiony wcześniej');
    await editor.get('/panel');
    expect(
      (
        await editor.post(`${BASE}/${planId}/zaskarzenia`, {
          zawiadomienie: await noticeOf(units.anna),
          dzien: '2027-03-01',
          sad: 'Sąd Rejonowy w Gdańsku',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('records Anna’s suit before the change starts: old eksploatacja from May, audited, shown to her and on the unit', async () => {
    const res = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: await noticeOf(units.anna),
      dzien: '2027-03-01',
      sad: 'Sąd Rejonowy Gdańsk-Południe, I Wydział Cywilny',
      sygnatura: 'I C 123/27',
    });
    expect(res.statusCode).toBe(303);
    contests.anna = Number(/zaskarzenia\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
    const page = await accountant.get(res.headers.location ?? '');
    expect(page.body).toContain('Zaskarżenie zapisane');
    expect(page.body).toContain('sygn. I C 123/27');
    expect(page.body).toContain('w dotychczasowej wysokości od 01.05.2027');
    const again = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: await noticeOf(units.anna),
      dzien: '2027-03-01',
      sad: 'Sąd Rejonowy',
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('jest już zapisane');
    expect((await accountant.get(`${BASE}/${planId}`)).body).toContain('Zaskarżenia w sądzie');
    expect((await accountant.get(`/panel/finanse/lokal/${units.anna}`)).body).toContain('Zaskarżone zmiany opłat');
    const ebok = await anna.get('/ebok/finanse');
    expect(ebok.body).toContain('Zaskarżone zmiany opłat');
    expect(ebok.body).toContain('opłaty za media według nowych stawek');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fees.contest_recorded'), eq(auditLog.subjectId, String(contests.anna))));
    expect(audit?.detail).toMatchObject({ fromMonth: '2027-05', filedOn: '2027-03-01', corrected: 0 });
  });

  it('records Bogdan’s later suit: the month already charged after it is corrected to the old rate', async () => {
    await moveTo('2027-07-02T09:00:00Z');
    for (const month of ['2027-04', '2027-05', '2027-06', '2027-07']) await chargeRun(month);
    expect(await charged('anna', 'ekspl', '2027-05')).toBe(100_00);
    expect(await charged('anna', 'wywoz', '2027-05')).toBe(25_00);
    expect(await charged('bogdan', 'ekspl', '2027-06')).toBe(125_00);
    await accountant.get(`${BASE}/${planId}/zaskarzenia/nowe`);
    const res = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: await noticeOf(units.bogdan),
      dzien: '2027-06-20',
      sad: 'Sąd Rejonowy w Gdańsku',
    });
    expect(res.statusCode).toBe(303);
    contests.bogdan = Number(/zaskarzenia\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
    const [row] = await t.database.db.select().from(feeContests).where(eq(feeContests.id, contests.bogdan));
    expect(row?.fromMonth).toBe('2027-07');
    expect(await charged('bogdan', 'ekspl', '2027-06')).toBe(125_00);
    expect(await charged('bogdan', 'ekspl', '2027-07')).toBe(100_00);
    expect(await charged('bogdan', 'wywoz', '2027-07')).toBe(25_00);
  });

  it('charges the old own-cost rates while the cases run, media and the others at the new rates', async () => {
    await moveTo('2027-09-20T09:00:00Z');
    for (const month of ['2027-08', '2027-09']) await chargeRun(month);
    for (const month of ['2027-08', '2027-09']) {
      expect(await charged('anna', 'ekspl', month)).toBe(100_00);
      expect(await charged('bogdan', 'ekspl', month)).toBe(100_00);
      expect(await charged('celina', 'ekspl', month)).toBe(125_00);
      expect(await charged('anna', 'wywoz', month)).toBe(25_00);
    }
  });

  it('closes Anna’s case with the change upheld: the difference is charged once and the new rate runs', async () => {
    const bad = await accountant.post(`${BASE}/zaskarzenia/${contests.anna}/zamknij`, { dzien: '2027-09-15' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Wybierz rozstrzygnięcie sądu.');
    const early = await accountant.post(`${BASE}/zaskarzenia/${contests.anna}/zamknij`, {
      wynik: 'change_upheld',
      dzien: '2027-02-01',
    });
    expect(early.body).toContain('wyrok nie mógł się uprawomocnić wcześniej');
    const res = await accountant.post(`${BASE}/zaskarzenia/${contests.anna}/zamknij`, {
      wynik: 'change_upheld',
      dzien: '2027-09-15',
    });
    expect(res.statusCode).toBe(303);
    const [difference] = await t.database.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.unitId, units.anna), eq(ledgerEntries.source, 'fee_contest')));
    // May to September at 100,00 instead of 125,00 zł.
    expect(difference?.amount).toBe(125_00);
    expect(difference?.dueDate).toBe('2027-10-11');
    expect(difference?.description).toContain('wyrównanie za maj 2027 – wrzesień 2027');
    const page = await accountant.get(`${BASE}/zaskarzenia/${contests.anna}`);
    expect(page.body).toContain('Sąd uznał zmianę za zasadną');
    expect(page.body).toContain(nbsp('125,00 zł'));
    expect(page.body).not.toContain('Zamknij zaskarżenie');
    expect(
      (
        await accountant.post(`${BASE}/zaskarzenia/${contests.anna}/zamknij`, {
          wynik: 'change_upheld',
          dzien: '2027-09-15',
        })
      ).statusCode,
    ).toBe(422);
  });

  it('closes Bogdan’s case with the change annulled: months at the new rate corrected, the old rate stays', async () => {
    const res = await accountant.post(`${BASE}/zaskarzenia/${contests.bogdan}/zamknij`, {
      wynik: 'change_annulled',
      dzien: '2027-09-16',
    });
    expect(res.statusCode).toBe(303);
    expect(await charged('bogdan', 'ekspl', '2027-05')).toBe(100_00);
    expect(await charged('bogdan', 'ekspl', '2027-06')).toBe(100_00);
    await moveTo('2027-10-02T09:00:00Z');
    await chargeRun('2027-10');
    expect(await charged('anna', 'ekspl', '2027-10')).toBe(125_00);
    expect(await charged('bogdan', 'ekspl', '2027-10')).toBe(100_00);
    expect(await charged('bogdan', 'wywoz', '2027-10')).toBe(25_00);
    expect(await charged('celina', 'ekspl', '2027-10')).toBe(125_00);
    const closed = await t.database.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'fees.contest_closed')));
    expect(closed.map((c) => c.detail)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'change_upheld', difference: 125_00 }),
        expect.objectContaining({ outcome: 'change_annulled', difference: 0, corrected: 2 }),
      ]),
    );
  });

  it('keeps the unit’s history: plans, notices, deliveries, effective months and contests', async () => {
    const history = await accountant.get(`${BASE}/lokal/${units.bogdan}`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Zmiana opłat od 01.05.2027');
    expect(history.body).toContain('Bogdan Bielski');
    expect(history.body).toContain('papier: 15.01.2027');
    expect(history.body).toContain('od 01.05.2027');
    expect(history.body).toContain('Sąd uznał zmianę za niezasadną');
    expect((await accountant.get(`/panel/finanse/lokal/${units.bogdan}`)).body).toContain(
      `href="${BASE}/lokal/${units.bogdan}"`,
    );
    expect((await anna.get(`${BASE}/lokal/${units.anna}`)).statusCode).not.toBe(200);
  });

  it('answers 404 for another organization’s plan, contest and unit', async () => {
    const db = t.database.db;
    const actor = systemActor(other.id, 'test');
    const building = (await makeBuilding(db, other.id, { street: 'ul. Obca', number: '1' })).id;
    const unit = await makeUnit(db, other.id, { buildingId: building, number: '1', area: '40,00' });
    const person = await makePerson(db, other.id, { firstName: 'Olga', lastName: 'Obca' });
    await makeRight(db, other.id, { unitId: unit.id, personId: person.id });
    const component = (
      await addFeeComponent(db, { actor, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' } })
    ).id;
    await setFeeRate(db, { actor, input: { componentId: component, rate: 2_0000, effectiveFrom: '2026-01-01' } });
    const plan = await createPlan(db, {
      actor,
      organization: other,
      now,
      form: planForm.parse({
        miesiac: '2028-03',
        zakres: 'all',
        uzasadnienie: 'Obca zmiana.',
        [`stawka_${component}`]: '3,0000',
      }),
    });
    await sendPlan(db, {
      actor,
      organization: other,
      planId: plan.id,
      now,
      mailFrom: 'x@example.com',
      baseUrl: 'http://x',
    });
    const [notice] = await db.select().from(feeNotices).where(eq(feeNotices.planId, plan.id));
    const contest = await recordContest(db, {
      actor,
      organization: other,
      planId: plan.id,
      now,
      form: { zawiadomienie: notice?.id ?? 0, dzien: '2027-10-02', sad: 'Sąd Rejonowy', sygnatura: '' },
    });
    for (const url of [
      `${BASE}/${plan.id}`,
      `${BASE}/${plan.id}/zaskarzenia/nowe`,
      `${BASE}/zaskarzenia/${contest.id}`,
      `${BASE}/lokal/${unit.id}`,
    ])
      expect((await accountant.get(url)).statusCode, url).toBe(404);
    await accountant.get(BASE);
    expect(
      (
        await accountant.post(`${BASE}/zaskarzenia/${contest.id}/zamknij`, {
          wynik: 'change_upheld',
          dzien: '2027-10-02',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await accountant.post(`${BASE}/${plan.id}/zaskarzenia`, {
          zawiadomienie: String(notice?.id),
          dzien: '2027-10-02',
          sad: 'Sąd',
        })
      ).statusCode,
    ).toBe(404);
    // Another organization's paper notice cannot be marked delivered from here.
    await accountant.get(`${BASE}/doreczenia`);
    const mark = await accountant.post(`${BASE}/doreczenia`, {
      dzien: '2027-10-02',
      zawiadomienia: String(notice?.id),
    });
    expect(mark.statusCode).toBe(422);
    expect(mark.body).toContain('Zaznacz co najmniej jedno zawiadomienie.');
    const [untouched] = await db
      .select()
      .from(feeNotices)
      .where(eq(feeNotices.id, notice?.id ?? 0));
    expect(untouched?.postedOn).toBeNull();
    // A notice of another organization's plan is not a holder of ours.
    const foreign = await accountant.post(`${BASE}/${planId}/zaskarzenia`, {
      zawiadomienie: String(notice?.id),
      dzien: '2027-10-02',
      sad: 'Sąd',
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Wybierz posiadacza, który wniósł pozew.');
    // Members never see staff pages.
    for (const url of [`${BASE}/zaskarzenia/${contests.anna}`, `${BASE}/${planId}/zaskarzenia/nowe`]) {
      expect([302, 404]).toContain((await anna.get(url)).statusCode);
    }
  });
});
