/** The reminders' forms: a stage's thresholds and letter, and a run as of a day. */
import { z } from 'zod';
import { dayField, requiredText } from '../../http/fields.ts';
import { unknownPlaceholders } from '../correspondence/personal/fields.ts';
import { moneyField } from '../ledger/forms.ts';
import { reminderFields } from './rules/letters.ts';

/** Whole days from `min` to `max`; `label` starts the message. */
function daysField(label: string, min: number, max: number) {
  return z
    .string()
    .default('')
    .transform((text, ctx) => {
      const value = Number(text.trim());
      if (!/^\d{1,4}$/.test(text.trim()) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${label}: liczba dni od ${min} do ${max}.` });
        return z.NEVER;
      }
      return value;
    });
}

export const stageForm = z.object({
  nazwa: requiredText('Podaj nazwę etapu.', 80),
  kwota: moneyField(),
  dni: daysField('Dni po terminie', 0, 3650),
  termin: daysField('Termin zapłaty', 1, 90),
  temat: requiredText('Podaj temat pisma.', 200),
  tresc: requiredText('Podaj treść pisma.', 20_000).superRefine((body, ctx) => {
    const unknown = unknownPlaceholders(body, reminderFields);
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `Nieznane pola: ${unknown.map((k) => `{{${k}}}`).join(', ')}. Dostępne pola są wymienione obok.`,
      });
  }),
});

export type StageFormValue = z.output<typeof stageForm>;

export const runForm = z.object({ dzien: dayField('Dzień') });
