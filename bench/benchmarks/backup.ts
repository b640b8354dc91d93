/**
 * Backup and restore (issue 21) of the ledger benchmark's database on PostgreSQL, against the
 * server's own tools on the same database in the same run:
 *
 * - `backup.vs_pg_dump`: MB/s of `npm run cli -- backup FILE` ÷ MB/s of `pg_dump -Fc` (goal ≥ 0.5).
 * - `restore.vs_pg_restore`: MB/s of `npm run cli -- restore FILE` into a new, empty database ÷
 *   MB/s of `pg_restore` of the dump into another new database (goal ≥ 0.5).
 *
 * MB/s is the source database's size (pg_database_size) per second of wall time, so each ratio is
 * the reference's time ÷ ours. The CLI runs as a child process (`node dist/cli.js`), as an
 * administrator runs it, start-up included; pg_dump and pg_restore likewise. Both restores are
 * checked: the same number of ledger entries and the same balances as the source.
 *
 * Data: the ledger benchmark's generator (bench/benchmarks/ledger.ts) with BENCH_BACKUP_UNITS
 * (10,000: ~10 M entries; fewer for a quick run) units over the demo. Needs DATABASE_URL; creates
 * its databases and drops them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { generate } from './ledger.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const goal = 0.5;
const MB = 1024 * 1024;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs a command to its end; returns its wall time in seconds, throws with its output on failure. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${output.slice(-800)}`));
      else resolve(seconds);
    });
  });
}

/** libpq's connection arguments for pg_dump and pg_restore. */
function libpq(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  return {
    args: ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
  };
}

/** What both restores must reproduce. */
async function fingerprint(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ f: string }>(
      `select (select count(*) from ledger_entries) || ' entries, balance ' ||
              (select coalesce(sum(amount), 0) from ledger_entries) || ', yearly totals ' ||
              (select coalesce(sum(total), 0) from ledger_yearly_totals) || ', units ' ||
              (select count(*) from units) || ', accounts ' || (select count(*) from accounts) as f`,
    );
    return result.rows[0]?.f ?? '';
  } finally {
    await client.end();
  }
}

export const backup: Benchmark = {
  name: 'backup',
  description: `backup ÷ pg_dump -Fc and restore ÷ pg_restore in MB/s on the ledger database (goals ≥ ${goal}); needs DATABASE_URL`,
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) throw new Error('backup needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    const units = Math.round(positiveNumber(process.env, 'BENCH_BACKUP_UNITS', 10_000));
    const suffix = randomBytes(4).toString('hex');
    const names = {
      source: `osiedle_bench_backup_${suffix}`,
      pgRestore: `osiedle_bench_pgrestore_${suffix}`,
      restore: `osiedle_bench_restore_${suffix}`,
    };
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const tempDir = await mkdtemp(join(tmpdir(), 'osiedle-backup-bench-'));
    try {
      await admin.query(`create database ${names.source}`);
      const sourceUrl = withDatabase(url, names.source);
      // The server migrates and loads the demo (organization, members, fee components).
      const server = await startServer({ databaseUrl: sourceUrl });
      try {
        await waitForStatus(server, '/readyz', { timeoutMs: 180_000 });
      } finally {
        await server.stop();
      }
      const client = new pg.Client({ connectionString: sourceUrl });
      await client.connect();
      try {
        const org = Number(
          (await client.query<{ id: string }>('select id from organizations order by id limit 1')).rows[0]?.id,
        );
        progress(`backup: generating ${units} units × 2013-01…2026-10`);
        await generate(client, org, units);
        await client.query('vacuum analyze');
      } finally {
        await client.end();
      }
      const expected = await fingerprint(sourceUrl);
      const size = Number(
        (await admin.query<{ size: string }>('select pg_database_size($1) as size', [names.source])).rows[0]?.size,
      );
      progress(`backup: source ${expected}; ${round(size / MB, 1)} MB`);
      report({ name: 'backup.database_mb', value: size / MB, unit: 'MB' });

      const dumpFile = join(tempDir, 'ledger.dump');
      const source = libpq(sourceUrl);
      const dumpSeconds = await timed(
        `${PG_BIN}/pg_dump`,
        [...source.args, '-Fc', '-f', dumpFile, names.source],
        source.env,
      );
      const backupFile = join(tempDir, 'ledger.osbk');
      const cliEnv = (databaseUrl: string) => ({
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        BACKUP_KEY: 'benchmark backup key, 2026',
      });
      const backupSeconds = await timed(
        process.execPath,
        ['--enable-source-maps', 'dist/cli.js', 'backup', backupFile],
        cliEnv(sourceUrl),
      );
      const [dumpSize, backupSize] = [(await stat(dumpFile)).size, (await stat(backupFile)).size];
      progress(
        `backup: pg_dump -Fc ${round(dumpSeconds, 2)} s (${round(dumpSize / MB, 1)} MB), ` +
          `backup ${round(backupSeconds, 2)} s (${round(backupSize / MB, 1)} MB)`,
      );
      report({
        name: 'backup.vs_pg_dump',
        value: size / MB / backupSeconds,
        unit: 'MB/s',
        baseline: size / MB / dumpSeconds,
      });
      report({ name: 'backup.file_mb', value: backupSize / MB, unit: 'MB', baseline: dumpSize / MB });

      await admin.query(`create database ${names.pgRestore}`);
      const pgRestoreUrl = withDatabase(url, names.pgRestore);
      const target = libpq(pgRestoreUrl);
      const pgRestoreSeconds = await timed(
        `${PG_BIN}/pg_restore`,
        [...target.args, '--exit-on-error', '-d', names.pgRestore, dumpFile],
        target.env,
      );
      await admin.query(`create database ${names.restore}`);
      const restoreUrl = withDatabase(url, names.restore);
      const restoreSeconds = await timed(
        process.execPath,
        ['--enable-source-maps', 'dist/cli.js', 'restore', backupFile],
        cliEnv(restoreUrl),
      );
      progress(`backup: pg_restore ${round(pgRestoreSeconds, 2)} s, restore ${round(restoreSeconds, 2)} s`);
      for (const [what, restoredUrl] of [
        ['pg_restore', pgRestoreUrl],
        ['restore', restoreUrl],
      ] as const) {
        const found = await fingerprint(restoredUrl);
        if (found !== expected) throw new Error(`backup: after ${what}: ${found}, expected ${expected}`);
      }
      report({
        name: 'restore.vs_pg_restore',
        value: size / MB / restoreSeconds,
        unit: 'MB/s',
        baseline: size / MB / pgRestoreSeconds,
      });
      const [backupRatio, restoreRatio] = [dumpSeconds / backupSeconds, pgRestoreSeconds / restoreSeconds];
      progress(
        `backup: backup ÷ pg_dump ${round(backupRatio, 2)} (goal ≥ ${goal}: ${backupRatio >= goal ? 'met' : 'MISSED'}), ` +
          `restore ÷ pg_restore ${round(restoreRatio, 2)} (goal ≥ ${goal}: ${restoreRatio >= goal ? 'met' : 'MISSED'})`,
      );
    } finally {
      for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await rm(tempDir, { recursive: true, force: true });
    }
  },
};
