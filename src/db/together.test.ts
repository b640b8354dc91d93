import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from './client.ts';
import { onOneConnection, readTogether } from './together.ts';

// Handles on a pool and on one client; nothing connects (no read here sends a statement).
const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
const poolDb = drizzle({ client: pool }) as unknown as Db;
const clientDb = drizzle({
  client: new pg.Client({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }),
}) as unknown as Db;
afterAll(() => pool.end());

/** Reads that only wait, counting how many run at once. */
function countingReads() {
  let running = 0;
  let most = 0;
  const started: string[] = [];
  const read =
    <T>(name: string, value: T, fail = false) =>
    async (): Promise<T> => {
      started.push(name);
      running++;
      most = Math.max(most, running);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error(`${name} failed`);
        return value;
      } finally {
        running--;
      }
    };
  return { read, started, most: () => most };
}

describe('readTogether', () => {
  it('tells one connection (a pg client) from many (a pool)', () => {
    expect(onOneConnection(clientDb)).toBe(true);
    expect(onOneConnection(poolDb)).toBe(false);
  });

  it('starts the reads together on a pool, one at a time on one client, results in order either way', async () => {
    for (const [db, most] of [
      [poolDb, 3],
      [clientDb, 1],
    ] as const) {
      const reads = countingReads();
      const [a, b, c] = await readTogether(db, [reads.read('a', 1), reads.read('b', 'dwa'), reads.read('c', [3])]);
      // The tuple keeps each read's type.
      const typed: [number, string, number[]] = [a, b, c];
      expect(typed).toEqual([1, 'dwa', [3]]);
      expect(reads.started).toEqual(['a', 'b', 'c']);
      expect(reads.most()).toBe(most);
    }
  });

  it('fails as a whole when a read fails; on one client the later reads never start', async () => {
    const one = countingReads();
    await expect(readTogether(clientDb, [one.read('a', 1), one.read('b', 2, true), one.read('c', 3)])).rejects.toThrow(
      'b failed',
    );
    expect(one.started).toEqual(['a', 'b']);
    const many = countingReads();
    await expect(readTogether(poolDb, [many.read('a', 1), many.read('b', 2, true)])).rejects.toThrow('b failed');
  });

  it('takes a list of reads of one kind (an array, not a tuple)', async () => {
    const reads = countingReads();
    const values: number[] = await readTogether(
      clientDb,
      [1, 2, 3].map((n) => reads.read(String(n), n * 10)),
    );
    expect(values).toEqual([10, 20, 30]);
    expect(await readTogether(clientDb, [])).toEqual([]);
  });
});
