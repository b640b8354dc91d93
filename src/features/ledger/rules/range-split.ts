/**
 * How a sum over a range of value dates is read: whole calendar years from the yearly totals,
 * whole months from the monthly totals, the days at either end from the entries. At most one
 * span of years, two of months and two of days, whatever the length of the range: a balance
 * with 20 years of history costs what one with a year does.
 */
import { addDays, monthStart, nextMonthStart } from './months.ts';

/** Half-open `[from, to)` of `YYYY-MM-DD`; `from` undefined = since the beginning. */
export interface Span {
  from: string | undefined;
  to: string;
}

export interface RangeParts {
  days: Span[];
  months: Span[];
  years: Span[];
}

function nextYearStart(date: string): string {
  return date.endsWith('-01-01') ? date : `${Number(date.slice(0, 4)) + 1}-01-01`;
}

/** Splits `[from, to]` (both inclusive; `from` undefined = since the beginning). */
export function splitRange(from: string | undefined, to: string): RangeParts {
  const end = addDays(to, 1);
  const parts: RangeParts = { days: [], months: [], years: [] };
  if (from !== undefined && from >= end) return parts;
  const monthFrom = from === undefined ? undefined : from.endsWith('-01') ? from : nextMonthStart(from);
  const monthTo = monthStart(end);
  if (monthFrom !== undefined && monthFrom >= monthTo) {
    parts.days.push({ from, to: end });
    return parts;
  }
  if (from !== undefined && monthFrom !== undefined && from < monthFrom) parts.days.push({ from, to: monthFrom });
  if (monthTo < end) parts.days.push({ from: monthTo, to: end });
  const yearFrom = monthFrom === undefined ? undefined : nextYearStart(monthFrom);
  const yearTo = `${monthTo.slice(0, 4)}-01-01`;
  if (yearFrom !== undefined && yearFrom >= yearTo) {
    parts.months.push({ from: monthFrom, to: monthTo });
    return parts;
  }
  if (monthFrom !== undefined && yearFrom !== undefined && monthFrom < yearFrom) {
    parts.months.push({ from: monthFrom, to: yearFrom });
  }
  parts.years.push({ from: yearFrom, to: yearTo });
  if (yearTo < monthTo) parts.months.push({ from: yearTo, to: monthTo });
  return parts;
}
