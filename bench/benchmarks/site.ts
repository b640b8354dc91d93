import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { describeLoad, runLoad, warmUp } from '../lib/load.ts';
import { progress, report } from '../lib/report.ts';
import { projectRoot, startServer, waitForStatus } from '../lib/server.ts';
import type { Settings } from '../lib/settings.ts';

/** News items in the database while measuring, as the issue asks. */
const NEWS_COUNT = 2000;
const ITEM_SLUG = 'bench-aktualnosc-1000';

type ClientModule = typeof import('../../src/db/client.ts');
type MigrateModule = typeof import('../../src/db/migrate.ts');
type DemoModule = typeof import('../../src/demo/load-demo.ts');
type DrizzleModule = typeof import('drizzle-orm');

/**
 * The parts of the built app used to prepare the database, imported from dist/ (built by
 * bench/run.ts) at run time: the bench runs on Node's type stripping, which cannot load the
 * app's .tsx sources. Typed from the sources, so a changed signature fails `npm run check`.
 */
async function builtApp() {
  const load = (path: string) => import(pathToFileURL(join(projectRoot, 'dist', path)).href);
  const [client, migrate, demo, drizzle] = (await Promise.all([
    load('db/client.js'),
    load('db/migrate.js'),
    load('demo/load-demo.js'),
    load('vendor/drizzle-orm/index.js'),
  ])) as [ClientModule, MigrateModule, DemoModule, DrizzleModule];
  return { ...client, ...migrate, ...demo, sql: drizzle.sql };
}

/** A PGlite directory or PostgreSQL database with the demo cooperative and NEWS_COUNT published news items. */
async function prepareDatabase(target: { dataDir: string } | { url: string }): Promise<void> {
  const app = await builtApp();
  const database = await app.openDatabase(target);
  try {
    await app.migrateDatabase(database);
    await app.loadDemoIfEmpty(database, { sessionSecret: undefined });
    const body = 'Zarząd Spółdzielni uprzejmie informuje o pracach na osiedlu. '.repeat(30);
    await database.db.execute(
      app.sql`insert into news_items (organization_id, slug, title, lead, body, published_at)
        select (select min(id) from organizations), 'bench-aktualnosc-' || n, 'Aktualność numer ' || n,
          'Krótki wstęp do aktualności numer ' || n || '.', ${body},
          timestamptz '2013-01-01 09:00+01' + (n || ' days')::interval
        from generate_series(1, ${NEWS_COUNT - 20}) as n`,
    );
    // PostgreSQL: the freshly loaded demo's vacuum and statistics now, not by autovacuum on the
    // same cores in the middle of a measurement (it came after /healthz's, during the pages').
    if ('url' in target) await database.db.execute(app.sql`vacuum analyze`);
  } finally {
    await database.close();
  }
}

/**
 * The public site's two busiest pages — the home page (menu + visitor count + latest news) and a
 * news item (with its attachments) — with 2,000 news items in the database, against the constant
 * `/healthz` of the same server. PGlite.
 *
 * Load comes from autocannon, whose requests carry no browser user agent, so the visitor counter
 * reads the count but does not upsert: the figures are of a page served to a crawler or a repeat
 * visitor, which is most page views.
 */
export const site: Benchmark = {
  name: 'site',
  description: `req/s and p99 of / and a news item with ${NEWS_COUNT} news items vs the constant /healthz (PGlite; PostgreSQL with DATABASE_URL)`,
  async run(settings) {
    const dir = mkdtempSync(join(tmpdir(), 'osiedle-bench-site-'));
    try {
      progress(`site: preparing a PGlite database with ${NEWS_COUNT} news items`);
      await prepareDatabase({ dataDir: join(dir, 'data') });
      await measure('site', { dataDir: join(dir, 'data') }, settings);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!settings.databaseUrl) return;
    const name = `osiedle_bench_site_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: settings.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
      const url = withDatabase(settings.databaseUrl, name);
      progress(`site: preparing a PostgreSQL database with ${NEWS_COUNT} news items`);
      await prepareDatabase({ url });
      await measure('site.postgres', { databaseUrl: url }, settings);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    }
  },
};

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Loads /healthz, / and a news item in turn. The public pages come from the page cache after the
 * first request (autocannon sends no session cookie); the figures are of a page served to a
 * visitor who is not signed in, which is most page views.
 */
async function measure(
  prefix: string,
  target: { dataDir: string } | { databaseUrl: string },
  settings: Settings,
): Promise<void> {
  const server = await startServer(target);
  try {
    await waitForStatus(server, '/readyz', { timeoutMs: 120_000 });
    const constantUrl = `${server.url}/healthz`;
    const homeUrl = `${server.url}/`;
    const itemUrl = `${server.url}/aktualnosci/${ITEM_SLUG}`;
    await warmUp([constantUrl, homeUrl, itemUrl], settings);
    const constant = await runLoad(constantUrl, settings.durationSeconds, settings.connections);
    progress(`  /healthz: ${describeLoad(constant)}`);
    const home = await runLoad(homeUrl, settings.durationSeconds, settings.connections);
    progress(`  /: ${describeLoad(home)}`);
    const item = await runLoad(itemUrl, settings.durationSeconds, settings.connections);
    progress(`  /aktualnosci/${ITEM_SLUG}: ${describeLoad(item)}`);

    report({ name: `${prefix}.home.rps`, value: home.rps, unit: 'req/s', baseline: constant.rps });
    report({ name: `${prefix}.home.p99_ms`, value: home.p99, unit: 'ms', baseline: constant.p99 });
    report({ name: `${prefix}.news_item.rps`, value: item.rps, unit: 'req/s', baseline: constant.rps });
    report({ name: `${prefix}.news_item.p99_ms`, value: item.p99, unit: 'ms', baseline: constant.p99 });
    report({ name: `${prefix}.home_vs_constant`, value: home.rps, unit: 'req/s', baseline: constant.rps });
    report({ name: `${prefix}.news_item_vs_constant`, value: item.rps, unit: 'req/s', baseline: constant.rps });
  } finally {
    await server.stop();
  }
}
