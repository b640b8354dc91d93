/**
 * Residents' requests at scale (issue 18), on PostgreSQL with generated data:
 *
 * - `requests.queue_vs_constant`: req/s of the staff's fault queue (open reports of one building
 *   and category, oldest first; signed in as `bok`) ÷ req/s of the constant /healthz of the same
 *   server; with `requests.queue.p50_ms` against the constant's p50.
 * - `requests.home_13y_vs_1y`: p50 of a member's e-BOK home (with building notices) when the
 *   notices go back 13 years ÷ the same when they go back 1 year (goal ≤ 1.5).
 *
 * Data: BENCH_REQUESTS_UNITS (10,000) units in 100 buildings, one member account each,
 * BENCH_REQUESTS_THREADS (100,000) fault reports and as many message threads over 13 years, each
 * with its first post; a notice per building every week. Needs DATABASE_URL; creates its own
 * database and drops it.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot, type Server, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { percentile } from '../lib/stats.ts';

type TotpModule = typeof import('../../src/features/accounts/totp.ts');
const dist = (path: string) => import(join(projectRoot, 'dist', path));

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const BUILDINGS = 100;

const yearsAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000);

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A cookie jar over fetch, for signing in as a browser would. */
class Jar {
  readonly cookies = new Map<string, string>();
  remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    const response = await fetch(url, { headers: { cookie: this.header() }, redirect: 'manual' });
    this.remember(response);
    return { status: response.status, body: await response.text() };
  }
  async post(url: string, form: Record<string, string>) {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header() },
      body: new URLSearchParams(form).toString(),
    });
    this.remember(response);
    return { status: response.status, location: response.headers.get('location') ?? '' };
  }
}

async function signIn(baseUrl: string, section: '/ebok' | '/panel', login: string): Promise<string> {
  const jar = new Jar();
  const first = await jar.get(`${baseUrl}${section}`);
  let csrf = /name="_csrf" value="([^"]+)"/.exec(first.body)?.[1] ?? '';
  const response = await jar.post(`${baseUrl}${section}/logowanie`, { _csrf: csrf, login, haslo: DEMO_PASSWORD });
  if (response.location.endsWith('/logowanie/kod')) {
    const { totpCode } = (await dist('features/accounts/totp.js')) as TotpModule;
    const page = await jar.get(`${baseUrl}${section}/logowanie/kod`);
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    await jar.post(`${baseUrl}${section}/logowanie/kod`, {
      _csrf: csrf,
      kod: await totpCode(DEMO_TOTP_SECRET, new Date()),
    });
  }
  const check = await jar.get(`${baseUrl}${section}`);
  if (check.status !== 200) throw new Error(`requests: could not sign in as ${login} (status ${check.status})`);
  return jar.header();
}

async function load(url: string, cookie: string | undefined, seconds: number, connections: number) {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0 || result['2xx'] === 0) {
    throw new Error(`requests: ${result.non2xx} non-2xx answers and ${result.errors} errors under load on ${url}`);
  }
  return { rps: result.requests.average, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Units, member accounts, threads with their first posts; server-side with generate_series. */
async function generate(client: pg.Client, org: number, units: number, threads: number) {
  await client.query(
    `insert into buildings (organization_id, street, number, postcode, city, search_address)
     select $1, 'ul. Zgłoszeniowa', g::text, '40-000', 'Katowice', 'ul zgloszeniowa ' || g from generate_series(1, $2) g`,
    [org, BUILDINGS],
  );
  const buildings = (
    await client.query<{ id: string }>(
      `select id from buildings where organization_id = $1 and street = 'ul. Zgłoszeniowa' order by id`,
      [org],
    )
  ).rows.map((r) => Number(r.id));
  await client.query(
    `insert into units (organization_id, building_id, number, kind, usable_area, external_key)
     select $1, ($2::bigint[])[1 + g % $3], 'R' || g, 'mieszkalny', 50, 'REQ-' || g from generate_series(1, $4) g`,
    [org, buildings, BUILDINGS, units],
  );
  await client.query(
    `insert into accounts (organization_id, kind, login, display_name, password_hash)
     select $1, 'member', 'bench-' || g, 'Członek ' || g, 'x' from generate_series(1, $2) g`,
    [org, units],
  );
  const first = Number(
    (await client.query<{ id: string }>(`select min(id) as id from accounts where login like 'bench-%'`)).rows[0]?.id,
  );
  for (const kind of ['fault', 'message'] as const) {
    const started = performance.now();
    // 13 years back from now; 1 in 20 still open (faults) or waiting (messages).
    await client.query(
      `insert into request_threads (organization_id, kind, account_id, building_id, place_label, category, place,
         subject, status, priority, waiting_since, created_at, updated_at)
       select $1, $2, $3 + (g % $4), ($5::bigint[])[1 + g % $6], 'ul. Zgłoszeniowa ' || (1 + g % $6),
              case when $2 = 'fault' then (array['woda','ogrzewanie','elektrycznosc','winda','drzwi_domofon','czystosc','zielen','inne'])[1 + g % 8] end,
              case when $2 = 'fault' then (array['lokal','klatka','budynek','osiedle'])[1 + g % 4] end,
              'Zgłoszenie ' || g,
              case when $2 = 'fault' then
                case when g % 20 = 0 then (array['nowe','przyjete','w_realizacji'])[1 + (g / 20) % 3] else 'wykonane' end
              else case when g % 20 = 0 then 'oczekuje' else 'odpowiedziano' end end,
              'normalny',
              case when g % 20 = 0 then now() - (g || ' minutes')::interval end,
              now() - interval '4745 days' * (g::float8 / $7),
              now()
       from generate_series(1, $7) g`,
      [org, kind, first, units, buildings, BUILDINGS, threads],
    );
    progress(`requests: ${threads} ${kind} threads in ${round((performance.now() - started) / 1000, 1)} s`);
  }
  await client.query(
    `insert into request_posts (organization_id, thread_id, author_id, author_kind, body, created_at)
     select organization_id, id, account_id, 'member', 'Opis zgłoszenia.', created_at from request_threads
     where organization_id = $1`,
    [org],
  );
  return buildings;
}

/** One notice per building per week from `from` to `to`, each shown for two days. */
async function notices(client: pg.Client, org: number, buildingIds: number[], from: Date, to: Date) {
  const result = await client.query(
    `insert into building_notices (organization_id, kind, title, body, building_ids, public, shown_from, shown_until, created_at)
     select $1, 'prace', 'Przegląd instalacji', '', array[b], false, w, w + interval '2 days', w
     from unnest($2::bigint[]) b cross join generate_series($3::timestamptz, $4::timestamptz, interval '7 days') w`,
    [org, buildingIds, from, to],
  );
  return result.rowCount ?? 0;
}

export const requests: Benchmark = {
  name: 'requests',
  description: 'staff fault queue vs a constant route, member e-BOK home with notices 13 y ÷ 1 y; needs DATABASE_URL',
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) throw new Error('requests needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    const units = Math.round(positiveNumber(process.env, 'BENCH_REQUESTS_UNITS', 10_000));
    const threads = Math.round(positiveNumber(process.env, 'BENCH_REQUESTS_THREADS', 100_000));
    const seconds = settings.durationSeconds;
    const connections = settings.connections;
    const name = `osiedle_bench_requests_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dbUrl = withDatabase(url, name);
    let server: Server | undefined;
    const client = new pg.Client({ connectionString: dbUrl });
    try {
      server = await startServer({ databaseUrl: dbUrl });
      await waitForStatus(server, '/readyz', { timeoutMs: 180_000 });
      await client.connect();
      const org = Number(
        (await client.query<{ id: string }>('select id from organizations order by id limit 1')).rows[0]?.id,
      );
      progress(`requests: generating ${units} units, ${threads} fault reports and ${threads} message threads`);
      const buildings = await generate(client, org, units, threads);
      // The demo member's own buildings get notices too, so their home shows them.
      const all = (
        await client.query<{ id: string }>('select id from buildings where organization_id = $1', [org])
      ).rows.map((r) => Number(r.id));
      const oneYear = await notices(client, org, all, yearsAgo(1), new Date());
      await client.query('vacuum analyze');
      progress(`requests: ${oneYear} notices over 1 year`);

      const staff = await signIn(server.url, '/panel', 'bok');
      const member = await signIn(server.url, '/ebok', 'mieszkaniec1');
      const queueUrl = `${server.url}/panel/zgloszenia?status=otwarte&budynek=${buildings[7]}&kategoria=woda`;
      const constantUrl = `${server.url}/healthz`;
      const homeUrl = `${server.url}/ebok`;

      await load(queueUrl, staff, settings.warmupSeconds, connections);
      const constant = await load(constantUrl, undefined, seconds, connections);
      const queue = await load(queueUrl, staff, seconds, connections);
      progress(
        `requests: queue ${round(queue.rps, 0)} req/s p50 ${round(queue.p50, 1)} ms; /healthz ${round(constant.rps, 0)} req/s`,
      );
      report({ name: 'requests.queue.p50_ms', value: queue.p50, unit: 'ms', baseline: constant.p50 });
      report({ name: 'requests.queue_vs_constant', value: queue.rps, unit: 'req/s', baseline: constant.rps });

      await load(homeUrl, member, settings.warmupSeconds, connections);
      const home1 = await load(homeUrl, member, seconds, connections);
      const older = await notices(client, org, all, yearsAgo(13), new Date(yearsAgo(1).getTime() - 86_400_000));
      await client.query('vacuum analyze');
      progress(`requests: ${older} older notices added (13 years)`);
      await load(homeUrl, member, settings.warmupSeconds, connections);
      const home13 = await load(homeUrl, member, seconds, connections);
      progress(`requests: home p50 ${round(home1.p50, 2)} ms (1 y) → ${round(home13.p50, 2)} ms (13 y)`);
      report({ name: 'requests.home_13y_vs_1y', value: home13.p50, unit: 'ms', baseline: home1.p50 });
    } finally {
      await client.end().catch(() => undefined);
      await server?.stop();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
};
