import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { totpCode } from '../../src/features/accounts/totp.ts';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Everything the server printed, for assertions on its console. */
  output: () => string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the built server (dist/main.js) on a free port with a fresh PGlite directory and the demo.
 * With `dataDir` it starts on that directory (another run's data), which `stop` then keeps; with
 * `clockShiftDays` the server's clock runs that many days ahead (test/e2e/shifted-clock.ts).
 */
export async function startServer(
  env: Record<string, string> = {},
  { dataDir: givenDataDir, clockShiftDays = 0 }: { dataDir?: string; clockShiftDays?: number } = {},
): Promise<RunningServer & { stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = givenDataDir ?? (await mkdtemp(join(tmpdir(), 'osiedle-e2e-')));
  const preload = clockShiftDays ? ['--import', './test/e2e/shifted-clock.ts'] : [];
  const child = spawn(process.execPath, [...preload, 'dist/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: '',
      E2E_CLOCK_SHIFT_MS: String(clockShiftDays * 86_400_000),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!givenDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo staff's TOTP secret (src/demo). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

/**
 * Enters the current TOTP code on the two-step page. A code is accepted once (replay
 * protection), and a worker's tests share one server, so when an earlier test of the worker used
 * this 30-second window's code already, it waits for the next window and enters that one.
 */
export async function enterTotp(page: Page, secret = DEMO_TOTP_SECRET): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel('Kod weryfikacyjny').fill(await totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Potwierdź' }).click();
    await page.waitForLoadState();
    if (!(await page.getByLabel('Kod weryfikacyjny').isVisible())) return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 1_000);
  }
}

/** One server per worker, shared by that worker's tests; `baseURL` points at it. */
export const test = base.extend<object, { server: RunningServer }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect } from '@playwright/test';
