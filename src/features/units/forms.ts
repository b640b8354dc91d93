/**
 * The register's forms in /panel as the browser sends them. The register's functions check their
 * own input (inputs.ts: the same schemas serve the import and the CLI, with a Polish message at
 * each field), so a form's schema only takes the text as typed: a field left out stays absent, a
 * repeated one gives its last value, and nothing here refuses a form; the function does.
 */
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';

/** A text field as typed; anything but text (a file, a forged value) is absent. */
const typed = z
  .unknown()
  .transform((value): string | undefined =>
    typeof value === 'string'
      ? value
      : Array.isArray(value) && typeof value.at(-1) === 'string'
        ? value.at(-1)
        : undefined,
  )
  .optional();

export const buildingForm = z.object({
  street: typed,
  number: typed,
  postcode: typed,
  city: typed,
  estate: typed,
  externalKey: typed,
  notes: typed,
});

export const unitForm = z.object({
  buildingId: typed,
  number: typed,
  kind: typed,
  area: typed,
  floor: typed,
  rooms: typed,
  externalKey: typed,
  notes: typed,
});

export const personForm = z.object({
  firstName: typed,
  lastName: typed,
  pesel: typed,
  address: typed,
  email: typed,
  phone: typed,
  externalKey: typed,
});

/** A unit's persons count from a day (the unit is the page's). */
export const occupancyForm = z.object({ effectiveFrom: typed, personsCount: typed, note: typed });

/** Ending a right (the right is the page's). */
export const endRightForm = z.object({ validTo: typed, endReason: typed });

/** Correcting a right (the right is the page's). */
export const correctRightForm = z.object({
  kind: typed,
  share: typed,
  validFrom: typed,
  validTo: typed,
  endReason: typed,
});

/** Rows for new holders on the form: a sale to up to this many co-holders at once. */
export const NEW_HOLDER_ROWS = 3;

/** The change-of-holder form: rows of new holders, of which those left empty are not holders. */
export interface HolderChangeForm {
  date?: string | undefined;
  endReason?: string | undefined;
  /** Undefined on a fresh form: every right that holds today is ticked. */
  endRightIds?: string[] | undefined;
  holders: { personId?: string | undefined; kind?: string | undefined; share?: string | undefined }[];
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** The change-of-holder form from its fields (`newHolders.0.personId`, …; `endRightIds` repeated). */
export function holderChangeFormOf(body: Record<string, unknown>) {
  const endRightIds = [body.endRightIds ?? []]
    .flat()
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const holders = Array.from({ length: NEW_HOLDER_ROWS }, (_, i) => ({
    personId: textOf(body[`newHolders.${i}.personId`]).trim(),
    kind: textOf(body[`newHolders.${i}.kind`]),
    share: textOf(body[`newHolders.${i}.share`]),
  }));
  return { date: textOf(body.date), endReason: textOf(body.endReason), endRightIds, holders };
}

export const holderChangeForm = z.record(z.string(), z.unknown()).transform(holderChangeFormOf);

/** The rows of the form that name a new holder, with the row each came from. */
export function filledHolderRows<H extends HolderChangeForm['holders'][number]>(form: { holders: H[] }) {
  return form.holders.map((holder, row) => ({ ...holder, row })).filter((holder) => holder.personId?.trim());
}

/**
 * The register's errors about new holders count only the filled rows (`newHolders.1.share` is the
 * second holder named); the form shows each at the row it was typed in.
 */
export function holderErrorsAtRows(form: HolderChangeForm, errors: FieldError[]): FieldError[] {
  const filled = filledHolderRows(form);
  return errors.map((error) => {
    if (error.field === 'newHolders') return { ...error, field: 'newHolders.0.personId' };
    const match = /^newHolders\.(\d+)\.(.*)$/.exec(error.field);
    if (!match) return error;
    const row = filled[Number(match[1])]?.row ?? 0;
    return { ...error, field: `newHolders.${row}.${match[2]}` };
  });
}

/** Errors about the right itself (not one of its fields) go to the summary at the top of its form. */
export function rightErrorsInSummary(errors: FieldError[]): FieldError[] {
  return errors.map((error) => (error.field === 'rightId' ? { ...error, field: '' } : error));
}
