import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { pgliteExtensions, seedForNewDataDir } from './pglite-seed.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one query interface features use; a transaction is one too, so functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded database itself (PGlite only), e.g. to dump it as a test template. */
  pglite: PGlite | undefined;
  /** The server's connection pool (PostgreSQL only), e.g. to stream COPY for backups. */
  pool: pg.Pool | undefined;
  /** Runs `work` on one connection while holding a PostgreSQL advisory lock. */
  withAdvisoryLock<T>(key: number, work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL server URL; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory or `memory://`. */
  dataDir?: string;
  /** A PGlite data directory dump (from `dumpDataDir`) to start from; tests clone a template this way. */
  pgliteDump?: Blob;
  poolSize?: number;
  /** Called with every statement the ORM sends and its parameters (LOG_SQL). */
  logQuery?: ((query: string, params: unknown[]) => void) | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const startFrom = options.pgliteDump ?? (await seedForNewDataDir(dataDir));
  const client = await PGlite.create({
    dataDir,
    extensions: pgliteExtensions,
    ...(startFrom ? { loadDataDir: startFrom } : {}),
  });
  const db = drizzlePglite({ client, schema, casing: 'snake_case', logger: loggerOf(options) }) as unknown as Db;
  let lockQueue: Promise<unknown> = Promise.resolve();
  return {
    db,
    kind: 'pglite',
    pglite: client,
    pool: undefined,
    // PGlite is one connection in one process, where advisory locks are re-entrant: callers
    // are queued in-process instead, one after another.
    withAdvisoryLock(_key, work) {
      const result = lockQueue.then(() => work(db));
      lockQueue = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    close: () => client.close(),
  };
}

function loggerOf(options: OpenOptions) {
  const { logQuery } = options;
  return logQuery ? { logQuery } : false;
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const logger = loggerOf(options);
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pglite: undefined,
    pool,
    async withAdvisoryLock(key, work) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await work(drizzlePg({ client, schema, casing: 'snake_case', logger }) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Rows of a raw SQL query, the same on PGlite and node-postgres. */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Throws unless the database answers a trivial query. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
