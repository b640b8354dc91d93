import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { purgeStaleActivationRequests } from '../features/activation/remote.ts';
import { purgeStaleConsentScans } from '../features/correspondence/scans.ts';

/**
 * Clean-up tasks, each idempotent and safe to run from several processes at once. Today: scans
 * (ID cards, signatures) that will never be decided are deleted (RODO): those of activation
 * requests whose e-mail link expired unconfirmed at once, and those of activation requests and
 * consent declarations left undecided after 30 days.
 */
const tasks: { name: string; run: (db: Db, now: Date) => Promise<number> }[] = [
  { name: 'deleted scans of stale activation requests', run: purgeStaleActivationRequests },
  { name: 'deleted scans of stale consent declarations', run: purgeStaleConsentScans },
];

/** Runs every task once; returns how many items each one handled, by its name. */
export async function runMaintenance(
  db: Db,
  now: Date,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const task of tasks) {
    try {
      done[task.name] = await task.run(db, now);
      if (done[task.name]) log.info({ count: done[task.name] }, task.name);
    } catch (error) {
      // One failing task does not stop the others.
      log.error({ err: error, task: task.name }, 'maintenance task failed');
    }
  }
  return done;
}

/** Runs the maintenance at start and then every `intervalMs` (an hour). */
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
  const run = () => void runMaintenance(db, clock(), log);
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
