/**
 * Errors that say "the database is away for a moment" (a restart, a failover to the standby, a
 * network blip), as opposed to a bug or bad data: a request that meets one is answered 503 with
 * "try again in a moment", and background work retries it later.
 */

/** No server of DATABASE_URL accepts writes right now (all down, or the standby not promoted yet). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * SQLSTATEs: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03
 * cannot connect now (starting up, in recovery), 25006 read-only transaction (a standby, or a
 * primary being demoted).
 */
const transientSqlStates = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '25006']);

/** Socket errors of a server that is gone or not yet back. */
const transientErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

/** node-postgres and pg-pool say these without a code. */
const transientMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^timeout expired$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Query read timeout$/,
];

/**
 * Whether `error` (or what it wraps: Drizzle wraps driver errors as `cause`, pg-pool wraps a
 * connection timeout) means the database is unreachable or read-only for now.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof DatabaseUnavailableError) return true;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (transientSqlStates.has(code) || transientErrnos.has(code))) return true;
    if (typeof message === 'string' && transientMessages.some((pattern) => pattern.test(message))) return true;
    pending.push(cause);
    if (current instanceof AggregateError) pending.push(...current.errors);
  }
  return false;
}

/** The SQLSTATE of `error` or of what it wraps, e.g. `57014` for a statement timeout. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^(?=.*\d)[0-9A-Z]{5}$/.test(code)) return code;
    current = cause;
  }
  return undefined;
}

export interface RetryOptions {
  /** Give up (throw the last error) once this much time has passed since the first attempt. */
  timeoutMs: number;
  /** Wait between attempts (default 1 s). */
  delayMs?: number;
  /** Told of each failed attempt that will be retried. */
  onRetry?: (error: unknown, attempt: number) => void;
  /** Stops the retrying (the last error is thrown), e.g. when the worker is being stopped. */
  signal?: AbortSignal | undefined;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` until it succeeds, retrying it while it fails with a transient database error, for
 * at most `timeoutMs`. Only for work that is safe to run twice: one statement that sets a final
 * state, or one transaction whose second run finds the first one's result (e.g. by a unique key).
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const delayMs = options.delayMs ?? 1000;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const late = Date.now() - started + delayMs > options.timeoutMs;
      if (!isTransientDatabaseError(error) || late || options.signal?.aborted) throw error;
      options.onRetry?.(error, attempt);
      await sleep(delayMs);
    }
  }
}
