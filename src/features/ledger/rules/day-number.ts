/**
 * Calendar days as numbers (days since 1970-01-01) and back, by integer arithmetic on the
 * `YYYY-MM-DD` text: interest and settlement shares count days for every debt and rate row of a
 * debtors list, where parsing a Date each time cost more than the allocation itself.
 * (H. Hinnant's days-from-civil for the proleptic Gregorian calendar.)
 */
export function dayNumber(day: string): number {
  let y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The `YYYY-MM-DD` day of a day number. */
export function dayOfNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
