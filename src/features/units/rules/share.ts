/**
 * Shares in a unit as exact fractions (numerator/denominator integers). Sums use BigInt, so
 * that any number of co-holders with any denominators add up without rounding.
 */

export interface Share {
  numerator: number;
  denominator: number;
}

export const WHOLE: Share = { numerator: 1, denominator: 1 };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** An exact rational number, always reduced, denominator > 0. */
export interface Rational {
  n: bigint;
  d: bigint;
}

export function rational(share: Share): Rational {
  return reduce(BigInt(share.numerator), BigInt(share.denominator));
}

function reduce(n: bigint, d: bigint): Rational {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export function addRational(a: Rational, b: Rational): Rational {
  return reduce(a.n * b.d + b.n * a.d, a.d * b.d);
}

export const ZERO: Rational = { n: 0n, d: 1n };

/** Compares a with b: -1, 0 or 1. */
export function compareRational(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sumShares(shares: readonly Share[]): Rational {
  return shares.reduce((sum, share) => addRational(sum, rational(share)), ZERO);
}

export function formatRational(value: Rational): string {
  return value.d === 1n ? String(value.n) : `${value.n}/${value.d}`;
}

/** `1/2`, `1`, ` 3 / 4 ` → a share in (0, 1]; anything else gets a Polish message. */
export function parseShare(input: string): { ok: true; value: Share } | { ok: false; message: string } {
  const text = input.trim();
  const match = /^(\d{1,6})(?:\s*\/\s*(\d{1,6}))?$/.exec(text);
  if (!match) return { ok: false, message: 'udział jako ułamek, np. 1/2, albo 1 dla całości' };
  const numerator = Number(match[1]);
  const denominator = match[2] === undefined ? 1 : Number(match[2]);
  if (denominator === 0) return { ok: false, message: 'mianownik udziału nie może być zerem' };
  if (numerator === 0) return { ok: false, message: 'udział musi być większy od zera' };
  if (numerator > denominator) return { ok: false, message: 'udział nie może być większy niż 1' };
  const reduced = reduce(BigInt(numerator), BigInt(denominator));
  return { ok: true, value: { numerator: Number(reduced.n), denominator: Number(reduced.d) } };
}

export function formatShare(share: Share): string {
  return share.numerator === share.denominator ? '1' : `${share.numerator}/${share.denominator}`;
}
