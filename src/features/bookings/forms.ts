/** The forms of room bookings. */
import { z } from 'zod';
import { checkbox, dayField, optionalText, requiredText } from '../../http/fields.ts';
import { moneyField } from '../ledger/forms.ts';
import { parseTime } from './rules/booking.ts';

const idText = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,15}$/.test(v) ? Number(v) : undefined));

const time = (missing: string) => requiredText(missing, 5);

export const slotForm = z.object({
  roomId: idText,
  date: dayField('Dzień'),
  from: time('Podaj godzinę początku.'),
  until: time('Podaj godzinę końca.'),
  purpose: requiredText('Napisz, do czego potrzebna jest sala.', 1000),
});

export const memberBookingForm = slotForm.extend({ unitId: idText });

export const publicBookingForm = slotForm.extend({
  contactName: requiredText('Podaj imię i nazwisko lub nazwę.', 200),
  contactEmail: requiredText('Podaj adres e-mail: tam wyślemy odpowiedź.', 200).refine(
    (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    'Podaj poprawny adres e-mail, np. jan@example.com.',
  ),
  contactPhone: optionalText(40),
});

const minutes = (label: string) =>
  requiredText(`${label}: podaj godzinę.`, 5).transform((text, ctx) => {
    const value = parseTime(text);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `${label}: podaj godzinę jako GG:MM.` });
      return z.NEVER;
    }
    return value;
  });

export const roomForm = z.object({
  name: requiredText('Podaj nazwę sali.', 100),
  opensAt: minutes('Otwarta od'),
  closesAt: minutes('Otwarta do'),
  minNoticeHours: z
    .string()
    .trim()
    .refine((v) => /^\d{1,4}$/.test(v), 'Podaj liczbę godzin, np. 24.')
    .transform(Number),
  pricePerHour: moneyField(),
  freeForMembers: checkbox,
});

export const rejectForm = z.object({ reason: optionalText(500) });
