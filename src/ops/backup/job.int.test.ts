import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { type BackupJobOptions, runScheduledBackup, scheduledFileName, stoppedMessage } from './job.ts';
import { interruptedMessage, listBackupRuns } from './runs.ts';
import { backupRuns } from './schema.ts';

const silent = { info() {}, warn() {}, error() {} };

describe('scheduled backups', () => {
  let database: Database;
  let dir: string;
  let now: Date;
  let options: BackupJobOptions;

  beforeAll(async () => {
    database = await createTestDatabase();
    await makeOrganization(database.db);
    dir = await mkdtemp(join(tmpdir(), 'osiedle-backup-job-'));
    now = new Date('2026-03-10T12:00:00Z');
    options = {
      database,
      dir: join(dir, 'kopie'),
      key: 'scheduled backups key 2026',
      schedule: { kind: 'interval', minutes: 360 },
      keep: 2,
      log: silent,
      clock: () => now,
      scrypt: { logN: 10, r: 8, p: 1 },
    };
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up once per slot, whichever process looks, and keeps the newest BACKUP_KEEP files', async () => {
    // Two processes looking at the same moment: one backs up, the other sees the slot taken.
    const outcomes = await Promise.all([runScheduledBackup(options), runScheduledBackup(options)]);
    expect(outcomes.sort()).toEqual(['ok', 'skipped']);
    expect(await runScheduledBackup(options)).toBe('skipped');
    expect(await readdir(options.dir)).toEqual([scheduledFileName(now)]);

    await writeFile(join(options.dir, 'notatki.txt'), 'not a backup: never deleted');
    for (const hours of [6, 12]) {
      now = new Date(Date.parse('2026-03-10T12:00:00Z') + hours * 3_600_000);
      expect(await runScheduledBackup(options)).toBe('ok');
    }
    expect((await readdir(options.dir)).sort()).toEqual([
      'notatki.txt',
      'osiedle-20260310-180000Z.osbk',
      'osiedle-20260311-000000Z.osbk',
    ]);
    const runs = await listBackupRuns(database.db, { limit: 10 });
    expect(runs.map((r) => [r.slot, r.status, r.fileName, r.deletedFiles])).toEqual([
      ['2026-03-11T00:00:00.000Z', 'ok', 'osiedle-20260311-000000Z.osbk', 1],
      ['2026-03-10T18:00:00.000Z', 'ok', 'osiedle-20260310-180000Z.osbk', 0],
      ['2026-03-10T12:00:00.000Z', 'ok', 'osiedle-20260310-120000Z.osbk', 0],
    ]);
    expect(runs[0]).toMatchObject({ tables: expect.any(Number), rows: expect.any(Number), error: null });
    expect(runs[0]?.migration).toMatch(/^\d{4}_/);
    expect(runs[0]?.bytes).toBeGreaterThan(1000);
  });

  it('records a failure and an interrupted run, and waits while another backup runs', async () => {
    now = new Date('2026-03-11T06:30:00Z');
    const blocked = { ...options, dir: join(dir, 'plik') };
    await writeFile(blocked.dir, 'a file where the directory should be');
    expect(await runScheduledBackup(blocked)).toBe('failed');
    const [failed] = await listBackupRuns(database.db, { limit: 1 });
    expect(failed).toMatchObject({ status: 'failed', slot: '2026-03-11T06:00:00.000Z' });
    expect(failed?.error).toBeTruthy();

    // A process died in the middle of a backup: its run blocks others until it is seen as stale.
    await database.db.insert(backupRuns).values({
      slot: 'manual-test',
      status: 'running',
      startedAt: new Date('2026-03-11T11:50:00Z'),
      heartbeatAt: new Date('2026-03-11T11:55:00Z'),
      host: 'other:1',
    });
    now = new Date('2026-03-11T12:00:00Z');
    expect(await runScheduledBackup(options)).toBe('skipped');
    now = new Date('2026-03-11T12:20:00Z');
    expect(await runScheduledBackup(options)).toBe('ok');
    const runs = await listBackupRuns(database.db, { limit: 10 });
    expect(runs.find((r) => r.slot === 'manual-test')).toMatchObject({ status: 'failed', error: interruptedMessage });

    // The application stopping: the backup is abandoned, nothing left behind.
    now = new Date('2026-03-11T18:00:00Z');
    const files = await readdir(options.dir);
    expect(await runScheduledBackup(options, AbortSignal.abort())).toBe('failed');
    expect(await readdir(options.dir)).toEqual(files);
    const [stopped] = await listBackupRuns(database.db, { limit: 1 });
    expect(stopped).toMatchObject({ status: 'failed', error: stoppedMessage });
  });
});
