/** Calendar arithmetic on `YYYY-MM-DD` strings, through UTC so no time zone can shift a day. */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `2024-05-17` → `2024-05-01`. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** `2024-05-17` → `2024-06-01`. */
export function nextMonthStart(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** `2024-05` → the 10th (or `day`) of that month; days past the month's end are clamped. */
export function dayOfMonth(month: string, day: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(Math.max(day, 1), last)).padStart(2, '0')}`;
}

/** Months `YYYY-MM` from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const result: string[] = [];
  let current = `${from.slice(0, 7)}-01`;
  while (current.slice(0, 7) <= to.slice(0, 7)) {
    result.push(current.slice(0, 7));
    current = nextMonthStart(current);
  }
  return result;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
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

/** `2024-05` → `maj 2024`. */
export function monthLabel(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
