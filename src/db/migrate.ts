import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, type Db, queryRows } from './client.ts';

// Resolves to src/db/migrations both from src/db (tests) and from dist/db (the built app).
export const migrationsFolder = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

/** Advisory lock key that serializes migrations of processes starting together ("osiedle"). */
export const MIGRATION_LOCK_KEY = 0x05_1ed1e;

/** Applies every pending migration; safe when several processes start at once. */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.withAdvisoryLock(MIGRATION_LOCK_KEY, async (db) => {
    // drizzle's migrators share one implementation; only the driver type differs.
    const migrate = (database.kind === 'pglite' ? migratePglite : migratePg) as unknown as (
      db: Db,
      config: { migrationsFolder: string },
    ) => Promise<void>;
    await migrate(db, { migrationsFolder });
  });
}

/** Number of migration files shipped with this build, and how many the database has applied. */
export async function migrationStatus(db: Db): Promise<{ expected: number; applied: number }> {
  const expected = readMigrationFiles({ migrationsFolder }).length;
  const exists = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists[0]?.present) return { expected, applied: 0 };
  const rows = await queryRows<{ applied: number }>(
    db,
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  return { expected, applied: rows[0]?.applied ?? 0 };
}
