import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { type Database, queryRows } from '../db/client.ts';
import { runMaintenance } from './maintenance.ts';

describe('the maintenance job', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('deletes a day’s visitor salt and hashes once the day is over, with no visit needed', async () => {
    const db = database.db;
    await db.execute(
      sql`insert into visitor_salts (day, salt) values ('2026-06-10', 'wczorajsza'), ('2026-06-11', 'dzisiejsza')`,
    );
    await db.execute(
      sql`insert into visitor_hashes (organization_id, day, hash) values (1, '2026-06-10', 'a'), (1, '2026-06-10', 'b'), (1, '2026-06-11', 'c')`,
    );
    const days = async (table: 'visitor_salts' | 'visitor_hashes') =>
      (
        await queryRows<{ day: string }>(db, sql`select distinct day::text as day from ${sql.raw(table)} order by day`)
      ).map((row) => row.day);
    // 23:59 on 10 June in Warsaw: the day is not over.
    expect((await runMaintenance(db, { now: new Date('2026-06-10T21:59:00Z') })).visitorSalts).toBe(0);
    expect(await days('visitor_salts')).toEqual(['2026-06-10', '2026-06-11']);
    // Just after midnight: 10 June is gone, 11 June stays.
    expect((await runMaintenance(db, { now: new Date('2026-06-10T22:00:01Z') })).visitorSalts).toBe(1);
    expect(await days('visitor_salts')).toEqual(['2026-06-11']);
    expect(await days('visitor_hashes')).toEqual(['2026-06-11']);
  });
});
