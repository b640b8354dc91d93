import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { purgeStaleActivationRequests } from '../features/activation/remote.ts';
import { forgetPastVisitors } from '../features/site/visitors.ts';
import { purgeStaleImports } from '../features/units/import/uploads.ts';
import { nextWarsawMidnight, warsawDate } from '../lib/warsaw-time.ts';

export interface MaintenanceResult {
  /** Scans of undecided activation requests older than 30 days, deleted (RODO). */
  activationRequests: number;
  /** Salts of past days deleted with their visitor hashes. */
  visitorSalts: number;
  /** Register import files left unconfirmed for a day, dropped. */
  registerImports: number;
}

/**
 * Periodic clean-up that any number of processes may run: each task is an idempotent statement,
 * so running it twice at once does no harm.
 */
export async function runMaintenance(db: Db, now: Date): Promise<MaintenanceResult> {
  return {
    activationRequests: await purgeStaleActivationRequests(db, now),
    visitorSalts: await forgetPastVisitors(db, warsawDate(now)),
    registerImports: await purgeStaleImports(db, now),
  };
}

/**
 * Runs the clean-up at start, every `intervalMs`, and just after each midnight in Warsaw, so
 * that a day's visitor salt and hashes are gone when the day is over, visits or not.
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
      const done = await runMaintenance(db, clock());
      if (Object.values(done).some((n) => n > 0)) log.info(done, 'maintenance done');
    } catch (error) {
      log.error({ err: error }, 'maintenance failed');
    }
  };
  let atMidnight: NodeJS.Timeout | undefined;
  const scheduleMidnight = () => {
    const now = clock();
    atMidnight = setTimeout(
      () => {
        void run();
        scheduleMidnight();
      },
      nextWarsawMidnight(now).getTime() - now.getTime() + 1000,
    );
    atMidnight.unref();
  };
  void run();
  scheduleMidnight();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      clearTimeout(atMidnight);
    },
  };
}
