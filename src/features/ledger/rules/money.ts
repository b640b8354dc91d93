/**
 * Money typed by people and files, parsed to integer grosze without floating point: the digits
 * are read as text and combined as integers, so `0,1 + 0,2` can never become `0,30000000000000004`.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

// Whole part: plain digits, or groups of three split by a space / non-breaking space
// (`1 234`); decimal part: a comma or a dot and one or two digits.
/**
 * The largest amount of one entry: 10 million zł. Far above any fee or payment of a unit, and
 * low enough that the sum of a unit's whole history stays an exact integer.
 */
export const MAX_ENTRY_GROSZE = 1_000_000_000;

const MONEY = /^([-−]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

/**
 * `"12,34"`, `"1 234,56"`, `"12.34"`, `"-5"` → grosze. Refuses `"12,345"` (three decimals are
 * either a mistake or a thousands separator, and we will not guess), letters, empty input.
 */
export function parseMoney(input: string, { allowNegative = false } = {}): ParseResult<number> {
  const text = input.trim().replace(/\s*zł$/i, '');
  if (text === '') return { ok: false, message: 'Podaj kwotę.' };
  const match = MONEY.exec(text);
  if (!match) return { ok: false, message: 'Kwota może zawierać tylko cyfry i przecinek, np. 1 234,56.' };
  const [, sign = '', whole = '', fraction] = match;
  if (fraction !== undefined && fraction.length > 2) {
    return { ok: false, message: 'Kwota może mieć najwyżej dwa miejsca po przecinku (grosze).' };
  }
  if (sign && !allowNegative) return { ok: false, message: 'Kwota nie może być ujemna.' };
  const digits = whole.replace(/\D/g, '');
  const grosze = BigInt(digits) * 100n + BigInt((fraction ?? '').padEnd(2, '0') || '0');
  if (grosze > BigInt(MAX_ENTRY_GROSZE))
    return { ok: false, message: 'Kwota jest zbyt duża: najwyżej 10 000 000,00 zł.' };
  const value = Number(grosze);
  return { ok: true, value: sign ? -value : value };
}

/** Grosze → `1234,56` (no thousands separator, comma decimal): for CSV files and form values. */
export function moneyToPlain(grosze: number): string {
  if (!Number.isSafeInteger(grosze)) throw new Error(`money must be an integer number of grosze: ${grosze}`);
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Fee rates have up to four decimals of a złoty (`3,4567 zł/m²`, as cooperatives' resolutions
 * print them), so they are kept as integer ten-thousandths of a złoty: 1 zł = 10 000, 1 gr = 100.
 */
export const RATE_SCALE = 10_000;

/** `"3,4567"` → 34 567 ten-thousandths of a złoty. */
export function parseRate(input: string): ParseResult<number> {
  const text = input.trim().replace(/\s*zł.*$/i, '');
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) return { ok: false, message: 'Stawka może zawierać tylko cyfry i przecinek, np. 3,4567.' };
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > 4) return { ok: false, message: 'Stawka może mieć najwyżej cztery miejsca po przecinku.' };
  const value = BigInt(whole) * BigInt(RATE_SCALE) + BigInt(fraction.padEnd(4, '0') || '0');
  if (value > 1_000_000_000n) return { ok: false, message: 'Stawka jest zbyt duża.' };
  return { ok: true, value: Number(value) };
}

/** 34 567 → `3,4567` (trailing zeros kept to two decimals: `3,50`). */
export function formatRate(rate: number): string {
  const whole = Math.trunc(rate / RATE_SCALE);
  let fraction = String(rate % RATE_SCALE).padStart(4, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${whole},${fraction}`;
}
