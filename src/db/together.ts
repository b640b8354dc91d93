import { PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from './client.ts';

/** Reads that do not depend on each other, each started by calling it. */
type Reads = readonly (() => PromiseLike<unknown>)[];

/** What the reads give, in their order and with their types (a tuple for a tuple, as `Promise.all`). */
type ReadResults<R extends Reads> = { -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> };

/**
 * Runs independent reads on `db` — together where the handle can take them together, else one
 * after another in their order — and gives their results in order, like `Promise.all`. One read
 * failing fails the whole; on one connection no later read starts after it.
 *
 * Feature functions take a `Db` that may be the pool, a transaction or start-up's one connection
 * (`withAdvisoryLock`). On the pool (`app.db` on PostgreSQL) each read takes its own connection,
 * so reads started together run in parallel. A transaction (`PgTransaction`, on either engine)
 * and a drizzle handle on a single `pg.Client` have one connection: `Promise.all` over it makes
 * node-postgres queue the queries on that client, which pg 8 warns about ("Calling
 * client.query() when the client is already executing a query is deprecated") and pg 9 refuses.
 * There the reads run one at a time instead — the order in which the connection took them anyway.
 * PGlite's database (outside a transaction) runs in its own thread, which queues statements
 * itself: reads start together there too.
 *
 * Use it for every set of independent reads in a function that takes a `db`, instead of
 * `Promise.all` (architecture.test.ts checks); route handlers that read `app.db` (always the pool)
 * may use `Promise.all`.
 */
export async function readTogether<const R extends Reads>(db: Db, reads: R): Promise<ReadResults<R>> {
  if (!onOneConnection(db)) return (await Promise.all(reads.map((read) => read()))) as ReadResults<R>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as ReadResults<R>;
}

/** Whether every statement on `db` goes over one connection: a transaction, or a handle on one pg client. */
export function onOneConnection(db: Db): boolean {
  // A pooled client (`pool.connect()`) is a pg.Client too; a pg.Pool is not.
  return db instanceof PgTransaction || (db as { $client?: unknown }).$client instanceof pg.Client;
}
