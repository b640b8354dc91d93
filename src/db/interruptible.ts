import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database, Db } from './client.ts';
import { PgliteThread } from './pglite-remote.ts';
import * as schema from './schema.ts';

/** Thrown instead of running a statement once the work it belongs to was told to stop. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted: the process is shutting down');
    this.name = 'InterruptedError';
  }
}

/** Whether `error` (or the error it wraps, e.g. drizzle's "Failed query") is an interruption. */
export function isInterruption(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof InterruptedError) return true;
  return false;
}

/**
 * The same database for work that must stop when `signal` aborts (start-up migrations and demo
 * load, a register import job): every statement first checks the signal and, once it has
 * aborted, is refused with an `InterruptedError`, so the transaction under way rolls back and the
 * work ends at its next statement.
 *
 * Only for work that may be abandoned: a request or a mail send must finish, and uses `db` as it is.
 */
export function interruptibleDb(db: Db, signal: AbortSignal): Db {
  const client = (db as unknown as { $client: object }).$client;
  const logger = (db as unknown as { session: { logger: Logger } }).session.logger;
  const pglite = client instanceof PgliteThread;
  const guarded = guard(client, async () => {
    if (signal.aborted) throw new InterruptedError();
  });
  const options = { schema, casing: 'snake_case', logger } as const;
  return (pglite
    ? drizzlePglite({ client: guarded as unknown as PGlite, ...options })
    : drizzlePg({ client: guarded as never, ...options })) as unknown as Db;
}

/** The database of start-up work: `db` and the one of `withAdvisoryLock` are interruptible. */
export function interruptibleDatabase(database: Database, signal: AbortSignal): Database {
  return {
    ...database,
    db: interruptibleDb(database.db, signal),
    withAdvisoryLock: (key, work) => database.withAdvisoryLock(key, (db) => work(interruptibleDb(db, signal))),
  };
}

/**
 * Beginning and rolling back a transaction always pass: the statement after `begin` is refused,
 * and the rollback that follows must reach the server. (drizzle's node-postgres transaction sends
 * `begin` before its try block: refusing it would never give the connection back to the pool.)
 */
const passesAlways = (text: unknown) => typeof text === 'string' && /^\s*(begin|rollback)\b/i.test(text);

/**
 * A view of the PGlite thread or a node-postgres pool/client whose statements (`query`, `exec`)
 * wait for `before` — also inside transactions (PGlite) and on connections taken from the pool.
 */
function guard<T extends object>(target: T, before: () => Promise<void>): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      switch (property) {
        case 'query':
        case 'exec':
          return async (...args: unknown[]) => {
            const text = typeof args[0] === 'object' ? (args[0] as { text?: unknown }).text : args[0];
            if (!passesAlways(text)) await before();
            return method.apply(object, args);
          };
        case 'transaction':
          return (work: (tx: object) => unknown, ...rest: unknown[]) =>
            method.call(object, (tx: object) => work(guard(tx, before)), ...rest);
        case 'connect':
          return async (...args: unknown[]) => guard((await method.apply(object, args)) as object, before);
        default:
          return method.bind(object);
      }
    },
  });
}
