import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { generateRegister } from '../../demo/generate-register.ts';
import { runMaintenance } from '../../jobs/maintenance.ts';
import { formatFileSize } from '../../lib/file-size.ts';
import { listAudit } from '../audit/audit.ts';
import { runRegisterImportJobs } from './import/jobs.ts';
import { registerCsvBytes } from './import/register-csv.ts';
import { claimImportJob } from './import/uploads.ts';
import { type RegisterImportProgress, registerImportChunks, registerImports } from './schema.ts';

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
  /** What the workers of the running app do every few seconds. */
  const runJobs = () =>
    runRegisterImportJobs(t.database.db, { maxBytes: t.config.importMaxBytes, log: t.app.log, clock: () => now });
  const storedBytes = async (importId: number) =>
    (await t.database.db.select().from(registerImportChunks).where(eq(registerImportChunks.importId, importId))).reduce(
      (sum, chunk) => sum + chunk.data.length,
      0,
    );
  /** Uploads a file and lets the check run, as the page does while it refreshes itself. */
  const uploadChecked = async (client: TestClient, name: string, data: Buffer) => {
    const response = await upload(client, name, data);
    await runJobs();
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

  it('checks an uploaded file in a background job, showing progress, and applies it in another on confirmation', async () => {
    const file = await example('rejestr-utf8.csv');
    const uploaded = await upload(clerk, 'rejestr-utf8.csv', file);
    expect(uploaded.statusCode).toBe(303);
    const reportUrl = String(uploaded.headers.location);
    expect(reportUrl).toMatch(/^\/panel\/rejestr\/import\/\d+$/);
    const id = Number(reportUrl.split('/').pop());
    // The request only stored the file; the check waits for a worker, and the page refreshes itself.
    expect(await storedBytes(id)).toBe(file.length);
    const queued = await clerk.get(reportUrl);
    expect(queued.statusCode).toBe(200);
    expect(queued.body).toContain('Trwa sprawdzanie pliku');
    expect(queued.body).toContain('Plik czeka w kolejce na sprawdzenie.');
    expect(queued.body).toContain('<meta http-equiv="refresh" content="3"/>');
    expect(queued.body).not.toContain('<script');
    const still = await clerk.get(`${reportUrl}?odswiezanie=nie`);
    expect(still.body).not.toContain('http-equiv="refresh"');
    expect(still.body).toContain('Odśwież stan');

    expect(await runJobs()).toBe(1);
    const preview = await clerk.get(reportUrl);
    expect(preview.body).toContain('Podgląd: nic jeszcze nie zostało zapisane.');
    expect(preview.body).toContain('kodowanie UTF-8');
    expect(preview.body).toContain('wierszy danych: 8');
    expect(preview.body).toContain('Zatwierdź i zapisz w rejestrze');
    expect(preview.body).not.toContain('http-equiv="refresh"');
    expect(await counts(org)).toEqual({ units: 0, persons: 0, rights: 0 });
    expect(await storedBytes(id)).toBe(file.length);

    const confirmed = await clerk.post(`${reportUrl}/zatwierdz`);
    expect(confirmed.statusCode).toBe(303);
    const applying = await clerk.get(reportUrl);
    expect(applying.body).toContain('Trwa zapisywanie zmian w rejestrze.');
    expect(applying.body).toContain('Zmiany czekają w kolejce na zapis.');
    expect(applying.body).toContain('http-equiv="refresh"');
    expect(applying.body).not.toContain('Zatwierdź i zapisz');
    // A second click while it waits queues nothing more.
    expect((await clerk.post(`${reportUrl}/zatwierdz`)).statusCode).toBe(303);
    expect(await counts(org)).toEqual({ units: 0, persons: 0, rights: 0 });

    expect(await runJobs()).toBe(1);
    const done = await clerk.get(reportUrl);
    expect(done.body).toContain('Zapisano zmiany w rejestrze.');
    expect(done.body).not.toContain('Zatwierdź i zapisz');
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(await counts(org)).toMatchObject({ units: 6 });
    const [after] = await t.database.db.select().from(registerImports).where(eq(registerImports.id, id));
    expect(after?.status).toBe('applied');
    expect(after?.progress).toBeNull();
    expect(await storedBytes(id)).toBe(0);
    // Audited as the clerk who confirmed, from where they confirmed.
    const audit = await listAudit(t.database.db, { organizationId: org, action: 'register.import', limit: 5 });
    expect(audit.total).toBe(1);
    expect(audit.rows[0]?.actorAccountId).toBe(after?.confirmedBy);
    expect(audit.rows[0]?.ip).toBe('10.7.0.1');
    // Clicking again applies nothing again.
    await clerk.post(`${reportUrl}/zatwierdz`);
    expect(await runJobs()).toBe(0);
    expect((await listAudit(t.database.db, { organizationId: org, action: 'register.import', limit: 5 })).total).toBe(
      1,
    );
  });

  it('shows the progress a job stores in the import row while it reads a large file', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'p.example' })).id;
    const client = await signedInClerk(t, other, '10.7.0.9', now, 'p.example');
    const file = registerCsvBytes(generateRegister({ seed: 3, units: 4000 }));
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const url = String((await upload(client, 'duzy-rejestr.csv', file)).headers.location);
    const id = Number(url.split('/').pop());
    // Every progress the job writes, as a trigger in the database sees it (a page may read any of them).
    await t.database.db.execute(sql`create table seen_progress (import_id bigint, progress jsonb)`);
    await t.database.db.execute(
      sql`create function log_progress() returns trigger language plpgsql as $$
          begin insert into seen_progress values (new.id, new.progress); return new; end $$`,
    );
    await t.database.db.execute(
      sql`create trigger log_progress after update of progress on register_imports
          for each row when (new.progress is not null) execute function log_progress()`,
    );
    await runJobs();
    const seen = (
      await queryRows<{ progress: RegisterImportProgress }>(
        t.database.db,
        sql`select progress from seen_progress where import_id = ${id}`,
      )
    ).map((row) => row.progress);
    // The spy goes, so that later tests' imports run as in production.
    await t.database.db.execute(sql`drop trigger log_progress on register_imports`);
    await t.database.db.execute(sql`drop function log_progress`);
    await t.database.db.execute(sql`drop table seen_progress`);
    const reading = seen.filter((p) => p.phase === 'reading');
    // Writes are coalesced (the latest wins), so how many land depends on timing; the first one does.
    expect(reading.length).toBeGreaterThanOrEqual(1);
    expect(reading[0]?.rows).toBe(1000);
    expect(reading[0]?.bytesRead).toBeGreaterThan(0);
    expect(reading[0]?.bytesRead).toBeLessThan(file.length / 2);
    const bytes = reading.map((p) => p.bytesRead);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBeLessThanOrEqual(file.length);
    expect((await client.get(url)).body).toContain('Podgląd: nic jeszcze nie zostało zapisane.');

    // The page shows stored progress as a bar with its numbers.
    await t.database.db
      .update(registerImports)
      .set({ status: 'checking', progress: { phase: 'reading', bytesRead: 512 * 1024, rows: 3000, written: 0 } })
      .where(eq(registerImports.id, id));
    const page = await client.get(url);
    expect(page.body).toContain(`Czytanie pliku: 512 kB z ${formatFileSize(file.length)}`);
    expect(page.body).toContain('3000 wierszy');
    expect(page.body).toMatch(/<progress value="524288" max="\d+"/);
    await t.database.db
      .update(registerImports)
      .set({ status: 'previewed', progress: null })
      .where(eq(registerImports.id, id));
  });

  it('lets another process take over a job whose worker died', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'q.example' })).id;
    const client = await signedInClerk(t, other, '10.7.0.10', now, 'q.example');
    const url = String((await upload(client, 'rejestr-utf8.csv', await example('rejestr-utf8.csv'))).headers.location);
    // A worker takes the job and dies: while its lock holds, nobody else runs it.
    expect(await claimImportJob(t.database.db, { now, lockMs: 60_000 })).toBeDefined();
    expect(await runJobs()).toBe(0);
    const later = now;
    now = new Date(later.getTime() + 61_000);
    expect(await runJobs()).toBe(1);
    now = later;
    expect((await client.get(url)).body).toContain('Podgląd: nic jeszcze nie zostało zapisane.');
  });

  it('says nothing changed when the same file comes again, also in Windows-1250', async () => {
    const before = await counts(org);
    for (const name of ['rejestr-utf8.csv', 'rejestr-cp1250.csv']) {
      const uploaded = await uploadChecked(clerk, name, await example(name));
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
    const uploaded = await uploadChecked(client, 'rejestr-cp1250.csv', await example('rejestr-cp1250.csv'));
    const url = String(uploaded.headers.location);
    expect((await client.get(url)).body).toContain('kodowanie Windows-1250');
    await client.post(`${url}/zatwierdz`);
    await runJobs();
    const persons = await client.get('/panel/rejestr/osoby?q=%C5%BAr');
    expect(persons.body).toContain('Źrebiec');
  });

  it('lists every row error with row, column and a Polish message, and saves nothing', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'c.example' })).id;
    now = new Date(START.getTime() + 60_000);
    const client = await signedInClerk(t, other, '10.7.0.3', now, 'c.example');
    const uploaded = await uploadChecked(client, 'rejestr-bledy.csv', await example('rejestr-bledy.csv'));
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
    expect(await storedBytes(row?.id ?? 0)).toBe(0);
    // A file in neither encoding, and no file at all.
    const garbage = await uploadChecked(client, 'zly.csv', Buffer.from([0x4b, 0x6f, 0x64, 0x3b, 0x81, 0x8d, 0x0a]));
    expect((await client.get(String(garbage.headers.location))).body).toContain('Pliku nie można wczytać');
    const none = await client.postMultipart('/panel/rejestr/import', {}, undefined);
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Wybierz plik CSV z rejestrem.');
  });

  it('drops a file left unconfirmed for a day', async () => {
    const other = (await makeOrganization(t.database.db, { hostname: 'd.example' })).id;
    now = new Date(START.getTime() + 90_000);
    const client = await signedInClerk(t, other, '10.7.0.4', now, 'd.example');
    const uploaded = await uploadChecked(client, 'rejestr-utf8.csv', await example('rejestr-utf8.csv'));
    const url = String(uploaded.headers.location);
    now = new Date(START.getTime() + 25 * 3600_000);
    // The hourly maintenance purges stale files (the first session has timed out by now).
    // (earlier tests' files of the day before go with it)
    expect((await runMaintenance(t.database.db, now)).registerImports).toBeGreaterThanOrEqual(1);
    const later = await signedInClerk(t, other, '10.7.0.6', now, 'd.example');
    const id = Number(url.split('/').pop());
    const row = (await t.database.db.select().from(registerImports).where(eq(registerImports.id, id)))[0];
    expect(await storedBytes(id)).toBe(0);
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

  it("shows and applies an import only in its own organization: another one's clerk gets 404", async () => {
    now = new Date(START.getTime() + 27 * 3600_000);
    const owner = (await makeOrganization(t.database.db, { hostname: 'e.example' })).id;
    const ownClerk = await signedInClerk(t, owner, '10.7.0.11', now, 'e.example');
    const url = String(
      (await uploadChecked(ownClerk, 'rejestr-utf8.csv', await example('rejestr-utf8.csv'))).headers.location,
    );
    const otherClerk = await signedInClerk(t, org, '10.7.0.12', now);
    const foreignUrl = url.replace(/^https?:\/\/[^/]+/, '');
    expect((await otherClerk.get(foreignUrl)).statusCode).toBe(404);
    await otherClerk.get('/panel/rejestr/import');
    expect((await otherClerk.post(`${foreignUrl}/zatwierdz`)).statusCode).toBe(404);
    await runJobs();
    expect(await counts(owner)).toEqual({ units: 0, persons: 0, rights: 0 });
    // Its own clerk still sees the preview, ready to apply.
    expect((await ownClerk.get(foreignUrl)).statusCode).toBe(200);
  });
});

describe('register import size limit', () => {
  let t: TestApp;
  let clerk: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_MB: '0.001' }, undefined, { clock: () => START });
    const org = (await makeOrganization(t.database.db)).id;
    clerk = await signedInClerk(t, org, '10.7.1.1', START);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a file over IMPORT_MAX_MB without storing it', async () => {
    await clerk.get('/panel/rejestr/import');
    const response = await clerk.postMultipart(
      '/panel/rejestr/import',
      {},
      { name: 'rejestr-utf8.csv', data: await example('rejestr-utf8.csv') },
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(
      'Plik jest za duży: ma ponad 1,0 kB, a największy dozwolony rozmiar to 1,0 kB. Plik nie został wczytany',
    );
    expect((await t.database.db.select().from(registerImports)).length).toBe(0);
    expect((await t.database.db.select().from(registerImportChunks)).length).toBe(0);
  });

  it('refuses a file without the form token before storing a byte of it', async () => {
    await clerk.get('/panel/rejestr/import');
    const small = Buffer.from('kod_budynku;ulica\n');
    for (const form of [{}, { _csrf: 'zly-token' }] as Record<string, string>[]) {
      const response = await clerk.postMultipart(
        '/panel/rejestr/import',
        form,
        { name: 'a.csv', data: small },
        {
          csrf: false,
        },
      );
      expect(response.statusCode).toBe(403);
    }
    expect((await t.database.db.select().from(registerImports)).length).toBe(0);
  });
});
