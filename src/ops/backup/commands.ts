/**
 * `npm run cli -- backup FILE` and `restore FILE`: what they print. The errors (a wrong key, a
 * damaged file, a target with data) are BackupErrors, reported by the CLI as they are.
 */
import type { Database } from '../../db/client.ts';
import { formatFileSize } from '../../lib/file-size.ts';
import { formatDateTime } from '../../lib/format.ts';
import { BackupError, type TableSummary } from './format.ts';
import { restoreBackup } from './restore.ts';
import { writeBackup } from './write.ts';

/** The key, or the reason there is none. */
export function requireBackupKey(key: string | undefined): string {
  if (!key) {
    throw new BackupError(
      'BACKUP_KEY is not set: backups are encrypted with it. Set it (at least 16 characters) and keep it apart from the backups: without it no backup can be restored.',
    );
  }
  return key;
}

const integer = new Intl.NumberFormat('pl-PL');

/** Big tables are reported as they are done, on stderr. */
function progress(verb: string) {
  return (table: TableSummary) => {
    if (table.rows >= 100_000) console.error(`${verb} ${table.name}: ${integer.format(table.rows)} wierszy`);
  };
}

export async function backupCommand(database: Database, options: { file: string; key: string }): Promise<string> {
  const result = await writeBackup(database, { ...options, onTable: progress('Zapisano') });
  return [
    `Kopia zapasowa zapisana: ${result.file}`,
    `  rozmiar: ${formatFileSize(result.bytes)}, tabel: ${result.manifest.tables.length}, wierszy: ${integer.format(result.manifest.rows)}`,
    `  migracja: ${result.header.migration.tag}, Osiedle ${result.header.app.version}, czas: ${result.seconds.toFixed(1).replace('.', ',')} s`,
    'Zaszyfrowana kluczem BACKUP_KEY: przechowuj klucz osobno — bez niego kopii nie da się odtworzyć.',
  ].join('\n');
}

export async function restoreCommand(database: Database, options: { file: string; key: string }): Promise<string> {
  const result = await restoreBackup(database, { ...options, onTable: progress('Odtworzono') });
  const { header, manifest } = result;
  const engine = header.engine === 'pglite' ? 'PGlite' : `PostgreSQL ${header.serverVersion}`;
  return [
    `Odtworzono kopię zapasową: ${options.file}`,
    `  z dnia: ${formatDateTime(new Date(header.createdAt))} (czas polski), Osiedle ${header.app.version}, baza ${engine}`,
    `  tabel: ${manifest.tables.length}, wierszy: ${integer.format(manifest.rows)}, migracja: ${header.migration.tag}` +
      (result.newerMigrations > 0 ? `, zastosowano nowszych migracji: ${result.newerMigrations}` : ''),
    `  czas: ${result.seconds.toFixed(1).replace('.', ',')} s`,
  ].join('\n');
}
