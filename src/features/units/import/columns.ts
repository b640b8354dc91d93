/**
 * Columns of the register file (docs/import-register.md). Headers are matched after folding
 * (case, Polish letters, spaces and punctuation do not matter): `Powierzchnia użytkowa`,
 * `POWIERZCHNIA_UZYTKOWA` and `powierzchnia użytkowa ` are the same column.
 */
import { foldText } from '../rules/parse.ts';

export const registerColumns = {
  kod_budynku: 'Kod budynku',
  ulica: 'Ulica',
  nr_budynku: 'Nr budynku',
  kod_pocztowy: 'Kod pocztowy',
  miejscowosc: 'Miejscowość',
  osiedle: 'Osiedle',
  kod_lokalu: 'Kod lokalu',
  nr_lokalu: 'Nr lokalu',
  rodzaj_lokalu: 'Rodzaj lokalu',
  powierzchnia_uzytkowa: 'Powierzchnia użytkowa',
  pietro: 'Piętro',
  liczba_pokoi: 'Liczba pokoi',
  liczba_osob: 'Liczba osób',
  liczba_osob_od: 'Liczba osób od',
  kod_osoby: 'Kod osoby',
  imie: 'Imię',
  nazwisko: 'Nazwisko',
  pesel: 'PESEL',
  adres_korespondencyjny: 'Adres korespondencyjny',
  e_mail: 'E-mail',
  telefon: 'Telefon',
  tytul_prawny: 'Tytuł prawny',
  udzial: 'Udział',
  data_od: 'Data od',
  data_zakonczenia: 'Data zakończenia',
} as const;

export type ColumnKey = keyof typeof registerColumns;

/** Columns every file has; the person and right columns may be left empty for a vacant unit. */
export const requiredColumns: readonly ColumnKey[] = [
  'kod_budynku',
  'ulica',
  'nr_budynku',
  'kod_pocztowy',
  'miejscowosc',
  'kod_lokalu',
  'nr_lokalu',
  'rodzaj_lokalu',
  'powierzchnia_uzytkowa',
  'kod_osoby',
  'imie',
  'nazwisko',
  'tytul_prawny',
  'data_od',
];

const aliases: Record<string, ColumnKey> = {
  email: 'e_mail',
  powierzchnia: 'powierzchnia_uzytkowa',
  numer_lokalu: 'nr_lokalu',
  numer_budynku: 'nr_budynku',
  data_do: 'data_zakonczenia',
  tytul: 'tytul_prawny',
  adres: 'adres_korespondencyjny',
};

export function columnKey(header: string): ColumnKey | undefined {
  const key = foldText(header)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (key in registerColumns) return key as ColumnKey;
  return aliases[key];
}
