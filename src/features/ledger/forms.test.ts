import { describe, expect, it } from 'vitest';
import { fieldErrorsFromZod } from '../../lib/field-errors.ts';
import { correctionForm, paymentForm, rateForm, receivableForm } from './forms.ts';

const range = { startDate: '2013-01-01', today: '2026-03-15' };

function errorsOf(result: { success: boolean; error?: Parameters<typeof fieldErrorsFromZod>[0] }) {
  return result.error ? fieldErrorsFromZod(result.error) : [];
}

describe('the accountants’ forms', () => {
  it('reads a payment: grosze, the day, a trimmed reference', () => {
    const parsed = paymentForm(range).parse({
      kwota: '1 234,56',
      data: '14.03.2026',
      referencja: ' B-1 ',
      opis: ' x ',
    });
    expect(parsed).toEqual({ kwota: 123_456, data: '2026-03-14', referencja: 'B-1', opis: 'x' });
  });

  it('says at each field what is wrong with a payment, in Polish', () => {
    const result = paymentForm(range).safeParse({ kwota: '0', data: '1900-01-01', referencja: 'x'.repeat(101) });
    expect(errorsOf(result)).toEqual([
      { field: 'kwota', message: 'Kwota wpłaty musi być większa od zera.' },
      { field: 'data', message: 'Data wpłaty: data nie może być wcześniejsza niż początek ewidencji (01.01.2013).' },
      { field: 'referencja', message: 'Numer referencyjny: najwyżej 100 znaków.' },
    ]);
    expect(errorsOf(paymentForm(range).safeParse({}))).toEqual([
      { field: 'kwota', message: 'Podaj kwotę.' },
      { field: 'data', message: 'Data wpłaty: data w formacie DD.MM.RRRR lub RRRR-MM-DD.' },
    ]);
  });

  it('checks a receivable’s due date against its day also when another field is wrong', () => {
    const result = receivableForm(range).safeParse({ opis: 'x', kwota: 'y', data: '2026-03-10', termin: '2026-03-01' });
    expect(errorsOf(result).map((e) => e.field)).toEqual(['kwota', 'termin']);
    const early = receivableForm(range).safeParse({ opis: '', kwota: '1', data: '2026-03-16', termin: 'x' });
    expect(errorsOf(early)).toEqual([
      { field: 'opis', message: 'Podaj tytuł należności.' },
      { field: 'data', message: 'Data: data nie może być późniejsza niż dziś.' },
      { field: 'termin', message: 'Termin płatności: data w formacie DD.MM.RRRR lub RRRR-MM-DD.' },
    ]);
  });

  it('reads a correction’s amount with its sign, or none to only cancel the entry', () => {
    const form = correctionForm(range);
    expect(form.parse({ kwota: '-1 200,00', data: '2026-03-15', powod: 'błąd' }).kwota).toBe(-120_000);
    expect(form.parse({ kwota: ' ', data: '2026-03-15', powod: 'błąd' }).kwota).toBeNull();
  });

  it('refuses a rate for a unit and a building at once, beside the rate’s own error', () => {
    const result = rateForm.safeParse({ skladnik: '1', stawka: '1,23456', od: '2026-05-01', lokal: '3', budynek: '4' });
    expect(errorsOf(result)).toEqual([
      { field: 'stawka', message: 'Stawka może mieć najwyżej cztery miejsca po przecinku.' },
      { field: 'budynek', message: 'Podaj lokal albo budynek, nie oba.' },
    ]);
    expect(rateForm.parse({ skladnik: '2', stawka: '3,5', od: '2026-05-01', lokal: '', budynek: '' })).toEqual({
      skladnik: 2,
      stawka: 35_000,
      od: '2026-05-01',
      lokal: null,
      budynek: null,
    });
  });
});
