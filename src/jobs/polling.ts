import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `pass` now and again `intervalMs` after each pass ends (never two at once), until
 * stopped. A failing pass is logged and the polling goes on. `stop` aborts the signal every pass
 * is given — a pass stops taking new work when it sees it, and finishes or rolls back what it has
 * under way — and waits for that pass; no pass starts after `stop`.
 */
export function startPolling({
  pass,
  intervalMs,
  log,
  failureMessage,
}: {
  pass: (signal: AbortSignal) => Promise<unknown>;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, 'error' | 'info'>;
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
