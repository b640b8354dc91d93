import type { FastifyBaseLogger } from 'fastify';
import { isTransientDatabaseError } from '../db/transient.ts';

/**
 * Runs `pass` now and again `intervalMs` after each pass ends (never two at once), until
 * stopped. A failing pass is logged (a warning if the database is unreachable for now, an error
 * otherwise) and the polling goes on. `stop` aborts the signal every pass is given — a pass stops
 * taking new work when it sees it, and finishes or rolls back what it has under way — and waits
 * for that pass; no pass starts after `stop`.
 */
export function startPolling({
  pass,
  intervalMs,
  log,
  failureMessage,
}: {
  pass: (signal: AbortSignal) => Promise<unknown>;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;
  /** Logged with the error when a pass fails, e.g. "mail worker pass failed". */
  failureMessage: string;
}): { stop(): Promise<void> } {
  const stopping = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = pass(stopping.signal)
      .catch((error) => {
        // A pass cut short by stop (its statements refused) ends with an error that is no failure.
        if (stopping.signal.aborted) log.info({ err: error }, `${failureMessage} while stopping`);
        // The database away for a moment (a failover): the next pass retries, nothing is wrong.
        else if (isTransientDatabaseError(error)) log.warn({ err: error }, `${failureMessage}: database unavailable`);
        else log.error({ err: error }, failureMessage);
      })
      .finally(() => {
        if (!stopping.signal.aborted) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
