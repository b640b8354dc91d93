// Browser scripts: bundles each src/client/*.ts (with its npm dependencies) into public/js/NAME.js,
// minified ES2020 modules (load them with <script type="module">). What an entry imports with a
// dynamic `import()` becomes a chunk of its own in public/js/chunks/, fetched only when the page
// asks for it (the password-strength dictionaries). Runs first in `npm run build`, before the
// server starts and hashes public/ into its asset URLs (src/http/assets.ts); chunks are imported by
// relative URL, so they share the entry's hashed prefix. public/js/ is generated: not in Git.
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** What a page may load before anything is typed or clicked: an entry and its static imports. */
const UP_FRONT_LIMIT_BYTES = 100 * 1024;

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
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});

/** Bytes of an output file and of everything it imports statically (loaded with it, before any use). */
function upFrontBytes(outputs: Metafile['outputs'], file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const output = outputs[file];
  if (!output) return 0;
  let bytes = output.bytes;
  for (const imported of output.imports) {
    if (imported.kind === 'import-statement' && !imported.external) bytes += upFrontBytes(outputs, imported.path, seen);
  }
  return bytes;
}

const outputs = result.metafile.outputs;
/** The pages' scripts, as the metafile names them (relative to the working directory). */
const pageScripts = new Set(entryPoints.map((entry) => relative(process.cwd(), entry)));
const tooBig: string[] = [];
for (const [file, output] of Object.entries(outputs)) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  if (!output.entryPoint || !pageScripts.has(output.entryPoint)) {
    console.log(`build-client: ${relative(root, join(root, file))} ${kib(output.bytes)} (loaded on demand)`);
    continue;
  }
  const upFront = upFrontBytes(outputs, file);
  console.log(`build-client: ${relative(root, join(root, file))} ${kib(output.bytes)} (${kib(upFront)} up front)`);
  if (upFront > UP_FRONT_LIMIT_BYTES) tooBig.push(`${file}: ${kib(upFront)}`);
}
if (tooBig.length > 0) {
  console.error(
    `build-client: more than ${UP_FRONT_LIMIT_BYTES / 1024} KiB of script up front (load the rest with import()):\n${tooBig.join('\n')}`,
  );
  process.exit(1);
}
