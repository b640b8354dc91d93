import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `pass` now and again `intervalMs` after each pass ends (never two at once), until
 * stopped. A failing pass is logged and the polling goes on; `stop` waits for the pass under way.
 */
export function startPolling({
  pass,
  intervalMs,
  log,
  failureMessage,
}: {
  pass: () => Promise<unknown>;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, 'error'>;
  /** Logged with the error when a pass fails, e.g. "mail worker pass failed". */
  failureMessage: string;
}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = pass()
      .catch((error) => log.error({ err: error }, failureMessage))
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
