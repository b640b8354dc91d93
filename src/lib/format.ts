/** Formatting at the edge: money, dates and instants as Polish users read them. */

const TIME_ZONE = 'Europe/Warsaw';

const dateFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longDateFormat = new Intl.DateTimeFormat('pl-PL', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * Grosze → `1 234,56 zł`. Intl leaves out the thousands separator below 10 000, which Polish
 * typography does not, so the grouping is done here, with a non-breaking space.
 */
export function formatMoney(grosze: number): string {
  if (!Number.isSafeInteger(grosze)) throw new Error(`money must be an integer number of grosze: ${grosze}`);
  const sign = grosze < 0 ? '−' : '';
  const abs = Math.abs(grosze);
  const zloty = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${zloty},${cents}\u00a0zł`;
}

/** An instant as a Warsaw calendar date, `25.11.2026`. */
export function formatDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** An instant as Warsaw date and time, `25.11.2026, 14:05`. */
export function formatDateTime(instant: Date): string {
  return dateTimeFormat.format(instant);
}

/** An instant as a long Warsaw date, `25 listopada 2026`. */
export function formatLongDate(instant: Date): string {
  return longDateFormat.format(instant);
}

/** A calendar date value `YYYY-MM-DD` as `25.11.2026` (no time zone involved). */
export function formatCalendarDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not a calendar date: ${isoDate}`);
  return `${match[3]}.${match[2]}.${match[1]}`;
}
