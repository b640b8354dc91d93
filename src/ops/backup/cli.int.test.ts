import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsOf } from '../../../test/support/db-contents.ts';
import { withDatabase } from '../../../test/support/global-setup.ts';
import { testEngine } from '../../../test/support/test-db.ts';
import { runCli } from '../../cli.ts';
import { openDatabase } from '../../db/client.ts';

/**
 * The commands as an administrator runs them: a cooperative on the embedded database (DATA_DIR)
 * is backed up, then restored into a new PGlite directory or, with TEST_DATABASE_URL, into a new
 * database on that server (DATABASE_URL): the move of docs/backup-restore.md.
 */
describe('npm run cli -- backup / restore', () => {
  const saved = { ...process.env };
  const key = 'klucz kopii spółdzielni 2026';
  let dir: string;
  let sourceDir: string;
  let file: string;
  let serverDatabase: string | undefined;

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      args,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function admin(query: string) {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  }

  /** The environment of the restore's target. */
  function useTarget() {
    if (serverDatabase) {
      process.env.DATABASE_URL = withDatabase(process.env.TEST_DATABASE_URL as string, serverDatabase);
    } else {
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = join(dir, 'target');
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osiedle-cli-backup-'));
    sourceDir = join(dir, 'source');
    file = join(dir, 'kopia.osbk');
    process.env.DATA_DIR = sourceDir;
    process.env.BACKUP_KEY = key;
    delete process.env.DATABASE_URL;
    if (testEngine === 'postgres') {
      serverDatabase = `osiedle_test_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${serverDatabase}`);
    }
    expect((await cli('migrate')).code).toBe(0);
    const created = await cli(
      'create-org',
      ...['--slug', 'sm-kopia', '--name', 'Spółdzielnia „Kopia”', '--short-name', 'SM Kopia'],
      ...['--street', 'ul. Zapasowa 1', '--postcode', '40-282', '--city', 'Katowice'],
    );
    expect(created.code).toBe(0);
    expect((await cli('create-admin', '--login', 'admin', '--name', 'Anna Admin')).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    if (serverDatabase) await admin(`drop database if exists ${serverDatabase} with (force)`);
    await rm(dir, { recursive: true, force: true });
  });

  it('explains both commands and asks for BACKUP_KEY', async () => {
    expect((await cli('backup', '--help')).out).toContain('Usage: npm run cli -- backup FILE');
    expect((await cli('restore', '--help')).out).toContain('Usage: npm run cli -- restore FILE');
    expect((await cli('backup')).err).toContain('Missing required arguments: FILE');
    delete process.env.BACKUP_KEY;
    const keyless = await cli('backup', file);
    expect(keyless.code).toBe(1);
    expect(keyless.err).toMatch(/^BACKUP_KEY is not set/);
    process.env.BACKUP_KEY = 'short';
    expect((await cli('backup', file)).err).toContain('BACKUP_KEY: must be at least 16 characters long');
    process.env.BACKUP_KEY = key;
  });

  it('backs up, never over an existing file, and restores into an empty database, refusing it a second time', async () => {
    const backup = await cli('backup', file);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(
      /^Kopia zapasowa zapisana: .*kopia\.osbk\n {2}rozmiar: \d+ kB, tabel: \d+, wierszy: \d+/,
    );
    expect((await readFile(file)).subarray(0, 8).toString()).toBe('OSIEDLEB');
    const again = await cli('backup', file);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists; a backup never overwrites a file.');

    useTarget();
    process.env.BACKUP_KEY = `${key}?`;
    const wrongKey = await cli('restore', file);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toBe('Wrong BACKUP_KEY: this backup was encrypted with another key.');
    process.env.BACKUP_KEY = key;
    const damaged = join(dir, 'uszkodzona.osbk');
    const bytes = await readFile(file);
    await writeFile(damaged, bytes.subarray(0, bytes.length - 10));
    const truncated = await cli('restore', damaged);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toMatch(/truncated/);

    const restored = await cli('restore', file);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(
      /^Odtworzono kopię zapasową: .*kopia\.osbk\n {2}z dnia: .*, Osiedle 0\.\d+\.\d+, baza PGlite/,
    );
    const twice = await cli('restore', file);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/^The target database is not empty \(rows in: .*organizations/);
    // The restored database serves the CLI like the original.
    expect((await cli('create-admin', '--login', 'admin', '--name', 'Anna Admin')).err).toContain('już');

    const target = await openDatabase(
      serverDatabase ? { url: process.env.DATABASE_URL } : { dataDir: join(dir, 'target') },
    );
    const source = await openDatabase({ dataDir: sourceDir });
    try {
      expect(await contentsOf(target)).toEqual(await contentsOf(source));
    } finally {
      await target.close();
      await source.close();
    }
  }, 120_000);
});
