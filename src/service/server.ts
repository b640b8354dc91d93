import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { connectWithRetry } from '../db/connect.ts';
import { interruptibleDatabase } from '../db/interruptible.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { demoSignInInstructions } from '../demo/demo-accounts.ts';
import { seedDemoDataDir } from '../demo/demo-seed.ts';
import { loadDemoIfEmpty } from '../demo/load-demo.ts';
import { startBankImportWorker } from '../features/bank/import-jobs.ts';
import { startLetterDispatcher } from '../features/correspondence/dispatcher.ts';
import { startRegisterImportWorker } from '../features/units/import/jobs.ts';
import { buildApp, type DatabaseGate } from '../http/app.ts';
import { startMaintenance } from '../jobs/maintenance.ts';
import { warsawDate } from '../lib/warsaw-time.ts';
import { createTransport, startMailWorker } from '../mail/worker.ts';
import { startMetricsServer } from '../metrics/server.ts';
import { startBackupScheduler } from '../ops/backup/job.ts';
import type { Shutdown } from './shutdown.ts';

/**
 * How long the stop may take in all before the process gives up on what is left and exits 1.
 * Under the 5 s that a container runtime waits by default; systemd waits TimeoutStopSec.
 */
export const SHUTDOWN_DEADLINE_MS = 4500;
/** Longest wait for requests still running after the server stopped listening (their client left). */
const INFLIGHT_WAIT_MS = 2000;
/** Longest wait for start-up work to notice the shutdown. */
const STARTUP_WAIT_MS = 3000;

/** What start-up has brought up so far, for the stop to take down in order. */
interface Running {
  database: Database | undefined;
  workers: { name: string; stop(): Promise<void> }[];
}

/**
 * Composition root: config → HTTP server → database → migrations → demo → workers → ready. A
 * shutdown request at any point interrupts start-up at its next statement (the transaction under
 * way rolls back) and stops what runs, in order: no new requests or jobs; requests, jobs and
 * start-up work finish or roll back; workers stop; the database closes. Returns the exit code.
 */
export async function runServer(
  shutdown: Shutdown,
  /** For tests: sees the database once the server is ready. */
  hooks: { ready?(database: Database): void } = {},
): Promise<number> {
  shutdown.holdOn();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  // Loading the modules kept the event loop busy: a signal sent meanwhile is handled on this turn.
  await nextTurn();
  if (shutdown.signal.aborted) return 0;

  // A new demo data directory is copied from the build's seed while the app is being built.
  const seeding: Promise<string | undefined> =
    config.loadDemo && !config.databaseUrl
      ? seedDemoDataDir({ dataDir: config.dataDir, today: warsawDate(new Date()) })
      : Promise.resolve(undefined);
  // The database opens meanwhile too (PGlite compiles and starts in its own thread); until the
  // app's logger exists, what it says goes to the console.
  let log: FastifyBaseLogger | undefined;
  const signal = shutdown.signal;
  const connecting = seeding.then(() =>
    connectWithRetry({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      attempts: config.databaseConnectAttempts,
      log: {
        warn: (details: object, message: string) => (log ? log.warn(details, message) : console.warn(message, details)),
        error: (details: object, message: string) =>
          log ? log.error(details, message) : console.error(message, details),
      } as Pick<FastifyBaseLogger, 'warn' | 'error'>,
      // The wait between attempts ends at once on shutdown.
      sleep: (ms) => sleep(ms, undefined, { signal }),
      ...(config.logSql ? { logQuery: (sql: string, params: unknown[]) => log?.info({ sql, params }, 'sql') } : {}),
    }),
  );
  connecting.catch(() => {}); // awaited (and its error reported) by the start-up below
  const gate: DatabaseGate = { database: undefined };
  const app = await buildApp({ config, gate });
  log = app.log;
  app.log.info({ sinceStartMs: Math.round(performance.now()) }, 'app built');
  shutdown.useLogger(app.log);
  const running: Running = { database: undefined, workers: [] };

  // Listen at once, so that /healthz answers and /readyz says 503 while the database comes up
  // (which starts meanwhile: PGlite opens in its own thread).
  const listening = (async () => {
    const metrics = await startMetricsServer({ config, gate, log: app.log });
    if (metrics) app.addHook('onClose', () => metrics.close());
    await app.listen({ port: config.port, host: config.host });
    app.log.info({ sinceStartMs: Math.round(performance.now()) }, 'listening');
  })();
  // The PGlite thread died: readiness says 503 at once; the process stops and exits 1, for its
  // process manager (systemd, a container runtime) to start it again on a fresh thread.
  const databaseFailed = (error: Error) => shutdown.request({ error });
  const started = startUp({
    app,
    config,
    gate,
    running,
    signal: shutdown.signal,
    databaseFailed,
    hooks,
    seeding,
    connecting,
    listening,
  });
  const failure = await Promise.race([
    started.then(
      () => undefined,
      (error: unknown) => ({ error }),
    ),
    // Not listening (the port is taken): no need to wait for the database.
    listening.then(
      () => new Promise<never>(() => {}),
      (error: unknown) => ({ error }),
    ),
    shutdown.requested.then(() => undefined),
  ]);
  if (failure && !shutdown.signal.aborted) {
    app.log.fatal({ err: failure.error }, 'start-up failed');
    await stop({ app, listening, started, running });
    return 1;
  }

  const reason = await shutdown.requested;
  const deadline = setTimeout(() => {
    app.log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting with work undone');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  await stop({ app, listening, started, running });
  clearTimeout(deadline);
  app.log.info('stopped');
  return reason.error === undefined ? 0 : 1;
}

async function startUp({
  app,
  config,
  gate,
  running,
  signal,
  databaseFailed,
  hooks,
  seeding,
  connecting,
  listening,
}: {
  app: FastifyInstance;
  config: Config;
  gate: DatabaseGate;
  running: Running;
  signal: AbortSignal;
  databaseFailed: (error: Error) => void;
  hooks: { ready?(database: Database): void };
  seeding: Promise<string | undefined>;
  connecting: Promise<Database>;
  listening: Promise<void>;
}): Promise<void> {
  await nextTurn();
  signal.throwIfAborted();
  // Each phase's time goes to the log (info), so a slow start says where it spent its time.
  let phaseStart = performance.now();
  const phaseMs = () => {
    const now = performance.now();
    const ms = Math.round(now - phaseStart);
    phaseStart = now;
    return ms;
  };
  // A new PGlite directory of a demo server starts as a copy of the demo the build made.
  const madeFor = await seeding;
  if (madeFor) app.log.info({ ms: phaseMs(), madeFor }, 'data directory copied from the demo seed');
  running.database = await connecting;
  const database = running.database;
  database.pglite?.onFailure(databaseFailed);
  signal.throwIfAborted();
  app.log.info({ ms: phaseMs() }, 'database connected');
  // Migrations and the demo load run in one transaction each: interrupted, they roll back whole.
  const startUpDatabase = interruptibleDatabase(database, signal);
  await migrateDatabase(startUpDatabase);
  app.log.info({ ms: phaseMs() }, 'database migrated');
  const demo = config.loadDemo
    ? await loadDemoIfEmpty(startUpDatabase, { sessionSecret: config.sessionSecret })
    : undefined;
  signal.throwIfAborted();
  if (config.loadDemo) app.log.info({ ms: phaseMs(), loaded: demo !== undefined }, 'demo checked');

  gate.database = database;
  const db = database.db;
  const maintenance = startMaintenance({ db, log: app.log });
  running.workers.push({ name: 'maintenance', stop: () => maintenance.stop() });
  if (config.smtpUrl) {
    const worker = startMailWorker({
      db,
      transport: createTransport(config.smtpUrl),
      log: app.log,
      lockMs: config.mailLockMs,
    });
    running.workers.push({ name: 'mail worker', stop: () => worker.stop() });
  } else {
    app.log.warn('SMTP_URL is not set: mail stays in the outbox (readable in /panel/poczta)');
  }
  const dispatcher = startLetterDispatcher(db, { config, log: app.log });
  running.workers.push({ name: 'letter dispatcher', stop: () => dispatcher.stop() });
  const imports = startRegisterImportWorker(db, { maxBytes: config.importMaxBytes, log: app.log });
  running.workers.push({ name: 'register import worker', stop: () => imports.stop() });
  const statementImports = startBankImportWorker(db, { log: app.log });
  running.workers.push({ name: 'bank import worker', stop: () => statementImports.stop() });
  if (config.backupDir && config.backupKey) {
    const backups = startBackupScheduler({
      database,
      dir: config.backupDir,
      key: config.backupKey,
      schedule: config.backupSchedule,
      keep: config.backupKeep,
      log: app.log,
    });
    running.workers.push({ name: 'backup scheduler', stop: () => backups.stop() });
  } else if (config.isProduction) {
    app.log.warn('BACKUP_DIR is not set: no scheduled backups (docs/backup-restore.md)');
  }

  await listening;
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  app.log.info({ database: where, sinceStartMs: Math.round(performance.now()) }, 'Osiedle is ready');
  console.log(`\nOsiedle działa: ${config.publicUrl}  (baza danych: ${where})`);
  hooks.ready?.(database);
  if (demo) console.log(`Wczytano dane demonstracyjne: ${demo.name}.\n${demoSignInInstructions(config.publicUrl)}\n`);
}

/** Takes down what start-up brought up; start-up itself stops at its next statement. */
async function stop({
  app,
  listening,
  started,
  running,
}: {
  app: FastifyInstance;
  listening: Promise<unknown>;
  started: Promise<unknown>;
  running: Running;
}): Promise<void> {
  const settled = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      () => undefined,
    );
  // No new requests (new connections are refused, keep-alive ones answered 503), while the
  // requests under way finish; those whose client left are waited for a little too.
  const closing = settled(listening)
    .then(async () => {
      // Fastify closes the connections idle at this moment; a keep-alive connection whose request
      // ends later would hold the server open until its client lets go, so those go as they idle.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
    })
    .then(async () => {
      for (let waited = 0; app.inflight.count > 0 && waited < INFLIGHT_WAIT_MS; waited += 50) await sleep(50);
    });
  // Start-up work refuses its next statement; only then is the set of workers final. (A first
  // connection to an unreachable server may hang for its timeout: not waited for that long.)
  await Promise.race([settled(started), sleep(STARTUP_WAIT_MS)]);
  app.log.debug('start-up work ended');
  await Promise.all([
    closing.then(() => app.log.debug('requests finished')),
    ...running.workers.map((worker) => worker.stop().then(() => app.log.debug(`${worker.name} stopped`))),
  ]);
  await running.database?.close();
  app.log.debug('database closed');
}
