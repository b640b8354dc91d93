import { countOf } from '../../../lib/plural.ts';

/**
 * How long the oldest item of a queue has waited, as a clerk reads it: "od 3 dni", "od 5 godzin",
 * "od 12 minut", "od chwili" under a minute. Whole units, rounded down.
 */
export function waitingFor(since: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
  if (minutes < 1) return 'od chwili';
  if (minutes < 60) return `od ${countOf(minutes, genitive.minutes)}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `od ${countOf(hours, genitive.hours)}`;
  return `od ${countOf(Math.floor(hours / 24), genitive.days)}`;
}

/** Nouns after "od", in the genitive: od 1 dnia, od 2 dni, od 3 godzin, od 1 minuty. */
const genitive = {
  minutes: { one: 'minuty', few: 'minut', many: 'minut' },
  hours: { one: 'godziny', few: 'godzin', many: 'godzin' },
  days: { one: 'dnia', few: 'dni', many: 'dni' },
} as const;

/** Whether a queue's oldest item waits long enough to stand out on the desk (two days or more). */
export function isOverdue(since: Date, now: Date): boolean {
  return now.getTime() - since.getTime() >= 2 * 24 * 3_600_000;
}
