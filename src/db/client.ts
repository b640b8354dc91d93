import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { PgliteThread } from './pglite-remote.ts';
import * as schema from './schema.ts';
import { describeServer, parseServerList, type ServerAddress, ServerChoice, type ServerList } from './servers.ts';
import { DatabaseUnavailableError } from './transient.ts';

export type Schema = typeof schema;
/** The one query interface features use; a transaction is one too, so functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * The embedded database (PGlite only), which runs in its own thread: e.g. to dump it as a test
   * template, to stream COPY for backups, or to see whether its thread is still alive.
   */
  pglite: PgliteThread | undefined;
  /** The server's connection pool (PostgreSQL only), e.g. to stream COPY for backups. */
  pool: pg.Pool | undefined;
  /**
   * Runs `work` on one connection while holding a PostgreSQL advisory lock (start-up work: on
   * PostgreSQL without the statement timeout).
   */
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
  /**
   * PostgreSQL: how long to wait for a connection (to each server, and for a free one of the pool)
   * before the attempt fails; default 5 s.
   */
  connectTimeoutMs?: number;
  /** PostgreSQL: the server cancels a statement that runs longer (statement_timeout); 0 = never (default). */
  statementTimeoutMs?: number;
  /** Called with every statement the ORM sends and its parameters (LOG_SQL). */
  logQuery?: ((query: string, params: unknown[]) => void) | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  // In a worker thread, so that a long statement never stalls the server's own thread. The thread
  // offers the part of PGlite's interface drizzle's driver calls (query, exec, transaction).
  const client = await PgliteThread.start({ dataDir, dump: options.pgliteDump });
  const db = drizzlePglite({
    client: client as unknown as PGlite,
    schema,
    casing: 'snake_case',
    logger: loggerOf(options),
  }) as unknown as Db;
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
  const pool = createPool(url, {
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // A server that vanishes without closing its sockets is noticed on idle connections too.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // A client that loses its server must not crash the process: idle, the pool drops it (and emits
  // 'error'); checked out (say, in a transaction waiting for the application), its queries fail
  // and the pool drops it when released, but its own 'error' event needs a listener all along.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
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
        // Start-up work (migrations, the demo) may take long on a big database, and so may the
        // wait for another process's: no statement timeout on this connection until it is back.
        if (options.statementTimeoutMs) await client.query('set statement_timeout = 0');
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await work(drizzlePg({ client, schema, casing: 'snake_case', logger }) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
          if (options.statementTimeoutMs) await client.query('reset statement_timeout');
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The connection pool for DATABASE_URL. One server and no `target_session_attrs`: node-postgres's
 * own pool. Several servers (or a target): every new connection goes to the server that served
 * last; one that refuses, drops or is read-only (for `read-write`/`primary`) fails that attempt
 * and the pool tries the next server, once round the list, before the caller gets the error. Dead
 * connections leave the pool by themselves (pg-pool drops a client whose socket errored), so
 * after a failover the pool fills with connections to the new primary.
 */
function createPool(url: string, config: pg.PoolConfig): pg.Pool {
  const list = parseServerList(url);
  if (list.servers.length === 1 && list.target === 'any') {
    return new pg.Pool({ ...config, connectionString: list.urlFor(list.servers[0] as ServerAddress) });
  }
  return failoverPool(list, config);
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: Error | boolean) => void,
) => void;

function failoverPool(list: ServerList, config: pg.PoolConfig): pg.Pool {
  const choice = new ServerChoice(list.servers);
  /** Errors after which the next server is worth a try (not, say, a full pool). */
  const serverFailures = new WeakSet<object>();
  const serverFailed = (server: ServerAddress, error: unknown) => {
    choice.failed(server);
    if (error && typeof error === 'object') serverFailures.add(error);
  };

  /** A client bound at birth to the server whose turn it is. */
  class ServerClient extends pg.Client {
    readonly server: ServerAddress;
    constructor(clientConfig?: string | pg.ClientConfig) {
      const server = choice.current;
      const base = typeof clientConfig === 'string' ? {} : (clientConfig ?? {});
      super({ ...base, connectionString: list.urlFor(server) });
      this.server = server;
    }
    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, client: pg.Client) => void)): void;
    override connect(
      callback?: ((err: Error) => void) | ((err: null, client: pg.Client) => void),
    ): Promise<pg.Client> | undefined {
      if (!callback) {
        return super.connect().catch((error: unknown) => {
          serverFailed(this.server, error);
          throw error;
        });
      }
      super.connect((error: Error | null) => {
        if (error) serverFailed(this.server, error);
        (callback as (err: Error | null, client: pg.Client) => void)(error, this);
      });
      return undefined;
    }
  }

  const check =
    list.target === 'primary'
      ? {
          sql: 'select pg_is_in_recovery() as standby',
          readOnly: (row: Record<string, unknown>) => row.standby === true,
        }
      : {
          sql: 'show transaction_read_only',
          readOnly: (row: Record<string, unknown>) => row.transaction_read_only === 'on',
        };

  class FailoverPool extends pg.Pool {
    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
      const connected = this.connectToSomeServer();
      if (!callback) return connected;
      connected.then(
        (client) => callback(undefined, client, client.release),
        (error: Error) => callback(error, undefined, () => {}),
      );
      return undefined;
    }

    private async connectToSomeServer(): Promise<pg.PoolClient> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await super.connect();
        } catch (error) {
          const cause = (error as { cause?: unknown }).cause;
          const serverFailure =
            serverFailures.has(error as object) ||
            (typeof cause === 'object' && cause !== null && serverFailures.has(cause));
          if (!serverFailure || attempt >= list.servers.length) throw error;
        }
      }
    }
  }

  return new FailoverPool({
    ...config,
    Client: ServerClient,
    // Runs on every new connection before anyone uses it: a read-only server is not ours.
    onConnect: async (client) => {
      if (list.target === 'any') return;
      const { server } = client as unknown as ServerClient;
      const { rows } = await client.query(check.sql);
      if (rows[0] && check.readOnly(rows[0])) {
        const error = new DatabaseUnavailableError(`${describeServer(server)} is read-only (a standby)`);
        serverFailed(server, error);
        throw error;
      }
    },
  });
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
