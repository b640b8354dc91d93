/** Local time in Europe/Warsaw ↔ instants, without a time-zone library. */

const TIME_ZONE = 'Europe/Warsaw';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

// Swedish dates are ISO dates: the cheapest way to get YYYY-MM-DD in a time zone. Formatters are
// built once: constructing one per call costs more than the whole page's date arithmetic.
const isoDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE });

/** Minutes Warsaw is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function warsawOffsetMinutes(instant: Date): number {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (or with a space) as Warsaw wall-clock time → the instant,
 * or undefined when malformed or not a real date. A date alone means midnight.
 */
export function parseWarsawLocal(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // Two passes settle the offset also next to a daylight-saving switch.
  let instant = wall - warsawOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - warsawOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The Warsaw calendar date of an instant, `YYYY-MM-DD`. */
export function warsawDate(instant: Date): string {
  return isoDateFormat.format(instant);
}

/** An instant as Warsaw `YYYY-MM-DDTHH:MM`, the value of a datetime-local input. */
export function warsawLocalInput(instant: Date): string {
  const parts = Object.fromEntries(partsFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The first instant of the next calendar day in Warsaw after `instant` (midnight, summer or winter time). */
export function nextWarsawMidnight(instant: Date): Date {
  const [year, month, day] = warsawDate(instant).split('-').map(Number) as [number, number, number];
  const tomorrow = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  return parseWarsawLocal(tomorrow) as Date;
}
