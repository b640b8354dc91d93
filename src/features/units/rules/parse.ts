/** Parsing of typed or imported values; each returns the value or a Polish message. */
import type { ParseResult } from '../../../lib/dates.ts';

/** Largest area accepted: numeric(10,2) holds less than 10^8 m². */
const MAX_AREA_HUNDREDTHS = 99_999_999_99;

/**
 * Usable area `54,30`, `54.30`, `54,3` or `54` m² → hundredths of m² (5430): integers, so
 * that no float ever holds an area (DESIGN §5).
 */
export function parseArea(input: string): ParseResult<number> {
  const text = input.trim().replace(/\s*m2$|\s*m²$/i, '');
  if (text === '') return { ok: false, message: 'podaj powierzchnię w m², np. 54,30' };
  const match = /^(\d{1,8})(?:[.,](\d+))?$/.exec(text);
  if (!match) {
    if (/^-/.test(text)) return { ok: false, message: 'powierzchnia musi być większa od zera' };
    return { ok: false, message: 'powierzchnia to liczba, np. 54,30' };
  }
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, message: 'powierzchnia może mieć najwyżej 2 miejsca po przecinku' };
  const value = Number(match[1]) * 100 + Number(decimals.padEnd(2, '0'));
  if (value <= 0) return { ok: false, message: 'powierzchnia musi być większa od zera' };
  if (value > MAX_AREA_HUNDREDTHS) return { ok: false, message: 'powierzchnia jest zbyt duża' };
  return { ok: true, value };
}

/** Hundredths of m² → `54,30 m²`. */
export function formatArea(hundredths: number): string {
  return `${formatAreaNumber(hundredths)}\u00a0m²`;
}

/** Hundredths of m² → `54,30` (decimal comma, as Polish users and imports write it). */
export function formatAreaNumber(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
}

/** Hundredths → `54.30`, the numeric literal PostgreSQL stores. */
export function areaToNumeric(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** A whole number in [min, max], e.g. a floor (−5…200) or rooms; empty → null. */
export function parseOptionalInteger(
  input: string,
  min: number,
  max: number,
  what: string,
): ParseResult<number | null> {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  if (!/^-?\d{1,6}$/.test(text)) return { ok: false, message: `${what}: liczba całkowita` };
  const value = Number(text);
  if (value < min || value > max) return { ok: false, message: `${what}: od ${min} do ${max}` };
  return { ok: true, value };
}

/**
 * Text folded for searching and sorting: lower case, Polish letters without diacritics
 * (`Łódź` → `lodz`), single spaces. The database has a C collation on PGlite, so sorting and
 * prefix search use this key rather than the raw names.
 */
export function foldText(input: string): string {
  return input
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A numeric(10,2) value read from the database (`54.30`) → hundredths, without floats. */
export function numericToArea(value: string | number): number {
  const parsed = parseArea(String(value));
  if (!parsed.ok) throw new Error(`not an area: ${value}`);
  return parsed.value;
}
