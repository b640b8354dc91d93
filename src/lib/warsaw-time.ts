/** Local time in Europe/Warsaw ↔ instants, with the time-zone rules of `@date-fns/tz`. */
import { TZDate } from '@date-fns/tz';

const TIME_ZONE = 'Europe/Warsaw';

// Swedish dates are ISO dates: the cheapest way to get YYYY-MM-DD in a time zone. The formatter is
// built once: constructing one per call costs more than the whole page's date arithmetic.
const isoDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE });

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `DD.MM.RRRR GG:MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (or with a space) as Warsaw wall-clock
 * time → the instant, or undefined when malformed or not a real date. A date alone means midnight.
 */
export function parseWarsawLocal(text: string): Date | undefined {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  // As people write it (DD.MM.RRRR GG:MM) or as a datetime-local input sends it (RRRR-MM-DDTGG:MM).
  const polish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2}))?$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(trimmed);
  const parts = polish ? [polish[3], polish[2], polish[1], polish[4], polish[5]] : iso ? iso.slice(1) : undefined;
  if (!parts) return undefined;
  const [year, month, day, hour, minute] = parts.map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return new Date(new TZDate(year, month - 1, day, hour, minute, TIME_ZONE).getTime());
}

/** The Warsaw calendar date of an instant, `YYYY-MM-DD`. */
export function warsawDate(instant: Date): string {
  return isoDateFormat.format(instant);
}

/** An instant as Warsaw `YYYY-MM-DDTHH:MM`, the value of a datetime-local input. */
export function warsawLocalInput(instant: Date): string {
  const local = new TZDate(instant.getTime(), TIME_ZONE);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/** The first instant of the next calendar day in Warsaw after `instant` (midnight, summer or winter time). */
export function nextWarsawMidnight(instant: Date): Date {
  const local = new TZDate(instant.getTime(), TIME_ZONE);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, TIME_ZONE).getTime());
}
