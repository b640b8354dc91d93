import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { Benchmark } from '../lib/benchmark.ts';
import { describeLoad, type Load } from '../lib/load.ts';
import { progress, report, round } from '../lib/report.ts';
import { type Server, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber, type Settings } from '../lib/settings.ts';
import { percentile } from '../lib/stats.ts';

/** The demo members (no second factor, so one POST signs them in fully) and their password. */
const members = ['mieszkaniec1', 'mieszkaniec2', 'mieszkaniec3'] as const;
const DEMO_PASSWORD = 'Osiedle-demo-2026';
/** The sign-in route's limit per client address (src/features/accounts/routes/sign-in.tsx). */
const SIGNIN_LIMIT_PER_ADDRESS = 20;

/**
 * Sign-in: what one argon2id verification (m=47104 KiB, t=1, p=1) per sign-in costs on this
 * machine's cores, and what a signed-in page (session resolved from the database on every request)
 * costs against the same page served to the public.
 *
 * The sign-in route is rate-limited per client address, so the server runs with TRUST_PROXY=true
 * and every request carries its own `X-Forwarded-For` address; the benchmark first checks that
 * the server really keys the limit (and records sessions) by that address.
 *
 * Environment: BENCH_SIGNIN_CONCURRENCY (concurrent sign-ins, default 4) besides the shared
 * BENCH_DURATION, BENCH_WARMUP and BENCH_CONNECTIONS (the page comparison).
 */
export const signin: Benchmark = {
  name: 'signin',
  description: 'sign-ins/s (argon2id) with p50/p99 of the POST, and GET /ebok signed in vs public (PGlite)',
  async run(settings) {
    progress(
      `signin: ${availableParallelism()} cores (server and load generator share them); ` +
        `load average before: ${loadAverage()}`,
    );
    const server = await startTrustingProxy();
    try {
      await waitForStatus(server, '/readyz', { timeoutMs: 120_000 });
      const client = new Client(server.url);
      await checkForwardedAddress(client);
      await measureSignIns(client, settings);
      await measurePage(client, settings);
    } finally {
      await server.stop();
    }
    progress(`signin: load average after: ${loadAverage()} (other work on the machine skews every figure)`);
  },
};

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** startServer passes this process's environment on; TRUST_PROXY is set only for this spawn. */
async function startTrustingProxy(): Promise<Server> {
  const previous = process.env.TRUST_PROXY;
  process.env.TRUST_PROXY = 'true';
  try {
    return await startServer();
  } finally {
    if (previous === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previous;
  }
}

/** A new client address per request: 10.0.0.1, 10.0.0.2, … (16 million before it wraps). */
class Addresses {
  private next = 1;
  take(): string {
    const n = ((this.next++ - 1) % 0xfffffe) + 1;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }
}

interface Answer {
  status: number;
  location: string | null;
  body: string;
  /** name → value of every Set-Cookie. */
  cookies: Map<string, string>;
  ms: number;
}

/** Plain fetch, no redirects followed, with an explicit client address and cookies. */
class Client {
  readonly addresses = new Addresses();
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    { address, cookies, form }: { address: string; cookies?: Map<string, string>; form?: Record<string, string> },
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'x-forwarded-for': address };
    if (cookies && cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    const ms = performance.now() - started;
    const set = new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) set.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return { status: response.status, location: response.headers.get('location'), body: text, cookies: set, ms };
  }

  /** GET /ebok as a new visitor: the CSRF cookie and the form's token. */
  async openSignInPage(address: string): Promise<{ cookies: Map<string, string>; csrf: string }> {
    const page = await this.request('GET', '/ebok', { address });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (page.status !== 200 || !csrf || !page.cookies.has('osiedle-csrf')) {
      throw new Error(`GET /ebok gave no sign-in form (status ${page.status}, csrf ${csrf ? 'found' : 'missing'})`);
    }
    return { cookies: page.cookies, csrf };
  }

  /** One sign-in the way a browser does it: the page, then the form's POST. */
  async signIn(login: string): Promise<{ answer: Answer; cookies: Map<string, string>; address: string }> {
    const { cookies, csrf } = await this.openSignInPage(this.addresses.take());
    const address = this.addresses.take();
    const answer = await this.request('POST', '/ebok/logowanie', {
      address,
      cookies,
      form: { _csrf: csrf, login, haslo: DEMO_PASSWORD },
    });
    for (const [name, value] of answer.cookies) cookies.set(name, value);
    return { answer, cookies, address };
  }
}

function assertSignedIn(login: string, answer: Answer): void {
  if (answer.status !== 303 || answer.location !== '/ebok') {
    const excerpt = answer.body.replace(/\s+/g, ' ').slice(0, 200);
    throw new Error(
      `sign-in of ${login} answered ${answer.status} → ${answer.location ?? '(no location)'}, not 303 → /ebok: ${excerpt}`,
    );
  }
}

/**
 * Proves that the server takes the client address from X-Forwarded-For: one address runs into the
 * sign-in limit while the next address is still let through, and a session records its address.
 * Cheap: the posts have an empty password, refused before any hashing (the limit counts them).
 */
async function checkForwardedAddress(client: Client): Promise<void> {
  const { cookies, csrf } = await client.openSignInPage(client.addresses.take());
  const form = { _csrf: csrf, login: 'nikt', haslo: '' };
  const address = client.addresses.take();
  const statuses: number[] = [];
  for (let i = 0; i <= SIGNIN_LIMIT_PER_ADDRESS; i++) {
    statuses.push((await client.request('POST', '/ebok/logowanie', { address, cookies, form })).status);
  }
  const limited = statuses.at(-1);
  const before = statuses.slice(0, -1);
  const other = await client.request('POST', '/ebok/logowanie', { address: client.addresses.take(), cookies, form });
  if (before.some((status) => status !== 400) || limited !== 429 || other.status !== 400) {
    throw new Error(
      `X-Forwarded-For is not the rate limit's key: ${SIGNIN_LIMIT_PER_ADDRESS + 1} posts from ${address} answered ` +
        `${statuses.join(',')} (expected 400 × ${SIGNIN_LIMIT_PER_ADDRESS}, then 429), another address ${other.status}. ` +
        'Is TRUST_PROXY=true reaching the server?',
    );
  }

  const signedIn = await client.signIn(members[0]);
  assertSignedIn(members[0], signedIn.answer);
  const sessions = await client.request('GET', '/ebok/konto/sesje', {
    address: client.addresses.take(),
    cookies: signedIn.cookies,
  });
  if (sessions.status !== 200 || !sessions.body.includes(`<td>${signedIn.address}</td>`)) {
    throw new Error(
      `the new session does not record the forwarded address ${signedIn.address} (sessions page: ${sessions.status})`,
    );
  }
  progress(
    `  X-Forwarded-For is the client address: ${address} got 429 at post ${SIGNIN_LIMIT_PER_ADDRESS + 1}, ` +
      `another address 400; a sign-in from ${signedIn.address} records that address in its session`,
  );
}

interface SignInRun {
  count: number;
  seconds: number;
  postMs: number[];
  pairMs: number[];
}

/** `concurrency` loops of sign-ins for `seconds`; any answer other than 303 → /ebok fails the run. */
async function signInFor(client: Client, seconds: number, concurrency: number): Promise<SignInRun> {
  const postMs: number[] = [];
  const pairMs: number[] = [];
  let turn = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const login = members[turn++ % members.length] ?? members[0];
      const pairStarted = performance.now();
      const { answer } = await client.signIn(login);
      assertSignedIn(login, answer);
      postMs.push(answer.ms);
      pairMs.push(performance.now() - pairStarted);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { count: postMs.length, seconds: (performance.now() - started) / 1000, postMs, pairMs };
}

async function measureSignIns(client: Client, settings: Settings): Promise<void> {
  // More sign-ins in flight than cores, so argon2 always has work queued.
  const concurrency = Math.round(positiveNumber(process.env, 'BENCH_SIGNIN_CONCURRENCY', 4));
  progress(
    `  sign-ins: ${concurrency} concurrent, warm-up ${settings.warmupSeconds} s, ` +
      `then ${settings.durationSeconds} s (each: GET /ebok, POST /ebok/logowanie → 303 /ebok)`,
  );
  await signInFor(client, settings.warmupSeconds, concurrency);
  const run = await signInFor(client, settings.durationSeconds, concurrency);
  const perSecond = run.count / run.seconds;
  const p50 = percentile(run.postMs, 50);
  const p99 = percentile(run.postMs, 99);
  progress(
    `  ${run.count} sign-ins in ${round(run.seconds, 2)} s: ${round(perSecond, 2)}/s; POST p50 ${round(p50, 1)} ms, ` +
      `p99 ${round(p99, 1)} ms; GET+POST p50 ${round(percentile(run.pairMs, 50), 1)} ms, ` +
      `p99 ${round(percentile(run.pairMs, 99), 1)} ms`,
  );
  report({ name: 'signin.per_second', value: perSecond, unit: 'sign-ins/s' });
  report({ name: 'signin.p50_ms', value: p50, unit: 'ms' });
  report({ name: 'signin.p99_ms', value: p99, unit: 'ms' });
}

/** autocannon on one URL with extra headers; fails on any error or non-2xx answer (as runLoad does). */
async function load(url: string, seconds: number, connections: number, headers: Record<string, string>): Promise<Load> {
  const instance = autocannon({ url, connections, duration: seconds, pipelining: 1, headers });
  const latencies: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
    latencies.push(milliseconds);
  });
  const result = await instance;
  const problems = [
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} timeouts` : '',
    result.resets ? `${result.resets} resets` : '',
    result.non2xx ? `${result.non2xx} non-2xx answers` : '',
    result['2xx'] === 0 ? 'no successful answers' : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(
      `load on ${url} failed: ${problems.join(', ')}; status codes ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
  return { rps: result.requests.average, p50: percentile(latencies, 50), p99: percentile(latencies, 99), result };
}

/** The member dashboard for this cookie, or a failure: an expired session silently gets the public page. */
async function assertDashboard(client: Client, cookie: string, when: string): Promise<void> {
  const page = await fetch(`${client.baseUrl}/ebok`, { headers: { cookie }, redirect: 'manual' });
  const body = await page.text();
  if (page.status !== 200 || !body.includes('Dzień dobry,')) {
    throw new Error(`${when}: GET /ebok with the session cookie is not the member dashboard (status ${page.status})`);
  }
}

async function measurePage(client: Client, settings: Settings): Promise<void> {
  const { answer, cookies } = await client.signIn(members[0]);
  assertSignedIn(members[0], answer);
  const session = cookies.get('osiedle-sesja');
  if (!session) throw new Error('the sign-in set no osiedle-sesja cookie');
  // The CSRF cookie too, as a browser sends it; only the session decides which page it is.
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  await assertDashboard(client, cookie, 'before');

  const url = `${client.baseUrl}/ebok`;
  const { connections, durationSeconds, warmupSeconds } = settings;
  progress(
    `  GET /ebok signed in vs public: ${connections} connections, warm-up ${warmupSeconds} s each, ${durationSeconds} s each`,
  );
  await load(url, warmupSeconds, connections, {});
  await load(url, warmupSeconds, connections, { cookie });
  const publicPage = await load(url, durationSeconds, connections, {});
  progress(`  /ebok public: ${describeLoad(publicPage)}`);
  const signedIn = await load(url, durationSeconds, connections, { cookie });
  progress(`  /ebok signed in: ${describeLoad(signedIn)}`);
  await assertDashboard(client, cookie, 'after');

  report({ name: 'signin.page_vs_public', value: signedIn.rps, unit: 'req/s', baseline: publicPage.rps });
  report({ name: 'signin.page_p50_ms', value: signedIn.p50, unit: 'ms', baseline: publicPage.p50 });
  report({ name: 'signin.page_p99_ms', value: signedIn.p99, unit: 'ms', baseline: publicPage.p99 });
}
