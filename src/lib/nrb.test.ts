import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNrb, isValidNrb, normalizeNrb, nrbCheckDigits } from './nrb.ts';

describe('NRB', () => {
  // A published example account of a Polish bank (valid checksum).
  const valid = '61109010140000071219812874';

  it('accepts a valid number however it is typed', () => {
    expect(isValidNrb(valid)).toBe(true);
    expect(isValidNrb('61 1090 1014 0000 0712 1981 2874')).toBe(true);
    expect(isValidNrb('PL61109010140000071219812874')).toBe(true);
  });

  it('rejects a changed digit, a wrong length and letters', () => {
    expect(isValidNrb('61109010140000071219812875')).toBe(false);
    expect(isValidNrb('6110901014000007121981287')).toBe(false);
    expect(isValidNrb('6110901014000007121981287A')).toBe(false);
  });

  it('agrees with the IBAN rule computed with big integers, for any digits', () => {
    const digits = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    fc.assert(
      fc.property(digits(26), (nrb) => {
        expect(isValidNrb(nrb)).toBe(BigInt(`${nrb.slice(2)}2521${nrb.slice(0, 2)}`) % 97n === 1n);
      }),
    );
    fc.assert(
      fc.property(digits(24), (basic) => {
        expect(nrbCheckDigits(basic)).toBe(String(98n - (BigInt(`${basic}252100`) % 97n)).padStart(2, '0'));
      }),
    );
  });

  it('computes check digits that validate', () => {
    const basic = valid.slice(2);
    expect(nrbCheckDigits(basic)).toBe('61');
    expect(isValidNrb(`${nrbCheckDigits('102023130000000000000001')}102023130000000000000001`)).toBe(true);
  });

  it('formats in groups of four after the check digits', () => {
    expect(formatNrb(valid)).toBe('61 1090 1014 0000 0712 1981 2874');
    expect(normalizeNrb('61 1090-1014')).toBe('6110901014');
  });
});
