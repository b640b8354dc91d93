/**
 * When a sent fee change starts for a unit (u.s.m. art. 4 ust. 7 and 7¹): every holder of the
 * unit must have been notified in time, so the unit's first month of each cost kind follows the
 * LAST delivery among its holders; while any holder's notice is not delivered yet, the unit's
 * start is unknown and its old rates continue. Pure.
 */
import type { CostKind } from '../../ledger/rules/fees.ts';
import { holderStartMonth } from './deadlines.ts';

/** The day a notice reached its holder, `YYYY-MM-DD`, or null while it has not. */
export type DeliveredDay = string | null;

/**
 * The unit's first month of the new rates of a kind: the planned month or, for a notice that
 * came too late, the first lawful month after it; null while a holder waits for their notice.
 */
export function unitStartMonth(
  kind: CostKind,
  { planned, delivered, dueDay }: { planned: string; delivered: readonly DeliveredDay[]; dueDay: number },
): string | null {
  if (delivered.length === 0 || delivered.some((d) => d === null)) return null;
  const last = [...(delivered as string[])].sort().at(-1) as string;
  return holderStartMonth(kind, { planned, delivered: last, dueDay });
}

/** The notice's body: the justification and the holder's own figures (extra fields of the letter). */
export function noticeBody({ justification }: { justification: string }): string {
  return [
    'Szanowni Państwo,',
    '',
    'zawiadamiamy o zmianie opłat za lokal {{lokal}} (ustawa o spółdzielniach mieszkaniowych, art. 4 ust. 7 i 7¹).',
    '',
    'Nowe stawki obowiązują od {{od_kiedy}}. Miesięczna opłata za lokal wyniesie {{oplata_nowa}} zamiast {{oplata_dotychczasowa}}.',
    '',
    '{{zmiana_skladnikow}}',
    '',
    '**Uzasadnienie**',
    '',
    // The justification is the accountant's text: placeholders in it are not fields.
    justification.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }'),
  ].join('\n');
}

export const noticeFields = [
  { key: 'od_kiedy', label: 'Od kiedy', description: 'Pierwszy dzień miesiąca, od którego obowiązują nowe stawki.' },
  { key: 'oplata_nowa', label: 'Nowa opłata', description: 'Miesięczna opłata za lokal po zmianie.' },
  {
    key: 'oplata_dotychczasowa',
    label: 'Dotychczasowa opłata',
    description: 'Miesięczna opłata za lokal przed zmianą.',
  },
  {
    key: 'zmiana_skladnikow',
    label: 'Zmiana składników',
    description: 'Tabela zmienianych składników: dotychczas, po zmianie, różnica.',
  },
] as const;
