/**
 * Periods of rights: `validFrom` is the first day the right holds; `validTo` is the first day it
 * no longer holds (exclusive), null while it is open-ended. So a sale on 2020-06-15 ends the
 * seller's right with validTo = 2020-06-15 and starts the buyer's with validFrom = 2020-06-15,
 * and a right holds on day D when validFrom ≤ D < validTo.
 */
import { addRational, compareRational, formatRational, type Rational, rational, type Share, ZERO } from './share.ts';

export interface Period {
  validFrom: string;
  validTo: string | null;
}

export function holdsOn(period: Period, day: string): boolean {
  return period.validFrom <= day && (period.validTo === null || day < period.validTo);
}

export function overlaps(a: Period, b: Period): boolean {
  return (b.validTo === null || a.validFrom < b.validTo) && (a.validTo === null || b.validFrom < a.validTo);
}

export function isEmptyPeriod(period: Period): boolean {
  return period.validTo !== null && period.validTo <= period.validFrom;
}

export interface SharedPeriod extends Period, Share {}

/**
 * The first day on which the shares held at once add up to more than a whole, with that sum;
 * undefined when they never do. The sum can only rise where a period starts, so those days are
 * the only ones to check.
 */
export function firstOverfullDay(rights: readonly SharedPeriod[]): { day: string; sum: Rational } | undefined {
  if (rights.length <= 1) return undefined;
  // Fast path in exact integer arithmetic on a common denominator while it stays small.
  let common = 1;
  for (const right of rights) {
    common = (common * right.denominator) / gcdNumber(common, right.denominator);
    if (common > 1e9) return firstOverfullDayExact(rights);
  }
  const days = [...new Set(rights.map((r) => r.validFrom))];
  for (const day of days.sort()) {
    let sum = 0;
    for (const right of rights) if (holdsOn(right, day)) sum += (right.numerator * common) / right.denominator;
    if (sum > common) return firstOverfullDayExact(rights);
  }
  return undefined;
}

function gcdNumber(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function firstOverfullDayExact(rights: readonly SharedPeriod[]): { day: string; sum: Rational } | undefined {
  const one = rational({ numerator: 1, denominator: 1 });
  const starts = [...new Set(rights.map((r) => r.validFrom))].sort();
  for (const day of starts) {
    let sum = ZERO;
    for (const right of rights) if (holdsOn(right, day)) sum = addRational(sum, rational(right));
    if (compareRational(sum, one) > 0) return { day, sum };
  }
  return undefined;
}

export { formatRational };
