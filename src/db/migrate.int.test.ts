import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { type Database, openDatabase, queryRows } from './client.ts';
import { migrateDatabase, migrationStatus } from './migrate.ts';

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('leave the test template fully migrated', async () => {
    const status = await migrationStatus(database.db);
    expect(status.expected).toBeGreaterThan(0);
    expect(status.applied).toBe(status.expected);
  });

  it('are a no-op the second time, also when several run at once', async () => {
    await Promise.all([migrateDatabase(database), migrateDatabase(database), migrateDatabase(database)]);
    const status = await migrationStatus(database.db);
    expect(status.applied).toBe(status.expected);
    const tables = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from information_schema.tables where table_name = 'organizations'`,
    );
    expect(tables[0]?.n).toBe(1);
  });

  it('report an empty database as not migrated', async () => {
    const empty = await openDatabase({ dataDir: 'memory://' });
    try {
      const status = await migrationStatus(empty.db);
      expect(status.applied).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
