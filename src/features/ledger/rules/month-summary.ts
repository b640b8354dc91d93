/** The finance history on a phone: one card per month instead of a row per entry. */

export interface MonthSummary<E> {
  /** `YYYY-MM`. */
  month: string;
  /** Charges and other amounts owed in the month (positive entries), in grosze. */
  charged: number;
  /** Payments and credits in the month (negative entries), as a positive number of grosze. */
  paid: number;
  /** The balance after the month's last entry. */
  balanceAfter: number;
  /** The month's entries, in the order given. */
  entries: E[];
}

/**
 * Groups entries (oldest first, each with the running balance after it) by the month of their
 * value date. Charged + the opening balance − paid of all months equals the last balance after.
 */
export function summarizeByMonth<E extends { valueDate: string; amount: number; running: number }>(
  entries: readonly E[],
): MonthSummary<E>[] {
  const months: MonthSummary<E>[] = [];
  for (const entry of entries) {
    const month = entry.valueDate.slice(0, 7);
    let current = months.at(-1);
    if (current?.month !== month) {
      current = { month, charged: 0, paid: 0, balanceAfter: entry.running, entries: [] };
      months.push(current);
    }
    if (entry.amount > 0) current.charged += entry.amount;
    else current.paid -= entry.amount;
    current.balanceAfter = entry.running;
    current.entries.push(entry);
  }
  return months;
}

const monthNames = [
  'styczeń',
  'luty',
  'marzec',
  'kwiecień',
  'maj',
  'czerwiec',
  'lipiec',
  'sierpień',
  'wrzesień',
  'październik',
  'listopad',
  'grudzień',
];

/** `2026-12` or `2026-12-01` → `grudzień 2026`. */
export function monthLabel(date: string): string {
  return `${monthNames[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;
}
