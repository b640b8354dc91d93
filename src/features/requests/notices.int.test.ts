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

const NOW = new Date('2026-03-10T08:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXP';

describe('building notices and emergency numbers', () => {
  let t: TestApp;
  let anna: TestClient;
  let bogdan: TestClient;
  let clerk: TestClient;
  let b65: number;
  let b67: number;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    const org = (await makeOrganization(db)).id;
    b65 = (await makeBuilding(db, org, { street: 'ul. Lipowa', number: '65' })).id;
    b67 = (await makeBuilding(db, org, { street: 'ul. Lipowa', number: '67' })).id;
    const a = await makePerson(db, org);
    const b = await makePerson(db, org);
    const flatA = await makeUnit(db, org, { buildingId: b65 });
    const flatB = await makeUnit(db, org, { buildingId: b67 });
    await makeRight(db, org, { unitId: flatA.id, personId: a.id });
    await makeRight(db, org, { unitId: flatB.id, personId: b.id });
    const { totpKey } = await t.app.secrets();
    const accounts = {
      anna: await makeAccount(db, org, { personId: a.id }),
      bogdan: await makeAccount(db, org, { personId: b.id }),
      clerk: await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], totpSecret: SECRET, totpKey }),
    };
    anna = new TestClient(t.app, 'localhost', '10.9.0.1');
    bogdan = new TestClient(t.app, 'localhost', '10.9.0.2');
    clerk = new TestClient(t.app, 'localhost', '10.9.0.3');
    await anna.signIn('/ebok', accounts.anna.login, TEST_PASSWORD);
    await bogdan.signIn('/ebok', accounts.bogdan.login, TEST_PASSWORD);
    await clerk.signIn('/panel', accounts.clerk.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a notice without buildings or with an end in the past, keeping what was typed', async () => {
    await clerk.get('/panel/komunikaty');
    const response = await clerk.post('/panel/komunikaty', {
      kind: 'awaria',
      title: 'Brak wody',
      shownUntil: '2026-03-01 12:00',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Wybierz co najmniej jeden budynek');
    expect(response.body).toContain('Koniec już minął');
    expect(response.body).toContain('value="Brak wody"');
    const malformed = await clerk.post('/panel/komunikaty', {
      kind: 'awaria',
      title: 'Brak wody',
      buildingIds: String(b65),
      shownUntil: 'jutro',
    });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.body).toContain('Koniec: podaj datę i godzinę');
    expect((await clerk.get('/panel/komunikaty')).body).toContain('Nie ma jeszcze komunikatów.');
  });

  it("shows a notice only to the chosen buildings' members, and on the site when chosen", async () => {
    await clerk.get('/panel/komunikaty');
    const published = await clerk.post('/panel/komunikaty', {
      kind: 'awaria',
      title: 'Brak ciepłej wody w budynku 65 do 14:00',
      buildingIds: String(b65),
      shownUntil: '2026-03-10 14:00',
      public: '1',
    });
    expect(published.statusCode).toBe(303);
    await clerk.post('/panel/komunikaty', {
      kind: 'prace',
      title: 'Malowanie klatek w 67',
      buildingIds: String(b67),
      shownUntil: '2026-03-20 16:00',
    });
    const home = await anna.get('/ebok');
    expect(home.body).toContain('Brak ciepłej wody w budynku 65 do 14:00');
    expect(home.body).not.toContain('Malowanie klatek');
    const other = await bogdan.get('/ebok');
    expect(other.body).toContain('Malowanie klatek w 67');
    expect(other.body).not.toContain('Brak ciepłej wody');
    const site = await new TestClient(t.app, 'localhost', '10.9.0.9').get('/komunikaty');
    expect(site.body).toContain('Brak ciepłej wody w budynku 65 do 14:00');
    expect(site.body).not.toContain('Malowanie klatek');
    // Withdrawn: gone everywhere.
    const list = await clerk.get('/panel/komunikaty');
    const id = /Brak ciepłej wody[\s\S]*?\/panel\/komunikaty\/(\d+)\/wycofaj/.exec(list.body)?.[1];
    expect((await clerk.post(`/panel/komunikaty/${id}/wycofaj`, {})).statusCode).toBe(303);
    expect((await anna.get('/ebok')).body).not.toContain('Brak ciepłej wody');
    expect((await clerk.post(`/panel/komunikaty/${id}/wycofaj`, {})).statusCode).toBe(404);
  });

  it('keeps emergency numbers in the settings, shown in the footer and in e-BOK', async () => {
    await clerk.get('/panel/komunikaty');
    const bad = await clerk.post('/panel/komunikaty/numery-alarmowe', { phones: 'Gaz 992' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Wiersz 1: wpisz nazwę i numer po dwukropku');
    const saved = await clerk.post('/panel/komunikaty/numery-alarmowe', {
      phones: 'Pogotowie techniczne: 32 123 45 67\nPogotowie gazowe: 992\nDźwigi: 600 100 200',
    });
    expect(saved.statusCode).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const site = await new TestClient(t.app, 'localhost', '10.9.0.8').get('/');
    expect(site.body).toContain('Numery alarmowe');
    expect(site.body).toContain('href="tel:992"');
    expect((await anna.get('/ebok')).body).toContain('Dźwigi');
  });
});
