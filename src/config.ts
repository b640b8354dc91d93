import { z } from 'zod';
import { parseServerList, ServerListError } from './db/servers.ts';
import { type BackupSchedule, parseBackupSchedule } from './ops/backup/schedule.ts';

/**
 * Every setting of Osiedle, read once from the environment and validated.
 * A bad value stops start-up with one message that names every bad variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .superRefine((url, ctx) => {
        // Several servers (host1:5432,host2:5432) and target_session_attrs are read here, not by pg.
        try {
          parseServerList(url);
        } catch (error) {
          if (!(error instanceof ServerListError) || !/^postgres(ql)?:\/\//.test(url)) return;
          ctx.addIssue({ code: 'custom', message: error.message });
        }
      })
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_CONNECT_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
    DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(5),
    DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(0).max(86_400).default(90),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).optional(),
    MAIL_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    SITE_CACHE_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOAD_DEMO: booleanFlag.optional(),
    LOG_SQL: booleanFlag.default(false),
    TRUST_PROXY: booleanFlag.default(false),
    IMPORT_MAX_MB: z.coerce.number().positive().max(2048).default(50),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    METRICS_HOST: z.string().min(1).optional(),
    METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters long').optional(),
    BACKUP_KEY: z.string().min(16, 'must be at least 16 characters long').optional(),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_SCHEDULE: z
      .string()
      .transform((text, ctx) => {
        const schedule = parseBackupSchedule(text);
        if (!schedule) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a time of day like 02:30 (Warsaw time) or an interval like 6h or 90m (15m to 168h)',
          });
          return z.NEVER;
        }
        return schedule;
      })
      .default({ kind: 'daily', hour: 2, minute: 30 }),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required in production',
      });
    }
    if (env.NODE_ENV === 'production' && env.LOG_SQL) {
      ctx.addIssue({
        code: 'custom',
        path: ['LOG_SQL'],
        message: 'statement parameters hold personal data and are never logged in production',
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
    }
    if (env.METRICS_HOST && env.METRICS_PORT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_HOST'], message: 'only with METRICS_PORT' });
    }
    if (env.METRICS_PORT !== undefined && !isLoopback(env.METRICS_HOST ?? '127.0.0.1') && !env.METRICS_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_TOKEN'],
        message: 'is required when METRICS_HOST is not a loopback address',
      });
    }
    if (env.BACKUP_DIR && !env.BACKUP_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['BACKUP_KEY'],
        message: 'is required with BACKUP_DIR: backups are encrypted with it',
      });
    }
    if (env.NODE_ENV === 'production' && env.LOAD_DEMO) {
      ctx.addIssue({
        code: 'custom',
        path: ['LOAD_DEMO'],
        message: 'demo data is never loaded in production',
      });
    }
  });

export type Env = z.input<typeof schema>;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  /** PostgreSQL server URL, or undefined for the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** PGlite data directory; `memory://` keeps the database in memory (tests). */
  dataDir: string;
  databasePoolSize: number;
  databaseConnectAttempts: number;
  /**
   * How long the server waits to connect to a PostgreSQL server, or for a free pooled connection,
   * before the request gets "try again in a moment" (DATABASE_CONNECT_TIMEOUT_SECONDS).
   */
  databaseConnectTimeoutMs: number;
  /**
   * PostgreSQL cancels a statement of the server that runs longer (DATABASE_STATEMENT_TIMEOUT_SECONDS;
   * 0 = never). Start-up work (migrations, the demo) and the command line run without it.
   */
  databaseStatementTimeoutMs: number;
  /**
   * A request still unanswered after this long gets the "try again in a moment" page (503)
   * instead of hanging (REQUEST_TIMEOUT_SECONDS; 0 = never); its work goes on to its end.
   */
  requestTimeoutMs: number;
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /**
   * How long a message claimed by a mail worker stays its own before another process may send it
   * (MAIL_LOCK_SECONDS): after a crash, its unsent messages wait this long. Must exceed the
   * slowest SMTP exchange of a batch, or a slow send could go twice.
   */
  mailLockMs: number;
  /**
   * How long a process trusts the site generation it read before asking the database again
   * (SITE_CACHE_CHECK_MS): a change made by another process (the CLI, a second server) shows on
   * this one's cached public pages within this time; 0 asks on every request.
   */
  siteCacheCheckMs: number;
  sessionSecret: string | undefined;
  logLevel: string;
  /**
   * Log every statement with its parameters at info level (LOG_SQL; development only, the
   * parameters hold personal data). The ledger benchmark replays one request's SQL from it.
   */
  logSql: boolean;
  /** Load the demo cooperative into an empty database (never in production). */
  loadDemo: boolean;
  trustProxy: boolean;
  /** Largest import file accepted, in bytes (IMPORT_MAX_MB); larger ones are refused unread. */
  importMaxBytes: number;
  /**
   * Prometheus metrics (/metrics): on a port of their own (METRICS_PORT, on METRICS_HOST), and/or
   * on the main port behind a bearer token (METRICS_TOKEN alone); neither set: off.
   */
  metrics: { port: number | undefined; host: string; token: string | undefined };
  /** Passphrase that backups are encrypted with (BACKUP_KEY); kept apart from the backups. */
  backupKey: string | undefined;
  /** Directory of scheduled backups (BACKUP_DIR); unset: no scheduled backups. */
  backupDir: string | undefined;
  /** When scheduled backups run (BACKUP_SCHEDULE): daily at a Warsaw time, or every so often. */
  backupSchedule: BackupSchedule;
  /** How many scheduled backups are kept (BACKUP_KEEP); older ones are deleted. */
  backupKeep: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  // Empty variables count as unset, as a shell user expects from `FOO= npm start`.
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseConnectAttempts: env.DATABASE_CONNECT_ATTEMPTS,
    databaseConnectTimeoutMs: Math.round(env.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000),
    databaseStatementTimeoutMs: Math.round(env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000),
    requestTimeoutMs: Math.round(env.REQUEST_TIMEOUT_SECONDS * 1000),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    mailLockMs: env.MAIL_LOCK_SECONDS * 1000,
    siteCacheCheckMs: env.SITE_CACHE_CHECK_MS,
    sessionSecret: env.SESSION_SECRET,
    logLevel: env.LOG_LEVEL,
    logSql: env.LOG_SQL,
    loadDemo: !isProduction && (env.LOAD_DEMO ?? true),
    trustProxy: env.TRUST_PROXY,
    importMaxBytes: Math.round(env.IMPORT_MAX_MB * 1024 * 1024),
    metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST ?? '127.0.0.1', token: env.METRICS_TOKEN },
    backupKey: env.BACKUP_KEY,
    backupDir: env.BACKUP_DIR,
    backupSchedule: env.BACKUP_SCHEDULE,
    backupKeep: env.BACKUP_KEEP,
  };
}
