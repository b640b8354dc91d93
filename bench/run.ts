/**
 * Benchmarks: `npm run bench` runs them all, `npm run bench -- NAME...` the named ones.
 *
 * Each figure is one stdout line `BENCH {"name","value","unit"[,"baseline","ratio"]}`; progress for
 * people goes to stderr. The server under test is the built `dist/main.js` in a child process, loaded
 * by autocannon from this process.
 *
 * Environment: BENCH_DURATION (seconds per measurement, 10), BENCH_CONNECTIONS (10), BENCH_WARMUP
 * (seconds, 2), BENCH_STARTUP_RUNS (3), DATABASE_URL (also benchmark on that PostgreSQL server);
 * soak: BENCH_SOAK_SESSIONS (200), BENCH_SOAK_RATE (20 req/s), BENCH_SOAK_SECONDS (300),
 * BENCH_SOAK_WARMUP (30); pglite: BENCH_PGLITE_IMPORT_ROWS (1,000,000).
 *
 * To add a benchmark: a module in bench/benchmarks/ exporting a `Benchmark`, listed below.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { backup } from './benchmarks/backup.ts';
import { bank } from './benchmarks/bank.ts';
import { debt } from './benchmarks/debt.ts';
import { failover } from './benchmarks/failover.ts';
import { feeChange } from './benchmarks/fee-change.ts';
import { home } from './benchmarks/home.ts';
import { ledger } from './benchmarks/ledger.ts';
import { mailing } from './benchmarks/mailing.ts';
import { media } from './benchmarks/media.ts';
import { pglite } from './benchmarks/pglite.ts';
import { registerImport } from './benchmarks/register-import.ts';
import { requests } from './benchmarks/requests.ts';
import { signin } from './benchmarks/signin.ts';
import { site } from './benchmarks/site.ts';
import { soak } from './benchmarks/soak.ts';
import { startup } from './benchmarks/startup.ts';
import { ux } from './benchmarks/ux.ts';
import type { Benchmark } from './lib/benchmark.ts';
import { progress } from './lib/report.ts';
import { killAllServersNow, projectRoot, stopAllServers } from './lib/server.ts';
import { readSettings } from './lib/settings.ts';

const benchmarks: readonly Benchmark[] = [
  startup,
  home,
  signin,
  site,
  registerImport,
  ledger,
  bank,
  media,
  debt,
  mailing,
  backup,
  failover,
  soak,
  pglite,
  requests,
  ux,
  feeChange,
];

function selectBenchmarks(names: readonly string[]): Benchmark[] {
  if (names.length === 0) return [...benchmarks];
  const selected: Benchmark[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const benchmark = benchmarks.find((candidate) => candidate.name === name);
    if (benchmark) selected.push(benchmark);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    progress(`Unknown benchmark: ${unknown.join(', ')}. Available:`);
    for (const benchmark of benchmarks) progress(`  ${benchmark.name.padEnd(16)} ${benchmark.description}`);
    process.exit(1);
  }
  return selected;
}

/** Builds dist/ once per run, so the figures are always of the current source. */
function build(): void {
  progress('bench: npm run build');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: projectRoot,
    // Its output is for people: onto stderr, keeping stdout for BENCH lines.
    stdio: ['ignore', 2, 2],
    // The pinned Node 24 first on the PATH, as npm scripts have it.
    env: { ...process.env, PATH: `${join(projectRoot, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status})`);
  if (!existsSync(join(projectRoot, 'dist', 'main.js'))) throw new Error('npm run build made no dist/main.js');
}

// No server outlives the bench: on a normal exit, an uncaught error or Ctrl-C.
process.once('exit', killAllServersNow);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    progress(`bench: ${signal}, stopping servers`);
    killAllServersNow();
    process.exit(code);
  });
}

const selected = selectBenchmarks(process.argv.slice(2));
const errorText = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
try {
  const settings = readSettings();
  build();
  // One failing benchmark does not cost the others' figures; the run still exits non-zero.
  for (const benchmark of selected) {
    progress(`bench: ${benchmark.name}: ${benchmark.description}`);
    try {
      await benchmark.run(settings);
    } catch (error) {
      progress(`bench: ${benchmark.name} FAILED: ${errorText(error)}`);
      process.exitCode = 1;
    } finally {
      await stopAllServers();
    }
  }
} catch (error) {
  progress(`bench: FAILED: ${errorText(error)}`);
  process.exitCode = 1;
} finally {
  await stopAllServers();
}
