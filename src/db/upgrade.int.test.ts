import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../test/support/global-setup.ts';
import { TestClient } from '../../test/support/test-client.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { type Database, openDatabase } from './client.ts';
import { migrateDatabase, migrationStatus } from './migrate.ts';
import { fixtureFacts, type UpgradeFacts } from './upgrade-facts.ts';

/**
 * HEAD opens a database made by an earlier version: one fixture per release in
 * test/fixtures/upgrade/NAME/ (the demo cooperative dumped as SQL by scripts/make-upgrade-fixture.ts,
 * with the facts it held). Restored into an empty database of this run's engine, migrated by HEAD,
 * it must keep every row, every grosz and every balance, and serve its members.
 *
 * A later migration that changes data on purpose (a backfill, a split table) states here, per
 * fixture, what it changes: `expectedChanges`, table → new count.
 */
const fixturesDir = fileURLToPath(new URL('../../test/fixtures/upgrade', import.meta.url));
const expectedChanges: Record<string, Record<string, number>> = {};

async function restore(dump: string): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `osiedle_upgrade_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const loader = new pg.Client({ connectionString: withDatabase(url, name) });
    await loader.connect();
    await loader.query(dump);
    await loader.end();
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 3 });
    return {
      ...database,
      async close() {
        await database.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.pglite?.exec(dump);
  // pg_dump empties the search_path for its session; PGlite has only this one.
  await database.pglite?.exec('reset all');
  return database;
}

const fixtures = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

it('has a fixture of at least one earlier version', () => {
  expect(fixtures.length).toBeGreaterThan(0);
});

describe.each(fixtures)('upgrading the database of %s to HEAD', (name) => {
  const manifest = JSON.parse(readFileSync(join(fixturesDir, name, 'manifest.json'), 'utf8')) as UpgradeFacts & {
    name: string;
  };
  let database: Database;

  beforeAll(async () => {
    database = await restore(gunzipSync(readFileSync(join(fixturesDir, name, 'dump.sql.gz'))).toString('utf8'));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('restores as that version left it', async () => {
    const facts = await fixtureFacts(database.db);
    expect({ name, ...facts }).toEqual(manifest);
  });

  it('applies the newer migrations and keeps every row, every grosz and every balance', async () => {
    await migrateDatabase(database);
    const status = await migrationStatus(database.db);
    expect(status.applied).toBe(status.expected);
    const facts = await fixtureFacts(database.db);
    // The migrations of that version stay applied, as they were; the newer ones follow them.
    expect(facts.migrations.slice(0, manifest.migrations.length)).toEqual(manifest.migrations);
    expect(facts.migrations).toHaveLength(status.expected);
    const counts = Object.fromEntries(Object.keys(manifest.counts).map((table) => [table, facts.counts[table]]));
    expect(counts).toEqual({ ...manifest.counts, ...expectedChanges[name] });
    expect(facts.ledger).toEqual(manifest.ledger);
    expect(facts.balances).toEqual(manifest.balances);
  });

  it('serves its members with HEAD: a demo member signs in and sees the finances', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const app: FastifyInstance = await buildApp({ config, gate: { database } });
    await app.ready();
    try {
      const member = new TestClient(app, 'localhost', '10.21.0.1');
      const signIn = await member.signIn('/ebok', 'mieszkaniec2', 'Osiedle-demo-2026');
      expect(signIn.statusCode).toBe(303);
      const finances = await member.get('/ebok/finanse');
      expect([200, 303]).toContain(finances.statusCode);
      const page = finances.statusCode === 303 ? await member.get(String(finances.headers.location)) : finances;
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Paderewskiego 65');
    } finally {
      await app.close();
    }
  });
});
