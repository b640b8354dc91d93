// docs/deploy/ tried for real: scripts/deploy-check.ts runs the built server in production mode
// behind Caddy (docs/deploy/Caddyfile, `tls internal` on loopback) and checks the unit file. Without
// Caddy it is skipped, loudly (.ci/run installs it).
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

test('the deployment files work: Caddy with TLS in front, TRUST_PROXY, secure cookies, a clean stop', async () => {
  test.setTimeout(240_000);
  const caddy = spawnSync('sh', ['-c', 'command -v caddy'], { stdio: 'ignore' }).status === 0;
  if (!caddy) console.warn('\n!!! deploy check SKIPPED: Caddy is not installed (apt-get install caddy) !!!\n');
  test.skip(!caddy, 'Caddy is not installed (apt-get install caddy)');
  const run = spawnSync(process.execPath, ['scripts/deploy-check.ts'], { encoding: 'utf8', timeout: 230_000 });
  console.log(run.stdout);
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
});
