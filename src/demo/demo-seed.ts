/**
 * The demo, made by the build: `npm run build` (scripts/prepare-demo-seed.ts) loads the demo's
 * base (organization, site, register, all 300 units' ledger: some 300,000 entries, about a minute
 * of PGlite's time) into a PGlite directory of its own, kept as a plain directory under
 * dist/pglite-seed/. A new data directory of a server started with the demo is a copy of it
 * (a file copy: well under a second), and the start only completes the demo (load-demo.ts): the
 * ledger's entries of the days since the build, the accounts with this installation's secrets,
 * tenders, meters, certificates. The seed holds no secret of any installation.
 *
 * Named by PGlite's version, the migrations and the sources the demo is made from, so a changed
 * demo or schema is never started from an old seed; the build makes a new one when its day is
 * more than a week old (a start adds the days since, which is quick for days, slower for months).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedSeedFile } from '../db/pglite-seed.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Sources that decide what the demo's base holds (besides the migrations). */
const demoSources = ['src/demo', 'src/features/ledger/rules', 'src/features/units/bulk'];

/** How old a seed may be before the build makes a new one. */
export const DEMO_SEED_MAX_AGE_DAYS = 7;

export interface DemoSeedInfo {
  /** The day the seed's demo was made for (Warsaw date). */
  madeFor: string;
}

function sourcesDigest(): string {
  const hash = createHash('sha256');
  for (const folder of demoSources) {
    const path = join(projectRoot, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!name.endsWith('.ts') || name.includes('.test.')) continue;
      hash
        .update(`${folder}/${name}\u0000`)
        .update(readFileSync(join(path, name)))
        .update('\u0000');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The seed's directory for this build's migrations and demo sources (it may not exist). */
export function demoSeedDir(): string {
  const migrated = basename(migratedSeedFile(), '.tar.gz').replace('-migrated-', '-');
  return join(projectRoot, 'dist', 'pglite-seed', `demo-${migrated}-${sourcesDigest()}`);
}

/** The seed's description, or undefined when there is no complete seed for this build. */
export async function readDemoSeed(dir = demoSeedDir()): Promise<DemoSeedInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(join(dir, 'demo-seed.json'), 'utf8')) as Partial<DemoSeedInfo>;
    return typeof info.madeFor === 'string' && existsSync(join(dir, 'data', 'PG_VERSION'))
      ? { madeFor: info.madeFor }
      : undefined;
  } catch {
    return undefined;
  }
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Makes a new PGlite data directory a copy of the build's demo seed, when the directory is new
 * (missing or empty) and the seed exists and was made on or before `today`. Returns the seed's
 * day, or undefined when it did nothing (the start then loads the demo the slow way). Two
 * processes starting on the same new directory: one copy wins, the other is removed.
 */
export async function seedDemoDataDir({
  dataDir,
  today,
  seedDir = demoSeedDir(),
}: {
  dataDir: string;
  today: string;
  seedDir?: string;
}): Promise<string | undefined> {
  if (dataDir.startsWith('memory://') || !(await isEmptyOrMissing(dataDir))) return undefined;
  const seed = await readDemoSeed(seedDir);
  if (!seed || seed.madeFor > today) return undefined;
  const partial = `${dataDir.replace(/\/+$/, '')}.seed-${process.pid}`;
  await mkdir(dirname(partial), { recursive: true });
  try {
    await cp(join(seedDir, 'data'), partial, { recursive: true });
    if (existsSync(dataDir)) await rmdir(dataDir);
    await rename(partial, dataDir);
    return seed.madeFor;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    // Another process made the directory meanwhile: it is theirs, and it will be used as it is.
    if (['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

/** What a cleanly shut down cluster's WAL must keep: the segment of its last checkpoint (pg_control). */
async function checkpointSegment(dataDir: string): Promise<string | undefined> {
  const control = await readFile(join(dataDir, 'global', 'pg_control'));
  // ControlFileData: state (4 bytes) at 16, 1 = shut down; checkPoint (LSN) at 32; its timeline at 48.
  if (control.readUInt32LE(16) !== 1) return undefined;
  const lsn = control.readBigUInt64LE(32);
  const timeline = control.readUInt32LE(48);
  const segment = lsn / 0x1000000n; // 16 MB segments
  const hex = (value: bigint | number) => value.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(timeline)}${hex(segment / 0x100n)}${hex(segment % 0x100n)}`;
}

/**
 * Removes the WAL segments a cleanly shut down cluster does not need (those before its last
 * checkpoint and the ones kept for reuse: some 300 MB after the demo's load), so each new data
 * directory copies less. Leaves everything as it is unless the cluster was shut down cleanly and
 * the checkpoint's segment is there.
 */
export async function pruneWal(dataDir: string): Promise<number> {
  const keep = await checkpointSegment(dataDir);
  const wal = join(dataDir, 'pg_wal');
  const segments = (await readdir(wal)).filter((name) => /^[0-9A-F]{24}$/.test(name));
  if (!keep || !segments.includes(keep)) return 0;
  const removed = segments.filter((name) => name !== keep);
  for (const name of removed) await rm(join(wal, name));
  return removed.length;
}

/** Writes the seed's description last, then moves the finished directory into place (build only). */
export async function finishDemoSeed({ partial, info }: { partial: string; info: DemoSeedInfo }): Promise<string> {
  const dir = demoSeedDir();
  await pruneWal(join(partial, 'data'));
  await writeFile(join(partial, 'demo-seed.json'), `${JSON.stringify(info)}\n`);
  const parent = dirname(dir);
  for (const name of await readdir(parent)) {
    if (name.startsWith('demo-') && !name.includes('.partial'))
      await rm(join(parent, name), { recursive: true, force: true });
  }
  await rename(partial, dir);
  return dir;
}
