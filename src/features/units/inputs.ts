/**
 * One zod schema per input of the register's functions (STYLE habit 7). Inputs are shaped like
 * form fields (strings for areas, dates and shares, as typed), so the /panel forms pass what was
 * typed through (forms.ts); every message is Polish and lands at its field.
 */

import { type ZodType, z } from 'zod';
import { type FieldError, ValidationError } from '../../errors.ts';
import { parseDate } from '../../lib/dates.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { readRightKind, readUnitKind } from './labels.ts';
import { parseArea } from './rules/parse.ts';
import { checkPesel } from './rules/pesel.ts';
import { parseShare } from './rules/share.ts';

const required = 'to pole jest wymagane';

/**
 * An input as typed in a form: any field may be missing, since the function parses it with its
 * schema, which says what is required (a missing field is „to pole jest wymagane” at the field).
 */
type AsTyped<S extends ZodType> = Partial<z.input<S>>;

const requiredText = (max: number) =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, `najwyżej ${countOf(max, counted.characters)}`);

/** Empty or missing → null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `najwyżej ${countOf(max, counted.characters)}`)
    .nullish()
    .transform((v) => (v ? v : null));

const id = z.coerce.number({ error: 'wybierz z listy' }).int('wybierz z listy').positive('wybierz z listy');

const calendarDate = z.string({ error: required }).transform((value, ctx) => {
  const parsed = parseDate(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

const optionalDate = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (!value?.trim()) return null;
    const parsed = parseDate(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

const optionalInteger = (min: number, max: number) =>
  z
    .union([z.number(), z.string()])
    .nullish()
    .transform((value, ctx) => {
      if (value === null || value === undefined || String(value).trim() === '') return null;
      const text = String(value).trim();
      if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
        ctx.addIssue({ code: 'custom', message: `liczba całkowita od ${min} do ${max}` });
        return z.NEVER;
      }
      return Number(text);
    });

export const buildingInput = z.object({
  externalKey: optionalText(40),
  street: requiredText(120),
  number: requiredText(20),
  postcode: z
    .string({ error: required })
    .trim()
    .regex(/^\d{2}-\d{3}$/, 'kod pocztowy w formacie 00-000'),
  city: requiredText(80),
  estate: optionalText(120),
  notes: optionalText(2000),
});
export type BuildingInput = AsTyped<typeof buildingInput>;
export type BuildingValues = z.output<typeof buildingInput>;

export const unitInput = z.object({
  buildingId: id,
  number: requiredText(20),
  kind: z.string({ error: required }).transform((value, ctx) => {
    const kind = readUnitKind(value);
    if (!kind) {
      ctx.addIssue({ code: 'custom', message: 'rodzaj lokalu: mieszkalny, użytkowy, garaż lub inny' });
      return z.NEVER;
    }
    return kind;
  }),
  /** Usable area as typed, `54,30` or `54.30`. */
  area: z.string({ error: required }).transform((value, ctx) => {
    const parsed = parseArea(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  }),
  floor: optionalInteger(-5, 200),
  rooms: optionalInteger(0, 50),
  externalKey: optionalText(40),
  notes: optionalText(2000),
});
export type UnitInput = AsTyped<typeof unitInput>;
export type UnitValues = z.output<typeof unitInput>;

export const personInput = z.object({
  firstName: requiredText(80),
  lastName: requiredText(120),
  pesel: z
    .string()
    .nullish()
    .transform((value, ctx) => {
      const text = value?.replace(/\s/g, '') ?? '';
      if (text === '') return null;
      const checked = checkPesel(text);
      if (!checked.ok) {
        ctx.addIssue({ code: 'custom', message: checked.message });
        return z.NEVER;
      }
      return text;
    }),
  address: optionalText(400),
  email: z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!z.email().safeParse(value).success) {
        ctx.addIssue({ code: 'custom', message: 'nieprawidłowy adres e-mail' });
        return z.NEVER;
      }
      return value.toLowerCase();
    }),
  phone: z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!/^\+?[\d ()-]{6,20}$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'numer telefonu: cyfry, spacje, opcjonalnie +48' });
        return z.NEVER;
      }
      return value;
    }),
  externalKey: optionalText(40),
});
export type PersonInput = AsTyped<typeof personInput>;
export type PersonValues = z.output<typeof personInput>;

const rightKind = z.string({ error: required }).transform((value, ctx) => {
  const kind = readRightKind(value);
  if (!kind) {
    ctx.addIssue({
      code: 'custom',
      message: 'tytuł prawny: lokatorskie, własnościowe, odrębna własność, najem lub inne',
    });
    return z.NEVER;
  }
  return kind;
});

const share = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    const parsed = parseShare(value?.trim() ? value : '1');
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

export const rightInput = z.object({
  unitId: id,
  personId: id,
  kind: rightKind,
  /** `1/2`; empty means the whole. */
  share,
  validFrom: calendarDate,
  validTo: optionalDate,
  endReason: optionalText(200),
});
export type RightInput = z.input<typeof rightInput>;

export const endRightInput = z.object({
  rightId: id,
  /** The first day the right no longer holds (the day of the sale, the day after death). */
  validTo: calendarDate,
  /** Why it ends (zgon, wygaśnięcie najmu, …): the register keeps it with the right. */
  endReason: requiredText(200),
});
export type EndRightInput = z.input<typeof endRightInput>;

/** A correction of a right entered wrongly: its kind, share and period (never its person or unit). */
export const correctRightInput = z.object({
  rightId: id,
  kind: rightKind,
  /** `1/2`; empty means the whole. */
  share,
  validFrom: calendarDate,
  validTo: optionalDate,
  endReason: optionalText(200),
});
export type CorrectRightInput = z.input<typeof correctRightInput>;

export const holderChangeInput = z.object({
  unitId: id,
  /** The day of the change: old rights end (exclusive) and new rights start on it. */
  date: calendarDate,
  /** Rights to end; omitted → every right that holds on the date. */
  endRightIds: z.array(id).optional(),
  endReason: optionalText(200).transform((v) => v ?? 'zmiana posiadacza'),
  newHolders: z
    .array(z.object({ personId: id, kind: rightKind, share }), { error: 'podaj nowego posiadacza' })
    .min(1, 'podaj co najmniej jednego nowego posiadacza'),
});
export type HolderChangeInput = z.input<typeof holderChangeInput>;

export const occupancyInput = z.object({
  unitId: id,
  effectiveFrom: calendarDate,
  personsCount: z.union([z.number(), z.string()]).transform((value, ctx) => {
    const text = String(value).trim();
    if (!/^\d{1,2}$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'liczba osób: liczba całkowita od 0 do 99' });
      return z.NEVER;
    }
    return Number(text);
  }),
  note: optionalText(200),
});
export type OccupancyInput = z.input<typeof occupancyInput>;

/** Parses an input or throws ValidationError with one Polish message per bad field. */
export function parseInput<T extends ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'form',
    message: issue.code === 'invalid_type' && issue.input === undefined ? required : issue.message,
  }));
  throw new ValidationError(fields);
}

export function fieldError(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}
