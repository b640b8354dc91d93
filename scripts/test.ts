// `npm test`: every layer, in order — checks, build, unit and integration tests on PGlite, the
// integration tests again on PostgreSQL (TEST_DATABASE_URL), browser tests — then one summary.
// Layers keep running after a failure so one run shows everything that is broken.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const resultsDir = 'test-results/summary';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const failedLayers: string[] = [];

function run(layer: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${layer} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) failedLayers.push(layer);
  return ok;
}

function add(counts: Counts | undefined): void {
  if (!counts) return;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

function vitestCounts(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    // A file that fails before its tests run (e.g. in beforeAll) counts as a failure too.
    failed: Math.max(report.numFailedTests, report.numFailedTestSuites),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const checked = run('check: types, lint, format', 'npm', ['run', 'check']);
const built = run('build', 'npm', ['run', 'build']);

const pgliteReport = `${resultsDir}/vitest-pglite.json`;
run('unit and integration tests (PGlite)', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${pgliteReport}`,
]);
add(vitestCounts(pgliteReport));

const databaseUrl = process.env.TEST_DATABASE_URL;
if (databaseUrl) {
  const pgReport = `${resultsDir}/vitest-postgres.json`;
  run(
    'integration tests (PostgreSQL)',
    'vitest',
    ['run', 'int.test', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`],
    { TEST_DATABASE_URL: databaseUrl },
  );
  add(vitestCounts(pgReport));
} else {
  const banner = '!'.repeat(78);
  console.log(`\n${banner}\n!! PostgreSQL layer SKIPPED: TEST_DATABASE_URL is not set.`);
  console.log('!! Integration tests ran on PGlite only. .ci/run starts a PostgreSQL server and sets it.');
  console.log(banner);
  if (process.env.CI) failedLayers.push('integration tests (PostgreSQL): TEST_DATABASE_URL missing in CI');
}

if (built) {
  const playwrightReport = `${resultsDir}/playwright.json`;
  run('browser tests (Chromium)', 'playwright', ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
  add(playwrightCounts(playwrightReport));
} else {
  failedLayers.push('browser tests (not run: the build failed)');
}

if (!checked) console.log('\nThe check layer failed: see its output above.');
if (failedLayers.length > 0) console.log(`\nFailed layers:\n${failedLayers.map((l) => `  - ${l}`).join('\n')}`);
// The plain closing line CI reads.
console.log(`\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedLayers.length > 0 || total.failed > 0 ? 1 : 0);
