/**
 * Which readings the member's meters page shows: the last 12 months by default, or one calendar
 * year chosen from those the unit's meters have lived in. Always a bounded range of days, so the
 * page reads the same number of rows however many years of readings lie behind it.
 */
export interface HistoryPeriod {
  /** The chosen year, or undefined for the last 12 months. */
  year: number | undefined;
  from: string;
  to: string;
  /** Polish, for the headings: "ostatnich 12 miesięcy", "2019 r.". */
  label: string;
}

/** Years from the oldest meter's installation to today's, newest first. */
export function historyYears(installedOn: readonly string[], today: string): number[] {
  const current = Number(today.slice(0, 4));
  const first = Math.min(current, ...installedOn.map((day) => Number(day.slice(0, 4))));
  return Array.from({ length: current - first + 1 }, (_, i) => current - i);
}

/** The period for a requested year; a year the meters never lived in means the last 12 months. */
export function historyPeriod(year: number | undefined, years: readonly number[], today: string): HistoryPeriod {
  if (year !== undefined && years.includes(year)) {
    const end = `${year}-12-31`;
    return { year, from: `${year}-01-01`, to: end < today ? end : today, label: `${year} r.` };
  }
  // The day after the same day a year ago (a 29 February runs on into March).
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10);
  return { year: undefined, from, to: today, label: 'ostatnich 12 miesięcy' };
}
