import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { dispatchDueLetters, mailBaseUrl } from './letters.ts';

/** Sends scheduled letters when due; every process may run one (the letters are locked). */
export function startLetterDispatcher({
  db,
  config,
  log,
  intervalMs = 30_000,
}: {
  db: Db;
  config: Config;
  log: Pick<FastifyBaseLogger, 'error' | 'info'>;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = dispatchDueLetters({
      db,
      now: new Date(),
      mailFrom: config.mailFrom,
      baseUrlOf: (organization) => mailBaseUrl(organization, config.publicUrl),
    })
      .then((sent) => {
        if (sent) log.info({ sent }, 'scheduled letters sent');
      })
      .catch((error) => log.error({ err: error }, 'letter dispatcher pass failed'))
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
