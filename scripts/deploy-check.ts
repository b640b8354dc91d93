// Tries docs/deploy/ for real, on loopback: `node scripts/deploy-check.ts` (after `npm run build`).
//
// 1. `systemd-analyze verify` on docs/deploy/osiedle.service (its paths pointed at this checkout),
//    where systemd-analyze exists.
// 2. The built server (dist/main.js) in production mode with TRUST_PROXY=true behind Caddy running
//    docs/deploy/Caddyfile with Caddy's own CA (`local_certs`, i.e. `tls internal`) on free ports:
//    the client's address reaches the app (and a forged X-Forwarded-For does not), the app builds
//    https:// links, and the session and CSRF cookies are `__Host-` and Secure; HSTS is sent.
// 3. SIGTERM: the server exits 0 within 5 s.
//
// Needs Caddy (Debian: `apt-get install caddy`); without it, it says so and exits 2 (a test that
// uses it then skips loudly). Prints one line per check and exits 1 if any failed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const deployDir = join(root, 'docs', 'deploy');
const DEMO_PASSWORD = 'Osiedle-demo-2026';
/** An address of the loopback network other than Caddy's and the app's 127.0.0.1. */
const CLIENT_ADDRESS = '127.0.0.2';

const results: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Process {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Process {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      output.push(...lines);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not ready in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTPS request to Caddy, trusting only Caddy's local CA, from CLIENT_ADDRESS. */
function https(
  url: string,
  ca: Buffer,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca, localAddress: CLIENT_ADDRESS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const setCookies = (answer: Answer) => [answer.headers['set-cookie'] ?? []].flat();
const cookiePairs = (cookies: string[]) => cookies.map((cookie) => cookie.split(';')[0]).join('; ');

function verifyUnit(workDir: string): Promise<void> | void {
  if (!hasCommand('systemd-analyze')) {
    console.log('skip systemd-analyze verify: systemd-analyze is not installed');
    return;
  }
  return (async () => {
    // The unit as it would be installed from this checkout: /opt/osiedle → here.
    const unit = (await readFile(join(deployDir, 'osiedle.service'), 'utf8')).replaceAll('/opt/osiedle', root);
    const path = join(workDir, 'osiedle.service');
    await writeFile(path, unit);
    const result = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
    // The `osiedle` user and /etc/osiedle exist only on a server; anything else is a mistake in the unit.
    const problems = `${result.stdout}${result.stderr}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !/osiedle\.env|user osiedle|User=/i.test(line));
    check('systemd-analyze verify osiedle.service', problems.length === 0, problems.join(' | '));
    const security = spawnSync('systemd-analyze', ['security', '--offline=true', path], { encoding: 'utf8' });
    const exposure = Number(/Overall exposure level for \S+: ([\d.]+)/.exec(security.stdout)?.[1]);
    if (!Number.isNaN(exposure)) check('systemd-analyze security: exposure at most 2.0', exposure <= 2, `${exposure}`);
  })();
}

async function main(): Promise<number> {
  if (!hasCommand('caddy')) {
    console.log('SKIPPED: Caddy is not installed (Debian: apt-get install caddy); nothing was checked.');
    return 2;
  }
  if (!existsSync(join(root, 'dist', 'main.js'))) {
    console.log('dist/main.js is missing: run `npm run build` first.');
    return 1;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'osiedle-deploy-'));
  const running: Process[] = [];
  try {
    await verifyUnit(workDir);

    // A database with the demo cooperative (production never loads it), answering for "localhost".
    const dataDir = join(workDir, 'data');
    const demoPort = await freePort();
    const demo = start(process.execPath, ['dist/main.js'], {
      NODE_ENV: 'development',
      PORT: String(demoPort),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    });
    await waitFor('demo load', async () => (await fetch(`http://127.0.0.1:${demoPort}/readyz`)).ok);
    demo.child.kill('SIGTERM');
    await demo.exited;
    const { openDatabase } = (await import(
      join(root, 'dist', 'db', 'client.js')
    )) as typeof import('../src/db/client.ts');
    const database = await openDatabase({ dataDir });
    await database.pglite?.query(`update organizations set hostname = 'localhost'`);
    await database.close();

    const metricsToken = randomBytes(24).toString('hex');
    const appPort = await freePort();
    const httpsPort = await freePort();
    const site = `https://localhost:${httpsPort}`;
    const app = start(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(appPort),
      PUBLIC_URL: site,
      TRUST_PROXY: 'true',
      SESSION_SECRET: randomBytes(32).toString('base64'),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      METRICS_TOKEN: metricsToken,
    });
    running.push(app);

    // The documented Caddyfile, behind test-only global options: no admin endpoint, Caddy's own
    // CA for every site (`tls internal`) without touching the system trust store, free ports.
    const caddyfile = join(workDir, 'Caddyfile');
    await writeFile(
      caddyfile,
      `{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n\thttp_port ${await freePort()}\n\thttps_port ${httpsPort}\n\tstorage file_system ${join(workDir, 'caddy')}\n}\n\nimport ${join(deployDir, 'Caddyfile')}\n`,
    );
    const caddy = start('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
      OSIEDLE_SITE: site,
      OSIEDLE_UPSTREAM: `127.0.0.1:${appPort}`,
      HOME: workDir,
      XDG_DATA_HOME: join(workDir, 'xdg-data'),
      XDG_CONFIG_HOME: join(workDir, 'xdg-config'),
    });
    running.push(caddy);
    const caFile = join(workDir, 'caddy', 'pki', 'authorities', 'local', 'root.crt');
    await waitFor('caddy', async () => existsSync(caFile));
    const ca = await readFile(caFile);
    await waitFor('app through caddy', async () => (await https(`${site}/readyz`, ca)).status === 200);

    // The client's own address reaches the app, not Caddy's and not one the client made up.
    const probe = randomBytes(6).toString('hex');
    const home = await https(`${site}/?probe=${probe}`, ca, { headers: { 'x-forwarded-for': '203.0.113.66' } });
    check('home page through Caddy', home.status === 200, `status ${home.status}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logged = app.output
      .map((line) => {
        try {
          return JSON.parse(line) as { msg?: string; req?: { url?: string; remoteAddress?: string } };
        } catch {
          return {};
        }
      })
      .find((entry) => entry.msg === 'incoming request' && entry.req?.url?.includes(probe));
    check(
      'TRUST_PROXY: request.ip is the client behind Caddy',
      logged?.req?.remoteAddress === CLIENT_ADDRESS,
      `logged ${logged?.req?.remoteAddress} for a client at ${CLIENT_ADDRESS} that claimed 203.0.113.66`,
    );
    const ogUrl = /<meta property="og:url" content="([^"]+)"/.exec(home.body)?.[1];
    check(
      'TRUST_PROXY: links the app builds are https',
      ogUrl?.startsWith('https://localhost/') === true,
      `og:url ${ogUrl}`,
    );
    const hsts = String(home.headers['strict-transport-security'] ?? '');
    check('HSTS through Caddy', hsts.includes('max-age='), hsts);

    // /metrics (here on the main port, behind METRICS_TOKEN) answers Prometheus on the machine only.
    const bearer = { authorization: `Bearer ${metricsToken}` };
    const direct = await fetch(`http://127.0.0.1:${appPort}/metrics`, { headers: bearer });
    const proxied = await https(`${site}/metrics`, ca, { headers: bearer });
    check(
      'metrics: served on the machine, not through Caddy',
      direct.status === 200 && proxied.status === 404,
      `direct ${direct.status}, through Caddy ${proxied.status}`,
    );

    // Sign in as a demo member: the session cookie must be __Host- and Secure.
    const form = await https(`${site}/ebok`, ca);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const csrfCookies = setCookies(form);
    check(
      'CSRF cookie is __Host- and Secure',
      csrfCookies.some((cookie) => cookie.startsWith('__Host-osiedle-csrf=') && /;\s*Secure/i.test(cookie)),
      csrfCookies.map((cookie) => cookie.split(';').slice(1).join(';')).join(' | '),
    );
    const signIn = await https(`${site}/ebok/logowanie`, ca, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookiePairs(csrfCookies),
        origin: site,
      },
      body: new URLSearchParams({ _csrf: csrf, login: 'mieszkaniec1', haslo: DEMO_PASSWORD }).toString(),
    });
    const session = setCookies(signIn).find((cookie) => cookie.startsWith('__Host-osiedle-sesja='));
    check('sign-in through Caddy', signIn.status === 303, `status ${signIn.status} → ${signIn.headers.location}`);
    check(
      'session cookie is __Host-, Secure, HttpOnly, Path=/, no Domain',
      session !== undefined &&
        /;\s*Secure/i.test(session) &&
        /;\s*HttpOnly/i.test(session) &&
        /;\s*Path=\//i.test(session) &&
        !/;\s*Domain=/i.test(session),
      session ? session.split(';').slice(1).join(';') : 'no __Host-osiedle-sesja cookie',
    );
    const account = await https(`${site}/ebok`, ca, { headers: { cookie: cookiePairs(setCookies(signIn)) } });
    check(
      'signed in over https',
      account.status === 200 && account.body.includes('Wyloguj'),
      `status ${account.status}`,
    );

    const stopped = performance.now();
    app.child.kill('SIGTERM');
    const code = await app.exited;
    const seconds = (performance.now() - stopped) / 1000;
    running.splice(running.indexOf(app), 1);
    check('SIGTERM: exit 0 within 5 s', code === 0 && seconds < 5, `exit ${code} after ${seconds.toFixed(2)} s`);
    const errors = app.output.filter((line) => /"level":(5|6)\d/.test(line));
    check('no error-level log line', errors.length === 0, errors.join(' | '));
  } catch (error) {
    check('deploy check ran to the end', false, String(error));
  } finally {
    for (const process of running) {
      process.child.kill('SIGTERM');
      await process.exited;
    }
    await rm(workDir, { recursive: true, force: true });
  }
  const failed = results.filter((result) => !result.ok);
  console.log(
    failed.length ? `\n${failed.length} of ${results.length} checks failed` : `\nall ${results.length} checks passed`,
  );
  return failed.length ? 1 : 0;
}

process.exit(await main());
