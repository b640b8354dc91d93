/** What a letter must be: its form's rules, a draft's, and its audience in words. No SQL, no HTML. */
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import { buildingAddress, withCity } from '../../lib/address.ts';
import { parseDate } from '../../lib/dates.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { polishPlural } from '../../lib/plural.ts';
import { parseMoney } from '../ledger/rules/money.ts';
import type { Building } from '../units/queries.ts';
import type { LetterForm } from './forms.ts';
import type { Letter } from './letter-queries.ts';
import { unknownPlaceholders } from './personal/fields.ts';
import type { Audience } from './schema.ts';

/** The largest PDF a letter may carry. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const letterInput = z
  .object({
    subject: z
      .string({ error: 'Podaj temat listu.' })
      .trim()
      .min(1, 'Podaj temat listu.')
      .max(200, 'Temat jest za długi (najwyżej 200 znaków).'),
    body: z
      .string({ error: 'Wpisz treść listu.' })
      .trim()
      .min(1, 'Wpisz treść listu.')
      .max(100_000, 'Treść jest za długa.')
      .superRefine((body, ctx) => {
        const unknown = unknownPlaceholders(body);
        if (unknown.length)
          ctx.addIssue({
            code: 'custom',
            message: `Nie ma pola ${unknown.map((k) => `{{${k}}}`).join(', ')}. Użyj pól z listy obok treści, np. {{imie_nazwisko}} albo {{saldo}}.`,
          });
      }),
    audience: z.enum(['all', 'building', 'units', 'persons', 'debtors'], { error: 'Wybierz adresatów.' }),
    buildingId: z.string().optional(),
    debtorsDay: z.string().optional(),
    debtorsThreshold: z.string().optional(),
  })
  .transform((v, ctx): LetterValues | typeof z.NEVER => {
    let audience: Audience | undefined;
    switch (v.audience) {
      case 'all':
        audience = { kind: 'all' };
        break;
      case 'building': {
        const id = Number(v.buildingId);
        if (!Number.isSafeInteger(id) || id <= 0)
          ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'Wybierz budynek.' });
        else audience = { kind: 'building', buildingId: id };
        break;
      }
      // Chosen on the draft's page, by a search of the register.
      case 'units':
        audience = { kind: 'units', unitIds: [] };
        break;
      case 'persons':
        audience = { kind: 'persons', personIds: [] };
        break;
      case 'debtors': {
        const day = parseDate(v.debtorsDay ?? '');
        if (!day.ok)
          ctx.addIssue({
            code: 'custom',
            path: ['debtorsDay'],
            message: `Podaj dzień, na który liczy się zadłużenie: ${day.message}.`,
          });
        const threshold = (v.debtorsThreshold ?? '').trim()
          ? parseMoney(v.debtorsThreshold ?? '')
          : ({ ok: false, message: 'Podaj próg zadłużenia w złotych, np. 100,00.' } as const);
        if (!threshold.ok) ctx.addIssue({ code: 'custom', path: ['debtorsThreshold'], message: threshold.message });
        if (day.ok && threshold.ok) audience = { kind: 'debtors', asOf: day.value, threshold: threshold.value };
        break;
      }
    }
    if (!audience) return z.NEVER;
    return { subject: v.subject, bodyMarkdown: v.body, audience };
  });

/** A letter's subject, body and audience as the letter form gives them, checked. */
export interface LetterValues {
  subject: string;
  bodyMarkdown: string;
  audience: Audience;
}

/**
 * The letter form's values, or `ValidationError` at the fields. Picking units or persons needs
 * the register: someone who cannot search it (an editor) is told so before anything else.
 */
export function parseLetterForm(form: LetterForm, { mayPickRecipients }: { mayPickRecipients: boolean }): LetterValues {
  if ((form.audience === 'units' || form.audience === 'persons') && !mayPickRecipients) {
    throw new ValidationError([
      {
        field: 'audience',
        message: 'Wybieranie lokali i osób z rejestru jest dostępne dla pracowników BOK. Wybierz innych adresatów.',
      },
    ]);
  }
  return parseInput(letterInput, form);
}

/** Only a draft can change; a letter sent or scheduled stays as it is. */
export function assertDraft(letter: Letter): void {
  if (letter.state !== 'draft')
    throw new ValidationError([
      { field: '', message: 'List został już wysłany lub zaplanowany; nie można go zmienić.' },
    ]);
}

/** A sending time must lie ahead. */
export function assertFuture(at: Date, now: Date): void {
  if (at <= now) throw new ValidationError([{ field: 'at', message: 'Termin wysyłki musi być w przyszłości.' }]);
}

/** How a building is named to staff: `ul. Paderewskiego 65, Katowice`. */
export const buildingLabel = (building: Pick<Building, 'street' | 'number' | 'city'>) =>
  withCity(buildingAddress(building), building);

/** The audience in words; `buildings` names the building of a building audience. */
export function audienceLabel(
  audience: Audience,
  buildings: Pick<Building, 'id' | 'street' | 'number' | 'city'>[],
): string {
  switch (audience.kind) {
    case 'all':
      return 'wszyscy obecni posiadacze lokali';
    case 'building': {
      const building = buildings.find((b) => b.id === audience.buildingId);
      return `posiadacze lokali w budynku ${building ? buildingLabel(building) : '(usunięty z rejestru)'}`;
    }
    case 'units': {
      const n = audience.unitIds.length;
      if (n === 0) return 'wybrane lokale (jeszcze nie wybrano)';
      return `${n} ${polishPlural(n, { one: 'wybrany lokal', few: 'wybrane lokale', many: 'wybranych lokali' })}`;
    }
    case 'persons': {
      const n = audience.personIds.length;
      if (n === 0) return 'wybrane osoby (jeszcze nie wybrano)';
      return `${n} ${polishPlural(n, { one: 'wybrana osoba', few: 'wybrane osoby', many: 'wybranych osób' })}`;
    }
    case 'debtors':
      return `posiadacze lokali z zadłużeniem powyżej ${formatMoney(audience.threshold)} na dzień ${formatCalendarDate(audience.asOf)}`;
  }
}
