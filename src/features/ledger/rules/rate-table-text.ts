/**
 * The statutory interest table as the administrator edits it: one period a line, `od;do;stopa`
 * (`2025-12-04;2026-03-04;9,50`; the last line without `do`). Read with csv-parse; the periods'
 * continuity is checked by rateTableProblem (rules/interest.ts).
 */
import { parse } from 'csv-parse/sync';
import { parseDate } from '../../../lib/dates.ts';
import type { RateRow } from './interest.ts';

export function rateTableText(rows: readonly RateRow[]): string {
  return rows.map((r) => `${r.from};${r.to ?? ''};${(r.basisPoints / 100).toFixed(2).replace('.', ',')}`).join('\n');
}

export function parseRateTable(text: string): { ok: true; rows: RateRow[] } | { ok: false; message: string } {
  let records: string[][];
  try {
    records = parse(text, { delimiter: ';', skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch {
    return { ok: false, message: 'Nie udało się odczytać tabeli: jeden okres w wierszu, „od;do;stopa”.' };
  }
  const rows: RateRow[] = [];
  for (const [i, record] of records.entries()) {
    const [from = '', to = '', rate = ''] = record;
    const line = `Wiersz ${i + 1}`;
    if (record.length !== 3) return { ok: false, message: `${line}: podaj trzy pola „od;do;stopa”.` };
    const first = parseDate(from);
    if (!first.ok) return { ok: false, message: `${line}: data „od” — ${first.message}.` };
    const last = to === '' ? undefined : parseDate(to);
    if (last && !last.ok) return { ok: false, message: `${line}: data „do” — ${last.message}.` };
    const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(rate.replace(/\s*%$/, ''));
    if (!match) return { ok: false, message: `${line}: stopa w procentach, np. 9,25.` };
    const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
    rows.push({ from: first.value, to: last?.ok ? last.value : null, basisPoints });
  }
  return { ok: true, rows };
}
