/** What the accountants' route modules (/panel/finanse) share: today, the unit, notices, who may book. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { staffOf } from '../../../http/auth.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { can } from '../../../policy.ts';
import { findUnitLabel, type UnitLabel } from '../../units/unit-facts.ts';
import type { ValueDateRange } from '../forms.ts';
import { ledgerSettingsOf } from '../settings.ts';

/** Today in Warsaw, by the app's clock. */
export function todayOf(app: FastifyInstance): string {
  return warsawDate(app.clock());
}

/** Whether the signed-in staff member may book (the forms and links are shown only then). */
export function canBook(request: FastifyRequest): boolean {
  return can(staffOf(request), 'ledger.book');
}

/** The days a new entry of the request's organization may be valued on. */
export function valueDateRange(app: FastifyInstance, request: FastifyRequest): ValueDateRange {
  return { startDate: ledgerSettingsOf(request.organization).startDate, today: todayOf(app) };
}

/** A unit of the request's organization; any other id is a page that does not exist. */
export async function unitOf(app: FastifyInstance, request: FastifyRequest, unitId: number): Promise<UnitLabel> {
  const unit = await findUnitLabel(app.db, { organizationId: request.organization.id, unitId });
  if (!unit) throw new AppError('not_found', 'no such unit');
  return unit;
}

const notices = new Map([
  ['wplata', 'Zaksięgowano wpłatę.'],
  ['naleznosc', 'Dodano należność.'],
  ['korekta', 'Zaksięgowano korektę.'],
  ['stawka', 'Dodano stawkę.'],
  ['skladnik', 'Dodano składnik opłaty.'],
  ['odsetki', 'Zaksięgowano odsetki ustawowe.'],
  ['wskazanie', 'Zapisano wskazanie wpłacającego; rozliczenie wpłat przeliczono.'],
  ['stopy', 'Zapisano tabelę odsetek ustawowych.'],
  ['ustawienia', 'Zapisano ustawienia zadłużenia.'],
]);

/** `?ok=wplata` after a change: which notice to show. */
export const noticeQuery = z.object({ ok: z.string().optional().catch(undefined) });

export function noticeOf(ok: string | undefined): string | undefined {
  return ok === undefined ? undefined : notices.get(ok);
}
