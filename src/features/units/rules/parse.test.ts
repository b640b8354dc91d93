import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../lib/dates.ts';
import { areaToNumeric, foldText, formatArea, parseArea, parseOptionalInteger } from './parse.ts';

describe('area', () => {
  it('reads a decimal comma or point into hundredths of m²', () => {
    expect(parseArea('54,30')).toEqual({ ok: true, value: 5430 });
    expect(parseArea('54.30')).toEqual({ ok: true, value: 5430 });
    expect(parseArea('54,3')).toEqual({ ok: true, value: 5430 });
    expect(parseArea(' 54 ')).toEqual({ ok: true, value: 5400 });
    expect(parseArea('0,01')).toEqual({ ok: true, value: 1 });
  });

  it('refuses zero, negatives, three decimals and letters in Polish', () => {
    expect(parseArea('0')).toEqual({ ok: false, message: 'powierzchnia musi być większa od zera' });
    expect(parseArea('0,00')).toEqual({ ok: false, message: 'powierzchnia musi być większa od zera' });
    expect(parseArea('-12,50')).toEqual({ ok: false, message: 'powierzchnia musi być większa od zera' });
    expect(parseArea('54,305')).toEqual({
      ok: false,
      message: 'powierzchnia może mieć najwyżej 2 miejsca po przecinku',
    });
    expect(parseArea('54a')).toEqual({ ok: false, message: 'powierzchnia to liczba, np. 54,30' });
    expect(parseArea('1 054,30').ok).toBe(false);
    expect(parseArea('')).toEqual({ ok: false, message: 'podaj powierzchnię w m², np. 54,30' });
  });

  it('formats back to what it parses (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_999 }), (hundredths) => {
        expect(parseArea(areaToNumeric(hundredths))).toEqual({ ok: true, value: hundredths });
        expect(parseArea(formatArea(hundredths).replace('\u00a0m²', ''))).toEqual({ ok: true, value: hundredths });
      }),
    );
  });
});

describe('dates', () => {
  it('reads DD.MM.RRRR and ISO into YYYY-MM-DD', () => {
    expect(parseDate('15.06.2020')).toEqual({ ok: true, value: '2020-06-15' });
    expect(parseDate('5.6.2020')).toEqual({ ok: true, value: '2020-06-05' });
    expect(parseDate('2020-06-15')).toEqual({ ok: true, value: '2020-06-15' });
    expect(parseDate('29.02.2024')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('refuses days not in the calendar and other formats in Polish', () => {
    expect(parseDate('29.02.2023')).toEqual({ ok: false, message: 'nie ma takiego dnia w kalendarzu: 29.02.2023' });
    expect(parseDate('2023-04-31').ok).toBe(false);
    expect(parseDate('2023-13-01').ok).toBe(false);
    expect(parseDate('15/06/2020')).toEqual({ ok: false, message: 'data w formacie DD.MM.RRRR lub RRRR-MM-DD' });
    expect(parseDate('20200615').ok).toBe(false);
  });

  it('agrees with the JavaScript calendar on every day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 366 }), (n) => {
        const iso = new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(parseDate(iso)).toEqual({ ok: true, value: iso });
        expect(parseDate(`${d}.${m}.${y}`)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

describe('small parsers', () => {
  it('reads optional integers in a range', () => {
    expect(parseOptionalInteger('', 0, 10, 'piętro')).toEqual({ ok: true, value: null });
    expect(parseOptionalInteger('-1', -5, 10, 'piętro')).toEqual({ ok: true, value: -1 });
    expect(parseOptionalInteger('11', -5, 10, 'piętro')).toEqual({ ok: false, message: 'piętro: od -5 do 10' });
    expect(parseOptionalInteger('2,5', 0, 10, 'pokoje').ok).toBe(false);
  });

  it('folds Polish letters for search', () => {
    expect(foldText('  Łódź   Żółć ')).toBe('lodz zolc');
    expect(foldText('ŚCIGAŁY')).toBe('scigaly');
  });
});
