/**
 * Zod builders for the fields of forms, with the Polish messages shown next to them. A form's
 * schema is `z.object({ field: builder(...) })`; `formRoute` shows each issue at its field.
 * Browsers send every field as text (an empty one as ''), so each builder starts from a string.
 */
import { z } from 'zod';
import { parseDate } from '../lib/dates.ts';
import { counted, countOf } from '../lib/plural.ts';

/** Text a person typed, trimmed; `missing` is the message when it is empty. */
export function requiredText(missing: string, max = 200) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Najwyżej ${countOf(max, counted.characters)}.`);
}

/** Optional text, trimmed; an absent field is ''. */
export function optionalText(max = 200) {
  return z
    .string()
    .trim()
    .max(max, `Najwyżej ${countOf(max, counted.characters)}.`)
    .optional()
    .transform((value) => value ?? '');
}

/** A calendar day typed as DD.MM.RRRR or RRRR-MM-DD → `YYYY-MM-DD`; `label` starts the message. */
export function dayField(label: string) {
  return z.string({ error: `${label}: podaj datę.` }).transform((text, ctx) => {
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: `${label}: ${parsed.message}.` });
    return z.NEVER;
  });
}

/** A checkbox: present (any value) → true. */
export const checkbox = z
  .unknown()
  .optional()
  .transform((value) => value !== undefined && value !== '');

/** One or more values of a repeated field (checkbox list, multi-select), always an array. */
export function repeated<S extends z.ZodType>(item: S) {
  return z
    .union([item, z.array(item)])
    .optional()
    .transform((value): z.output<S>[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
}
