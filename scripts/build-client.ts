// Browser scripts: bundles each src/client/*.ts (with its npm dependencies) into public/js/NAME.js,
// minified ES2020 IIFE. Runs first in `npm run build`, before the server starts and hashes public/
// into its asset URLs (src/http/assets.ts). public/js/ is generated: not in Git.
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src', 'client');
const outDir = join(root, 'public', 'js');

const entryPoints = readdirSync(sourceDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
  .map((name) => join(sourceDir, name));

// No stale bundle of a removed source survives (it would still be hashed and served).
rmSync(outDir, { recursive: true, force: true });

const result = await build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const kib = (output.bytes / 1024).toFixed(1);
  console.log(`build-client: ${relative(root, join(root, file))} ${kib} KiB`);
}
