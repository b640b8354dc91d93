/** The import report as Polish text (CLI; the panel renders the same report as HTML). */

import { formatFileSize } from '../../../lib/file-size.ts';
import { polishPlural } from '../../../lib/plural.ts';
import type { ImportReport } from './import-register.ts';
import { encodingNames } from './read-file.ts';

const entityNames = {
  buildings: 'Budynki',
  units: 'Lokale',
  persons: 'Osoby',
  rights: 'Tytuły prawne',
  occupancy: 'Liczba osób (wpisy)',
} as const;

export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  const { file } = report;
  const details = [
    formatFileSize(file.bytes),
    file.encoding ? `kodowanie ${encodingNames[file.encoding]}` : undefined,
    file.delimiter ? `separator „${file.delimiter}”` : undefined,
    `wierszy danych: ${file.rows}`,
  ].filter(Boolean);
  lines.push(`Plik: ${file.name} (${details.join(', ')})`);
  if (file.ignoredColumns.length > 0) lines.push(`Pominięte kolumny spoza formatu: ${file.ignoredColumns.join(', ')}`);
  for (const message of report.fileErrors) lines.push(`Błąd pliku: ${message}`);
  if (report.counts) {
    lines.push('');
    for (const [key, name] of Object.entries(entityNames) as [keyof typeof entityNames, string][]) {
      const c = report.counts[key];
      lines.push(`${name.padEnd(20)} nowe: ${c.new}, zmienione: ${c.changed}, bez zmian: ${c.unchanged}`);
    }
  }
  if (report.errors.length > 0) {
    lines.push('', `Błędy w wierszach (${report.errors.length + report.moreErrors}):`);
    for (const e of report.errors) {
      lines.push(`  wiersz ${e.row}${e.column ? `, kolumna „${e.column}”` : ''}: ${e.message}`);
    }
    if (report.moreErrors > 0) lines.push(`  … ${moreErrorsText(report.moreErrors)}`);
  }
  lines.push('');
  if (importFailed(report)) {
    lines.push('Nic nie zostało zapisane: popraw plik i wczytaj go ponownie.');
  } else if (report.unchanged) {
    lines.push('Nic do zmiany: rejestr jest już zgodny z plikiem.');
  } else if (report.applied) {
    lines.push('Zapisano zmiany w rejestrze.');
  } else {
    lines.push('Podgląd: nic nie zostało zapisane (uruchom bez --dry-run, aby zapisać).');
  }
  return lines.join('\n');
}

/** `i 1 kolejny błąd`, `i 3 kolejne błędy`, `i 12 kolejnych błędów`. */
export function moreErrorsText(n: number): string {
  return `i ${n} ${polishPlural(n, { one: 'kolejny błąd', few: 'kolejne błędy', many: 'kolejnych błędów' })}`;
}

/** True when the file could not be read or has row errors: nothing is saved from it. */
export function importFailed(report: ImportReport): boolean {
  return report.fileErrors.length > 0 || report.errors.length > 0;
}
