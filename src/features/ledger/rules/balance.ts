/**
 * Balances are plain sums of signed entries (charges +, payments −): no rounding, no floats.
 * > 0 the member owes (zadłużenie), < 0 they overpaid (nadpłata).
 */

export interface Amounted {
  amount: number;
  valueDate: string;
}

/** Sum of the entries with value date in [from, to] (both inclusive; from undefined = since ever). */
export function sumEntries(entries: readonly Amounted[], to: string, from?: string): number {
  let total = 0;
  for (const entry of entries) {
    if (entry.valueDate > to) continue;
    if (from !== undefined && entry.valueDate < from) continue;
    total += entry.amount;
  }
  if (!Number.isSafeInteger(total)) throw new Error('balance overflow');
  return total;
}

export type BalanceState = 'zadluzenie' | 'nadplata' | 'zero';

export function balanceState(balance: number): BalanceState {
  return balance > 0 ? 'zadluzenie' : balance < 0 ? 'nadplata' : 'zero';
}

export const balanceStateLabels: Record<BalanceState, string> = {
  zadluzenie: 'zadłużenie',
  nadplata: 'nadpłata',
  zero: 'saldo zerowe',
};

/** Entries with a running balance, in the order given (callers sort by value date, id). */
export function withRunningBalance<T extends { amount: number }>(entries: readonly T[], start = 0) {
  let running = start;
  return entries.map((entry) => {
    running += entry.amount;
    return { ...entry, running };
  });
}
