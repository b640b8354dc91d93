import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRate, MAX_ENTRY_GROSZE, moneyToPlain, parseMoney, parseRate } from './money.ts';

describe('parseMoney', () => {
  it.each([
    ['12,34', 1234],
    ['12.34', 1234],
    ['1 234,56', 123_456],
    ['1\u00a0234,56 zł', 123_456],
    ['1 234 567,8', 123_456_780],
    ['10 000 000,00', 1_000_000_000],
    ['0,1', 10],
    ['7', 700],
    [' 42,00 ', 4200],
  ])('%s → %d grosze', (input, grosze) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: grosze });
  });

  it.each(['12,345', '12.345', 'abc', '12,3a', '1,2,3', '', '12 34,00', ',50', '1e3', '0x10', '12,'])(
    'refuses %j with a Polish message',
    (input) => {
      const result = parseMoney(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/Kwot|kwot/);
    },
  );

  it('says that three decimals are too many', () => {
    expect(parseMoney('12,345')).toEqual({
      ok: false,
      message: 'Kwota może mieć najwyżej dwa miejsca po przecinku (grosze).',
    });
  });

  it('accepts a minus only when asked', () => {
    expect(parseMoney('-12,30').ok).toBe(false);
    expect(parseMoney('-12,30', { allowNegative: true })).toEqual({ ok: true, value: -1230 });
  });

  it('refuses more than 10 million zł in one entry', () => {
    expect(parseMoney('10 000 000,01')).toEqual({
      ok: false,
      message: 'Kwota jest zbyt duża: najwyżej 10 000 000,00 zł.',
    });
    expect(parseMoney('90 071 992 547 409,91').ok).toBe(false);
  });

  it('round-trips every amount through the plain form (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_ENTRY_GROSZE, max: MAX_ENTRY_GROSZE }), (grosze) => {
        expect(parseMoney(moneyToPlain(grosze), { allowNegative: true })).toEqual({ ok: true, value: grosze });
      }),
    );
  });

  it('parses with a dot the same as with a comma (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: MAX_ENTRY_GROSZE / 100 - 1 }), fc.integer({ min: 0, max: 99 }), (zloty, grosze) => {
        const cents = String(grosze).padStart(2, '0');
        expect(parseMoney(`${zloty}.${cents}`)).toEqual(parseMoney(`${zloty},${cents}`));
        expect(parseMoney(`${zloty},${cents}`)).toEqual({ ok: true, value: zloty * 100 + grosze });
      }),
    );
  });
});

describe('parseRate', () => {
  it('reads up to four decimals as ten-thousandths of a złoty', () => {
    expect(parseRate('3,4567')).toEqual({ ok: true, value: 34_567 });
    expect(parseRate('3.5')).toEqual({ ok: true, value: 35_000 });
    expect(parseRate('12')).toEqual({ ok: true, value: 120_000 });
    expect(parseRate('1,23456').ok).toBe(false);
    expect(parseRate('x').ok).toBe(false);
  });
  it('formats back', () => {
    expect(formatRate(34_567)).toBe('3,4567');
    expect(formatRate(35_000)).toBe('3,50');
    expect(formatRate(120_000)).toBe('12,00');
  });
});
