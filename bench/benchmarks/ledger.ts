/**
 * The ledger at scale (issue 7), on PostgreSQL with generated data, plus the dashboard on PGlite.
 *
 * - P1 `ledger.p1_dashboard_vs_pgbench`, `ledger.p1_p99_ms`: GET /ebok signed in as mieszkaniec1
 *   (the finances section reads the member's units, balances, due dates, recent entries) at
 *   BENCH_LEDGER_CONNECTIONS (50) connections, against pgbench running every statement that one
 *   such request sends (organization, page chrome, session, letters, units, ledger), captured from
 *   the server's own statement log (LOG_SQL) with the parameters inlined; same database, same run.
 * - `ledger.p1_p99_at_half_rate_ms` (the headline): the same page's p99 at a steady offered rate of
 *   half the maximum just measured, i.e. what a member feels: open loop, one request started every
 *   1/rate s whatever the answers (`steadyRate`), latency counted from its scheduled start. Not
 *   autocannon's overallRate: it lets each connection send its quota for the second at once at
 *   every second's tick, so the whole second's requests arrive as one burst and the figure is the
 *   time to drain the burst.
 * - P2 `ledger.p2_balance_20y_vs_1y`: median latency of the balance as of today (sumRange) for a
 *   unit with 20 years of history ÷ one with 1 year (monthly totals make it O(months)).
 * - P3 `ledger.p3_import_vs_copy`: rows/s of importPayments on a CSV of BENCH_LEDGER_IMPORT_ROWS
 *   (1,000,000) payments ÷ rows/s of COPY of the same rows into ledger_entries.
 * - `ledger.pglite_dashboard_rps`: the same dashboard on PGlite with the demo (300 units).
 *
 * Data: BENCH_LEDGER_UNITS (10,000) units with monthly charges of 5 components and a payment per
 * month from 2013-01 to 2026-10 (~6 entries × 166 months per unit), generated server-side with
 * INSERT … SELECT generate_series. Needs DATABASE_URL; creates its own database and drops it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { copyFrom } from '../lib/pg-copy.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot, type Server, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { median, percentile } from '../lib/stats.ts';

type QueriesModule = typeof import('../../src/features/ledger/queries.ts');
type ImportModule = typeof import('../../src/features/ledger/import-payments.ts');
type ClientModule = typeof import('../../src/db/client.ts');
const dist = (path: string) => import(join(projectRoot, 'dist', path));

const PGBENCH = '/usr/lib/postgresql/15/bin/pgbench';
const DEMO_PASSWORD = 'Osiedle-demo-2026';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Signs mieszkaniec1 in (no second factor for members) and returns the cookie header. */
async function signInMember(baseUrl: string): Promise<string> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${baseUrl}/ebok`, { redirect: 'manual' });
  remember(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${baseUrl}/ebok/logowanie`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ _csrf: csrf, login: 'mieszkaniec1', haslo: DEMO_PASSWORD }).toString(),
  });
  remember(response);
  const check = await fetch(`${baseUrl}/ebok`, { headers: { cookie: header() }, redirect: 'manual' });
  const body = await check.text();
  if (check.status !== 200 || !body.includes('ledger-dashboard')) {
    throw new Error(`ledger: could not sign in as mieszkaniec1 (status ${check.status})`);
  }
  return header();
}

/** Closed loop: `connections` kept busy for `seconds` (the maximum rate). */
async function loadDashboard(url: string, cookie: string, seconds: number, connections: number) {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, headers: { cookie } });
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`ledger: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return { rps: result.requests.average, p99: percentile(latencies, 99), p50: percentile(latencies, 50) };
}

/**
 * Open loop at a steady rate: a request started every 1000/rate ms (on connections of its own
 * when the earlier ones are busy), each one's latency counted from the moment it was due, so a
 * late start counts too. Every answer must be a 200 with the dashboard.
 */
async function steadyRate(url: string, cookie: string, seconds: number, rate: number) {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let failures = 0;
  const start = performance.now();
  const total = Math.max(1, Math.round(seconds * rate));
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      fetch(url, { headers: { cookie }, redirect: 'manual' }).then(
        async (response) => {
          const body = await response.text();
          if (response.status !== 200 || !body.includes('ledger-dashboard')) failures++;
          latencies.push(performance.now() - due);
        },
        () => {
          failures++;
        },
      ),
    );
  }
  await Promise.all(pending);
  if (failures > 0) throw new Error(`ledger: ${failures} failed answers at ${rate} req/s`);
  const elapsed = (performance.now() - start) / 1000;
  return { rps: total / elapsed, p99: percentile(latencies, 99), p50: percentile(latencies, 50) };
}

/** Generates the history server-side; returns the number of entries. Also used by the backup benchmark. */
export async function generate(
  client: pg.Client,
  org: number,
  units: number,
): Promise<{ entries: number; firstUnit: number }> {
  const building = await client.query<{ id: string }>(
    `insert into buildings (organization_id, street, number, postcode, city, search_address)
     values ($1, 'ul. Benchmarkowa', '1', '40-000', 'Katowice', 'ul benchmarkowa 1') returning id`,
    [org],
  );
  const buildingId = Number(building.rows[0]?.id);
  const inserted = await client.query<{ id: string }>(
    `insert into units (organization_id, building_id, number, kind, usable_area, external_key)
     select $1, $2, 'B' || g, 'mieszkalny', 30 + (g % 50) + 0.25, 'BENCH-' || g from generate_series(1, $3) g
     returning id`,
    [org, buildingId, units],
  );
  const ids = inserted.rows.map((r) => Number(r.id));
  const firstUnit = Math.min(...ids);
  const components = await client.query<{ id: string }>(
    'select id from fee_components where organization_id = $1 order by id limit 5',
    [org],
  );
  const componentIds = components.rows.map((r) => Number(r.id));
  let entries = 0;
  // One statement per year keeps each transaction (and its trigger's transition table) moderate.
  for (let year = 2013; year <= 2026; year++) {
    const started = performance.now();
    const result = await client.query(
      `insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, component_id, amount,
         description, due_date, source, source_ref)
       select $1, u.id, m::date, m::date, 'charge'::ledger_entry_kind, c.id, 5000 + (u.id % 97) * 10 + c.n * 700,
              'Naliczenie', (m + interval '9 days')::date, 'bench', 'b:c:' || u.id || ':' || c.id || ':' || to_char(m, 'YYYY-MM')
       from units u
       cross join generate_series(make_date($2, 1, 1), least(make_date($2, 12, 1), date '2026-10-01'), interval '1 month') m
       cross join (select id, row_number() over (order by id) as n from unnest($3::bigint[]) id) c
       where u.organization_id = $1 and u.id >= $4
       union all
       select $1, u.id, (m + interval '6 days')::date, (m + interval '6 days')::date, 'payment'::ledger_entry_kind, null,
              -(5000 + (u.id % 97) * 10) * 5 - 10500, 'Wpłata', null, 'bench', 'b:p:' || u.id || ':' || to_char(m, 'YYYY-MM')
       from units u
       cross join generate_series(make_date($2, 1, 1), least(make_date($2, 12, 1), date '2026-10-01'), interval '1 month') m
       where u.organization_id = $1 and u.id >= $4`,
      [org, year, componentIds, firstUnit],
    );
    entries += result.rowCount ?? 0;
    progress(`ledger: ${year}: ${result.rowCount} entries in ${round((performance.now() - started) / 1000, 1)} s`);
  }
  return { entries, firstUnit };
}

/** A unit with two entries every 4 days from 1 January of `firstYear` to October 2026. */
async function historyUnit(client: pg.Client, org: number, buildingKey: string, firstYear: number) {
  const unit = await client.query<{ id: string }>(
    `insert into units (organization_id, building_id, number, kind, usable_area, external_key)
     select $1, id, $2, 'mieszkalny', 50, $2 from buildings where organization_id = $1 order by id limit 1 returning id`,
    [org, buildingKey],
  );
  const id = Number(unit.rows[0]?.id);
  await client.query(
    `insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, source, source_ref)
     select $1, $2::bigint, d::date, d::date, case when k = 0 then 'charge' else 'payment' end::ledger_entry_kind,
            case when k = 0 then 40000 else -39000 end, 'x', 'bench', 'h:' || $2::text || ':' || to_char(d, 'YYYY-MM-DD') || ':' || k
     from generate_series(make_date($3, 1, 1), date '2026-10-31', interval '4 days') d cross join generate_series(0, 1) k`,
    [org, id, firstYear],
  );
  return id;
}

/** A parameter as an SQL literal; quoted like an untyped parameter, so PostgreSQL infers the type the same way. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = Array.isArray(value)
    ? `{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Every statement one GET /ebok as mieszkaniec1 sends, parameters inlined: read from a second
 * server on the same database that logs its SQL (LOG_SQL). The statements between the request's
 * "incoming request" and "request completed" log lines are taken; of five requests the one with
 * the fewest, since a background worker's poll can fall inside a request.
 */
async function captureDashboardSql(dbUrl: string, cookie: string): Promise<string[]> {
  const lines: string[] = [];
  const server = await startServer({
    databaseUrl: dbUrl,
    env: { LOG_SQL: 'true', LOG_LEVEL: 'info' },
    onStdoutLine: (line) => lines.push(line),
  });
  try {
    await waitForStatus(server, '/readyz', { timeoutMs: 180_000 });
    let fewest: string[] | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const first = lines.length;
      const response = await fetch(`${server.url}/ebok`, { headers: { cookie } });
      const body = await response.text();
      if (response.status !== 200 || !body.includes('ledger-dashboard')) {
        throw new Error(`ledger: the SQL-logging server did not show the dashboard (status ${response.status})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 300)); // the log lines of the request arrive
      const records = lines.slice(first).flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
      const start = records.findIndex(
        (r) => r.msg === 'incoming request' && (r.req as { url?: string } | undefined)?.url === '/ebok',
      );
      const requestId = records[start]?.reqId;
      const end = records.findIndex((r, i) => i > start && r.msg === 'request completed' && r.reqId === requestId);
      if (start < 0 || end < 0) throw new Error('ledger: no request log lines from the SQL-logging server');
      const statements = records
        .slice(start, end)
        .filter((r) => r.msg === 'sql')
        .map((r) => String(r.sql).replace(/\$(\d+)/g, (_, n) => literal((r.params as unknown[])[Number(n) - 1])));
      if (!fewest || statements.length < fewest.length) fewest = statements;
    }
    if (!fewest?.length) throw new Error('ledger: the dashboard request logged no SQL');
    return fewest;
  } finally {
    await server.stop();
  }
}

function runPgbench(url: string, script: string, seconds: number, connections: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    // Extended protocol without named statements: what node-postgres does for every query.
    const args = ['-n', '-f', script, '-T', String(seconds), '-c', String(connections), '-j', '2', '-M', 'extended'];
    args.push(
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username || 'postgres'),
      u.pathname.slice(1),
    );
    const child = spawn(PGBENCH, args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      out += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const tps = /tps = ([\d.]+)/.exec(out)?.[1];
      if (code !== 0 || !tps) reject(new Error(`pgbench failed (${code}): ${out.slice(-500)}`));
      else resolve(Number(tps));
    });
  });
}

export const ledger: Benchmark = {
  name: 'ledger',
  description:
    'e-BOK dashboard vs pgbench (P1), balance 20y ÷ 1y (P2), payments import vs COPY (P3), PGlite dashboard; needs DATABASE_URL',
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) {
      throw new Error('ledger needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    }
    const units = Math.round(positiveNumber(process.env, 'BENCH_LEDGER_UNITS', 10_000));
    const importRows = Math.round(positiveNumber(process.env, 'BENCH_LEDGER_IMPORT_ROWS', 1_000_000));
    const connections = Math.round(positiveNumber(process.env, 'BENCH_LEDGER_CONNECTIONS', 50));
    const seconds = settings.durationSeconds;
    const name = `osiedle_bench_ledger_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dbUrl = withDatabase(url, name);
    const tempDir = await mkdtemp(join(tmpdir(), 'osiedle-ledger-bench-'));
    let server: Server | undefined;
    const client = new pg.Client({ connectionString: dbUrl });
    try {
      // The server migrates and loads the demo (organization, members, fee components).
      server = await startServer({ databaseUrl: dbUrl });
      await waitForStatus(server, '/readyz', { timeoutMs: 180_000 });
      await client.connect();
      const org = Number(
        (await client.query<{ id: string }>('select id from organizations order by id limit 1')).rows[0]?.id,
      );
      progress(`ledger: generating ${units} units × 2013-01…2026-10`);
      const generated = await generate(client, org, units);
      const unit20 = await historyUnit(client, org, 'HIST-20', 2007);
      const unit1 = await historyUnit(client, org, 'HIST-1', 2026);
      // Steady state: the visibility map set and autovacuum done with the new rows, before measuring.
      await client.query('vacuum analyze');
      const total = Number((await client.query<{ n: string }>('select count(*) as n from ledger_entries')).rows[0]?.n);
      progress(`ledger: ${total} entries in the database (${generated.entries} generated)`);
      report({ name: 'ledger.entries', value: total, unit: 'rows' });

      // P1: the dashboard under load, then pgbench with the ledger SQL of that page.
      const cookie = await signInMember(server.url);
      await loadDashboard(`${server.url}/ebok`, cookie, settings.warmupSeconds, connections);
      const load = await loadDashboard(`${server.url}/ebok`, cookie, seconds, connections);
      progress(
        `ledger: dashboard ${round(load.rps, 0)} req/s, p50 ${round(load.p50, 1)} ms, p99 ${round(load.p99, 1)} ms`,
      );
      // The headline: latency at a steady half of that maximum rate. First the server drains what
      // the closed loop left queued (up to one request per connection, ~0.3 s of work): started at
      // once, the steady run's first half second met that queue, and those requests alone were
      // its p99 (~300 ms at 107 req/s offered, ~24 ms after the pause).
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const halfRate = Math.max(1, Math.round(load.rps / 2));
      const steady = await steadyRate(`${server.url}/ebok`, cookie, seconds, halfRate);
      progress(
        `ledger: dashboard at ${halfRate} req/s offered: ${round(steady.rps, 0)} req/s, p50 ${round(steady.p50, 1)} ms, p99 ${round(steady.p99, 1)} ms (goal p99 < 100 ms)`,
      );
      report({ name: 'ledger.p1_p99_at_half_rate_ms', value: steady.p99, unit: 'ms' });
      report({ name: 'ledger.p1_p50_at_half_rate_ms', value: steady.p50, unit: 'ms' });
      const statements = await captureDashboardSql(dbUrl, cookie);
      const script = join(tempDir, 'dashboard.sql');
      const lines = statements.map((statement) => `${statement};`);
      await writeFile(script, `${lines.join('\n')}\n`);
      const tps = await runPgbench(dbUrl, script, seconds, connections);
      progress(`ledger: pgbench ${round(tps, 0)} tps with the dashboard's SQL (${lines.length} statements)`);
      report({ name: 'ledger.p1_dashboard_vs_pgbench', value: load.rps, unit: 'req/s', baseline: tps });
      report({ name: 'ledger.p1_p99_ms', value: load.p99, unit: 'ms' });

      // P2: balance as of today, 20 years vs 1 year of history.
      const today = new Date().toISOString().slice(0, 10);
      const appDb = (await (dist('db/client.js') as Promise<ClientModule>)).openDatabase({ url: dbUrl, poolSize: 2 });
      const database = await appDb;
      try {
        const queries = (await dist('features/ledger/queries.js')) as QueriesModule;
        const time = async (unitId: number) => {
          const samples: number[] = [];
          for (let i = 0; i < 400; i++) {
            const started = performance.now();
            await queries.sumRange(database.db, { organizationId: org, unitId, to: today });
            samples.push(performance.now() - started);
          }
          return median(samples.slice(50));
        };
        await time(unit20);
        const t20 = await time(unit20);
        const t1 = await time(unit1);
        progress(`ledger: balance as of today: 20 years ${round(t20, 3)} ms, 1 year ${round(t1, 3)} ms`);
        report({ name: 'ledger.p2_balance_20y_vs_1y', value: t20, unit: 'ms', baseline: t1 });

        // P3: import of payments vs COPY of the same rows.
        const file = join(tempDir, 'payments.csv');
        const rows: string[] = ['lokal;data;kwota;referencja;opis'];
        for (let i = 0; i < importRows; i++) {
          const key = `BENCH-${(i % units) + 1}`;
          const day = String(1 + (i % 28)).padStart(2, '0');
          rows.push(`${key};2026-10-${day};${100 + (i % 900)},${String(i % 100).padStart(2, '0')};IMP-${i};Wpłata`);
        }
        await writeFile(file, `${rows.join('\n')}\n`);
        const importer = (await dist('features/ledger/import-payments.js')) as ImportModule;
        let started = performance.now();
        const result = await importer.importPayments(database.db, {
          actor: { organizationId: org, actorAccountId: null, actorLabel: 'bench' },
          source: { path: file },
          bookingDate: today,
          startDate: '2013-01-01',
        });
        const importSeconds = (performance.now() - started) / 1000;
        if (result.booked !== importRows) throw new Error(`ledger: import booked ${result.booked} of ${importRows}`);
        progress(`ledger: import ${importRows} rows in ${round(importSeconds, 2)} s`);
        const unitIds = new Map(
          (
            await client.query<{ id: string; external_key: string }>(
              'select id, external_key from units where organization_id = $1',
              [org],
            )
          ).rows.map((r) => [r.external_key, r.id]),
        );
        const copyRows = rows.slice(1).map((line) => {
          const [key, date, amount, ref] = line.split(';');
          const grosze = -Number((amount ?? '0').replace(',', ''));
          return [org, unitIds.get(key ?? ''), today, date, 'payment', grosze, 'Wpłata', 'copy', `COPY-${ref}`].join(
            '\t',
          );
        });
        const text = `${copyRows.join('\n')}\n`;
        started = performance.now();
        await client.query('begin');
        await copyFrom(
          client,
          'copy ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, source, source_ref) from stdin',
          text,
        );
        await client.query('commit');
        const copySeconds = (performance.now() - started) / 1000;
        progress(`ledger: COPY ${importRows} rows in ${round(copySeconds, 2)} s`);
        report({
          name: 'ledger.p3_import_vs_copy',
          value: importRows / importSeconds,
          unit: 'rows/s',
          baseline: importRows / copySeconds,
        });
      } finally {
        await database.close();
      }
    } finally {
      await server?.stop();
      await client.end().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await rm(tempDir, { recursive: true, force: true });
    }

    // The same dashboard on PGlite with the demo.
    const pglite = await startServer();
    try {
      await waitForStatus(pglite, '/readyz', { timeoutMs: 180_000 });
      const cookie = await signInMember(pglite.url);
      await loadDashboard(`${pglite.url}/ebok`, cookie, settings.warmupSeconds, 10);
      const load = await loadDashboard(`${pglite.url}/ebok`, cookie, seconds, 10);
      progress(`ledger: PGlite dashboard ${round(load.rps, 0)} req/s, p99 ${round(load.p99, 1)} ms`);
      report({ name: 'ledger.pglite_dashboard_rps', value: load.rps, unit: 'req/s' });
    } finally {
      await pglite.stop();
    }
  },
};
