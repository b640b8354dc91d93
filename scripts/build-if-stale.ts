// `npm start` and `npm run cli` run this first: it builds (npm run build) unless dist/ and
// public/js/ were built from exactly the sources there are now. The fingerprint covers the path,
// size and modification time of every source file and of the build's own inputs (scripts,
// package files, tsconfig); a fresh clone has no fingerprint, so it always builds. `npm run build`
// runs it with --force: it always builds, and leaves the fingerprint for the next start.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stampFile = join(root, 'dist', '.build-fingerprint');
const outputs = [join(root, 'dist', 'main.js'), join(root, 'dist', 'cli.js'), join(root, 'public', 'js')];
const inputs = [
  'scripts/build-client.ts',
  'scripts/build-server.ts',
  'scripts/prepare-migrated-seed.ts',
  'scripts/prepare-demo-seed.ts',
  'scripts/build-if-stale.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.client.json',
];

function fingerprint(): string {
  const hash = createHash('sha256');
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .map((name) => join('src', name))
    .concat(inputs)
    .sort();
  for (const file of files) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (!stat.isFile()) continue;
    hash.update(`${file}\u0000${stat.size}\u0000${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const current = fingerprint();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : undefined;
const force = process.argv.includes('--force');
if (!force && built === current && outputs.every((path) => existsSync(path))) {
  process.exit(0);
}
const result = spawnSync(process.execPath, ['scripts/build-client.ts'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const server = spawnSync(process.execPath, ['scripts/build-server.ts'], { cwd: root, stdio: 'inherit' });
if (server.status !== 0) process.exit(server.status ?? 1);
// A migrated empty cluster for new PGlite directories (never fails the build).
spawnSync(process.execPath, ['scripts/prepare-migrated-seed.ts'], { cwd: root, stdio: 'inherit' });
// The demo's base for new demo data directories, made from that cluster (never fails the build).
spawnSync(process.execPath, ['scripts/prepare-demo-seed.ts'], { cwd: root, stdio: 'inherit' });
writeFileSync(stampFile, current);
