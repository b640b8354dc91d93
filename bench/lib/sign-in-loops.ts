/**
 * Members signing in over and over against a running server, for the failover benchmark: each
 * round as a browser does it (the sign-in page, the POST, the signed-in dashboard), counting
 * every answer, the sign-ins acknowledged (303) and when the app served again after a kill.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The demo's members (no second factor) and their password. */
const MEMBERS = ['mieszkaniec1', 'mieszkaniec2', 'mieszkaniec3'] as const;
const DEMO_PASSWORD = 'Osiedle-demo-2026';
/** No request may take longer than this; one that does counts as a hang. */
const REQUEST_TIMEOUT_MS = 60_000;

interface Attempt {
  startedAt: number;
  ms: number;
  status: number | string;
}

export interface SignInLoops {
  /** Client addresses of sign-ins answered 303 (each a session and an audit row). */
  acknowledged: string[];
  killedAt: number | undefined;
  firstRound(): Promise<void>;
  /** performance.now() at the end of the first whole round started after the kill. */
  recovered(timeoutMs: number): Promise<number>;
  duringSwitch(until: number): { failed: number; statuses: Record<string, number>; slowestMs: number };
  stop(): Promise<void>;
}

/**
 * `concurrency` members signing in over and over, each round the way a browser does it: the
 * sign-in page, the POST (a new X-Forwarded-For address each time, as TRUST_PROXY is on), the
 * signed-in dashboard. Failures are counted and the loop goes on after a short pause.
 */
export function startSignIns(baseUrl: string, concurrency: number): SignInLoops {
  let stopped = false;
  let next = 1;
  const attempts: Attempt[] = [];
  let signedInOnce = false;
  let recoveredAt: number | undefined;
  const loops: SignInLoops = {
    acknowledged: [],
    killedAt: undefined,
    async firstRound() {
      const deadline = performance.now() + 120_000;
      while (!signedInOnce) {
        if (performance.now() > deadline) {
          throw new Error(`no member could sign in within 120 s (last answers: ${JSON.stringify(attempts.slice(-3))})`);
        }
        await sleep(50);
      }
    },
    async recovered(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (recoveredAt === undefined) {
        if (performance.now() > deadline) throw new Error(`no signed-in page within ${timeoutMs / 1000} s of the kill`);
        await sleep(50);
      }
      return recoveredAt;
    },
    duringSwitch(until) {
      const from = loops.killedAt ?? 0;
      const during = attempts.filter((a) => a.startedAt >= from && a.startedAt <= until);
      const statuses: Record<string, number> = {};
      for (const a of during) statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
      const failed = during.filter((a) => typeof a.status !== 'number' || a.status >= 500).length;
      // Also a request that started before the kill and was still waiting when it came.
      const slowestMs = Math.max(0, ...attempts.filter((a) => a.startedAt + a.ms >= from).map((a) => a.ms));
      return { failed, statuses, slowestMs };
    },
    async stop() {
      stopped = true;
      await running;
    },
  };

  const request = async (
    method: 'GET' | 'POST',
    path: string,
    cookies: Map<string, string>,
    address: string,
    form?: Record<string, string>,
  ) => {
    const startedAt = performance.now();
    const headers: Record<string, string> = { 'x-forwarded-for': address };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: form ? new URLSearchParams(form).toString() : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await response.text();
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';', 1)[0] ?? '';
        const at = pair.indexOf('=');
        if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
      attempts.push({ startedAt, ms: performance.now() - startedAt, status: response.status });
      return { status: response.status, location: response.headers.get('location'), body };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'error';
      attempts.push({ startedAt, ms: performance.now() - startedAt, status: name });
      return { status: 0, location: null, body: '' };
    }
  };

  const address = () => {
    const n = next++;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };

  const signInRound = async (login: string): Promise<boolean> => {
    const startedAt = performance.now();
    const cookies = new Map<string, string>();
    const page = await request('GET', '/ebok', cookies, address());
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (page.status !== 200 || !csrf) return false;
    const from = address();
    const signIn = await request('POST', '/ebok/logowanie', cookies, from, {
      _csrf: csrf,
      login,
      haslo: DEMO_PASSWORD,
    });
    if (signIn.status !== 303 || signIn.location !== '/ebok') return false;
    loops.acknowledged.push(from);
    const dashboard = await request('GET', '/ebok', cookies, address());
    if (dashboard.status !== 200 || !dashboard.body.includes('Dzień dobry,')) return false;
    if (loops.killedAt !== undefined && startedAt > loops.killedAt && recoveredAt === undefined) {
      recoveredAt = performance.now();
    }
    return true;
  };

  const loop = async (index: number) => {
    for (let turn = index; !stopped; turn += concurrency) {
      const ok = await signInRound(MEMBERS[turn % MEMBERS.length] ?? MEMBERS[0]);
      if (ok) signedInOnce = true;
      else await sleep(200);
    }
  };
  const running = Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  return loops;
}
