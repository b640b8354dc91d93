import type { FastifyBaseLogger } from 'fastify';
import { isTransientDatabaseError } from '../db/transient.ts';

/**
 * Runs `pass` now and again `intervalMs` after each pass ends (never two at once), until
 * stopped. A failing pass is logged (a warning if the database is unreachable for now, an error
 * otherwise) and the polling goes on; `stop` waits for the pass under way.
 */
export function startPolling({
  pass,
  intervalMs,
  log,
  failureMessage,
}: {
  pass: () => Promise<unknown>;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
  /** Logged with the error when a pass fails, e.g. "mail worker pass failed". */
  failureMessage: string;
}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = pass()
      .catch((error) => {
        // The database away for a moment (a failover): the next pass retries, nothing is wrong.
        if (isTransientDatabaseError(error)) log.warn({ err: error }, `${failureMessage}: database unavailable`);
        else log.error({ err: error }, failureMessage);
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
