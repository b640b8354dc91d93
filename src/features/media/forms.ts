/** The media room's form schemas. */
import { z } from 'zod';
import { checkbox, dayField, optionalText, requiredText } from '../../http/fields.ts';
import { uploadField } from '../../http/uploads.ts';
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
