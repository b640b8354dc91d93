import { eq } from 'drizzle-orm';
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
import { addFeeComponent, setFeeRate } from '../ledger/fees.ts';
import type { Organization } from '../organizations/queries.ts';
import { feePlans } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const BASE = '/panel/finanse/zmiany-oplat';

describe('fee changes: preparing a plan', () => {
  let t: TestApp;
  let org: Organization;
  let accountant: TestClient;
  let editor: TestClient;
  let eksploatacja = 0;
  let woda = 0;
  let lipowa = 0;
  const now = new Date('2027-01-15T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    org = await makeOrganization(db);
    lipowa = (await makeBuilding(db, org.id, { street: 'ul. Lipowa', number: '4' })).id;
    const debowa = (await makeBuilding(db, org.id, { street: 'ul. Dębowa', number: '7' })).id;
    const add = async (buildingId: number, number: string, area: string, lastName: string) => {
      const unit = await makeUnit(db, org.id, { buildingId, number, area });
      const person = await makePerson(db, org.id, { firstName: 'Anna', lastName });
      await makeRight(db, org.id, { unitId: unit.id, personId: person.id });
      return unit.id;
    };
    await add(lipowa, '1', '50,00', 'Lipowska');
    const special = await add(lipowa, '2', '40,00', 'Zielińska');
    await add(debowa, '1', '60,00', 'Dębowska');
    const actor = systemActor(org.id, 'test');
    eksploatacja = (
      await addFeeComponent(db, { actor, input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' } })
    ).id;
    woda = (
      await addFeeComponent(db, {
        actor,
        input: { code: 'WODA', name: 'Woda', basis: 'per_person', costKind: 'independent' },
      })
    ).id;
    await setFeeRate(db, { actor, input: { componentId: eksploatacja, rate: 2_0000, effectiveFrom: '2026-01-01' } });
    // A unit with its own, lower rate keeps it: the plan for the organization does not reach it.
    await setFeeRate(db, {
      actor,
      input: { componentId: eksploatacja, rate: 1_5000, effectiveFrom: '2026-01-01', unitId: special },
    });
    const { totpKey } = await t.app.secrets();
    const login = async (roles: ('editor' | 'accountant')[], ip: string) => {
      const account = await makeAccount(db, org.id, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now });
      return client;
    };
    accountant = await login(['accountant'], '10.7.0.1');
    editor = await login(['editor'], '10.7.0.2');
  });
  afterAll(() => t.close());

  const form = (over: Record<string, string | string[]> = {}) => ({
    miesiac: '2027-05',
    zakres: 'all',
    uzasadnienie: 'Wzrost kosztów sprzątania i energii w częściach wspólnych (uchwała RN 12/2026).',
    [`stawka_${eksploatacja}`]: '2,4321',
    [`stawka_${woda}`]: '',
    ...over,
  });

  it('refuses bad input at the fields and keeps the form', async () => {
    await accountant.get(`${BASE}/nowa`);
    const empty = await accountant.post(BASE, form({ uzasadnienie: '  ' }));
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Napisz uzasadnienie zmiany');
    expect(empty.body).toContain('value="2,4321"');
    const bad = await accountant.post(BASE, form({ [`stawka_${eksploatacja}`]: '2,43215', [`stawka_${woda}`]: '-3' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Eksploatacja: Stawka może mieć najwyżej cztery miejsca po przecinku.');
    expect(bad.body).toContain('Woda: stawka nie może być ujemna.');
    expect(bad.body).toContain('value="2,43215"');
    expect(bad.body).toContain('Wzrost kosztów sprzątania');
    const none = await accountant.post(BASE, form({ [`stawka_${eksploatacja}`]: '' }));
    expect(none.body).toContain('Podaj nową stawkę co najmniej jednego składnika.');
  });

  it('names the earliest lawful month when the planned one cannot be reached by anyone', async () => {
    // Today is 15 January: own costs from 1 May at the earliest, media from 1 February.
    const page = await accountant.get(`${BASE}/nowa`);
    expect(page.body).toContain('od 01.05.2027');
    expect(page.body).toContain('od 01.02.2027');
    const early = await accountant.post(BASE, form({ miesiac: '2027-04' }));
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('najwcześniej od 01.05.2027');
    const media = await accountant.post(
      BASE,
      form({ miesiac: '2027-02', [`stawka_${eksploatacja}`]: '', [`stawka_${woda}`]: '12,50' }),
    );
    expect(media.statusCode).toBe(303);
  });

  it('shows each unit’s old and new amount, totals, and keeps a unit’s own rate', async () => {
    const created = await accountant.post(BASE, form());
    expect(created.statusCode).toBe(303);
    const page = await accountant.get(created.headers.location as string);
    expect(page.body).toContain('Zmiana opłat przygotowana');
    // Lipowa 4/1: 50 m² × 2,0000 → 2,4321 = 100,00 → 121,61 zł.
    expect(page.body).toMatch(
      /ul\. Lipowa 4\/1<\/td><td>Lipowska Anna<\/td><td class="amount">100,00\s+zł → 121,61\s+zł/,
    );
    // Lipowa 4/2 keeps its own rate: 40 m² × 1,50 = 60,00 zł either way.
    expect(page.body).toMatch(/60,00\s+zł → 60,00\s+zł/);
    expect(page.body).toContain('Zapłacą więcej: 2');
    expect(page.body).toContain('Bez zmiany: 1');
    // 21,61 + 25,93 (60 m² × 0,4321 = 25,926) = 47,54 zł a month.
    expect(page.body).toMatch(/Razem miesięcznie: <span class="amount">\+47,54\s+zł/);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'fees.plan_created'));
    expect(audit).toBeTruthy();
  });

  it('changes a draft for chosen buildings or units; a sent plan is never edited', async () => {
    const created = await accountant.post(BASE, form({ zakres: 'buildings', budynki: [String(lipowa)] }));
    const id = Number((created.headers.location as string).split('?')[0]?.split('/').pop());
    expect((await accountant.get(`${BASE}/${id}`)).body).toContain('Zapłacą więcej: 1');
    await accountant.get(`${BASE}/${id}/edycja`);
    const unknown = await accountant.post(`${BASE}/${id}/edycja`, form({ zakres: 'units', lokale: 'ul. Lipowa 4/99' }));
    expect(unknown.body).toContain('Nie ma w rejestrze lokalu: ul. Lipowa 4/99');
    const units = await accountant.post(`${BASE}/${id}/edycja`, form({ zakres: 'units', lokale: 'ul. Dębowa 7/1\n' }));
    expect(units.statusCode).toBe(303);
    expect((await accountant.get(`${BASE}/${id}`)).body).toMatch(/ul\. Dębowa 7\/1<\/td>/);
    await t.database.db.update(feePlans).set({ state: 'sent' }).where(eq(feePlans.id, id));
    await accountant.get(`${BASE}/${id}/edycja`);
    const refused = await accountant.post(`${BASE}/${id}/edycja`, form());
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Wycofaj ją i przygotuj nową');
  });

  it('is not there for those who may not read the ledger, nor for a plan that is not the organization’s', async () => {
    const [plan] = await t.database.db.select().from(feePlans).where(eq(feePlans.organizationId, org.id));
    const clerkPage = await editor.get(`${BASE}/nowa`);
    expect(clerkPage.statusCode).toBe(404);
    expect((await editor.get(`${BASE}/${plan?.id}`)).statusCode).toBe(404);
    expect((await accountant.get(`${BASE}/${(plan?.id ?? 0) + 1000}`)).statusCode).toBe(404);
    expect((await accountant.get(`${BASE}/${(plan?.id ?? 0) + 1000}/edycja`)).statusCode).toBe(404);
  });
});
