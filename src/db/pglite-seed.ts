import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

// The same from src/db (tests, scripts) and dist/db (the built app).
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Extensions every PGlite database of ours loads: site search ignores Polish diacritics (migration 0002). */
export const pgliteExtensions = { unaccent };

function pgliteVersion(): string {
  const manifest = join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * A dump of a new, empty PGlite cluster, made once at install time (`postinstall`), so that a new
 * data directory starts from it in about 1.5 s instead of running initdb in WebAssembly (about
 * 5 s). Named by PGlite's version: an upgrade simply makes a new one.
 */
export const pgliteSeedFile = join(
  projectRoot,
  'node_modules',
  '.cache',
  'osiedle',
  `pglite-${pgliteVersion()}-initdb.tar.gz`,
);

/**
 * A dump of a new cluster with every migration of this build applied, made by the build
 * (`npm run build`, scripts/prepare-migrated-seed.ts): a new data directory starts from it and has
 * no migration left to run. Named by PGlite's version and the migrations' contents, so a changed
 * or added migration is never skipped: without a matching file, the initdb seed is used.
 */
export function migratedSeedFile(): string {
  const folder = join(projectRoot, 'src', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!name.endsWith('.sql') && !name.endsWith('_journal.json')) continue;
    hash
      .update(`${name}\u0000`)
      .update(readFileSync(join(folder, name)))
      .update('\u0000');
  }
  const digest = hash.digest('hex').slice(0, 16);
  return join(projectRoot, 'dist', 'pglite-seed', `pglite-${pgliteVersion()}-migrated-${digest}.tar.gz`);
}

/** The seed for a data directory that holds no cluster yet (in memory: always), if one was prepared. */
export async function seedForNewDataDir(dataDir: string): Promise<Blob | undefined> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory && existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  // In memory (tests, the build itself) the cluster starts empty, as the tests of migrations expect.
  const migrated = inMemory ? undefined : migratedSeedFile();
  if (migrated && existsSync(migrated)) return new Blob([await readFile(migrated)]);
  if (!existsSync(pgliteSeedFile)) return undefined;
  return new Blob([await readFile(pgliteSeedFile)]);
}

/** Runs initdb once in memory and writes the dump (atomically: a half-written seed is never used). */
export async function preparePgliteSeed(): Promise<string> {
  const client = await PGlite.create({ dataDir: 'memory://', extensions: pgliteExtensions });
  try {
    const dump = await client.dumpDataDir('gzip');
    await mkdir(dirname(pgliteSeedFile), { recursive: true });
    const partial = `${pgliteSeedFile}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, pgliteSeedFile);
    return pgliteSeedFile;
  } finally {
    await client.close();
  }
}
