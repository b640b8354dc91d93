// Stopping like a service: the built server (dist/main.js) gets SIGTERM at the awkward moments —
// while its modules load, while it connects and migrates, in the middle of the demo load, and
// while requests are running — and must exit 0 within 5 s without an error-level log line. No
// browser: these tests drive the process itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from './fixtures.ts';

// A hang guard, not the goal: tests never assert on time (DESIGN §5). The 5 s goal of issue 21 is
// printed by each test ("stopped in … s") and measured on a quiet machine; on a loaded one, PGlite
// creating a new database (2–3.5 s, not interruptible) can push a stop right after start past it.
const STOP_LIMIT_MS = 15_000;

interface Server {
  url: string;
  child: ChildProcess;
  lines: string[];
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<void>;
  waitForReady(timeoutMs?: number): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code and the seconds it took. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null; seconds: number }>;
}

async function spawnServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: '',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const collect = (stream: NodeJS.ReadableStream | null, name: string) => {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(`${name}: ${line}`);
        for (const waiter of waiters.filter((w) => w.pattern.test(line))) waiter.resolve();
      }
    });
  };
  collect(child.stdout, 'stdout');
  collect(child.stderr, 'stderr');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    lines,
    waitForLine: (pattern, timeoutMs = 90_000) =>
      new Promise<void>((resolve, reject) => {
        if (lines.some((line) => pattern.test(line))) return resolve();
        const timer = setTimeout(() => reject(new Error(`no line ${pattern} in:\n${lines.join('\n')}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    async waitForReady(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${lines.join('\n')}`);
        const response = await fetch(`${url}/readyz`).catch(() => undefined);
        if (response?.ok) return;
        if (Date.now() > deadline) throw new Error(`not ready in time:\n${lines.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async terminate() {
      const started = performance.now();
      child.kill('SIGTERM');
      const result = await exited;
      return { ...result, seconds: (performance.now() - started) / 1000 };
    },
  };
}

/** Lines at pino's error level (50) or above, and anything on stderr that is not a log line. */
function errorLines(lines: string[]): string[] {
  return lines.filter((line) => {
    const [stream, ...rest] = line.split(': ');
    const text = rest.join(': ');
    try {
      return ((JSON.parse(text) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return stream === 'stderr' && text.trim() !== '';
    }
  });
}

function expectCleanStop(server: Server, stop: { code: number | null; seconds: number }) {
  const report = `${stop.seconds.toFixed(2)} s, exit ${stop.code}:\n${server.lines.join('\n')}`;
  expect(stop.code, report).toBe(0);
  expect(stop.seconds * 1000, report).toBeLessThan(STOP_LIMIT_MS);
  expect(errorLines(server.lines), report).toEqual([]);
  console.log(`stopped in ${stop.seconds.toFixed(2)} s`);
}

let dataDir: string;
test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'osiedle-shutdown-'));
});
test.afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('SIGTERM half a second after spawn, while the modules load: exit 0 at once', async () => {
  const server = await spawnServer(dataDir);
  // Node's own start takes tens of milliseconds (a SIGTERM then kills it, as it kills any
  // process); loading the server's modules takes a second or more, and main.ts catches signals first.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expectCleanStop(server, await server.terminate());
  expect(server.lines.join('\n')).not.toContain('Osiedle is ready');
});

test('SIGTERM right after start (connecting, migrating): exit 0 within 5 s, and the next start works', async () => {
  const server = await spawnServer(dataDir);
  await server.waitForLine(/Server listening/);
  expectCleanStop(server, await server.terminate());

  const again = await spawnServer(dataDir);
  await again.waitForReady();
  expectCleanStop(again, await again.terminate());
});

test('SIGTERM during the demo load: rolled back, exit 0 within 5 s, and the next start loads the demo', async () => {
  const server = await spawnServer(dataDir);
  await server.waitForLine(/"msg":"database migrated"/);
  expectCleanStop(server, await server.terminate());
  expect(server.lines.join('\n')).not.toContain('Osiedle is ready');

  const again = await spawnServer(dataDir);
  await again.waitForReady();
  expect(again.lines.join('\n')).toContain('Wczytano dane demonstracyjne');
  const home = await fetch(`${again.url}/`);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('Paderewskiego');
  expectCleanStop(again, await again.terminate());
});

test('SIGTERM twice while requests run: they finish, exit 0 within 5 s', async () => {
  const server = await spawnServer(dataDir);
  await server.waitForReady();
  const paths = ['/', '/aktualnosci', '/szukaj?q=statut', '/kontakt', '/panel', '/healthz'];
  const statuses: number[] = [];
  let stopping = false;
  const load = async (offset: number) => {
    for (let i = offset; !stopping || i < offset + 3; i++) {
      const response = await fetch(`${server.url}${paths[i % paths.length]}`).catch(() => undefined);
      if (!response) return; // the server no longer accepts connections
      statuses.push(response.status);
      await response.arrayBuffer();
    }
  };
  const clients = Array.from({ length: 8 }, (_, i) => load(i));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  stopping = true;
  const stop = server.terminate();
  // A second SIGTERM as soon as the first is seen changes nothing (a second Ctrl-C would exit 130).
  await server.waitForLine(/"msg":"shutting down"/, 5000);
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  expectCleanStop(server, await stop);
  await Promise.all(clients);
  expect(statuses.length).toBeGreaterThan(0);
  // Every request answered was answered properly: pages, or 503 while closing; never a 500.
  expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
});
