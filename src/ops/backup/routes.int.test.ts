import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { backupRuns } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('/panel/kopie-zapasowe', () => {
  let t: TestApp;
  let dir: string;
  let organizationId: number;
  const now = new Date('2026-11-25T09:00:00Z');
  let ip = 0;
  const client = () => new TestClient(t.app, 'localhost', `10.2.0.${++ip}`);

  async function signedIn(login: string, roles: ('admin' | 'clerk')[]) {
    const { totpKey } = await t.app.secrets();
    await makeAccount(t.database.db, organizationId, {
      kind: 'staff',
      login,
      displayName: login,
      roles,
      totpSecret: SECRET,
      totpKey,
    });
    const c = client();
    await c.signIn('/panel', login, TEST_PASSWORD, { totpSecret: SECRET, now });
    return c;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osiedle-backup-page-'));
    t = await createTestApp(
      { BACKUP_DIR: dir, BACKUP_KEY: 'page test key 2026', BACKUP_SCHEDULE: '02:30', BACKUP_KEEP: '5' },
      undefined,
      { clock: () => now },
    );
    organizationId = (await makeOrganization(t.database.db)).id;
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows administrators the schedule, the last result, the history and the files; others may not look', async () => {
    const admin = await signedIn('kopie-admin', ['admin']);
    const empty = await admin.get('/panel/kopie-zapasowe');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Kopie automatyczne: codziennie o 02:30 (czas polski)');
    expect(empty.body).toContain('przechowywane są 5 najnowsze');
    expect(empty.body).toContain('Nie wykonano jeszcze żadnej kopii automatycznej.');
    expect(empty.body).not.toContain('page test key');
    expect((await admin.get('/panel')).body).toContain('href="/panel/kopie-zapasowe"');

    await writeFile(join(dir, 'osiedle-20261125-013000Z.osbk'), Buffer.alloc(2048));
    await t.database.db.insert(backupRuns).values([
      {
        slot: '2026-11-24T01:30:00.000Z',
        status: 'ok',
        startedAt: new Date('2026-11-24T01:30:00Z'),
        heartbeatAt: new Date('2026-11-24T01:30:05Z'),
        finishedAt: new Date('2026-11-24T01:30:05Z'),
        host: 'srv:1',
        fileName: 'osiedle-20261124-013000Z.osbk',
        bytes: 3 * 1024 * 1024,
        tables: 40,
        rows: 123_456,
        migration: '0018_backup_runs',
        seconds: 4.5,
        deletedFiles: 1,
      },
      {
        slot: '2026-11-25T01:30:00.000Z',
        status: 'failed',
        startedAt: new Date('2026-11-25T01:30:00Z'),
        heartbeatAt: new Date('2026-11-25T01:30:01Z'),
        finishedAt: new Date('2026-11-25T01:30:01Z'),
        host: 'srv:1',
        error: 'Brak miejsca na dysku w katalogu kopii (BACKUP_DIR).',
        seconds: 0.5,
      },
    ]);
    const page = await admin.get('/panel/kopie-zapasowe');
    expect(page.body).toContain('Ostatnia kopia: <strong>nieudana</strong>, rozpoczęta 25.11.2026, 02:30');
    expect(page.body).toContain('Brak miejsca na dysku w katalogu kopii (BACKUP_DIR).');
    expect(page.body).toContain('osiedle-20261124-013000Z.osbk');
    expect(page.body).toContain('123\u00a0456');
    expect(page.body).toContain('3,0 MB');
    expect(page.body).toContain('usunięto starsze kopie: 1');
    expect(page.body).toContain('osiedle-20261125-013000Z.osbk — 2 kB');
    expect(page.body).not.toContain('Brak świeżej kopii');

    const clerk = await signedIn('kopie-bok', ['clerk']);
    // Pages a role may not open do not exist for it.
    expect((await clerk.get('/panel/kopie-zapasowe')).statusCode).toBe(404);
    expect((await clerk.get('/panel')).body).not.toContain('/panel/kopie-zapasowe');
    const anonymous = await client().get('/panel/kopie-zapasowe');
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/panel\?next=/);
  });
});
