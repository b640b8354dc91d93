/**
 * Calendar dates as `YYYY-MM-DD` strings (DESIGN §5): no time zone, compared as strings,
 * which orders them correctly because the format is fixed-width.
 */

import { warsawDate } from './warsaw-time.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const POLISH = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** `YYYY-MM-DD` from numbers, or undefined for a day that is not in the calendar. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1800 || year > 2299 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** `DD.MM.RRRR` or `YYYY-MM-DD` → `YYYY-MM-DD`, with a Polish message for anything else. */
export function parseDate(input: string): ParseResult<string> {
  const text = input.trim();
  let parts: [number, number, number] | undefined;
  const iso = ISO.exec(text);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const polish = POLISH.exec(text);
  if (polish) parts = [Number(polish[3]), Number(polish[2]), Number(polish[1])];
  if (!parts) return { ok: false, message: 'data w formacie DD.MM.RRRR lub RRRR-MM-DD' };
  const value = calendarDate(...parts);
  if (!value) return { ok: false, message: `nie ma takiego dnia w kalendarzu: ${text}` };
  return { ok: true, value };
}

/** Today in Warsaw as `YYYY-MM-DD` (rights and occupancy are kept in Warsaw's calendar). */
export function todayInWarsaw(now: Date = new Date()): string {
  return warsawDate(now);
}
