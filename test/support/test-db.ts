import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type OpenOptions, openDatabase } from '../../src/db/client.ts';
import { withDatabase } from './global-setup.ts';

/** Which engine integration tests run on in this run. */
export const testEngine: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: a clone of the run's template, on PGlite in
 * memory or, with TEST_DATABASE_URL, as a new database on that PostgreSQL server (dropped at close).
 */
export async function createTestDatabase(options: Pick<OpenOptions, 'logQuery'> = {}): Promise<Database> {
  const postgres = await createTestPostgresDatabase();
  if (postgres) {
    const database = await openDatabase({ url: postgres.url, poolSize: 5, ...options });
    return {
      ...database,
      async close() {
        await database.close();
        await postgres.drop();
      },
    };
  }
  const dump = await readFile(inject('pgliteTemplate'));
  return openDatabase({ dataDir: 'memory://', pgliteDump: new Blob([dump]), ...options });
}

/**
 * With TEST_DATABASE_URL: a new, migrated database on that server (a clone of the run's template),
 * its URL and how to drop it; undefined on PGlite. For tests that open their own connections.
 */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (!url || !template) return undefined;
  const name = `osiedle_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name} template ${template}`);
  return {
    url: withDatabase(url, name),
    drop: () => adminQuery(url, `drop database if exists ${name} with (force)`),
  };
}

/**
 * A new database with nothing in it, not even migrations (a restore's target): on PGlite in
 * memory or, with TEST_DATABASE_URL, a new database on that server (dropped at close).
 */
export async function createEmptyTestDatabase(engine: 'pglite' | 'postgres' = testEngine): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (engine === 'postgres') {
    if (!url) throw new Error('an empty PostgreSQL database needs TEST_DATABASE_URL');
    const name = `osiedle_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 3 });
    return {
      ...database,
      async close() {
        await database.close();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  }
  return openDatabase({ dataDir: 'memory://' });
}

async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
