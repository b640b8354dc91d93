import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/support/test-db.ts';
import { type Database, type Db, queryRows } from './client.ts';
import { readTogether } from './together.ts';

/**
 * Reads that each sleep 50 ms in the server and say when the server started and ended them, and
 * how many of them the application had sent and not yet had answered at once.
 */
function sleepingReads(db: Db) {
  let running = 0;
  let most = 0;
  const read = (label: string) => async () => {
    running++;
    most = Math.max(most, running);
    try {
      const [row] = await queryRows<{ label: string; started: string; ended: string }>(
        db,
        sql`select ${label}::text as label, (extract(epoch from s.started) * 1e6)::bigint::text as started,
              (extract(epoch from clock_timestamp()) * 1e6)::bigint::text as ended
            from (select clock_timestamp() as started) s, lateral (select pg_sleep(0.05)) z`,
      );
      return { label: row?.label, started: Number(row?.started), ended: Number(row?.ended) };
    } finally {
      running--;
    }
  };
  return { read, most: () => most };
}

type Span = { started: number; ended: number };
/** Whether some read started in the server before another had ended. */
const overlapping = (spans: Span[]) =>
  spans.some((a, i) => spans.some((b, j) => i !== j && a.started < b.started && b.started < a.ended));

describe('readTogether on a database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('in a transaction sends one read at a time, in order, and the server runs them one after another', async () => {
    const spans = await database.db.transaction(async (tx) => {
      const reads = sleepingReads(tx);
      const [a, b, c] = await readTogether(tx, [reads.read('a'), reads.read('b'), reads.read('c')]);
      expect(reads.most()).toBe(1);
      return [a, b, c];
    });
    expect(spans.map((s) => s.label)).toEqual(['a', 'b', 'c']);
    expect(overlapping(spans)).toBe(false);
  });

  it("under start-up's lock (one pg client on PostgreSQL) sends one read at a time", async () => {
    const most = await database.withAdvisoryLock(4343, async (db) => {
      const reads = sleepingReads(db);
      const spans = await readTogether(db, [reads.read('a'), reads.read('b'), reads.read('c')]);
      expect(spans.map((s) => s.label)).toEqual(['a', 'b', 'c']);
      return reads.most();
    });
    // PGlite's lock hands out the database itself, whose thread queues statements.
    expect(most).toBe(testEngine === 'postgres' ? 1 : 3);
  });

  it('on the database itself starts the reads together (on PostgreSQL they run in parallel)', async () => {
    // Three connections open in the pool first, so that none of the reads waits for one.
    await readTogether(
      database.db,
      [1, 2, 3].map(() => () => queryRows(database.db, sql`select pg_sleep(0.02)`)),
    );
    const reads = sleepingReads(database.db);
    const spans = await readTogether(database.db, [reads.read('a'), reads.read('b'), reads.read('c')]);
    expect(spans.map((s) => s.label)).toEqual(['a', 'b', 'c']);
    expect(reads.most()).toBe(3);
    if (testEngine === 'postgres') expect(overlapping(spans)).toBe(true);
  });

  it('in a transaction stops at a failing read: the error fails the whole and no later read starts', async () => {
    let laterStarted = false;
    const failing = database.db.transaction(async (tx) => {
      await readTogether(tx, [
        () => queryRows(tx, sql`select 1 as one`),
        () => queryRows(tx, sql`select 1 / 0 as never`),
        async () => {
          laterStarted = true;
          return queryRows(tx, sql`select 2 as two`);
        },
      ]);
    });
    await expect(failing).rejects.toThrow(/select 1 \/ 0 as never/);
    expect(laterStarted).toBe(false);
  });

  it('on the database itself fails as a whole when one read fails', async () => {
    await expect(
      readTogether(database.db, [
        () => queryRows(database.db, sql`select 1 as one`),
        () => queryRows(database.db, sql`select 1 / 0 as never`),
      ]),
    ).rejects.toThrow(/select 1 \/ 0 as never/);
  });
});
