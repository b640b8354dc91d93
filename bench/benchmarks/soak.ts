/**
 * A soak of mixed member traffic on PostgreSQL: BENCH_SOAK_SESSIONS (200) members' sessions, each
 * signed in once and on a connection of its own (as each member's browser is), going round what
 * members do — e-BOK home, finance history, the balance on a day, the statement PDF, letters, the
 * account page — with requests offered at a fixed total rate (BENCH_SOAK_RATE, 20 req/s: each of
 * the 200 members opens a page every 10 s, far above a cooperative's real traffic; open loop: a
 * request is sent at its time whether or not earlier ones have been answered, and its latency
 * counts from that time) for BENCH_SOAK_SECONDS (300) after BENCH_SOAK_WARMUP (30) seconds of the
 * same traffic unmeasured.
 *
 * Figures: `soak.errors` (failed or non-200 answers), `soak.p50_ms`/`soak.p99_ms` over all pages
 * and per page (`soak.<page>.p99_ms`), `soak.rss_mb` (the server's RSS at the end) and
 * `soak.rss_growth_pct` (end vs. the start of the measured period); what the memory is, from the
 * server's own metrics at the end: `soak.heap_used_mb`, `soak.heap_total_mb` (V8's heap, used and
 * reserved), `soak.external_mb` (buffers and other memory outside the heap held by JS objects).
 *
 * BENCH_SOAK_TEMPLATE=<database>: load the demo once into that database and start each run from a
 * copy of it (see `copyOfDemo`).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { freePort, rssMb, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { percentile } from '../lib/stats.ts';

const MEMBERS = ['mieszkaniec1', 'mieszkaniec2', 'mieszkaniec3'] as const;
const DEMO_PASSWORD = 'Osiedle-demo-2026';
/** A request not answered in this time counts as an error (and the soak goes on). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Session {
  cookie: string;
  unitId: number;
  next: number;
  /** The member's own keep-alive connection. */
  agent: http.Agent;
}

const pages: readonly { name: string; path: (unitId: number) => string }[] = [
  { name: 'home', path: () => '/ebok' },
  { name: 'history', path: (u) => `/ebok/finanse/${u}` },
  { name: 'balance', path: (u) => `/ebok/finanse/${u}/saldo?dzien=2025-06-30` },
  { name: 'statement_pdf', path: (u) => `/ebok/finanse/${u}/zestawienie.pdf?od=2025-01-01&do=2025-12-31` },
  { name: 'letters', path: () => '/ebok/korespondencja' },
  { name: 'account', path: () => '/ebok/konto' },
];

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Signs a member in as a browser does, from its own address (X-Forwarded-For, TRUST_PROXY on). */
export async function signIn(baseUrl: string, login: string, address: string): Promise<Session> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const forwarded = { 'x-forwarded-for': address };
  const page = await fetch(`${baseUrl}/ebok`, { redirect: 'manual', headers: forwarded });
  remember(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${baseUrl}/ebok/logowanie`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(), ...forwarded },
    body: new URLSearchParams({ _csrf: csrf, login, haslo: DEMO_PASSWORD }).toString(),
  });
  remember(response);
  const finances = await fetch(`${baseUrl}/ebok/finanse`, { headers: { cookie: header(), ...forwarded } });
  const body = await finances.text();
  const unitId = Number(/href="\/ebok\/finanse\/(\d+)/.exec(body)?.[1]);
  if (finances.status !== 200 || !unitId) {
    throw new Error(`soak: could not sign in as ${login} (finances page ${finances.status})`);
  }
  return { cookie: header(), unitId, next: 0, agent: new http.Agent({ keepAlive: true, maxSockets: 2 }) };
}

interface Sample {
  page: string;
  ms: number;
  ok: boolean;
}

/**
 * Offers requests at `rate` per second for `seconds`, the sessions taking turns, each going round
 * its pages. Returns every request's latency measured from its scheduled time.
 */
export async function offer(baseUrl: string, sessions: Session[], rate: number, seconds: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const pendings = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const session = sessions[i % sessions.length] as Session;
    const page = pages[session.next % pages.length] as (typeof pages)[number];
    session.next++;
    const pending = get(session.agent, `${baseUrl}${page.path(session.unitId)}`, session.cookie).then((status) => {
      samples.push({ page: page.name, ms: performance.now() - due, ok: status === 200 });
    });
    pendings.add(pending);
    void pending.finally(() => pendings.delete(pending));
  }
  await Promise.all(pendings);
  return samples;
}

/** The server's memory by kind, from Node's figures on its metrics port (prom-client's names). */
async function processMemory(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (metric: string) => Number(new RegExp(`^${metric} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  const figures: Record<string, number> = {
    heap_used: value('nodejs_heap_size_used_bytes'),
    heap_total: value('nodejs_heap_size_total_bytes'),
    external: value('nodejs_external_memory_bytes'),
  };
  return Object.fromEntries(Object.entries(figures).filter(([, bytes]) => Number.isFinite(bytes)));
}

/** Status of a GET (its body read to the end); 0 when it failed or timed out. */
function get(agent: http.Agent, url: string, cookie: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers: { cookie }, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(0));
  });
}

/** Loading the demo into an empty PostgreSQL database takes minutes on a busy machine. */
const DEMO_LOAD_TIMEOUT_MS = 600_000;

/**
 * BENCH_SOAK_TEMPLATE: the demo is loaded once into that database (kept between runs; drop it
 * when the migrations or the demo change) and each run starts from a copy of it, instead of
 * spending minutes of both cores loading the demo again.
 */
async function copyOfDemo(admin: pg.Client, url: string, template: string, name: string): Promise<void> {
  const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
  if (exists.rowCount === 0) {
    progress(`soak: loading the demo once into ${template} (BENCH_SOAK_TEMPLATE)`);
    await admin.query(`create database ${template}`);
    try {
      const server = await startServer({ databaseUrl: withDatabase(url, template) });
      try {
        await waitForStatus(server, '/readyz', { timeoutMs: DEMO_LOAD_TIMEOUT_MS });
      } finally {
        await server.stop();
      }
      // The planner's statistics go with the copies (autovacuum may not have come round yet).
      const loaded = new pg.Client({ connectionString: withDatabase(url, template) });
      await loaded.connect();
      await loaded.query('analyze').finally(() => loaded.end());
    } catch (error) {
      await admin.query(`drop database if exists ${template} with (force)`).catch(() => {});
      throw error;
    }
  }
  await admin.query(`create database ${name} template ${template}`);
}

export const soak: Benchmark = {
  name: 'soak',
  description:
    'mixed member traffic at a fixed rate on PostgreSQL: errors, p50/p99 per page, server RSS; needs DATABASE_URL',
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) throw new Error('soak needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    const sessionCount = Math.round(positiveNumber(process.env, 'BENCH_SOAK_SESSIONS', 200));
    const rate = positiveNumber(process.env, 'BENCH_SOAK_RATE', 20);
    const seconds = positiveNumber(process.env, 'BENCH_SOAK_SECONDS', 300);
    const warmup = positiveNumber(process.env, 'BENCH_SOAK_WARMUP', 30);
    const template = process.env.BENCH_SOAK_TEMPLATE;
    if (template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(template)) {
      throw new Error('BENCH_SOAK_TEMPLATE must be a plain database name');
    }
    const name = `osiedle_bench_soak_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    if (template) await copyOfDemo(admin, url, template, name);
    else await admin.query(`create database ${name}`);
    try {
      const metricsPort = await freePort();
      const server = await startServer({
        databaseUrl: withDatabase(url, name),
        env: { TRUST_PROXY: 'true', METRICS_PORT: String(metricsPort) },
      });
      try {
        await waitForStatus(server, '/readyz', { timeoutMs: DEMO_LOAD_TIMEOUT_MS });
        progress(`soak: signing in ${sessionCount} sessions`);
        const sessions: Session[] = [];
        for (let i = 0; i < sessionCount; i += 4) {
          const batch = [];
          for (let j = i; j < Math.min(i + 4, sessionCount); j++) {
            const address = `10.${Math.floor(j / 250) % 250}.${j % 250}.${(j * 7) % 250}`;
            batch.push(signIn(server.url, MEMBERS[j % MEMBERS.length] as string, address));
          }
          sessions.push(...(await Promise.all(batch)));
        }
        // Each member starts at another page of the round, so every second offers the whole mix
        // (all starting at the home page, 10 s of traffic would be all statements, then all letters).
        for (const [j, session] of sessions.entries()) session.next = j;
        progress(`soak: warm-up ${warmup} s at ${rate} req/s`);
        await offer(server.url, sessions, rate, warmup);
        const rssStart = rssMb(server.pid);
        progress(
          `soak: ${seconds} s at ${rate} req/s over ${sessions.length} sessions (RSS ${round(rssStart ?? 0, 1)} MB)`,
        );
        const samples = await offer(server.url, sessions, rate, seconds);
        const rssEnd = rssMb(server.pid);
        const memory = await processMemory(metricsPort);
        for (const session of sessions) session.agent.destroy();
        const errors = samples.filter((s) => !s.ok).length;
        const all = samples.map((s) => s.ms);
        report({ name: 'soak.requests', value: samples.length, unit: 'requests' });
        report({ name: 'soak.errors', value: errors, unit: 'requests' });
        report({ name: 'soak.p50_ms', value: percentile(all, 50), unit: 'ms' });
        report({ name: 'soak.p99_ms', value: percentile(all, 99), unit: 'ms' });
        for (const page of pages) {
          const times = samples.filter((s) => s.page === page.name).map((s) => s.ms);
          report({ name: `soak.${page.name}.p50_ms`, value: percentile(times, 50), unit: 'ms' });
          report({ name: `soak.${page.name}.p99_ms`, value: percentile(times, 99), unit: 'ms' });
        }
        if (rssStart !== undefined && rssEnd !== undefined) {
          report({ name: 'soak.rss_start_mb', value: rssStart, unit: 'MB' });
          report({ name: 'soak.rss_mb', value: rssEnd, unit: 'MB' });
          report({ name: 'soak.rss_growth_pct', value: ((rssEnd - rssStart) / rssStart) * 100, unit: '%' });
        }
        for (const [figure, bytes] of Object.entries(memory)) {
          report({ name: `soak.${figure}_mb`, value: bytes / 1024 / 1024, unit: 'MB' });
        }
      } finally {
        await server.stop();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    }
  },
};
