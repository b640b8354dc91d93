import { describe, expect, it } from 'vitest';
import { checkHeatingRows, parseThousandths } from './heating.ts';

const header = ['lokal', 'okres_od', 'okres_do', 'koszt', 'zaliczki', 'wynik', 'zuzycie', 'plik_pdf'];
const row = (line: number, fields: Record<string, string>) => ({
  line,
  fields: { okres_od: '2026-01-01', okres_do: '2026-03-31', ...fields },
});

describe('heating results file rows', () => {
  it('takes advances, or derives them from the result (a negative result is a refund)', () => {
    const { rows, errors } = checkHeatingRows(header, [
      row(2, { lokal: '1', koszt: '1 834,20', zaliczki: '1 650,00', zuzycie: '8,412' }),
      row(3, { lokal: '2', koszt: '1200', wynik: '-300,00' }),
    ]);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.unitNumber, r.cost, r.advances, r.consumption])).toEqual([
      ['1', 183_420, 165_000, 8_412],
      ['2', 120_000, 150_000, 0],
    ]);
  });

  it('reports every problem of a row, a unit twice and a second period', () => {
    const { errors } = checkHeatingRows(header, [
      row(2, { lokal: '1', koszt: '10,00', zaliczki: '5,00' }),
      row(3, { lokal: '1', koszt: '1,234', zaliczki: '' }),
      row(4, { lokal: '3', koszt: '10,00', wynik: '20,00', okres_do: '2026-06-30' }),
    ]);
    expect(errors).toEqual([
      {
        line: 3,
        message:
          'lokal 1 występuje w pliku drugi raz; koszt: Kwota może mieć najwyżej dwa miejsca po przecinku (grosze).; podaj zaliczki albo wynik',
      },
      { line: 4, message: 'wynik większy niż koszt (zaliczki ujemne)' },
    ]);
    const periods = checkHeatingRows(header, [
      row(2, { lokal: '1', koszt: '10,00', zaliczki: '5,00' }),
      row(3, { lokal: '2', koszt: '10,00', zaliczki: '5,00', okres_do: '2026-06-30' }),
    ]);
    expect(periods.errors).toEqual([
      { line: 3, message: 'inny okres niż w pierwszym wierszu: jeden plik to jeden okres' },
    ]);
  });

  it('refuses a file without the required columns', () => {
    expect(() => checkHeatingRows(['lokal', 'koszt'], [])).toThrow();
  });

  it('reads consumption in thousandths', () => {
    expect(parseThousandths('8,412')).toBe(8_412);
    expect(parseThousandths('7.5')).toBe(7_500);
    expect(parseThousandths('1,2345')).toBeUndefined();
    expect(parseThousandths('-1')).toBeUndefined();
  });
});
