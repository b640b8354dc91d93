import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { virtualNrb } from '../ledger/rules/transfer.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { statementOf } from './formats/build.ts';
import { writeMt940 } from './formats/write.ts';
import { BACKGROUND_IMPORT_BYTES, queueStatementImport, runBankImportJobs } from './import-jobs.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-15T10:00:00Z');
const ACCOUNT = '72102023130000310200000001';
const PREFIX = '10202313000031';
const text = (body: string) => body.replace(/\u00a0/g, ' ');

describe('large statement uploads run as a background job with a progress page', () => {
  let t: TestApp;
  let org: number;
  let accountant: TestClient;
  let clerk: TestClient;
  let units: number[];
  const credits = 7_500;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db, { bankAccount: `PL${ACCOUNT}` })).id;
    await updateOrganizationSettings(db, org, { ...({ virtualAccountPrefix: PREFIX } as object) });
    const building = await makeBuilding(db, org);
    units = [
      (await makeUnit(db, org, { buildingId: building.id, number: '1' })).id,
      (await makeUnit(db, org, { buildingId: building.id, number: '2' })).id,
    ];
    const { totpKey } = await t.app.secrets();
    const staff = async (roles: ('accountant' | 'clerk')[], ip: string, offset: number) => {
      const account = await makeAccount(db, org, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date(NOW.getTime() + offset),
      });
      return client;
    };
    accountant = await staff(['accountant'], '10.9.0.2', 0);
    clerk = await staff(['clerk'], '10.9.0.3', 30_000);
  });
  afterAll(async () => t.close());

  it('queues a file over the threshold, shows its progress, then the results; the payments are booked once', async () => {
    const statement = statementOf(
      Array.from({ length: credits }, (_, i) => ({
        amount: 10_000 + i,
        reference: `BIG${i}`,
        creditedAccount: virtualNrb(PREFIX, units[i % 2] ?? 0),
        title: `Opłaty za lokal, marzec 2026, wpłata ${i}`,
      })),
      { account: ACCOUNT, periodFrom: '2026-03-02', periodTo: '2026-03-02', number: '7' },
    );
    const bytes = Buffer.from(writeMt940([statement], '~'));
    expect(bytes.byteLength).toBeGreaterThan(BACKGROUND_IMPORT_BYTES);

    await accountant.get('/panel/finanse/wyciagi');
    const upload = await accountant.postMultipart('/panel/finanse/wyciagi', { kodowanie: 'auto' }, [
      { field: 'pliki', name: 'duzy.sta', data: bytes },
    ]);
    expect(upload.statusCode).toBe(303);
    const url = upload.headers.location as string;
    expect(url).toMatch(/^\/panel\/finanse\/wyciagi\/import\/\d+$/);

    const queued = await accountant.get(url);
    expect(queued.statusCode).toBe(200);
    expect(text(queued.body)).toContain('stan: czeka w kolejce');
    expect(queued.body).toContain('http-equiv="refresh"');
    expect(text(queued.body)).toContain('Pliki czekają w kolejce na import.');
    const calm = await accountant.get(`${url}?odswiezanie=nie`);
    expect(calm.body).not.toContain('http-equiv="refresh"');
    // Nothing is booked before the job runs.
    const booked = async () =>
      Number(
        (
          await queryRows<{ n: string }>(
            t.database.db,
            sql`select count(*)::text as n from ledger_entries where organization_id = ${org} and source = 'bank'`,
          )
        )[0]?.n,
      );
    expect(await booked()).toBe(0);
    // Stored in pieces (streamed from the upload's temporary file), which together are the file.
    const pieces = await queryRows<{ piece: number; bytes: number }>(
      t.database.db,
      sql`select piece, length(data) as bytes from bank_import_files
          where import_id = ${Number(url.split('/').pop())} order by seq, piece`,
    );
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => Number(p.piece))).toEqual(pieces.map((_, i) => i));
    expect(pieces.reduce((sum, p) => sum + Number(p.bytes), 0)).toBe(bytes.byteLength);

    // Not the clerk's (no ledger.book), nor a page of another organization's job.
    expect((await clerk.get(url)).statusCode).toBe(404);
    const otherOrg = (await makeOrganization(t.database.db, { bankAccount: `PL${ACCOUNT}` })).id;
    const foreign = await queueStatementImport(t.database.db, {
      actor: testActorIn(otherOrg),
      files: [{ name: 'obcy.sta', bytes }],
      encoding: undefined,
      now: NOW,
    });
    expect((await accountant.get(`/panel/finanse/wyciagi/import/${foreign}`)).statusCode).toBe(404);
    expect((await accountant.get('/panel/finanse/wyciagi/import/abc')).statusCode).toBe(404);

    expect(await runBankImportJobs(t.database.db, { log: t.app.log, clock: () => NOW })).toBe(2);
    const done = await accountant.get(url);
    expect(done.statusCode).toBe(200);
    const body = text(done.body);
    expect(body).toContain('stan: zakończony');
    expect(body).toContain(`${credits} operacji, nowych ${credits}; zaksięgowano wpłat: ${credits}`);
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(await booked()).toBe(credits);
    const audit = await queryRows<{ actor_account_id: string | null; detail: { booked: number } }>(
      t.database.db,
      sql`select actor_account_id::text, detail from audit_log where organization_id = ${org} and action = 'bank.import_statement'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail.booked).toBe(credits);
    expect(audit[0]?.actor_account_id).not.toBeNull();
    // The stored files are gone once read; a second pass finds nothing to do.
    const files = await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from bank_import_files`);
    expect(files[0]?.n).toBe('0');
    expect(await runBankImportJobs(t.database.db, { log: t.app.log, clock: () => NOW })).toBe(0);
  });

  it('imports a small upload at once, as before', async () => {
    const statement = statementOf([{ amount: 5_000, creditedAccount: virtualNrb(PREFIX, units[0] ?? 0) }], {
      account: ACCOUNT,
      periodFrom: '2026-03-03',
      periodTo: '2026-03-03',
      number: '8',
    });
    for (const e of statement.entries) e.bookingDate = e.valueDate = '2026-03-03';
    await accountant.get('/panel/finanse/wyciagi');
    const response = await accountant.postMultipart('/panel/finanse/wyciagi', {}, [
      { field: 'pliki', name: 'maly.sta', data: Buffer.from(writeMt940([statement], '~')) },
    ]);
    expect(response.statusCode).toBe(200);
    expect(text(response.body)).toContain('zaksięgowano wpłat: 1');
  });
});
