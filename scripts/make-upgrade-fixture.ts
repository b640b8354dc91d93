// Makes the upgrade fixture of a release: the demo cooperative as this version writes it, dumped as
// engine-independent SQL, plus a manifest of what must survive every later upgrade.
//
//   npm run build && node scripts/make-upgrade-fixture.ts postgres://postgres@127.0.0.1:5433/postgres NAME
//
// NAME is the release (or the date of the commit on main), e.g. `2026-12-06`; the files go to
// test/fixtures/upgrade/NAME/ (dump.sql.gz, manifest.json) and src/db/upgrade.int.test.ts opens
// every folder there. The URL is a PostgreSQL server where the user may create databases; pg_dump
// of the same major version must be on the PATH. The demo is loaded with a fixed clock, so the
// same version makes the same data.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';

const [url, name] = process.argv.slice(2);
if (!url || !name || !/^[\w.-]+$/.test(name)) {
  console.error('usage: node scripts/make-upgrade-fixture.ts POSTGRES_URL NAME');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path: string) => import(join(root, 'dist', path));
const { openDatabase } = (await dist('db/client.js')) as typeof import('../src/db/client.ts');
const { migrateDatabase } = (await dist('db/migrate.js')) as typeof import('../src/db/migrate.ts');
const { loadDemoIfEmpty } = (await dist('demo/load-demo.js')) as typeof import('../src/demo/load-demo.ts');
const { fixtureFacts } = (await dist('db/upgrade-facts.js')) as typeof import('../src/db/upgrade-facts.ts');

const databaseName = `osiedle_fixture_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create database ${databaseName}`);
const target = new URL(url);
target.pathname = `/${databaseName}`;
try {
  const database = await openDatabase({ url: target.toString(), poolSize: 2 });
  await migrateDatabase(database);
  await loadDemoIfEmpty(database, {
    sessionSecret: 'a fixed secret for the upgrade fixture only!',
    now: new Date(`${name.slice(0, 10)}T10:00:00Z`),
  });
  const facts = await fixtureFacts(database.db);
  await database.close();

  const dump = spawnSync(
    'pg_dump',
    [
      '--no-owner',
      '--no-privileges',
      '--no-comments',
      '--inserts',
      '--rows-per-insert=200',
      '--dbname',
      target.toString(),
    ],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr}`);
  const sql = dump.stdout
    .toString('utf8')
    // Lines only pg_dump's own client or a newer server understands; the rest is plain SQL.
    .split('\n')
    .filter(
      (line) =>
        !line.startsWith('\\') && !/^SET (transaction_timeout|idle_in_transaction_session_timeout)\b/.test(line),
    )
    .join('\n');
  const dir = join(root, 'test', 'fixtures', 'upgrade', name);
  await mkdir(dir, { recursive: true });
  const gzipped = gzipSync(sql, { level: 9 });
  await writeFile(join(dir, 'dump.sql.gz'), gzipped);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify({ name, ...facts }, null, 2)}\n`);
  console.log(
    `${dir}: dump.sql.gz ${(gzipped.length / 1024).toFixed(0)} KiB (SQL ${(sql.length / 1024 / 1024).toFixed(1)} MiB), ${facts.migrations.length} migrations`,
  );
} finally {
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}
