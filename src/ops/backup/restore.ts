/**
 * Restoring a backup into an empty database of either engine, in one transaction: migrate the
 * target to the backup's migration, refuse it if it holds any data, load every table with its
 * ids as they were (indexes, keys and user triggers set aside meanwhile), build the indexes and
 * check the keys, set the identity sequences, then apply this version's newer migrations. Any
 * failure (a wrong key, a damaged or truncated file, a broken rule) rolls all of it back.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { MIGRATION_LOCK_KEY } from '../../db/migrate.ts';
import { quoteIdent, type Session, withSession } from './engine.ts';
import {
  BackupError,
  type BackupHeader,
  type Manifest,
  manifestSchema,
  parseJsonRecord,
  RecordType,
  type TableSummary,
  tableSummarySchema,
} from './format.ts';
import { appliedCount, applyMigrations, migrationsOfBackup, shippedMigrations } from './migrations.ts';
import { openBackup } from './read.ts';
import type { RecordReader } from './records.ts';
import {
  listTables,
  notBackedUp,
  replacedOnRestore,
  restoreSequences,
  setIndexesAside,
  setTriggersAside,
  tablesWithRows,
} from './tables.ts';

export interface RestoreOptions {
  key: string;
  file: string;
  onTable?: (table: TableSummary) => void;
}

export interface RestoreResult {
  header: BackupHeader;
  manifest: Manifest;
  /** Migrations this version applied after the backup's own. */
  newerMigrations: number;
  seconds: number;
}

export async function restoreBackup(database: Database, options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const backup = await openBackup(options.file, options.key);
  try {
    const { header, records } = backup;
    const shipped = shippedMigrations();
    const backupMigrations = migrationsOfBackup(header.migration, shipped);
    const result = await withSession(database, 'write', async (session) => {
      // The migrations' lock: an application starting meanwhile waits for the restore.
      await session.rows('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const applied = await appliedCount(session, shipped);
      if (applied > backupMigrations) {
        throw new BackupError(
          `The target database is already at a later migration (${Number.isFinite(applied) ? shipped[applied - 1]?.tag : 'of a newer version'}) ` +
            `than the backup (${header.migration.tag}). Restore into a new, empty database that no application has started on.`,
        );
      }
      await applyMigrations(session, shipped, backupMigrations);
      await refuseUnlessEmpty(session);
      const manifest = await loadTables(session, header, records, options.onTable);
      await applyMigrations(session, shipped, shipped.length);
      return { manifest, newerMigrations: shipped.length - backupMigrations };
    });
    return { header, ...result, seconds: (performance.now() - started) / 1000 };
  } finally {
    backup.close();
  }
}

async function refuseUnlessEmpty(session: Session): Promise<void> {
  const tables = (await listTables(session))
    .map((table) => table.name)
    .filter((name) => !notBackedUp.includes(name) && !replacedOnRestore.includes(name));
  const filled = await tablesWithRows(session, tables);
  if (filled.length > 0) {
    const named = filled.slice(0, 5).join(', ') + (filled.length > 5 ? ', …' : '');
    throw new BackupError(
      `The target database is not empty (rows in: ${named}). A backup is restored only into a new, empty database; nothing was changed.`,
    );
  }
}

async function loadTables(
  session: Session,
  header: BackupHeader,
  records: RecordReader,
  onTable: ((table: TableSummary) => void) | undefined,
): Promise<Manifest> {
  const target = new Map((await listTables(session)).map((table) => [table.name, table.columns]));
  for (const table of header.tables) {
    const columns = target.get(table.name);
    const missing = table.columns.filter((column) => !columns?.includes(column));
    if (!columns || missing.length > 0) {
      throw new BackupError(
        `The target database has no ${columns ? `column ${missing.join(', ')} in table` : 'table'} ${table.name} after migrating to ${header.migration.tag}.`,
      );
    }
  }
  for (const name of replacedOnRestore) {
    if (target.has(name) && header.tables.some((table) => table.name === name)) {
      await session.run(`delete from ${quoteIdent(name)}`);
    }
  }
  const rebuild = await setIndexesAside(session);
  const resumeTriggers = await setTriggersAside(session);
  const loaded: TableSummary[] = [];
  for (const table of header.tables) {
    const begin = parseJsonRecord(
      tableSummarySchema.pick({ name: true }),
      await records.expect(RecordType.table, `the start of table ${table.name}`),
      'table record',
    );
    if (begin.name !== table.name) throw new BackupError('The backup file is damaged: its tables are out of order.');
    const hash = createHash('sha256');
    let bytes = 0;
    let end: TableSummary | undefined;
    async function* data(): AsyncGenerator<Buffer> {
      for (;;) {
        const record = await records.next();
        if (record?.type === RecordType.data) {
          hash.update(record.payload);
          bytes += record.payload.length;
          yield record.payload;
        } else if (record?.type === RecordType.tableEnd) {
          end = parseJsonRecord(tableSummarySchema, record.payload, 'table record');
          return;
        } else {
          throw new BackupError(`The backup file is damaged: table ${table.name} does not end.`);
        }
      }
    }
    const rows = await session.copyIn(table.name, table.columns, data());
    const summary = { name: table.name, rows, bytes, sha256: hash.digest('hex') };
    if (!end || end.name !== table.name || end.rows !== rows || end.bytes !== bytes || end.sha256 !== summary.sha256) {
      throw new BackupError(
        `The backup file is damaged: table ${table.name} does not match its checksum or row count (${rows} rows read, ${end?.rows ?? '?'} written).`,
      );
    }
    loaded.push(summary);
    onTable?.(summary);
  }
  const manifest = parseJsonRecord(
    manifestSchema,
    await records.expect(RecordType.manifest, 'its manifest'),
    'manifest',
  );
  const same =
    manifest.tables.length === loaded.length &&
    manifest.tables.every((t, i) => {
      const l = loaded[i];
      return l && t.name === l.name && t.rows === l.rows && t.bytes === l.bytes && t.sha256 === l.sha256;
    });
  if (!same) throw new BackupError('The backup file is damaged: its manifest does not match its tables.');
  // The end of the stream: the last frame and gzip's own check are read and verified here.
  if (await records.next()) throw new BackupError('The backup file is damaged: data after its manifest.');
  await rebuild();
  await resumeTriggers();
  await restoreSequences(session, header.sequences);
  return manifest;
}
