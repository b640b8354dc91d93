/** The media room's form schemas. */
import { z } from 'zod';
import { checkbox, dayField, optionalText, requiredText } from '../../http/fields.ts';
import { uploadField, uploadFilesField } from '../../http/uploads.ts';
import { rateField } from '../ledger/forms.ts';
import { MAX_PHOTO_BYTES } from './photos.ts';
import { parseReading } from './rules/reading-input.ts';
import { meterMedia } from './schema.ts';

/** A meter's value as typed, with up to three decimals (the meter's own decimals are checked later). */
export function readingValue(label: string) {
  return z.string({ error: `${label}: podaj odczyt.` }).transform((text, ctx) => {
    const parsed = parseReading(text, 3);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: `${label}: ${parsed.message}` });
    return z.NEVER;
  });
}

const optionalDay = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? '')
    .pipe(z.union([z.literal('').transform(() => null), dayField(label)]));

export const readingForm = z.object({
  licznik: z.string().default(''),
  data: dayField('Data odczytu'),
  odczyt: z.string().default(''),
  potwierdzam: checkbox,
  zdjecie: uploadField(MAX_PHOTO_BYTES + 1024 * 1024).optional(),
});

export const meterForm = z.object({
  medium: z.enum(meterMedia, { error: 'Wybierz medium.' }),
  numer: requiredText('Podaj numer fabryczny licznika.', 40),
  miejsce: optionalText(100),
  miejsca_po_przecinku: z.coerce
    .number({ error: 'Podaj liczbę od 0 do 3.' })
    .int('Podaj liczbę od 0 do 3.')
    .min(0, 'Podaj liczbę od 0 do 3.')
    .max(3, 'Podaj liczbę od 0 do 3.')
    .default(3),
  zamontowano: dayField('Data montażu'),
  odczyt_poczatkowy: readingValue('Odczyt początkowy'),
  legalizacja_do: optionalDay('Legalizacja ważna do'),
});

export const replacementForm = z.object({
  data_wymiany: dayField('Data wymiany'),
  odczyt_koncowy: readingValue('Odczyt końcowy'),
  nowy_numer: requiredText('Podaj numer nowego licznika.', 40),
  nowy_odczyt: readingValue('Odczyt początkowy nowego licznika'),
  nowe_miejsca: z.coerce.number().int().min(0).max(3).catch(3),
  nowa_legalizacja: optionalDay('Legalizacja nowego licznika'),
});

export const reviewForm = z.object({
  decyzja: z.enum(['accepted', 'rejected'], { error: 'Wybierz decyzję.' }),
  uwaga: optionalText(500),
});

export const meterImportForm = z.object({ plik: uploadField() });

export const readingImportForm = z.object({
  plik: uploadField(),
  zrodlo: requiredText('Podaj nazwę firmy odczytowej (źródła).', 60),
  kolumna_numer: requiredText('Podaj nazwę kolumny z numerem licznika.', 60),
  kolumna_data: requiredText('Podaj nazwę kolumny z datą odczytu.', 60),
  kolumna_odczyt: requiredText('Podaj nazwę kolumny z odczytem.', 60),
});

export const runForm = z.object({
  budynek: z.coerce.number({ error: 'Wybierz budynek.' }).int().positive('Wybierz budynek.'),
  medium: z.enum(['zimna_woda', 'ciepla_woda'], { error: 'Wybierz medium.' }),
  od: dayField('Początek okresu'),
  do: dayField('Koniec okresu'),
});

/** Every building at once: the medium and the period. */
export const batchForm = runForm.omit({ budynek: true });

export const postForm = z.object({
  data_ksiegowania: dayField('Data księgowania'),
  termin: dayField('Termin płatności'),
});

export const tariffForm = z.object({
  od: dayField('Obowiązuje od'),
  woda: rateField(),
  scieki: rateField(),
});

export const settlementSettingsForm = z.object({
  regula: z.enum(['consumption', 'persons', 'area', 'none'], { error: 'Wybierz sposób rozliczenia różnicy.' }),
  skladnik: requiredText('Podaj kod składnika opłat z zaliczkami za zimną wodę.', 20),
  skladnik_cw: requiredText('Podaj kod składnika opłat z zaliczkami za ciepłą wodę.', 20),
});

export const windowForm = z.object({
  od_dnia: z.coerce
    .number({ error: 'Dzień od 1 do 31.' })
    .int('Dzień od 1 do 31.')
    .min(1, 'Dzień od 1 do 31.')
    .max(31, 'Dzień od 1 do 31.'),
  do_dnia: z.coerce
    .number({ error: 'Dzień od 1 do 31.' })
    .int('Dzień od 1 do 31.')
    .min(1, 'Dzień od 1 do 31.')
    .max(31, 'Dzień od 1 do 31.'),
  miesiace: optionalText(40).transform((text, ctx) => {
    if (text === '') return [];
    const months = text
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) {
      ctx.addIssue({ code: 'custom', message: 'Miesiące to liczby od 1 do 12, np. 3, 6, 9, 12 (puste = co miesiąc).' });
      return z.NEVER;
    }
    return [...new Set(months)].sort((a, b) => a - b);
  }),
});

export const declarationForm = z.object({
  liczba_osob: z
    .string({ error: 'Podaj liczbę osób.' })
    .trim()
    .regex(/^\d{1,2}$/, 'Liczba osób: liczba całkowita od 0 do 99.')
    .transform(Number),
  od: dayField('Od kiedy'),
  powod: optionalText(500),
  prawda: checkbox,
});

export const decisionForm = z.object({
  decyzja: z.enum(['approve', 'reject'], { error: 'Wybierz decyzję.' }),
  uzasadnienie: optionalText(500),
});

/** The heating company's results file with its PDFs (docs/import-heating.md). */
export const heatingImportForm = z.object({
  budynek: z.coerce.number({ error: 'Wybierz budynek.' }).int().positive('Wybierz budynek.'),
  plik: uploadField(),
  pdf: uploadFilesField().optional(),
});
