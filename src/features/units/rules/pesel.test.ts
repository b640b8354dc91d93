import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../lib/dates.ts';
import { checkPesel, isValidPesel, makePesel, maskPesel, peselBirthDate } from './pesel.ts';

describe('PESEL', () => {
  it('accepts valid numbers and derives birth date and sex', () => {
    // Published examples of the format (checksum-valid).
    expect(checkPesel('44051401359')).toEqual({ ok: true, value: { birthDate: '1944-05-14', sex: 'M' } });
    expect(checkPesel('02270803624')).toEqual({ ok: true, value: { birthDate: '2002-07-08', sex: 'K' } });
  });

  it('decodes the century from the month', () => {
    expect(peselBirthDate('01810100000')).toBe('1801-01-01');
    expect(peselBirthDate('99123100000')).toBe('1999-12-31');
    expect(peselBirthDate('24322900000')).toBe('2024-12-29');
    expect(peselBirthDate('01410100000')).toBe('2101-01-01');
    expect(peselBirthDate('01610100000')).toBe('2201-01-01');
    expect(peselBirthDate('01130100000')).toBeUndefined();
  });

  it('rejects a wrong check digit, length, letters and impossible dates in Polish', () => {
    expect(checkPesel('44051401358')).toEqual({ ok: false, message: 'PESEL ma nieprawidłową cyfrę kontrolną' });
    expect(checkPesel('4405140135')).toEqual({ ok: false, message: 'PESEL ma 11 cyfr' });
    expect(checkPesel('4405140135A')).toEqual({ ok: false, message: 'PESEL ma 11 cyfr' });
    // 30 February 1944, otherwise well-formed.
    const bad = checkPesel('44023001359');
    expect(bad).toEqual({ ok: false, message: 'PESEL zawiera nieprawidłową datę urodzenia' });
    // 29 February: in 2000 (leap year, month 22) yes, in 1900 (month 02) no.
    expect(peselBirthDate('00222900000')).toBe('2000-02-29');
    expect(peselBirthDate('00022900000')).toBeUndefined();
  });

  it('round-trips every date and sex it can encode (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2299 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('K' as const, 'M' as const),
        fc.integer({ min: 0, max: 999 }),
        (year, month, day, sex, serial) => {
          const date = calendarDate(year, month, day);
          if (!date || year < 1900) return;
          const pesel = makePesel(date, sex, serial);
          expect(checkPesel(pesel)).toEqual({ ok: true, value: { birthDate: date, sex } });
        },
      ),
    );
  });

  it('detects every single-digit change in the check digit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 9 }), (serial, delta) => {
        const pesel = makePesel('1975-03-12', 'K', serial);
        const last = (Number(pesel[10]) + delta) % 10;
        expect(isValidPesel(pesel.slice(0, 10) + String(last))).toBe(false);
      }),
    );
  });

  it('masks all but the last four digits', () => {
    expect(maskPesel('44051401359')).toBe('*******1359');
    expect(maskPesel(null)).toBe('');
  });
});
