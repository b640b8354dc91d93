import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** File holding a dump of a migrated PGlite database, cloned by each test file. */
    pgliteTemplate: string;
    /** Name of a migrated PostgreSQL template database, when TEST_DATABASE_URL is set. */
    pgTemplate: string | undefined;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a clone of it,
 * which is much faster than migrating per file and keeps files independent.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'osiedle-test-'));
  const template = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(template);
  const dump = await template.pglite?.dumpDataDir('none');
  if (!dump) throw new Error('template is not a PGlite database');
  await template.close();
  const templateFile = join(dir, 'template.tar');
  await writeFile(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templateFile);

  const url = process.env.TEST_DATABASE_URL;
  let pgTemplate: string | undefined;
  if (url) {
    pgTemplate = `osiedle_template_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${pgTemplate}`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(url, pgTemplate), poolSize: 2 });
    await migrateDatabase(database);
    await database.close();
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (url && pgTemplate) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${pgTemplate} with (force)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
