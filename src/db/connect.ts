import type { FastifyBaseLogger } from 'fastify';
import { type Database, type OpenOptions, openDatabase, ping } from './client.ts';

export interface ConnectOptions extends OpenOptions {
  attempts: number;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Backoff between attempts: 0.5 s, 1 s, 2 s, … capped at 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 15_000);
}

/**
 * Opens the database and checks that it answers, retrying with backoff while it does not
 * (a server that starts after the application is normal in containers). Throws after the last attempt.
 */
export async function connectWithRetry(options: ConnectOptions): Promise<Database> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    let database: Database | undefined;
    try {
      database = await openDatabase(options);
      await ping(database.db);
      return database;
    } catch (error) {
      await database?.close().catch(() => {});
      if (attempt >= options.attempts) {
        options.log.error({ err: error, attempt }, 'database unreachable, giving up');
        throw error;
      }
      const delay = retryDelayMs(attempt);
      options.log.warn({ err: error, attempt, retryInMs: delay }, 'database unreachable, retrying');
      await sleep(delay);
    }
  }
}
