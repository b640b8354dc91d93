import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { connectWithRetry } from './db/connect.ts';
import { migrateDatabase } from './db/migrate.ts';
import { demoSignInInstructions } from './demo/demo-accounts.ts';
import { loadDemoIfEmpty } from './demo/load-demo.ts';
import { startLetterDispatcher } from './features/correspondence/dispatcher.ts';
import { startRegisterImportWorker } from './features/units/import/jobs.ts';
import { buildApp, type DatabaseGate } from './http/app.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import { createTransport, startMailWorker } from './mail/worker.ts';
import { startBackupScheduler } from './ops/backup/job.ts';

/** Composition root: config → HTTP server → database → ready; graceful shutdown on signals. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const gate: DatabaseGate = { database: undefined };
  const app = await buildApp({ config, gate });
  let database: Database | undefined;
  let mailWorker: { stop(): Promise<void> } | undefined;
  let maintenance: { stop(): void } | undefined;
  let letterDispatcher: { stop(): Promise<void> } | undefined;
  let importWorker: { stop(): Promise<void> } | undefined;
  let backupScheduler: { stop(): Promise<void> } | undefined;

  closeWithGrace({ delay: 4500 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    // Requests whose client left are still running: let them finish before the pool closes.
    for (let waited = 0; app.inflight.count > 0 && waited < 2000; waited += 50) await sleep(50);
    maintenance?.stop();
    await letterDispatcher?.stop();
    await importWorker?.stop();
    await backupScheduler?.stop();
    await mailWorker?.stop();
    await database?.close();
  });

  // Listen first, so that /healthz answers and /readyz says 503 while the database comes up.
  await app.listen({ port: config.port, host: config.host });

  try {
    database = await connectWithRetry({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      attempts: config.databaseConnectAttempts,
      log: app.log,
      ...(config.logSql ? { logQuery: (sql: string, params: unknown[]) => app.log.info({ sql, params }, 'sql') } : {}),
    });
    await migrateDatabase(database);
    const demo = config.loadDemo ? await loadDemoIfEmpty(database, { sessionSecret: config.sessionSecret }) : undefined;
    gate.database = database;
    maintenance = startMaintenance({ db: database.db, log: app.log });
    if (config.smtpUrl) {
      mailWorker = startMailWorker({
        db: database.db,
        transport: createTransport(config.smtpUrl),
        log: app.log,
        lockMs: config.mailLockMs,
      });
    } else {
      app.log.warn('SMTP_URL is not set: mail stays in the outbox (readable in /panel/poczta)');
    }
    letterDispatcher = startLetterDispatcher({ db: database.db, config, log: app.log });
    importWorker = startRegisterImportWorker({ db: database.db, maxBytes: config.importMaxBytes, log: app.log });
    if (config.backupDir && config.backupKey) {
      backupScheduler = startBackupScheduler({
        database,
        dir: config.backupDir,
        key: config.backupKey,
        schedule: config.backupSchedule,
        keep: config.backupKeep,
        log: app.log,
      });
    } else if (config.isProduction) {
      app.log.warn('BACKUP_DIR is not set: no scheduled backups (docs/backup-restore.md)');
    }
    const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
    app.log.info({ database: where }, 'Osiedle is ready');
    console.log(`\nOsiedle działa: ${config.publicUrl}  (baza danych: ${where})`);
    if (demo) console.log(`Wczytano dane demonstracyjne: ${demo.name}.\n${demoSignInInstructions(config.publicUrl)}\n`);
  } catch (error) {
    app.log.fatal({ err: error }, 'start-up failed');
    await app.close();
    await database?.close();
    process.exit(1);
  }
}

await main();
