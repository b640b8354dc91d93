/**
 * A mail worker in its own process, for the crash run of the mailing benchmark: it opens the
 * PostgreSQL database and polls the outbox with the built worker until it is killed.
 *
 * Usage: node bench/lib/mail-worker.ts DATABASE_URL SMTP_URL LOCK_MS
 */
import { join } from 'node:path';
import { projectRoot } from './server.ts';

type ClientModule = typeof import('../../src/db/client.ts');
type WorkerModule = typeof import('../../src/mail/worker.ts');

const [url, smtpUrl, lockMsText] = process.argv.slice(2);
if (!url || !smtpUrl) throw new Error('usage: mail-worker.ts DATABASE_URL SMTP_URL [LOCK_MS]');
const { openDatabase } = (await import(join(projectRoot, 'dist', 'db/client.js'))) as ClientModule;
const { createTransport, startMailWorker } = (await import(
  join(projectRoot, 'dist', 'mail/worker.js')
)) as WorkerModule;

const database = await openDatabase({ url, poolSize: 4 });
const write = (level: string) => (object: unknown, message?: string) => {
  const err = (object as { err?: unknown }).err;
  process.stderr.write(
    `mail-worker ${process.pid} ${level}: ${message ?? ''} ${err instanceof Error ? err.message : ''}\n`,
  );
};
const worker = startMailWorker({
  db: database.db,
  transport: createTransport(smtpUrl),
  log: { info() {}, warn: write('warn'), error: write('error') },
  lockMs: Number(lockMsText ?? 2000),
  intervalMs: 100,
});
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
