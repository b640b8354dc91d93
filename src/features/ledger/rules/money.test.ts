import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRate, moneyToPlain, parseMoney, parseRate } from './money.ts';

describe('parseMoney', () => {
  it.each([
    ['12,34', 1234],
    ['12.34', 1234],
    ['1 234,56', 123_456],
    ['1\u00a0234,56 zł', 123_456],
    ['12 345 678,9', 1_234_567_890],
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

  it('round-trips every amount through the plain form (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (grosze) => {
        expect(parseMoney(moneyToPlain(grosze), { allowNegative: true })).toEqual({ ok: true, value: grosze });
      }),
    );
  });

  it('parses with a dot the same as with a comma (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.integer({ min: 0, max: 99 }), (zloty, grosze) => {
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
