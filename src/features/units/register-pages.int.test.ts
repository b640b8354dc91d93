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
import { listAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { getUnitDetails } from './details.ts';
import { findPerson, findRight, findUnit, listBuildings } from './queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-10T10:00:00Z');
const PESEL = '56031410130';

describe('the register in the back office (/panel/rejestr)', () => {
  let t: TestApp;
  let org: Organization;
  let otherOrg: Organization;
  let clerk: TestClient;
  let accountant: TestClient;
  let editor: TestClient;
  let member: TestClient;
  const ids = {} as Record<'building' | 'flat' | 'garage' | 'seller' | 'buyer' | 'coBuyer' | 'foreignUnit', number>;

  /** Audit rows of changes made at the pages (the factories' rows are the system's, `test`). */
  const audited = async (action: string) =>
    (await listAudit(t.database.db, { organizationId: org.id, action, limit: 50 })).rows.filter(
      (row) => row.actorAccountId !== null,
    );

  beforeAll(async () => {
    let now = NOW;
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    org = await makeOrganization(db);
    otherOrg = await makeOrganization(db);
    const building = await makeBuilding(db, org.id, {
      street: 'ul. Ignacego Paderewskiego',
      number: '65',
      postcode: '40-282',
    });
    ids.building = building.id;
    ids.flat = (await makeUnit(db, org.id, { buildingId: building.id, number: '12', area: '54,30' })).id;
    ids.garage = (await makeUnit(db, org.id, { buildingId: building.id, number: 'G1', kind: 'garaż' })).id;
    ids.seller = (
      await makePerson(db, org.id, {
        firstName: 'Zbigniew',
        lastName: 'Łęcki',
        pesel: PESEL,
        email: 'z.lecki@example.com',
      })
    ).id;
    ids.buyer = (await makePerson(db, org.id, { firstName: 'Małgorzata', lastName: 'Źrebiec' })).id;
    ids.coBuyer = (await makePerson(db, org.id, { firstName: 'Jan', lastName: 'Źrebiec' })).id;
    ids.foreignUnit = (await makeUnit(db, otherOrg.id)).id;
    await makeRight(db, org.id, { unitId: ids.flat, personId: ids.seller, validFrom: '2001-10-01' });
    const { totpKey } = await t.app.secrets();
    const staff = (roles: ('clerk' | 'accountant' | 'editor')[]) =>
      makeAccount(db, org.id, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
    const clerkAccount = await staff(['clerk']);
    const accountantAccount = await staff(['accountant']);
    const editorAccount = await staff(['editor']);
    await makeAccount(db, org.id, { login: 'lecki', personId: ids.seller });
    const memberAccount = await makeAccount(db, org.id);
    clerk = new TestClient(t.app, 'localhost', '10.5.0.1');
    accountant = new TestClient(t.app, 'localhost', '10.5.0.2');
    editor = new TestClient(t.app, 'localhost', '10.5.0.3');
    member = new TestClient(t.app, 'localhost', '10.5.0.4');
    expect(
      (await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now })).statusCode,
    ).toBe(303);
    now = new Date(NOW.getTime() + 30_000);
    await accountant.signIn('/panel', accountantAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    now = new Date(NOW.getTime() + 60_000);
    await editor.signIn('/panel', editorAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
    now = new Date(NOW.getTime() + 90_000);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the menu entry to clerks and accountants, and not to editors', async () => {
    const home = (await clerk.get('/panel')).body;
    expect(home).toContain('href="/panel/rejestr"');
    expect(home).toMatch(/Zalogowano jako <strong>[^<(]+<\/strong>\. Uprawnienia: BOK \(obsługa mieszkańców\)\./);
    expect((await accountant.get('/panel')).body).toContain('href="/panel/rejestr"');
    expect((await editor.get('/panel')).body).not.toContain('href="/panel/rejestr"');
    expect((await editor.get('/panel/rejestr')).statusCode).toBe(404);
    expect((await member.get('/panel/rejestr')).statusCode).toBe(404);
  });

  it('searches units by address and unit number, sorted and paginated', async () => {
    const all = await clerk.get('/panel/rejestr');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('ul. Ignacego Paderewskiego 65/12');
    expect(all.body).toContain('Łęcki Zbigniew');
    expect(all.body).not.toContain(`/panel/rejestr/lokale/${ids.foreignUnit}"`);
    const found = await clerk.get(`/panel/rejestr?q=${encodeURIComponent('Paderewskiego 65/12')}`);
    expect(found.body).toContain(`/panel/rejestr/lokale/${ids.flat}"`);
    expect(found.body).not.toContain(`/panel/rejestr/lokale/${ids.garage}"`);
    const byArea = await clerk.get('/panel/rejestr?sort=area&kierunek=desc');
    expect(byArea.body).toContain('aria-sort="descending"');
    expect(byArea.body.indexOf('65/G1<')).toBeGreaterThan(byArea.body.indexOf('65/12<'));
    expect(byArea.body.indexOf('65/12<')).toBeGreaterThan(0);
    // Bad parameters fall back to defaults instead of failing.
    expect((await clerk.get('/panel/rejestr?sort=drop&strona=-3')).statusCode).toBe(200);
    for (let i = 0; i < 26; i++)
      await makeUnit(t.database.db, org.id, { buildingId: ids.building, number: `${100 + i}` });
    const first = await clerk.get('/panel/rejestr');
    expect(first.body).toContain('Strona 1 z 2 (razem 28)');
    expect(first.body).toContain('strona=2');
    expect((await clerk.get('/panel/rejestr?strona=2')).body).toContain('Strona 2 z 2');
  });

  it('searches persons by name, e-mail and the last digits of PESEL, masking PESEL in the list', async () => {
    for (const q of ['Łęcki', 'lecki zbig', 'z.lecki@', '0130']) {
      const response = await accountant.get(`/panel/rejestr/osoby?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(response.body, q).toContain(`/panel/rejestr/osoby/${ids.seller}"`);
      expect(response.body).not.toContain(PESEL);
      expect(response.body).toContain('*******0130');
    }
    const sorted = await clerk.get('/panel/rejestr/osoby?sort=name&kierunek=desc');
    expect(sorted.body.indexOf('Źrebiec')).toBeLessThan(sorted.body.indexOf('Łęcki'));
  });

  it('shows a unit with its holders and persons count; accountants read without forms', async () => {
    const page = await accountant.get(`/panel/rejestr/lokale/${ids.flat}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('54,30');
    expect(page.body).toContain('Łęcki Zbigniew');
    expect(page.body).not.toContain(PESEL);
    expect(page.body).not.toContain('zmiana-posiadacza');
    expect(page.body).not.toContain('liczba-osob');
    expect((await accountant.get(`/panel/rejestr/lokale/${ids.flat}/edycja`)).statusCode).toBe(404);
    expect((await clerk.get(`/panel/rejestr/lokale/${ids.foreignUnit}`)).statusCode).toBe(404);
    expect((await clerk.get('/panel/rejestr/lokale/abc')).statusCode).toBe(404);
  });

  it('shows the whole PESEL and the e-BOK account on the person page to clerks, masked to accountants', async () => {
    const forClerk = await clerk.get(`/panel/rejestr/osoby/${ids.seller}`);
    expect(forClerk.statusCode).toBe(200);
    expect(forClerk.body).toContain(PESEL);
    expect(forClerk.body).toContain('14.03.1956');
    expect(forClerk.body).toContain('lecki');
    expect(forClerk.body).toContain('aktywne');
    expect(forClerk.body).toContain('nigdy');
    expect(forClerk.body).toContain('ul. Ignacego Paderewskiego 65/12');
    const forAccountant = await accountant.get(`/panel/rejestr/osoby/${ids.seller}`);
    expect(forAccountant.body).not.toContain(PESEL);
    expect(forAccountant.body).toContain('*******0130');
    expect((await clerk.get(`/panel/rejestr/osoby/${ids.buyer}`)).body).toContain('nie ma konta w e-BOK');
  });

  it('creates and edits a building, refusing a bad postcode with the form filled in', async () => {
    await clerk.get('/panel/rejestr/budynki/nowy');
    const bad = await clerk.post('/panel/rejestr/budynki', {
      street: 'ul. Sokolska',
      number: '33',
      postcode: '40087',
      city: 'Katowice',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('kod pocztowy w formacie 00-000');
    expect(bad.body).toContain('value="ul. Sokolska"');
    const good = await clerk.post('/panel/rejestr/budynki', {
      street: 'ul. Sokolska',
      number: '33',
      postcode: '40-087',
      city: 'Katowice',
      estate: 'Koszutka',
    });
    expect(good.statusCode).toBe(303);
    const created = (await listBuildings(t.database.db, { organizationId: org.id })).find(
      (b) => b.street === 'ul. Sokolska',
    );
    expect(created?.estate).toBe('Koszutka');
    await clerk.get(`/panel/rejestr/budynki/${created?.id}/edycja`);
    const edited = await clerk.post(`/panel/rejestr/budynki/${created?.id}`, {
      street: 'ul. Sokolska',
      number: '33a',
      postcode: '40-087',
      city: 'Katowice',
    });
    expect(edited.statusCode).toBe(303);
    expect((await clerk.get('/panel/rejestr/budynki')).body).toContain('ul. Sokolska 33a');
    expect((await audited('building.create')).length).toBe(1);
    expect((await audited('building.update'))[0]?.detail).toEqual({ changed: ['number', 'estate'] });
  });

  it('creates and edits a unit with Polish messages at the fields', async () => {
    await clerk.get('/panel/rejestr/lokale/nowy');
    const bad = await clerk.post('/panel/rejestr/lokale', {
      buildingId: String(ids.building),
      number: '14',
      kind: 'mieszkalny',
      area: '0',
      floor: 'parter',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="pole-area-blad"');
    expect(bad.body).toContain('liczba całkowita od -5 do 200');
    expect(bad.body).toContain('value="parter"');
    const duplicate = await clerk.post('/panel/rejestr/lokale', {
      buildingId: String(ids.building),
      number: '12',
      kind: 'mieszkalny',
      area: '40',
    });
    expect(duplicate.body).toContain('lokal o tym numerze już istnieje w tym budynku');
    const good = await clerk.post('/panel/rejestr/lokale', {
      buildingId: String(ids.building),
      number: '14',
      kind: 'użytkowy',
      area: '61,2',
      floor: '2',
    });
    expect(good.statusCode).toBe(303);
    const id = Number(/lokale\/(\d+)/.exec(String(good.headers.location))?.[1]);
    expect((await findUnit(t.database.db, { organizationId: org.id, id }))?.areaHundredths).toBe(6120);
    const form = await clerk.get(`/panel/rejestr/lokale/${id}/edycja`);
    expect(form.body).toContain('value="61,20"');
    const edited = await clerk.post(`/panel/rejestr/lokale/${id}`, {
      buildingId: String(ids.building),
      number: '14',
      kind: 'uzytkowy',
      area: '62,00',
      floor: '2',
    });
    expect(edited.statusCode).toBe(303);
    expect((await audited('unit.update'))[0]?.detail).toEqual({ changed: ['areaHundredths'] });
  });

  it('creates and edits a person, refusing an invalid PESEL and a taken one', async () => {
    await clerk.get('/panel/rejestr/osoby/nowa');
    const bad = await clerk.post('/panel/rejestr/osoby', {
      firstName: 'Ewa',
      lastName: 'Ślęzak',
      pesel: '90121260626',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="pole-pesel-blad"');
    expect(bad.body).toContain('value="Ślęzak"');
    const taken = await clerk.post('/panel/rejestr/osoby', { firstName: 'Ewa', lastName: 'Ślęzak', pesel: PESEL });
    expect(taken.body).toContain('osoba z tym numerem PESEL jest już w rejestrze');
    const good = await clerk.post('/panel/rejestr/osoby', {
      firstName: 'Ewa',
      lastName: 'Ślęzak',
      pesel: '90121260625',
      email: 'Ewa@Example.com',
    });
    expect(good.statusCode).toBe(303);
    const id = Number(/osoby\/(\d+)/.exec(String(good.headers.location))?.[1]);
    expect((await findPerson(t.database.db, { organizationId: org.id, id }))?.email).toBe('ewa@example.com');
    await clerk.get(`/panel/rejestr/osoby/${id}/edycja`);
    const edited = await clerk.post(`/panel/rejestr/osoby/${id}`, {
      firstName: 'Ewa',
      lastName: 'Ślęzak-Nowak',
      pesel: '90121260625',
      email: 'ewa@example.com',
    });
    expect(edited.statusCode).toBe(303);
    const audit = await audited('person.update');
    expect(audit[0]?.detail).toEqual({ changed: ['lastName'] });
    expect(JSON.stringify(audit)).not.toContain('90121260625');
  });

  it('records a sale to two co-holders on a date, refusing shares over the whole', async () => {
    const page = await clerk.get(
      `/panel/rejestr/lokale/${ids.flat}/zmiana-posiadacza?osoba=${encodeURIComponent('Źrebiec')}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/panel/rejestr/osoby/${ids.buyer}"`);
    const rights = (
      await getUnitDetails(t.database.db, { organizationId: org.id, unitId: ids.flat, asOf: '2026-03-10' })
    )?.currentHolders;
    const sellerRight = String(rights?.[0]?.id);
    const form = {
      date: '2026-03-01',
      endReason: 'sprzedaż',
      endRightIds: [sellerRight, ''],
      'newHolders.0.personId': String(ids.buyer),
      'newHolders.0.kind': 'odrebna_wlasnosc',
      'newHolders.0.share': '1/2',
      'newHolders.1.personId': '',
      'newHolders.2.personId': String(ids.coBuyer),
      'newHolders.2.kind': 'odrebna_wlasnosc',
      'newHolders.2.share': '2/3',
    };
    const over = await clerk.post(`/panel/rejestr/lokale/${ids.flat}/zmiana-posiadacza`, form);
    expect(over.statusCode).toBe(422);
    // The error lands at the row it came from (the third), and the form comes back filled in.
    expect(over.body).toContain('id="pole-newHolders.2.share-blad"');
    expect(over.body).toContain('value="2/3"');
    const bad = await clerk.post(`/panel/rejestr/lokale/${ids.flat}/zmiana-posiadacza`, {
      ...form,
      date: '31.02.2026',
    });
    expect(bad.body).toContain('nie ma takiego dnia w kalendarzu');
    const done = await clerk.post(`/panel/rejestr/lokale/${ids.flat}/zmiana-posiadacza`, {
      ...form,
      'newHolders.2.share': '1/2',
    });
    expect(done.statusCode).toBe(303);
    const unit = await clerk.get(String(done.headers.location));
    expect(unit.body).toContain('Zapisano zmianę posiadacza.');
    expect(unit.body).toContain('Źrebiec Małgorzata');
    expect(unit.body).toContain('01.10.2001 – 01.03.2026');
    expect(unit.body).toContain('sprzedaż');
    expect((await audited('right.holder_change')).length).toBe(1);
  });

  it('records a persons count from a date, keeping history', async () => {
    const url = `/panel/rejestr/lokale/${ids.flat}/liczba-osob`;
    await clerk.get(`/panel/rejestr/lokale/${ids.flat}`);
    const bad = await clerk.post(url, { effectiveFrom: '2026-01-01', personsCount: 'trzy' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('liczba osób: liczba całkowita od 0 do 99');
    expect(bad.body).toContain('value="trzy"');
    expect((await clerk.post(url, { effectiveFrom: '2013-01-01', personsCount: '2' })).statusCode).toBe(303);
    expect(
      (await clerk.post(url, { effectiveFrom: '01.03.2026', personsCount: '3', note: 'oświadczenie' })).statusCode,
    ).toBe(303);
    const page = await clerk.get(`/panel/rejestr/lokale/${ids.flat}`);
    expect(page.body).toMatch(/Liczba osób dziś<\/dt><dd>3</);
    expect(page.body).toContain('01.01.2013');
    expect(page.body).toContain('oświadczenie');
    expect((await audited('occupancy.record')).length).toBe(2);
  });

  it('ends a right with a reason and corrects a right, with messages at the fields', async () => {
    const db = t.database.db;
    const holders = async () =>
      (await getUnitDetails(db, { organizationId: org.id, unitId: ids.flat, asOf: '2026-03-02' }))?.currentHolders ??
      [];
    const rightOf = async (personId: number) => (await holders()).find((r) => r.personId === personId)?.id ?? 0;
    const coBuyerRight = await rightOf(ids.coBuyer);
    const buyerRight = await rightOf(ids.buyer);
    expect((await clerk.get(`/panel/rejestr/lokale/${ids.flat}`)).body).toContain(
      `href="/panel/rejestr/prawa/${coBuyerRight}/zakonczenie"`,
    );
    expect((await accountant.get(`/panel/rejestr/lokale/${ids.flat}`)).body).not.toContain('/panel/rejestr/prawa/');

    const endUrl = `/panel/rejestr/prawa/${coBuyerRight}/zakonczenie`;
    const form = await clerk.get(endUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Źrebiec');
    const noReason = await clerk.post(endUrl, { validTo: '2026-03-05', endReason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('id="pole-endReason-blad"');
    expect(noReason.body).toContain('value="05.03.2026"');
    const ended = await clerk.post(endUrl, { validTo: '2026-03-05', endReason: 'zgon' });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe(`/panel/rejestr/lokale/${ids.flat}?zrobiono=zakonczono`);
    const unit = await clerk.get(String(ended.headers.location));
    expect(unit.body).toContain('Zapisano zakończenie tytułu prawnego.');
    expect(unit.body).toContain('01.03.2026 – 05.03.2026');
    expect(unit.body).toContain('zgon');
    // Once ended, the page says so instead of offering the form again.
    expect((await clerk.get(endUrl)).body).toContain('Ten tytuł prawny zakończył się już 05.03.2026.');

    const correctUrl = `/panel/rejestr/prawa/${buyerRight}/korekta`;
    const correction = await clerk.get(correctUrl);
    expect(correction.body).toContain('value="1/2"');
    expect(correction.body).toContain('value="01.03.2026"');
    const overfull = await clerk.post(correctUrl, { kind: 'odrebna_wlasnosc', share: '1', validFrom: '2026-03-01' });
    expect(overfull.statusCode).toBe(422);
    expect(overfull.body).toContain('id="pole-share-blad"');
    expect(overfull.body).toContain('suma udziałów w lokalu przekracza 1 od 01.03.2026 (razem 3/2)');
    expect(overfull.body).toContain('value="1"');
    const badDate = await clerk.post(correctUrl, { kind: 'odrebna_wlasnosc', share: '1', validFrom: '2026-13-01' });
    expect(badDate.body).toContain('id="pole-validFrom-blad"');
    const corrected = await clerk.post(correctUrl, { kind: 'odrebna_wlasnosc', share: '1', validFrom: '2026-03-05' });
    expect(corrected.statusCode).toBe(303);
    expect((await clerk.get(String(corrected.headers.location))).body).toContain('Zapisano korektę tytułu prawnego.');
    expect((await findRight(db, { organizationId: org.id, id: buyerRight }))?.validFrom).toBe('2026-03-05');
    expect((await audited('right.end')).length).toBe(1);
    expect((await audited('right.correct'))[0]?.detail).toMatchObject({ changed: ['share', 'validFrom'] });

    // Accountants read only; another organization's right does not exist here; forms need the token.
    expect((await accountant.get(correctUrl)).statusCode).toBe(404);
    const foreignPerson = await makePerson(db, otherOrg.id);
    const foreign = await makeRight(db, otherOrg.id, { unitId: ids.foreignUnit, personId: foreignPerson.id });
    expect((await clerk.get(`/panel/rejestr/prawa/${foreign.id}/korekta`)).statusCode).toBe(404);
    expect(
      (await clerk.post(`/panel/rejestr/prawa/${foreign.id}/zakonczenie`, { validTo: '2026-03-05', endReason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await clerk.post(correctUrl, { kind: 'najem', share: '1', validFrom: '2026-03-05' }, { csrf: false }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses changes from accountants (404) and without the CSRF token (403)', async () => {
    await accountant.get('/panel/rejestr');
    expect((await accountant.post('/panel/rejestr/osoby', { firstName: 'A', lastName: 'B' })).statusCode).toBe(404);
    expect(
      (
        await accountant.post(`/panel/rejestr/lokale/${ids.flat}/liczba-osob`, {
          effectiveFrom: '2026-01-01',
          personsCount: '1',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await clerk.post('/panel/rejestr/osoby', { firstName: 'A', lastName: 'B' }, { csrf: false })).statusCode,
    ).toBe(403);
  });
});
