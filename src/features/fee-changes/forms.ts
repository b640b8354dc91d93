import { z } from 'zod';
import { dayField, optionalText, repeated, requiredText } from '../../http/fields.ts';
import { isMonth } from '../ledger/rules/months.ts';

/**
 * The fee plan form: the month, the scope, the justification, and one rate field per component
 * (`stawka_<id>`, empty = unchanged), checked by the feature (plans.ts) against the components.
 */
export const planForm = z
  .object({
    miesiac: z
      .string({ error: 'Podaj miesiąc, od którego obowiązują nowe stawki.' })
      .trim()
      .refine(isMonth, 'Miesiąc w formacie RRRR-MM, np. 2027-05.'),
    zakres: z.enum(['all', 'buildings', 'units'], { error: 'Wybierz, kogo dotyczy zmiana.' }).default('all'),
    budynki: repeated(z.coerce.number().int().positive()),
    lokale: optionalText(20_000),
    uzasadnienie: requiredText('Napisz uzasadnienie zmiany — ustawa wymaga go na piśmie.', 10_000),
  })
  .catchall(z.string().optional());

export type PlanForm = z.output<typeof planForm>;

/** Sending a plan: nothing but the button (the CSRF token is checked by formRoute). */
export const sendForm = z.object({});

/** The clerk's ticks: paper notices handed over or posted on a day. */
export const postedForm = z.object({
  dzien: dayField('Dzień doręczenia'),
  zawiadomienia: repeated(z.coerce.number().int().positive()),
});

/** Recording a holder's suit: whose notice (holder and unit), the day it was filed, the court's document. */
export const contestForm = z.object({
  zawiadomienie: z.coerce
    .number({ error: 'Wybierz posiadacza, który wniósł pozew.' })
    .int()
    .positive('Wybierz posiadacza, który wniósł pozew.'),
  dzien: dayField('Dzień wniesienia pozwu'),
  sad: requiredText('Podaj sąd, do którego wniesiono pozew.', 200),
  sygnatura: optionalText(100),
});
export type ContestForm = z.output<typeof contestForm>;

/** Closing a contest: the final outcome and the day the judgement became final. */
export const closeContestForm = z.object({
  wynik: z.enum(['change_upheld', 'change_annulled', 'discontinued'], { error: 'Wybierz rozstrzygnięcie sądu.' }),
  dzien: dayField('Dzień uprawomocnienia'),
});
export type CloseContestForm = z.output<typeof closeContestForm>;
