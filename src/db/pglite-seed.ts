import { existsSync, readFileSync } from 'node:fs';
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

/** The seed for a data directory that holds no cluster yet (in memory: always), if one was prepared. */
export async function seedForNewDataDir(dataDir: string): Promise<Blob | undefined> {
  if (!dataDir.startsWith('memory://') && existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
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
