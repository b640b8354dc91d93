import type { Benchmark } from '../lib/benchmark.ts';
import { describeLoad, runLoad, warmUp } from '../lib/load.ts';
import { progress, report } from '../lib/report.ts';
import { rssMb, startServer, waitForStatus } from '../lib/server.ts';
import type { Settings } from '../lib/settings.ts';

/**
 * The home page (organization + latest news from the database, rendered to HTML) against the
 * constant `/healthz` of the same server: the ratio is the price of a real page over the
 * framework's floor. PGlite always; PostgreSQL as well when DATABASE_URL is set.
 */
export const home: Benchmark = {
  name: 'home',
  description: 'req/s and p50/p99 latency of / vs the constant /healthz (PGlite; PostgreSQL with DATABASE_URL)',
  async run(settings) {
    await measure(settings, {
      label: 'PGlite',
      prefix: 'home.pglite',
      headline: 'home.vs_constant',
      rss: 'server.rss_mb',
    });
    if (settings.databaseUrl) {
      await measure(settings, {
        label: 'PostgreSQL (DATABASE_URL)',
        prefix: 'home.postgres',
        headline: 'home.postgres.vs_constant',
        rss: 'server.postgres.rss_mb',
        databaseUrl: settings.databaseUrl,
      });
    } else {
      progress('home: DATABASE_URL is not set, skipping home.postgres.*');
    }
  },
};

interface Target {
  label: string;
  /** Prefix of the rps / p50_ms / p99_ms figures. */
  prefix: string;
  /** Name of the headline figure: home req/s against constant req/s. */
  headline: string;
  /** Name of the server's resident memory figure. */
  rss: string;
  databaseUrl?: string;
}

async function measure(settings: Settings, target: Target): Promise<void> {
  progress(`home: ${target.label}, ${settings.connections} connections, ${settings.durationSeconds} s per route`);
  const server = await startServer({ databaseUrl: target.databaseUrl });
  try {
    await waitForStatus(server, '/readyz', { timeoutMs: 120_000 });
    const homeUrl = `${server.url}/`;
    const constantUrl = `${server.url}/healthz`;
    await warmUp([constantUrl, homeUrl], settings);

    const constant = await runLoad(constantUrl, settings.durationSeconds, settings.connections);
    progress(`  /healthz: ${describeLoad(constant)}`);
    const page = await runLoad(homeUrl, settings.durationSeconds, settings.connections);
    progress(`  /: ${describeLoad(page)}`);
    const memory = rssMb(server.pid);

    report({ name: `${target.prefix}.rps`, value: page.rps, unit: 'req/s', baseline: constant.rps });
    report({ name: `${target.prefix}.p50_ms`, value: page.p50, unit: 'ms', baseline: constant.p50 });
    report({ name: `${target.prefix}.p99_ms`, value: page.p99, unit: 'ms', baseline: constant.p99 });
    report({ name: target.headline, value: page.rps, unit: 'req/s', baseline: constant.rps });
    if (memory === undefined) progress(`  no /proc/${server.pid}/status here: ${target.rss} not measured`);
    else report({ name: target.rss, value: memory, unit: 'MB' });
  } finally {
    await server.stop();
  }
}
