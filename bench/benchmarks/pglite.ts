/**
 * Does a long statement on the embedded database stall the server? `/healthz` (no database) is
 * asked every 20 ms, open loop (latency counted from the time each probe was due), while the
 * accounting clerk imports BENCH_PGLITE_IMPORT_ROWS (1,000,000) payments through the import page
 * on PGlite, in files of at most 400,000 rows (the upload limit is 20 MB), one after another.
 *
 * Meanwhile the clerk's other tab asks for a page that reads the database (`/panel/konto`: the
 * session and the account) every PAGE_PROBE_MS, open loop too: does a page wait for the import?
 *
 * Before the import, the same probes run IDLE_SECONDS with nothing else to do: their p99 is the
 * baseline of the figures (on a loaded machine /healthz is slow by itself).
 *
 * Figures: `pglite.healthz_p99_during_import_ms` (goal < 100 ms), `pglite.healthz_max_during_import_ms`,
 * `pglite.page_p99_during_import_ms`, `pglite.page_p50_during_import_ms`, `pglite.page_max_during_import_ms`,
 * `pglite.import_rows_per_s`, and the server's own event-loop delay during the import
 * (`pglite.server_event_loop_delay_p99_ms`, `…_max_ms`: a held-up thread, or one waiting for a core).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { freePort, projectRoot, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { percentile } from '../lib/stats.ts';

type TotpModule = typeof import('../../src/features/accounts/totp.ts');

const DEMO_PASSWORD = 'Osiedle-demo-2026';
const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const ROWS_PER_FILE = 400_000;
const PROBE_MS = 20;
const PAGE_PROBE_MS = 1000;
const PAGE = '/panel/konto';
const IDLE_SECONDS = 15;
const goalMs = 100;

class Browser {
  private cookies = new Map<string, string>();
  csrf = '';
  private readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, { redirect: 'manual', headers: { cookie: this.cookie } });
    this.remember(response);
    return response;
  }

  /** GETs a page and keeps its form's CSRF token. */
  async page(path: string): Promise<string> {
    const body = await (await this.get(path)).text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    return body;
  }

  async post(path: string, body: URLSearchParams | FormData): Promise<Response> {
    if (body instanceof URLSearchParams) body.set('_csrf', this.csrf);
    else body.set('_csrf', this.csrf);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.cookie },
      body,
    });
    this.remember(response);
    return response;
  }
}

/** The demo's accountant-capable admin, signed in with the demo TOTP secret. */
async function signInAdmin(baseUrl: string): Promise<Browser> {
  const totp = (await import(pathToFileURL(join(projectRoot, 'dist', 'features/accounts/totp.js')).href)) as TotpModule;
  const browser = new Browser(baseUrl);
  await browser.page('/panel');
  let response = await browser.post('/panel/logowanie', new URLSearchParams({ login: 'admin', haslo: DEMO_PASSWORD }));
  if (response.headers.get('location') === '/panel/logowanie/kod') {
    await browser.page('/panel/logowanie/kod');
    response = await browser.post(
      '/panel/logowanie/kod',
      new URLSearchParams({ kod: await totp.totpCode(DEMO_TOTP_SECRET, new Date()) }),
    );
  }
  if (response.status !== 303) throw new Error(`pglite: could not sign in as admin (${response.status})`);
  return browser;
}

/** Probes `url` every `everyMs` until stopped; each latency from the time the probe was due. */
function probe(
  url: string,
  { everyMs = PROBE_MS, headers = {} }: { everyMs?: number; headers?: Record<string, string> } = {},
) {
  const latencies: number[] = [];
  let failures = 0;
  let stopped = false;
  const pending = new Set<Promise<void>>();
  const loop = (async () => {
    const started = performance.now();
    for (let i = 0; !stopped; i++) {
      const due = started + i * everyMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const one = fetch(url, { headers, redirect: 'manual' })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) failures++;
          latencies.push(performance.now() - due);
        })
        .catch(() => {
          // A probe that failed waited too: its time counts, and it is counted as failed.
          failures++;
          latencies.push(performance.now() - due);
        });
      pending.add(one);
      void one.finally(() => pending.delete(one));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(pending);
      return { latencies, failures };
    },
  };
}

/** The server's event-loop delay since the last call (p99 and max, ms), from its metrics port. */
async function eventLoopDelay(port: number): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const seconds = (metric: string) => Number(new RegExp(`^${metric} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    p99: seconds('nodejs_eventloop_lag_p99_seconds') * 1000,
    max: seconds('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}

export const pglite: Benchmark = {
  name: 'pglite',
  description: `/healthz p99 while a payments import runs on PGlite (goal < ${goalMs} ms)`,
  async run() {
    const rows = Math.round(positiveNumber(process.env, 'BENCH_PGLITE_IMPORT_ROWS', 1_000_000));
    // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` or `--trace-gc` to see where the server's thread goes.
    const nodeOptions = process.env.BENCH_PGLITE_SERVER_NODE_OPTIONS;
    const metricsPort = await freePort();
    const server = await startServer({
      env: { METRICS_PORT: String(metricsPort), ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
    });
    try {
      await waitForStatus(server, '/readyz', { timeoutMs: 180_000 });
      const browser = await signInAdmin(server.url);
      // The demo register's first units (src/demo/generate-register.ts numbers them L000001…).
      const keys = Array.from({ length: 100 }, (_, i) => `L${String(i + 1).padStart(6, '0')}`);
      const files: string[] = [];
      for (let first = 0; first < rows; first += ROWS_PER_FILE) {
        const lines = ['lokal;data;kwota;referencja;opis'];
        for (let i = first; i < Math.min(first + ROWS_PER_FILE, rows); i++) {
          lines.push(`${keys[i % keys.length]};2026-11-02;1,00;B${i};W`);
        }
        files.push(`${lines.join('\n')}\n`);
      }
      // The same probes with nothing running: on a shared, loaded machine /healthz is slow by itself
      // (the server's thread waits for a core), and this baseline tells that apart from the import.
      progress(`pglite: probing /healthz and ${PAGE} for ${IDLE_SECONDS} s with no import (baseline)`);
      const idleProbing = probe(`${server.url}/healthz`);
      const idlePageProbing = probe(`${server.url}${PAGE}`, {
        everyMs: PAGE_PROBE_MS,
        headers: { cookie: browser.cookie },
      });
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      const idle = await idleProbing.stop();
      const idlePage = await idlePageProbing.stop();
      progress(`pglite: importing ${rows} payments in ${files.length} files while probing /healthz`);
      // The same clerk's session in another tab (a second sign-in would reuse the TOTP code).
      if ((await browser.get(PAGE)).status !== 200) throw new Error(`pglite: ${PAGE} does not answer 200`);
      // The server's own event-loop delay (prom-client's monitorEventLoopDelay, reset at each read):
      // from here to the end of the import, whether its thread was held up and for how long.
      await eventLoopDelay(metricsPort);
      const probing = probe(`${server.url}/healthz`);
      const pageProbing = probe(`${server.url}${PAGE}`, {
        everyMs: PAGE_PROBE_MS,
        headers: { cookie: browser.cookie },
      });
      const started = performance.now();
      let stopped: [Awaited<ReturnType<typeof probing.stop>>, Awaited<ReturnType<typeof probing.stop>>];
      try {
        for (const [index, text] of files.entries()) {
          await browser.page('/panel/finanse/import');
          const form = new FormData();
          form.set('plik', new Blob([text], { type: 'text/csv' }), `wplaty-${index + 1}.csv`);
          const response = await browser.post('/panel/finanse/import', form);
          const body = await response.text();
          if (response.status !== 200) {
            throw new Error(`pglite: import of file ${index + 1} answered ${response.status}: ${body.slice(0, 300)}`);
          }
        }
      } finally {
        // Also when the import failed: probes left running would keep the benchmark from ending.
        stopped = [await probing.stop(), await pageProbing.stop()];
      }
      const seconds = (performance.now() - started) / 1000;
      const serverDelay = await eventLoopDelay(metricsPort);
      const [{ latencies, failures }, page] = stopped;
      const pageP99 = percentile(page.latencies, 99);
      const pageMax = Math.max(...page.latencies);
      const p99 = percentile(latencies, 99);
      const max = Math.max(...latencies);
      progress(
        `pglite: import ${round(seconds, 1)} s (${round(rows / seconds, 0)} rows/s); /healthz p50 ${round(percentile(latencies, 50), 1)} ms, ` +
          `p99 ${round(p99, 1)} ms, max ${round(max, 1)} ms over ${latencies.length} probes (${failures} of them failed) ` +
          `(goal p99 < ${goalMs} ms: ${p99 < goalMs ? 'met' : 'MISSED'}); ${PAGE} p50 ${round(percentile(page.latencies, 50), 1)} ms, ` +
          `p99 ${round(pageP99, 1)} ms, max ${round(pageMax, 1)} ms over ${page.latencies.length} probes (${page.failures} failed)`,
      );
      const idleP99 = percentile(idle.latencies, 99);
      const idlePageP99 = percentile(idlePage.latencies, 99);
      progress(
        `pglite: with no import /healthz p99 ${round(idleP99, 1)} ms, ${PAGE} p99 ${round(idlePageP99, 1)} ms (load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')})`,
      );
      report({ name: 'pglite.healthz_p99_during_import_ms', value: p99, unit: 'ms', baseline: idleP99 });
      report({ name: 'pglite.healthz_max_during_import_ms', value: max, unit: 'ms' });
      report({ name: 'pglite.healthz_failures', value: failures, unit: 'requests' });
      report({ name: 'pglite.page_p99_during_import_ms', value: pageP99, unit: 'ms', baseline: idlePageP99 });
      report({ name: 'pglite.page_p50_during_import_ms', value: percentile(page.latencies, 50), unit: 'ms' });
      report({ name: 'pglite.page_max_during_import_ms', value: pageMax, unit: 'ms' });
      report({ name: 'pglite.page_failures', value: page.failures, unit: 'requests' });
      report({ name: 'pglite.import_rows_per_s', value: rows / seconds, unit: 'rows/s' });
      report({ name: 'pglite.server_event_loop_delay_p99_ms', value: serverDelay.p99, unit: 'ms' });
      report({ name: 'pglite.server_event_loop_delay_max_ms', value: serverDelay.max, unit: 'ms' });
    } finally {
      await server.stop();
    }
  },
};
