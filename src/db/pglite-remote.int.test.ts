import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/test-db.ts';
import { type Database, openDatabase, queryRows } from './client.ts';
import { DatabaseUnavailableError, isTransientDatabaseError } from './transient.ts';

// PGlite only: PostgreSQL is a server of its own.
describe.skipIf(testEngine === 'postgres')('PGlite in its own thread', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database.close();
  });

  const thread = () => {
    if (!database.pglite) throw new Error('not PGlite');
    return database.pglite;
  };

  it('answers queries with typed values, and SQL errors with their code and constraint', async () => {
    await database.db.execute(sql`create table probe (id int primary key, at timestamptz, data bytea, doc jsonb)`);
    await database.db.execute(
      sql`insert into probe values (1, '2026-12-06T10:00:00Z', '\\x0102'::bytea, '{"a": [1, "ż"]}'::jsonb)`,
    );
    const rows = await queryRows<{ id: number; at: string; data: Uint8Array; doc: unknown }>(
      database.db,
      sql`select * from probe`,
    );
    // drizzle's own parsers keep timestamps as text; the rest is parsed in the thread.
    expect(rows).toEqual([{ id: 1, at: '2026-12-06 10:00:00+00', data: new Uint8Array([1, 2]), doc: { a: [1, 'ż'] } }]);
    const error = await database.db.execute(sql`insert into probe (id) values (1)`).catch((e: unknown) => e);
    const cause = (error as { cause?: { code?: string; constraint?: string; message?: string } }).cause;
    expect(cause?.code).toBe('23505');
    expect(cause?.constraint).toBe('probe_pkey');
    expect(cause?.message).toMatch(/duplicate key/);
  });

  it('commits a transaction whole or rolls it back whole; others wait for it', async () => {
    await database.db.execute(sql`create table tx_probe (n int)`);
    let outsideDone = false;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (1)`);
      // A statement outside the transaction waits until it ends, as on the in-process PGlite.
      void database.db.execute(sql`insert into tx_probe values (10)`).then(() => {
        outsideDone = true;
      });
      await sleep(20);
      expect(outsideDone).toBe(false);
      await tx.execute(sql`insert into tx_probe values (2)`);
    });
    const failed = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values (3)`);
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    await sleep(0);
    const rows = await queryRows<{ n: number }>(database.db, sql`select n from tx_probe order by n`);
    expect(rows.map((row) => row.n)).toEqual([1, 2, 10]);
  });

  it('copies in and out through /dev/blob inside a transaction', async () => {
    const pglite = thread();
    await pglite.exec('create table copy_probe (n int, t text)');
    const out = await pglite.transaction(async (tx) => {
      await tx.query(`copy copy_probe from '/dev/blob'`, [], { blob: new Blob(['1\tjeden\n2\tdwa\n']) });
      return tx.query(`copy copy_probe to '/dev/blob'`);
    });
    expect(await out.blob?.text()).toBe('1\tjeden\n2\tdwa\n');
    const dump = await pglite.dumpDataDir('none');
    expect(dump.size).toBeGreaterThan(0);
  });

  it('keeps the calling thread free while a long statement runs', async () => {
    const long = database.db.execute(sql`select pg_sleep(2)`).then(() => 'statement');
    const timer = sleep(50).then(() => 'timer');
    expect(await Promise.race([long, timer])).toBe('timer');
    await long;
  });
});

describe.skipIf(testEngine === 'postgres')('a PGlite thread that dies', () => {
  it('fails what waits for it and all that follows as "database unavailable", and says so once', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const thread = database.pglite;
    if (!thread) throw new Error('not PGlite');
    const failures: Error[] = [];
    thread.onFailure((error) => failures.push(error));
    expect(thread.state).toBe('running');
    const waiting = database.db.execute(sql`select pg_sleep(5)`).catch((e: unknown) => e);
    await thread.kill();
    expect(isTransientDatabaseError(await waiting)).toBe(true);
    expect(thread.state).toBe('failed');
    expect(failures).toHaveLength(1);
    const later = await database.db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(isTransientDatabaseError(later)).toBe(true);
    await expect(thread.query('select 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // Closing a dead thread is a no-op, and closing is no failure.
    await database.close();
    expect(failures).toHaveLength(1);
  });

  it('is no failure when closed', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const failures: Error[] = [];
    database.pglite?.onFailure((error) => failures.push(error));
    await database.close();
    expect(database.pglite?.state).toBe('closed');
    await sleep(20);
    expect(failures).toEqual([]);
  });
});
