/**
 * Making a backup: one snapshot of the whole database, every table's rows as COPY text, streamed
 * through gzip and AES-256-GCM into a new file (format.ts). Nothing is held in memory beyond a
 * piece of a table, so the size of the database does not matter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { link, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from '../../db/client.ts';
import { EncryptStream, newFileKeys, type ScryptParams } from './crypto.ts';
import { type Session, wholeLines, withSession } from './engine.ts';
import {
  BackupError,
  type BackupHeader,
  FORMAT_VERSION,
  type Manifest,
  RecordType,
  type TableSummary,
} from './format.ts';
import { migrationStampOf, shippedMigrations } from './migrations.ts';
import { encodeRecord, jsonRecord } from './records.ts';
import { listTables, notBackedUp, readSequences, type TableShape } from './tables.ts';

/** Plaintext bytes of table data per record. */
const PIECE_BYTES = 1024 * 1024;

/** gzip level: 1 is several times faster than the default 6 for a somewhat larger file. */
export const DEFAULT_COMPRESSION_LEVEL = 1;

export interface BackupOptions {
  /** BACKUP_KEY. */
  key: string;
  /** The new file; an existing file is never overwritten. */
  file: string;
  compressionLevel?: number;
  /** Called after each table, e.g. to show progress. */
  onTable?: (table: TableSummary) => void;
  /** Tests may make the key derivation cheaper. */
  scrypt?: ScryptParams;
  /** Stops the backup (the application shutting down): nothing is left behind. */
  signal?: AbortSignal | undefined;
}

export interface BackupResult {
  file: string;
  bytes: number;
  header: BackupHeader;
  manifest: Manifest;
  seconds: number;
}

/** Name and version of this build of Osiedle. */
export function appIdentity(): { name: string; version: string } {
  const file = new URL('../../../package.json', import.meta.url);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
  return { name: manifest.name, version: manifest.version };
}

function countLines(piece: Buffer): number {
  let count = 0;
  for (let at = piece.indexOf(0x0a); at >= 0; at = piece.indexOf(0x0a, at + 1)) count++;
  return count;
}

async function* backupRecords(
  session: Session,
  header: BackupHeader,
  tables: TableShape[],
  done: (manifest: Manifest) => void,
  onTable: ((table: TableSummary) => void) | undefined,
): AsyncGenerator<Buffer> {
  yield* jsonRecord(RecordType.header, header);
  const summaries: TableSummary[] = [];
  for (const table of tables) {
    yield* jsonRecord(RecordType.table, { name: table.name });
    const hash = createHash('sha256');
    let rows = 0;
    let bytes = 0;
    for await (const piece of wholeLines(session.copyOut(table.name, table.columns), PIECE_BYTES)) {
      hash.update(piece);
      rows += countLines(piece);
      bytes += piece.length;
      yield* encodeRecord(RecordType.data, piece);
    }
    const summary = { name: table.name, rows, bytes, sha256: hash.digest('hex') };
    summaries.push(summary);
    onTable?.(summary);
    yield* jsonRecord(RecordType.tableEnd, summary);
  }
  const manifest = { tables: summaries, rows: summaries.reduce((sum, t) => sum + t.rows, 0) };
  done(manifest);
  yield* jsonRecord(RecordType.manifest, manifest);
}

/**
 * Gives the finished file its name. A hard link refuses an existing name, so a file that appeared
 * meanwhile is not overwritten either; where the file system has no hard links (some network
 * shares), a rename after one more look.
 */
async function publish(partial: string, file: string): Promise<void> {
  const exists = () => new BackupError(`${file} already exists; a backup never overwrites a file.`);
  try {
    await link(partial, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw exists();
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    if (await stat(file).catch(() => undefined)) throw exists();
    await rename(partial, file);
  }
}

/** Writes a backup of the whole database to a new file; returns what it holds. */
export async function writeBackup(database: Database, options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  if (await stat(options.file).catch(() => undefined)) {
    throw new BackupError(`${options.file} already exists; a backup never overwrites a file.`);
  }
  const directory = await stat(dirname(options.file)).catch(() => undefined);
  if (!directory?.isDirectory()) throw new BackupError(`${dirname(options.file)} is not a directory.`);
  const keys = await newFileKeys(options.key, options.scrypt);
  const partial = join(dirname(options.file), `.${basename(options.file)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const { header, manifest } = await withSession(database, 'snapshot', async (session) => {
      const shipped = shippedMigrations();
      const migration = await migrationStampOf(session, shipped);
      const tables = (await listTables(session)).filter((table) => !notBackedUp.includes(table.name));
      const [server] = await session.rows<{ version: string }>(`select current_setting('server_version') as version`);
      const header: BackupHeader = {
        format: FORMAT_VERSION,
        app: appIdentity(),
        createdAt: new Date().toISOString(),
        engine: session.engine,
        serverVersion: server?.version ?? '',
        migration,
        tables,
        sequences: await readSequences(session),
      };
      let manifest: Manifest | undefined;
      await pipeline(
        backupRecords(session, header, tables, (m) => (manifest = m), options.onTable),
        createGzip({ level: options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL }),
        new EncryptStream(keys),
        createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true }),
        ...(options.signal ? [{ signal: options.signal }] : []),
      );
      if (!manifest) throw new Error('backup ended without its manifest');
      return { header, manifest };
    });
    await publish(partial, options.file);
    const { size } = await stat(options.file);
    return { file: options.file, bytes: size, header, manifest, seconds: (performance.now() - started) / 1000 };
  } finally {
    await unlink(partial).catch(() => {});
  }
}
