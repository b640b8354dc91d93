import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { listAudit } from '../audit/audit.ts';
import { registerImports } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const START = new Date('2026-03-10T10:00:00Z');
const example = (name: string) => readFile(new URL(`../../../docs/examples/${name}`, import.meta.url));

async function signedInClerk(t: TestApp, organizationId: number, ip: string, now: Date, host = 'localhost') {
  const { totpKey } = await t.app.secrets();
  const account = await makeAccount(t.database.db, organizationId, {
    kind: 'staff',
    roles: ['clerk'],
    totpSecret: SECRET,
    totpKey,
  });
  const client = new TestClient(t.app, host, ip);
  expect((await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now })).statusCode).toBe(
    303,
  );
  return client;
}

describe('register import in the back office (/panel/rejestr/import)', () => {
  let t: TestApp;
  let now = START;
  let org: number;
  let clerk: TestClient;

  const counts = async (organizationId: number) =>
    (
      await queryRows<{ units: number; persons: number; rights: number }>(
        t.database.db,
        sql`select (select count(*)::int from units where organization_id = ${organizationId}) as units,
                   (select count(*)::int from persons where organization_id = ${organizationId}) as persons,
                   (select count(*)::int from rights where organization_id = ${organizationId}) as rights`,
      )
    )[0];

  const upload = async (client: TestClient, name: string, data: Buffer) => {
    await client.get('/panel/rejestr/import');
    const response = await client.postMultipart('/panel/rejestr/import', {}, { name, data, type: 'text/csv' });
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    org = (await makeOrganization(t.database.db)).id;
    clerk = await signedInClerk(t, org, '10.7.0.1', now);
  });
  afterAll(async () => {
    await t.close();
  });

  it('previews a good file with counts, keeps it in the database, applies it on confirmation', async () => {
    const uploaded = await upload(clerk, 'rejestr-utf8.csv', await example('rejestr-utf8.csv'));
    expect(uploaded.statusCode).toBe(303);
    const reportUrl = String(uploaded.headers.location);
    expect(reportUrl).toMatch(/^\/panel\/rejestr\/import\/\d+$/);
    const preview = await clerk.get(reportUrl);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Podgląd: nic jeszcze nie zostało zapisane.');
    expect(preview.body).toContain('kodowanie UTF-8');
    expect(preview.body).toContain('wierszy danych: 8');
    expect(preview.body).toContain('Zatwierdź i zapisz w rejestrze');
    expect(await counts(org)).toEqual({ units: 0, persons: 0, rights: 0 });
    const stored = await t.database.db.select().from(registerImports).where(eq(registerImports.organizationId, org));
    expect(stored[0]?.bytes?.length).toBeGreaterThan(100);

    const confirmed = await clerk.post(`${reportUrl}/zatwierdz`);
    expect(confirmed.statusCode).toBe(303);
    const done = await clerk.get(reportUrl);
    expect(done.body).toContain('Zapisano zmiany w rejestrze.');
    expect(done.body).not.toContain('Zatwierdź i zapisz');
    expect(await counts(org)).toMatchObject({ units: 6 });
    const after = await t.database.db.select().from(registerImports).where(eq(registerImports.organizationId, org));
    expect(after[0]?.bytes).toBeNull();
    expect(after[0]?.status).toBe('applied');
    expect((await listAudit(t.database.db, { organizationId: org, action: 'register.import', limit: 5 })).total).toBe(
      1,
    );
    // A second click applies nothing again.
    await clerk.post(`${reportUrl}/zatwierdz`);
    expect((await listAudit(t.database.db, { organizationId: org, action: 'register.import', limit: 5 })).total).toBe(
      1,
    );
  });

  it('says nothing changed when the same file comes again, also in Windows-1250', async () => {
    const before = await counts(org);
    for (const name of ['rejestr-utf8.csv', 'rejestr-cp1250.csv']) {
      const uploaded = await upload(clerk, name, await example(name));
      const report = await clerk.get(String(uploaded.headers.location));
      expect(report.body, name).toContain('Nic do zmiany: rejestr jest już zgodny z plikiem.');
      expect(report.body).not.toContain('Zatwierdź i zapisz');
    }
    const cp = await clerk.get('/panel/rejestr/import');
    expect(cp.body).toContain('rejestr-cp1250.csv');
    expect(await counts(org)).toEqual(before);
  });

  it('imports a Windows-1250 file into an empty register with Polish letters intact', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'b.example' })).id;
    now = new Date(START.getTime() + 30_000);
    const client = await signedInClerk(t, other, '10.7.0.2', now, 'b.example');
    const uploaded = await upload(client, 'rejestr-cp1250.csv', await example('rejestr-cp1250.csv'));
    const url = String(uploaded.headers.location);
    expect((await client.get(url)).body).toContain('kodowanie Windows-1250');
    await client.post(`${url}/zatwierdz`);
    const persons = await client.get('/panel/rejestr/osoby?q=%C5%BAr');
    expect(persons.body).toContain('Źrebiec');
  });

  it('lists every row error with row, column and a Polish message, and saves nothing', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'c.example' })).id;
    now = new Date(START.getTime() + 60_000);
    const client = await signedInClerk(t, other, '10.7.0.3', now, 'c.example');
    const uploaded = await upload(client, 'rejestr-bledy.csv', await example('rejestr-bledy.csv'));
    const report = await client.get(String(uploaded.headers.location));
    expect(report.body).toContain('Nic nie zostało zapisane: popraw plik i wczytaj go ponownie.');
    expect(report.body).toContain('Błędy w wierszach');
    expect(report.body).toMatch(/<td class="num">2<\/td><td>PESEL<\/td>/);
    expect(report.body).not.toContain('Zatwierdź i zapisz');
    expect(await counts(other)).toEqual({ units: 0, persons: 0, rights: 0 });
    const row = (
      await t.database.db.select().from(registerImports).where(eq(registerImports.organizationId, other))
    )[0];
    expect(row?.status).toBe('rejected');
    expect(row?.bytes).toBeNull();
    // A file in neither encoding, and no file at all.
    const garbage = await upload(client, 'zly.csv', Buffer.from([0x4b, 0x6f, 0x64, 0x3b, 0x81, 0x8d, 0x0a]));
    expect((await client.get(String(garbage.headers.location))).body).toContain('Pliku nie można wczytać');
    const none = await client.postMultipart('/panel/rejestr/import', {}, undefined);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Wybierz plik CSV z rejestrem.');
  });

  it('drops a file left unconfirmed for a day', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'd.example' })).id;
    now = new Date(START.getTime() + 90_000);
    const client = await signedInClerk(t, other, '10.7.0.4', now, 'd.example');
    const uploaded = await upload(client, 'rejestr-utf8.csv', await example('rejestr-utf8.csv'));
    const url = String(uploaded.headers.location);
    now = new Date(START.getTime() + 25 * 3600_000);
    // Any later upload purges stale files (the first session has timed out by now).
    const later = await signedInClerk(t, other, '10.7.0.6', now, 'd.example');
    await upload(later, 'rejestr-utf8.csv', await example('rejestr-utf8.csv'));
    const id = Number(url.split('/').pop());
    const row = (await t.database.db.select().from(registerImports).where(eq(registerImports.id, id)))[0];
    expect(row?.bytes).toBeNull();
    expect(row?.status).toBe('expired');
    await later.get(url);
    expect((await later.post(`${url}/zatwierdz`)).statusCode).toBe(303);
    expect((await later.get(url)).body).toContain('wygasł');
    expect(await counts(other)).toEqual({ units: 0, persons: 0, rights: 0 });
  });

  it('refuses accountants', async () => {
    const { totpKey } = await t.app.secrets();
    const account = await makeAccount(t.database.db, org, {
      kind: 'staff',
      roles: ['accountant'],
      totpSecret: SECRET,
      totpKey,
    });
    const client = new TestClient(t.app, 'localhost', '10.7.0.5');
    now = new Date(START.getTime() + 26 * 3600_000);
    await client.signIn('/panel', account.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    expect((await client.get('/panel/rejestr/import')).statusCode).toBe(404);
    expect((await client.get('/panel/rejestr')).body).not.toContain('/panel/rejestr/import');
  });
});

describe('register import size limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_MB: '0.001' }, undefined, { clock: () => START });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a file over IMPORT_MAX_MB without storing it', async () => {
    const org = (await makeOrganization(t.database.db)).id;
    const clerk = await signedInClerk(t, org, '10.7.1.1', START);
    await clerk.get('/panel/rejestr/import');
    const response = await clerk.postMultipart(
      '/panel/rejestr/import',
      {},
      { name: 'rejestr-utf8.csv', data: await example('rejestr-utf8.csv') },
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Plik jest większy niż 0,0 MB');
    expect((await t.database.db.select().from(registerImports)).length).toBe(0);
  });
});
