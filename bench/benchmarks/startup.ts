import { loadavg } from 'node:os';
import { readDemoSeed } from '../../src/demo/demo-seed.ts';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { rssMb, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { median } from '../lib/stats.ts';

const goalSeconds = 5;

/**
 * Cold start: from spawning `node dist/main.js` on a new, empty PGlite directory (a copy of the
 * build's demo seed, completed for today: src/demo/demo-seed.ts) to the first 200 on `/`. Median of BENCH_STARTUP_RUNS
 * (default 3) runs, each on its own fresh directory.
 */
export const startup: Benchmark = {
  name: 'startup',
  description: `seconds from spawn to the first 200 on / with a fresh PGlite directory (goal ≤ ${goalSeconds} s)`,
  async run() {
    const seed = await readDemoSeed();
    progress(
      seed
        ? `startup: the build's demo seed was made for ${seed.madeFor}`
        : 'startup: no demo seed for this build (npm run build makes it): the demo loads the slow way',
    );
    const runs = Math.round(positiveNumber(process.env, 'BENCH_STARTUP_RUNS', 3));
    const seconds: number[] = [];
    const memory: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const server = await startServer();
      try {
        const servedAt = await waitForStatus(server, '/', { intervalMs: 50, timeoutMs: 120_000 });
        const rss = rssMb(server.pid);
        const elapsed = (servedAt - server.spawnedAt) / 1000;
        seconds.push(elapsed);
        if (rss !== undefined) memory.push(rss);
        progress(
          `startup: run ${run}/${runs}: first page after ${round(elapsed, 3)} s` +
            (rss === undefined ? '' : `, RSS ${round(rss, 1)} MB`) +
            ` (load average ${loadavg()
              .map((l) => l.toFixed(1))
              .join(', ')})`,
        );
      } finally {
        await server.stop();
      }
    }
    const value = median(seconds);
    progress(
      `startup: median ${round(value, 3)} s (goal ≤ ${goalSeconds} s: ${value <= goalSeconds ? 'met' : 'MISSED'})`,
    );
    report({ name: 'startup.seconds', value, unit: 's' });
    if (memory.length > 0) report({ name: 'startup.rss_mb', value: median(memory), unit: 'MB' });
  },
};
