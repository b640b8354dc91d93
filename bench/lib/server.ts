import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SEMI_SPACE_FLAG } from '../../src/service/heap.ts';
import { progress } from './report.ts';

/**
 * The server under test runs as a child process (`node dist/main.js`), the way it runs in
 * production, so the load generator in this process never shares its event loop.
 */

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Server {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The node process itself (spawned directly, not through npm), so /proc/<pid> is the server. */
  pid: number;
  /** `performance.now()` just before the spawn. */
  spawnedAt: number;
  /** How the process ended, once it has. */
  exit(): Exit | undefined;
  /** SIGTERM (graceful), SIGKILL if it hangs, then removes its PGlite directory. */
  stop(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  tempDir: string | undefined;
  stop(): Promise<void>;
}

const running = new Set<Running>();

/**
 * Starts `node dist/main.js` on a free port: with `databaseUrl` against that PostgreSQL server,
 * with `dataDir` on a PGlite directory the benchmark prepared (left in place), otherwise on
 * PGlite in a new, empty directory under the system temp dir; `env` adds or overrides variables.
 * Does not wait for readiness (see `waitForStatus`).
 */
export async function startServer(
  options: {
    databaseUrl?: string | undefined;
    dataDir?: string | undefined;
    /** More variables for the server (e.g. SMTP_URL), set last. */
    env?: Record<string, string>;
    /** Receives every line the server writes to stdout (instead of the progress output). */
    onStdoutLine?: (line: string) => void;
  } = {},
): Promise<Server> {
  const port = await freePort();
  const tempDir = options.databaseUrl || options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'osiedle-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  // Development mode: production refuses the demo data that the home page needs.
  env.NODE_ENV = 'development';
  env.LOAD_DEMO = 'true';
  delete env.PUBLIC_URL;
  // Never let the PGlite server inherit the PostgreSQL URL the bench itself was given.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else if (options.dataDir) env.DATA_DIR = options.dataDir;
  else if (tempDir) env.DATA_DIR = join(tempDir, 'data');
  Object.assign(env, options.env);

  const spawnedAt = performance.now();
  // The young generation's cap that `npm start` and the systemd unit pass (src/service/heap.ts).
  // BENCH_SERVER_NODE_ARGS adds flags to the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // to profile it under a benchmark's load (NODE_OPTIONS does not take --cpu-prof).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [SEMI_SPACE_FLAG, ...extra, 'dist/main.js'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exitInfo: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    const settle = (exit: Exit) => {
      exitInfo ??= exit;
      resolve(exitInfo);
    };
    child.once('exit', (code, signal) => settle({ code, signal }));
    child.once('error', (error) => {
      progress(`server process error: ${error.message}`);
      settle({ code: -1, signal: null });
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`could not spawn ${process.execPath} dist/main.js`);
  }
  // The server's own output (start-up banner, warnings, errors) goes to stderr, tagged.
  const echo = (line: string) => progress(`  [server ${pid}] ${line}`);
  if (child.stdout) createInterface({ input: child.stdout }).on('line', options.onStdoutLine ?? echo);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', echo);

  const entry: Running = {
    child,
    tempDir,
    async stop() {
      if (!exitInfo) {
        child.kill('SIGTERM');
        // close-with-grace in the server allows 4.5 s; past that it is stuck.
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      running.delete(entry);
      if (tempDir) await rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  running.add(entry);

  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    spawnedAt,
    exit: () => exitInfo,
    stop: () => entry.stop(),
  };
}

/** Stops every server still running (graceful). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((entry) => entry.stop()));
}

/** Last resort on exit or a signal: must be synchronous, so SIGKILL and rmSync. */
export function killAllServersNow(): void {
  for (const entry of running) {
    entry.child.kill('SIGKILL');
    if (entry.tempDir) rmSync(entry.tempDir, { recursive: true, force: true });
  }
  running.clear();
}

/**
 * Asks the OS for an unused port (listen on 0) and releases it for the server.
 * Another process could take it in between; the server would then fail loudly with EADDRINUSE.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/**
 * Polls `path` every `intervalMs` until it answers `status` (body read to the end) and returns
 * `performance.now()` at that moment. Fails if the server exits or `timeoutMs` passes.
 */
export async function waitForStatus(
  server: Server,
  path: string,
  { status = 200, intervalMs = 50, timeoutMs = 60_000 } = {},
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last: number | undefined;
  for (;;) {
    const exit = server.exit();
    if (exit) {
      throw new Error(`server exited (code ${exit.code}, signal ${exit.signal}) before ${path} answered ${status}`);
    }
    last = await httpStatus(`${server.url}${path}`, 2_000);
    if (last === status) return performance.now();
    if (performance.now() > deadline) {
      throw new Error(`${path} did not answer ${status} within ${timeoutMs} ms (last: ${last ?? 'no answer'})`);
    }
    await sleep(intervalMs);
  }
}

/**
 * One GET on a fresh connection (no keep-alive agent: like a first visitor, and no idle socket
 * that holds the server's shutdown open); resolves to the status, or undefined if nothing answered.
 */
export function httpStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
      response.once('error', () => resolve(undefined));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(undefined));
  });
}

/** Resident memory of a process in MiB, from /proc (Linux); undefined where that is not available. */
export function rssMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
