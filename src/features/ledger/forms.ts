/**
 * The forms of the accountants' pages (/panel/finanse) as zod schemas, with the Polish messages
 * shown at their fields. Money and rates are read by rules/money.ts (integer grosze, never
 * floats); a new entry's value date must lie between the ledger's start date and today, so the
 * booking forms are built for the request's organization and day (`paymentForm({ startDate,
 * today })`). Absent fields read as '' (browsers send every field; a forged request gets the
 * same message as an empty field).
 */
import { z } from 'zod';
import { checkbox, dayField } from '../../http/fields.ts';
import { uploadField } from '../../http/uploads.ts';
import { costKinds, feeBases } from './rules/fees.ts';
import { parseMoney, parseRate } from './rules/money.ts';
import { isMonth } from './rules/months.ts';
import { parseRateTable } from './rules/rate-table-text.ts';
import { valueDateProblem } from './rules/value-date.ts';

/** A field as typed; an absent one is ''. */
const typed = () => z.string().default('');

/** Trimmed text that must not be empty, cut (not refused) at `max` characters. */
function requiredLine(missing: string, max: number) {
  return typed()
    .transform((text) => text.trim())
    .refine((text) => text.length > 0, missing)
    .transform((text) => text.slice(0, max));
}

/** An amount in złoty → grosze; `zero` is the message when 0 is not allowed. */
export function moneyField({ allowNegative = false, zero }: { allowNegative?: boolean; zero?: string } = {}) {
  return typed().transform((text, ctx) => {
    const parsed = parseMoney(text, { allowNegative });
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    if (zero !== undefined && parsed.value === 0) {
      ctx.addIssue({ code: 'custom', message: zero });
      return z.NEVER;
    }
    return parsed.value;
  });
}

/** A signed amount in złoty → grosze, or null when left empty. */
export function optionalSignedMoneyField() {
  return typed().transform((text, ctx) => {
    if (text.trim() === '') return null;
    const parsed = parseMoney(text, { allowNegative: true });
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });
}

/** A fee rate in złoty with up to four decimals → ten-thousandths of a złoty. */
export function rateField() {
  return typed().transform((text, ctx) => {
    const parsed = parseRate(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });
}

/** A calendar day; `label` starts its messages (`Termin płatności: …`). */
function day(label: string) {
  return typed().pipe(dayField(label));
}

/** The days a new entry may be valued on: from the ledger's start date to today. */
export interface ValueDateRange {
  startDate: string;
  today: string;
}

/** A new entry's value date: a day (`label: …`) within the range (`label: data nie może …`). */
export function valueDayField(label: string, range: ValueDateRange) {
  return day(label).superRefine((value, ctx) => {
    const problem = valueDateProblem(value, range);
    if (problem)
      ctx.addIssue({ code: 'custom', message: `${label}: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}` });
  });
}

/**
 * A cross-field rule runs when these fields were read, whatever happened to the others (so its
 * message shows beside theirs, as on a form checked field by field). zod 4 runs an object's
 * refinement only when no field was refused unless `when` says otherwise, and hands `when` the
 * object with a refused field's value left as zod's `{ status: 'aborted' }` marker.
 */
function readFields(...names: string[]) {
  return ({ value }: { value: unknown }) =>
    typeof value === 'object' && value !== null && names.every((name) => !isAborted(Reflect.get(value, name)));
}

function isAborted(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, 'status') === 'aborted';
}

/** Zaksięguj wpłatę (a unit's account). */
export function paymentForm(range: ValueDateRange) {
  return z.object({
    kwota: moneyField({ zero: 'Kwota wpłaty musi być większa od zera.' }),
    data: valueDayField('Data wpłaty', range),
    referencja: typed()
      .refine((text) => text.length <= 100, 'Numer referencyjny: najwyżej 100 znaków.')
      .transform((text) => text.trim()),
    opis: typed().transform((text) => text.trim().slice(0, 200)),
  });
}

/** Dodaj należność z innego tytułu (a unit's account); the due date is not before the value date. */
export function receivableForm(range: ValueDateRange) {
  return z
    .object({
      opis: requiredLine('Podaj tytuł należności.', 200),
      kwota: moneyField({ zero: 'Kwota musi być większa od zera.' }),
      data: valueDayField('Data', range),
      termin: day('Termin płatności'),
    })
    .refine((form) => form.termin >= form.data, {
      path: ['termin'],
      message: 'Termin płatności nie może być wcześniejszy niż data należności.',
      when: readFields('data', 'termin'),
    });
}

/** Korekta pozycji: the right amount (signed; empty = only cancel), its day and the reason. */
export function correctionForm(range: ValueDateRange) {
  return z.object({
    kwota: optionalSignedMoneyField(),
    data: valueDayField('Data korekty', range),
    powod: requiredLine('Podaj powód korekty.', 200),
  });
}

/** An id typed into a text field: digits → the number, empty → null. */
const optionalId = (wrong?: string) =>
  typed().transform((text, ctx) => {
    if (/^\d+$/.test(text)) return Number(text);
    if (wrong !== undefined && text.trim()) {
      ctx.addIssue({ code: 'custom', message: wrong });
      return z.NEVER;
    }
    return null;
  });

/** Nowa stawka: a component's rate from a day, for everyone, one building or one unit. */
export const rateForm = z
  .object({
    // Not a number → no such component, which the feature refuses at the field.
    skladnik: typed().transform((text) => Number(text)),
    stawka: rateField(),
    od: day('Obowiązuje od'),
    lokal: optionalId('Id lokalu to liczba.'),
    budynek: optionalId(),
  })
  .refine((form) => form.lokal === null || form.budynek === null, {
    path: ['budynek'],
    message: 'Podaj lokal albo budynek, nie oba.',
    when: readFields('lokal', 'budynek'),
  });

/** Nowy składnik opłaty. */
export const componentForm = z.object({
  kod: typed()
    .transform((text) => text.trim().toUpperCase())
    .refine((code) => /^[A-Z0-9_-]{1,20}$/.test(code), 'Kod: litery A–Z, cyfry, „-” lub „_”, najwyżej 20 znaków.'),
  nazwa: requiredLine('Podaj nazwę składnika.', 100),
  podstawa: z.enum(feeBases, { error: 'Wybierz podstawę.' }),
  rodzaj: z.enum(costKinds, { error: 'Wybierz rodzaj kosztów.' }).default('own'),
});

/** Naliczenie miesięczne. */
export const chargeRunForm = z.object({
  miesiac: typed()
    .transform((text) => text.trim())
    .refine(isMonth, 'Miesiąc w formacie RRRR-MM, np. 2026-03.'),
});

/** Import wpłat: one CSV file. */
export const paymentImportForm = z.object({
  plik: uploadField().refine((file) => file.data.length > 0, 'Wybierz plik CSV.'),
});

// ── Debt (issue 15) ───────────────────────────────────────────────────────────────────────────

/** Booking the current holders' interest on a day (not after today). */
export function interestBookingForm({ today }: { today: string }) {
  return z.object({
    dzien: dayField('Dzień').refine((day) => day <= today, 'Dzień nie może być późniejszy niż dziś.'),
  });
}

const entryId = (message: string) =>
  typed().transform((text, ctx) => {
    if (!/^\d{1,15}$/.test(text)) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return Number(text);
  });

/** The payer's indication: which payment pays which debt. */
export const indicationForm = z.object({
  wplata: entryId('Wybierz wpłatę.'),
  naleznosc: entryId('Wybierz należność.'),
});

/** The statutory interest table as text (rules/rate-table-text.ts); continuity is checked on save. */
export const interestRatesForm = z.object({
  stawki: typed().transform((text, ctx) => {
    const parsed = parseRateTable(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.rows;
  }),
});

/** The organization's debt settings. */
export const debtSettingsForm = z.object({
  odsetki: checkbox,
  prog: moneyField({ allowNegative: false }),
  /** A settlement straddling a holder change: `dni` shared by days, `data` the holder on its date. */
  rozliczenie: z.enum(['dni', 'data']).default('dni'),
  termin: typed().transform((text, ctx) => {
    const day = Number(text);
    if (!/^\d{1,2}$/.test(text) || day < 1 || day > 28) {
      ctx.addIssue({ code: 'custom', message: 'Dzień płatności: liczba od 1 do 28.' });
      return z.NEVER;
    }
    return day;
  }),
});
