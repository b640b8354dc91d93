// `npm run build` (after build-server): migrates a new in-memory PGlite cluster with this build's
// migrations and keeps its dump in dist/pglite-seed/, so that a new data directory (the first
// `npm start`) starts migrated instead of running every migration (src/db/pglite-seed.ts). Optional:
// on any failure a new directory is simply migrated at start, so this never fails the build.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

try {
  const started = performance.now();
  // The built modules: plain Node runs them (the sources need a TypeScript loader).
  const built = (path: string) => new URL(`../dist/db/${path}`, import.meta.url).href;
  const { openDatabase } = (await import(built('client.js'))) as typeof import('../src/db/client.ts');
  const { migrateDatabase } = (await import(built('migrate.js'))) as typeof import('../src/db/migrate.ts');
  const { migratedSeedFile } = (await import(built('pglite-seed.js'))) as typeof import('../src/db/pglite-seed.ts');
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    const dump = await database.pglite?.dumpDataDir('gzip');
    if (!dump) throw new Error('not PGlite');
    const file = migratedSeedFile();
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    console.log(`prepare-migrated-seed: ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.warn(`prepare-migrated-seed: skipped (${error instanceof Error ? error.message : String(error)})`);
}
