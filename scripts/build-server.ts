// Server code: transpiles every src/**/*.ts(x) file to dist/ with esbuild, one output file per
// source file, so dist/ mirrors src/ (paths relative to import.meta.url stay valid, and the
// benchmarks can import single modules) and relative imports of `.ts`/`.tsx` files point at the
// emitted `.js`. It only strips types, in about a second, so `npm start` is quick on a fresh
// clone; type checking is `npm run check`'s job, and `verbatimModuleSyntax` + `isolatedModules`
// keep per-file transpiling exact.
//
// drizzle-orm is the one package bundled, into dist/vendor/: Node otherwise spends over a second
// of every start-up resolving its hundreds of files against its 180 KB package.json.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src');
const outDir = join(root, 'dist');
const vendorDir = join(outDir, 'vendor');
const bundledPackage = /^drizzle-orm(\/.*)?$/;

const isServerSource = (path: string) =>
  /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) && !path.endsWith('.d.ts') && !path.includes('/client/');

const entryPoints = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  .map((name) => join(sourceDir, name))
  .filter(isServerSource);

/** The vendored file that stands for `drizzle-orm` or `drizzle-orm/sub/path`. */
const vendorFile = (specifier: string) =>
  join(vendorDir, specifier === 'drizzle-orm' ? 'drizzle-orm/index.js' : `${specifier}.js`);

const vendoredSpecifiers = new Set<string>();

// Every import stays an import: relative ones are renamed to the emitted .js, drizzle-orm ones
// point at dist/vendor/, other packages are left to Node's resolution at run time.
const keepImports: Plugin = {
  name: 'keep-imports',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path.startsWith('.')) return { path: args.path.replace(/\.tsx?$/, '.js'), external: true };
      if (bundledPackage.test(args.path)) {
        vendoredSpecifiers.add(args.path);
        const emittedImporter = join(outDir, relative(sourceDir, args.importer));
        const path = relative(dirname(emittedImporter), vendorFile(args.path));
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      }
      return { path: args.path, external: true };
    });
  },
};

// A fresh dist/, except the PGlite seeds: the demo's (scripts/prepare-demo-seed.ts) takes minutes
// to make and is kept while the migrations and demo sources stay the same.
for (const name of existsSync(outDir) ? readdirSync(outDir) : []) {
  if (name !== 'pglite-seed') rmSync(join(outDir, name), { recursive: true, force: true });
}
const started = performance.now();
await build({
  entryPoints,
  outdir: outDir,
  outbase: sourceDir,
  bundle: true,
  plugins: [keepImports],
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  charset: 'utf8',
  logLevel: 'warning',
  tsconfig: join(root, 'tsconfig.json'),
});

// One bundle per drizzle-orm entry the code imports, sharing chunks, so there is one copy of it.
await build({
  entryPoints: Object.fromEntries(
    [...vendoredSpecifiers].map((specifier) => [
      relative(vendorDir, vendorFile(specifier)).replace(/\.js$/, ''),
      specifier,
    ]),
  ),
  outdir: vendorDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  plugins: [
    {
      // Other packages (pg, PGlite) stay imports; drizzle-orm's own files are bundled.
      name: 'other-packages-external',
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
          args.kind === 'entry-point' || bundledPackage.test(args.path)
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
  logLevel: 'warning',
});

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const vendored = [...vendoredSpecifiers].sort().join(', ');
console.log(
  `build-server: ${entryPoints.length} files → ${relative(root, outDir)}/ (bundled: ${vendored}) in ${seconds} s`,
);
