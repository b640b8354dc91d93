import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { startPolling } from '../../jobs/polling.ts';
import { mailBaseUrl } from './mail.ts';
import { dispatchDueLetters } from './sending.ts';

/** Sends scheduled letters when due; every process may run one (the letters are locked). */
export function startLetterDispatcher(
  db: Db,
  {
    config,
    log,
    intervalMs = 30_000,
  }: {
    config: Config;
    log: Pick<FastifyBaseLogger, 'error' | 'info'>;
    intervalMs?: number;
  },
): { stop(): Promise<void> } {
  return startPolling({
    pass: async () => {
      const sent = await dispatchDueLetters(db, {
        now: new Date(),
        mailFrom: config.mailFrom,
        baseUrlOf: (organization) => mailBaseUrl(organization, config.publicUrl),
      });
      if (sent) log.info({ sent }, 'scheduled letters sent');
    },
    intervalMs,
    log,
    failureMessage: 'letter dispatcher pass failed',
  });
}
