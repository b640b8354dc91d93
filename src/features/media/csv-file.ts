/**
 * Reading an uploaded CSV (the meter register, a remote-reading company's file): UTF-8 (with or
 * without a BOM) or Windows-1250, `;` or `,` between fields, a header row. Rows come back as
 * objects by the header's names (trimmed, lower case), with their line numbers.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ValidationError } from '../../errors.ts';

export interface CsvRow {
  line: number;
  fields: Record<string, string>;
}

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

function decode(data: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (!text.includes('\uFFFD')) return text.replace(/^\uFEFF/, '');
  return iconv.decode(data, 'windows-1250');
}

export function readCsv(data: Buffer, field = 'plik'): { header: string[]; rows: CsvRow[] } {
  if (data.length === 0) throw new ValidationError([{ field, message: 'Wybierz plik CSV.' }]);
  if (data.length > MAX_CSV_BYTES) throw new ValidationError([{ field, message: 'Plik jest większy niż 5 MB.' }]);
  const text = decode(data);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ValidationError([
      { field, message: `Plik nie jest poprawnym plikiem CSV${line ? ` (wiersz ${line})` : ''}.` },
    ]);
  }
  const [head, ...body] = records;
  if (!head || body.length === 0) throw new ValidationError([{ field, message: 'Plik nie ma wierszy z danymi.' }]);
  const header = head.map((h) => h.trim().toLowerCase());
  return {
    header,
    rows: body.map((values, index) => ({
      line: index + 2,
      fields: Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])),
    })),
  };
}
