import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { purgeStaleActivationRequests } from '../features/activation/remote.ts';
import { purgeStaleConsentScans } from '../features/correspondence/scans.ts';
import { forgetPastVisitors } from '../features/site/visitors.ts';
import { purgeStaleImports } from '../features/units/import/uploads.ts';
import { nextWarsawMidnight, warsawDate } from '../lib/warsaw-time.ts';

interface Task {
  /** What a non-zero count means, for the log. */
  done: string;
  run: (db: Db, now: Date) => Promise<number>;
}

/**
 * Clean-up tasks, each an idempotent statement that any number of processes may run at once.
 * Scans (ID cards, signatures) that will never be decided are deleted (RODO): those of activation
 * requests whose e-mail link expired unconfirmed at once, those of activation requests and consent
 * declarations left undecided after 30 days; a day's visitor salt and hashes go when the day is
 * over; register import files left unconfirmed for a day are dropped.
 */
const tasks = {
  activationScans: {
    done: 'deleted scans of stale activation requests',
    run: (db, now) => purgeStaleActivationRequests(db, { now }),
  },
  consentScans: {
    done: 'deleted scans of stale consent declarations',
    run: (db, now) => purgeStaleConsentScans(db, { now }),
  },
  visitorSalts: {
    done: 'forgot past days’ visitors',
    run: (db, now) => forgetPastVisitors(db, { today: warsawDate(now) }),
  },
  registerImports: { done: 'dropped unconfirmed register imports', run: (db, now) => purgeStaleImports(db, { now }) },
} satisfies Record<string, Task>;

export type MaintenanceResult = Record<keyof typeof tasks, number>;

const silent = { info() {}, error() {} };

/**
 * Runs every task once; returns how many items each one handled. One failing task stops no other;
 * once `signal` aborts (shutdown), the tasks not yet begun are skipped (counted 0).
 */
export async function runMaintenance(
  db: Db,
  { now, log = silent, signal }: { now: Date; log?: Pick<FastifyBaseLogger, 'info' | 'error'>; signal?: AbortSignal },
): Promise<MaintenanceResult> {
  const result = {} as MaintenanceResult;
  for (const [name, task] of Object.entries(tasks) as [keyof typeof tasks, Task][]) {
    result[name] = 0;
    if (signal?.aborted) continue;
    try {
      result[name] = await task.run(db, now);
      if (result[name]) log.info({ count: result[name] }, task.done);
    } catch (error) {
      if (signal?.aborted) log.info({ err: error, task: name }, 'maintenance task interrupted by shutdown');
      else log.error({ err: error, task: name }, 'maintenance task failed');
    }
  }
  return result;
}

/**
 * Runs the clean-up at start, every `intervalMs` (an hour), and just after each midnight in
 * Warsaw, so that a day's visitor salt and hashes are gone when the day is over, visits or not.
 * `stop` cancels the timers and waits for a run under way, which skips the tasks it has not begun.
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
}): { stop(): Promise<void> } {
  const stopping = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  // Never two runs at once: a run due while one is under way follows it.
  const run = () => {
    running = running.then(() =>
      stopping.signal.aborted ? undefined : runMaintenance(db, { now: clock(), log, signal: stopping.signal }),
    );
  };
  let atMidnight: NodeJS.Timeout | undefined;
  const scheduleMidnight = () => {
    const now = clock();
    atMidnight = setTimeout(
      () => {
        run();
        scheduleMidnight();
      },
      nextWarsawMidnight(now).getTime() - now.getTime() + 1000,
    );
    atMidnight.unref();
  };
  run();
  scheduleMidnight();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopping.abort();
      clearInterval(timer);
      clearTimeout(atMidnight);
      await running;
    },
  };
}
