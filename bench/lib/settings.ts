/** Knobs shared by all benchmarks, read from the environment once. */
export interface Settings {
  /** Seconds of load per measurement (BENCH_DURATION, default 10). */
  durationSeconds: number;
  /** Concurrent connections (BENCH_CONNECTIONS, default 10). */
  connections: number;
  /** Seconds of unmeasured load per route before measuring (BENCH_WARMUP, default 2). */
  warmupSeconds: number;
  /** PostgreSQL server to benchmark as well as PGlite (DATABASE_URL; empty counts as unset). */
  databaseUrl: string | undefined;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    durationSeconds: positiveNumber(env, 'BENCH_DURATION', 10),
    connections: Math.round(positiveNumber(env, 'BENCH_CONNECTIONS', 10)),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP', 2),
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

export function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
