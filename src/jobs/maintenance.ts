import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { purgeStaleActivationRequests } from '../features/activation/remote.ts';

/**
 * Periodic clean-up that any number of processes may run: each task is an idempotent statement,
 * so running it twice at once does no harm. Today: scans of activation requests that will never
 * be decided are deleted (RODO): unconfirmed ones once their link expired, others after 30 days.
 */
export function startMaintenance({
  db,
  log,
  intervalMs = 60 * 60_000,
  clock = () => new Date(),
}: {
  db: Db;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
  intervalMs?: number;
  clock?: () => Date;
}): { stop(): void } {
  const run = async () => {
    try {
      const purged = await purgeStaleActivationRequests(db, clock());
      if (purged > 0) log.info({ purged }, 'deleted scans of stale activation requests');
    } catch (error) {
      log.error({ err: error }, 'maintenance failed');
    }
  };
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
