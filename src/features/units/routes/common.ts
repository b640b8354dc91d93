/** What the register's route modules share: the success notices, today's date, loading a record or 404. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { todayInWarsaw } from '../../../lib/dates.ts';
import { getRightDetails, getUnitDetails, type RightDetails, type UnitDetails } from '../details.ts';

const notices: Record<string, string> = {
  zapisano: 'Zapisano zmiany.',
  dodano: 'Dodano do rejestru.',
  posiadacz: 'Zapisano zmianę posiadacza.',
  zakonczono: 'Zapisano zakończenie tytułu prawnego.',
  poprawiono: 'Zapisano korektę tytułu prawnego.',
  liczba: 'Zapisano liczbę osób.',
};

/** `?zrobiono=…`, set by the redirect after a change: the notice the page shows. */
export const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

export function noticeOf(query: z.output<typeof doneQuery>): string | undefined {
  return query.zrobiono ? notices[query.zrobiono] : undefined;
}

/** Today in Warsaw, by the app's clock: the day whose holders the pages show. */
export const today = (app: FastifyInstance) => todayInWarsaw(app.clock());

/** A value of a record as the text of a form field. */
export const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** A unit with its holders and persons count today, or a page that does not exist. */
export async function unitDetailsOr404(
  app: FastifyInstance,
  request: FastifyRequest,
  unitId: number,
): Promise<UnitDetails> {
  const details = await getUnitDetails(app.db, { organizationId: request.organization.id, unitId, asOf: today(app) });
  if (!details) throw new AppError('not_found', 'no such unit');
  return details;
}

/** A right with its person and unit, or a page that does not exist. */
export async function rightDetailsOr404(
  app: FastifyInstance,
  request: FastifyRequest,
  rightId: number,
): Promise<RightDetails> {
  const details = await getRightDetails(app.db, { organizationId: request.organization.id, rightId });
  if (!details) throw new AppError('not_found', 'no such right');
  return details;
}
