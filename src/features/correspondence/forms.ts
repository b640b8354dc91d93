/**
 * The forms of correspondence as their routes parse them (`formRoute`'s body), and the fields
 * peculiar to them. Rules that need the database, the clock or a file's content are checked by
 * the feature functions the routes call (they throw `ValidationError` at the field).
 */
import { z } from 'zod';
import { checkbox } from '../../http/fields.ts';
import { uploadField } from '../../http/uploads.ts';
import { parseWarsawLocal } from '../../lib/warsaw-time.ts';
import { MAX_SCAN_BYTES } from '../activation/scans.ts';

/** A text field as typed; an absent one is ''. */
const typed = z.string().default('');

/** A form with nothing to fill in: a button. */
export const noFields = z.object({});

/** An e-mail address a consent is declared for. */
export const consentEmail = z
  .string({ error: 'Podaj adres e-mail.' })
  .trim()
  .min(1, 'Podaj adres e-mail.')
  .max(254, 'Adres e-mail jest za długi.')
  .pipe(z.email('Podaj poprawny adres e-mail, np. jan.kowalski@example.com.'));

/**
 * A member's consent online: the declaration must be accepted first (until it is, the address is
 * not checked), then the address.
 */
export const onlineConsentForm = z
  .object({
    accept: z.literal('tak', { error: 'Zaznacz pole potwierdzające zapoznanie się z oświadczeniem i zgodę.' }),
    email: z.unknown().optional(),
  })
  .pipe(z.object({ accept: z.literal('tak'), email: consentEmail }));

/** A declaration recorded by staff: signed at the desk or sent as a scan. */
export const deskConsentForm = z.object({
  method: z.enum(['desk', 'scan'], { error: 'Wybierz, jak złożono oświadczenie.' }),
  email: consentEmail,
});

/**
 * A scan's file field: the file as sent, or undefined when none was chosen. A file cut off by the
 * upload limit is over the scans' 10 MB anyway: it is given one byte too many, so the scan check
 * names the limit.
 */
export const scanUpload = z
  .unknown()
  .optional()
  .transform((value): { fileName: string; data: Buffer } | undefined => {
    if (typeof value !== 'object' || value === null || !('data' in value) || !Buffer.isBuffer(value.data)) return;
    const fileName = 'fileName' in value && typeof value.fileName === 'string' ? value.fileName : '';
    const truncated = 'truncated' in value && value.truncated === true;
    return { fileName, data: truncated ? Buffer.alloc(MAX_SCAN_BYTES + 1) : value.data };
  });

/** A member's signed declaration as a scan (checked by `submitConsentScan`). */
export const memberScanForm = z.object({ scanEmail: typed, file: scanUpload });
export type MemberScanForm = z.output<typeof memberScanForm>;

/** The public form: who sends it, the declaration and an ID (checked by `submitPublicConsentScan`). */
export const publicScanForm = z.object({
  imie: typed,
  nazwisko: typed,
  adres: typed,
  email: typed,
  oswiadczenie: scanUpload,
  dowod: scanUpload,
});
export type PublicScanForm = z.output<typeof publicScanForm>;

/** The person staff matched a public form's scan with, if a valid one was chosen. */
export const acceptScanForm = z.object({ personId: z.string().optional() }).transform(({ personId }) => {
  const chosen = Number(personId);
  return { personId: Number.isSafeInteger(chosen) && chosen > 0 ? chosen : undefined };
});

/** Why a scan is refused (checked by `rejectConsentScan`). */
export const rejectScanForm = z.object({ reason: typed });

/** The letter form's fields as typed: a new letter, or a draft changed (checked by `parseLetterForm`). */
export const letterForm = z.object({
  subject: typed,
  body: typed,
  audience: typed,
  buildingId: z.string().optional(),
  debtorsDay: z.string().optional(),
  debtorsThreshold: z.string().optional(),
});
export type LetterForm = z.input<typeof letterForm>;

/** A unit or a person picked from the register's search for a draft. */
export const addRecipientForm = z
  .object({ unitId: z.string().optional(), personId: z.string().optional() })
  .transform(({ unitId, personId }) => ({ id: Number(unitId ?? personId) }));

/** A unit or a person taken off a draft's chosen recipients. */
export const removeRecipientForm = z.object({ id: z.string().optional() }).transform(({ id }) => ({ id: Number(id) }));

/** A PDF to attach to a draft (checked by `addAttachment`). */
export const attachmentForm = z.object({ file: uploadField() });

/** When a draft goes out: `DD.MM.RRRR GG:MM` (or `RRRR-MM-DD GG:MM`), Warsaw time. */
export const scheduleForm = z.object({
  at: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const at = parseWarsawLocal(text ?? '');
      if (at) return at;
      ctx.addIssue({ code: 'custom', message: 'Podaj datę i godzinę wysyłki, np. 01.12.2026 09:00.' });
      return z.NEVER;
    }),
});

/** Positive ids from a comma-separated list (`12,13,14`); anything else is left out. */
export function idList(text: string | undefined): number[] {
  return (text ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** The deliveries staff printed: exactly those in the PDF they printed. */
export const printedForm = z
  .object({ ids: z.string().optional() })
  .transform(({ ids }) => ({ deliveryIds: idList(ids) }));

/** "Wyślij teraz": the ticked confirmation and the counts the sender saw. */
export const sendForm = z.object({
  potwierdzam: checkbox,
  email: z.coerce.number().int().min(0).catch(-1),
  papier: z.coerce.number().int().min(0).catch(-1),
});
