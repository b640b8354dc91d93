/** The forms of residents' requests, with their Polish messages at the fields. */
import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../../http/fields.ts';
import { uploadField } from '../../http/uploads.ts';
import { MAX_PHOTO_BYTES } from './photos.ts';
import { faultCategories, faultPlaces, faultStatuses, priorities } from './rules/status.ts';

const oneFile = uploadField(MAX_PHOTO_BYTES);

/**
 * Several files under one name (`<input type="file" multiple>`): always an array. (`repeated`
 * cannot wrap a file field: its single-value branch would take the whole array.)
 */
const files = z
  .unknown()
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(z.array(oneFile));

export const faultForm = z.object({
  category: z.enum(faultCategories, { error: 'Wybierz, czego dotyczy zgłoszenie.' }),
  place: z.enum(faultPlaces, { error: 'Wybierz, gdzie jest usterka.' }),
  unitId: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,15}$/.test(v) ? Number(v) : undefined)),
  description: requiredText('Opisz usterkę: co się dzieje i gdzie dokładnie.', 4000),
  photos: files,
});

export const messageForm = z.object({
  subject: requiredText('Podaj temat wiadomości.', 200),
  body: requiredText('Napisz treść wiadomości.', 8000),
  attachments: files,
});

export const memberPostForm = z.object({
  body: requiredText('Napisz treść wiadomości.', 8000),
  attachments: files,
});

export const staffPostForm = z.object({
  body: requiredText('Napisz treść odpowiedzi lub notatki.', 8000),
  internal: checkbox,
});

export const statusForm = z.object({
  status: z.enum(faultStatuses, { error: 'Wybierz nowy status.' }),
  reason: optionalText(1000),
});

export const assignForm = z.object({
  assigneeId: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,15}$/.test(v) ? Number(v) : undefined)),
  priority: z.enum(priorities, { error: 'Wybierz priorytet.' }),
});
