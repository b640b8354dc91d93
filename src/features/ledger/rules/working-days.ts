/**
 * Art. 115 KC: a due date that falls on a day legally free from work (a Saturday, a Sunday or a
 * Polish public holiday) moves to the next working day. Public holidays come from `date-holidays`
 * (type `public` for Poland: Easter Monday, Corpus Christi, Wigilia from 2025, …), never a hand list.
 */
import Holidays from 'date-holidays';
import { dayOfMonth } from './months.ts';

const holidays = new Holidays('PL');
const byYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

/** Whether a `YYYY-MM-DD` day is a working day (Monday–Friday, not a public holiday). */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(day.slice(0, 4))).has(day);
}

function plusOne(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const nextWorkingDay = new Map<string, string>();

/**
 * The day itself when it is a working day, otherwise the next working day (art. 115 KC).
 * Remembered per day (a few thousand days at most): the allocation asks it for every debt.
 */
export function workingDayOnOrAfter(day: string): string {
  let known = nextWorkingDay.get(day);
  if (known === undefined) {
    known = day;
    while (!isWorkingDay(known)) known = plusOne(known);
    nextWorkingDay.set(day, known);
  }
  return known;
}

/** The due date of a month's charge: the organization's due day, moved past free days. */
export function chargeDueDate(month: string, dueDay: number): string {
  return workingDayOnOrAfter(dayOfMonth(month, dueDay));
}
