import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';
import type { Database, Db } from './client.ts';
import { queryRows } from './client.ts';
import { preparedQuery } from './prepared.ts';

const things = pgTable('prepared_test_things', { id: integer().primaryKey(), name: text().notNull() });

const thingNamed = preparedQuery((db) =>
  db
    .select({ id: things.id })
    .from(things)
    .where(eq(things.name, sql.placeholder('name')))
    .orderBy(things.id),
);
const idsOf = async (db: Db, name: string) => (await thingNamed(db, { name })).map((row) => row.id);

async function withThings(database: Database, rows: [number, string][]) {
  await database.db.execute(sql`create table prepared_test_things (id integer primary key, name text not null)`);
  for (const [id, name] of rows) await database.db.insert(things).values({ id, name });
}

describe('prepared queries', () => {
  let first: Database;
  let second: Database;
  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await withThings(first, [
      [1, 'kran'],
      [2, 'wodomierz'],
    ]);
    await withThings(second, [[3, 'kran']]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('fills the placeholders anew at every call', async () => {
    expect(await idsOf(first.db, 'kran')).toEqual([1]);
    expect(await idsOf(first.db, 'wodomierz')).toEqual([2]);
    expect(await idsOf(first.db, 'grzejnik')).toEqual([]);
  });

  it('runs on the database handle it is given, not the first one it met', async () => {
    expect(await idsOf(first.db, 'kran')).toEqual([1]);
    expect(await idsOf(second.db, 'kran')).toEqual([3]);
  });

  it("inside a transaction sees the transaction's own rows, and leaves no named statement on the server", async () => {
    await first.db
      .transaction(async (tx) => {
        await tx.insert(things).values({ id: 4, name: 'kran' });
        expect(await idsOf(tx, 'kran')).toEqual([1, 4]);
        const statements = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from pg_prepared_statements`,
        );
        expect(statements[0]?.n).toBe(0);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && /rollback/i.test(error.message))) throw error;
      });
    expect(await idsOf(first.db, 'kran')).toEqual([1]);
  });
});
