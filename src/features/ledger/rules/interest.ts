/**
 * Statutory interest for delay (odsetki ustawowe za opóźnienie, art. 481 § 1–2 KC), informative
 * until an accountant books it.
 *
 * Per debt: from the day after its due date (art. 115 KC applied) to the day it was paid,
 * inclusive, for each part paid; the part still unpaid to the day asked, inclusive. Every day
 * bears the rate in force that day (the table's rows, split at each change), on actual days / 365
 * (also in a leap year, as Polish courts and the usual calculators count it). The sum for one
 * debt is exact (a fraction) and rounded once, half up, to the grosz; a unit's total is the sum
 * of its debts' rounded figures, so the total is always the sum of the lines shown.
 * Booked interest bears no interest (art. 482 KC), and nothing is counted before `since` (the day
 * after the last booking of interest for the unit).
 */
import type { DebtState } from './allocation.ts';
import { dayNumber, dayOfNumber } from './day-number.ts';
import { divideRoundHalfUp } from './fees.ts';

export interface RateRow {
  /** First day of the rate. */
  from: string;
  /** Last day of the rate (inclusive), null for the one in force now. */
  to: string | null;
  /** Hundredths of a percent a year: 1125 = 11,25 %. */
  basisPoints: number;
}

const dayOf = dayOfNumber;

/** Whether rows (sorted by `from`) leave no day uncovered or covered twice; a Polish reason otherwise. */
export function rateTableProblem(rows: readonly RateRow[]): string | undefined {
  if (rows.length === 0) return 'Tabela stóp nie może być pusta.';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RateRow;
    if (!Number.isInteger(row.basisPoints) || row.basisPoints < 0 || row.basisPoints > 10_000) {
      return `Wiersz ${i + 1}: stopa musi być liczbą od 0 do 100 %.`;
    }
    if (row.to !== null && row.to < row.from) return `Wiersz ${i + 1}: koniec okresu przed jego początkiem.`;
    const next = rows[i + 1];
    if (!next) {
      if (row.to !== null) return 'Ostatni okres musi być otwarty (bez daty końca).';
      continue;
    }
    if (row.to === null) return `Wiersz ${i + 1}: tylko ostatni okres może nie mieć daty końca.`;
    const expected = dayOf(dayNumber(row.to) + 1);
    if (next.from > expected) return `Luka między ${row.to} a ${next.from}: brak stopy na te dni.`;
    if (next.from < expected) return `Okresy ${i + 1} i ${i + 2} nakładają się.`;
  }
  return undefined;
}

/** Rows from start dates only (each row ends the day before the next begins). */
export function rowsFromStarts(starts: readonly { from: string; basisPoints: number }[]): RateRow[] {
  const sorted = [...starts].sort((a, b) => (a.from < b.from ? -1 : 1));
  return sorted.map((row, i) => {
    const next = sorted[i + 1];
    return { from: row.from, to: next ? dayOf(dayNumber(next.from) - 1) : null, basisPoints: row.basisPoints };
  });
}

/**
 * Σ amount × rate × days over [first, last] (inclusive), split at rate changes, in units of
 * grosz × basis point × day; divide by 365 × 10 000 for grosze. Days before the table are free.
 */
export function interestUnits(amount: number, first: string, last: string, rates: readonly RateRow[]): bigint {
  if (amount <= 0 || last < first) return 0n;
  let total = 0n;
  const a = dayNumber(first);
  const b = dayNumber(last);
  for (const row of rateDays(rates)) {
    const from = Math.max(a, row.from);
    const to = Math.min(b, row.to);
    if (to < from) continue;
    total += BigInt(amount) * row.basisPoints * BigInt(to - from + 1);
  }
  return total;
}

/** The table's rows as day numbers, computed once per table (a debtors list asks for every debt). */
const rateDayCache = new WeakMap<readonly RateRow[], { from: number; to: number; basisPoints: bigint }[]>();
function rateDays(rates: readonly RateRow[]) {
  let rows = rateDayCache.get(rates);
  if (!rows) {
    rows = rates.map((row) => ({
      from: dayNumber(row.from),
      to: row.to === null ? Number.POSITIVE_INFINITY : dayNumber(row.to),
      basisPoints: BigInt(row.basisPoints),
    }));
    rateDayCache.set(rates, rows);
  }
  return rows;
}

export const INTEREST_DENOMINATOR = 365n * 10_000n;

export interface DebtInterest {
  debtId: number;
  description: string | undefined;
  valueDate: string;
  dueDate: string;
  /** Principal still unpaid on the day. */
  unpaid: number;
  /** Days late of the oldest unpaid grosz (0 when paid). */
  daysLate: number;
  interest: number;
}

/**
 * Interest on each debt that is still (partly) unpaid on `asOf`, including what its paid parts
 * bore until they were paid. Debts of kind `interest` bear none.
 */
export function interestAsOf(
  debts: readonly DebtState[],
  { asOf, rates, since }: { asOf: string; rates: readonly RateRow[]; since?: string | undefined },
): DebtInterest[] {
  const result: DebtInterest[] = [];
  for (const debt of debts) {
    if (debt.kind === 'interest' || debt.valueDate > asOf) continue;
    const paidByThen = debt.settlements.filter((s) => s.day <= asOf);
    const unpaid = debt.amount - paidByThen.reduce((sum, s) => sum + s.amount, 0);
    if (unpaid <= 0) continue;
    let first = dayOf(dayNumber(debt.dueDate) + 1);
    if (since !== undefined && since > first) first = since;
    let units = interestUnits(unpaid, first, asOf, rates);
    for (const s of paidByThen) units += interestUnits(s.amount, first, s.day, rates);
    result.push({
      debtId: debt.id,
      description: debt.description,
      valueDate: debt.valueDate,
      dueDate: debt.dueDate,
      unpaid,
      daysLate: Math.max(0, dayNumber(asOf) - dayNumber(debt.dueDate)),
      interest: Number(divideRoundHalfUp(units, INTEREST_DENOMINATOR)),
    });
  }
  return result;
}

/** The rate in force on a day, in basis points, or undefined before the table. */
export function rateOn(rates: readonly RateRow[], day: string): number | undefined {
  return rates.find((r) => r.from <= day && (r.to === null || day <= r.to))?.basisPoints;
}
