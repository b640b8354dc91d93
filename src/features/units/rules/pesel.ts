/**
 * PESEL, the Polish personal number: YYMMDD (the century is encoded in the month: +80 for the
 * 1800s, +0 for the 1900s, +20 for the 2000s, +40 for the 2100s, +60 for the 2200s), a serial
 * number whose last digit is odd for men and even for women, and a check digit.
 */
import { calendarDate } from '../../../lib/dates.ts';

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;
const CENTURY_OFFSETS: ReadonlyArray<[offset: number, century: number]> = [
  [80, 1800],
  [0, 1900],
  [20, 2000],
  [40, 2100],
  [60, 2200],
];

export type Sex = 'K' | 'M';

export interface PeselFacts {
  birthDate: string;
  sex: Sex;
}

/** The check digit for the first 10 digits. */
export function peselCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * (WEIGHTS[i] ?? 0);
  return (10 - (sum % 10)) % 10;
}

/** Birth date encoded in the first six digits, or undefined when it is not a calendar date. */
export function peselBirthDate(pesel: string): string | undefined {
  const yy = Number(pesel.slice(0, 2));
  const mm = Number(pesel.slice(2, 4));
  const dd = Number(pesel.slice(4, 6));
  for (const [offset, century] of CENTURY_OFFSETS) {
    const month = mm - offset;
    if (month >= 1 && month <= 12) return calendarDate(century + yy, month, dd);
  }
  return undefined;
}

/** Checks the PESEL; returns its facts, or a Polish message saying what is wrong. */
export function checkPesel(input: string): { ok: true; value: PeselFacts } | { ok: false; message: string } {
  const pesel = input.trim();
  if (!/^\d{11}$/.test(pesel)) return { ok: false, message: 'PESEL ma 11 cyfr' };
  const birthDate = peselBirthDate(pesel);
  if (!birthDate) return { ok: false, message: 'PESEL zawiera nieprawidłową datę urodzenia' };
  if (peselCheckDigit(pesel) !== Number(pesel[10])) {
    return { ok: false, message: 'PESEL ma nieprawidłową cyfrę kontrolną' };
  }
  return { ok: true, value: { birthDate, sex: Number(pesel[9]) % 2 === 1 ? 'M' : 'K' } };
}

export function isValidPesel(input: string): boolean {
  return checkPesel(input).ok;
}

/** Builds a PESEL with a valid check digit (demo data and tests); `serial` is 0–999. */
export function makePesel(birthDate: string, sex: Sex, serial: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const century = Math.floor(y / 100) * 100;
  const offset = CENTURY_OFFSETS.find(([, c]) => c === century)?.[0];
  if (offset === undefined) throw new Error(`no PESEL encoding for the year ${y}`);
  const sexDigit = ((serial % 5) * 2 + (sex === 'M' ? 1 : 0)) % 10;
  const first10 =
    String(y % 100).padStart(2, '0') +
    String(m + offset).padStart(2, '0') +
    String(d).padStart(2, '0') +
    String(Math.floor(serial) % 1000).padStart(3, '0') +
    String(sexDigit);
  return first10 + String(peselCheckDigit(first10));
}

/** For lists: only the last four digits show, `*******1234`. */
export function maskPesel(pesel: string | null | undefined): string {
  if (!pesel) return '';
  return `${'*'.repeat(Math.max(0, pesel.length - 4))}${pesel.slice(-4)}`;
}
