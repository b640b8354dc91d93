/**
 * Persons-count declarations: a member declares how many persons live in their unit from a day
 * (with the statement that it is true, and a reason when the number goes down); staff approve
 * or reject it with a reason. An approved declaration goes into the register's persons-count
 * history from that day (its door), so per-person fees change from the next charge run; months
 * already charged stay as they are unless the accountant books a correction.
 */
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { recordOccupancyChange } from '../units/occupancy.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import { decideDeclarationRow, findDeclaration, insertDeclaration, type PersonsDeclaration } from './queries.ts';

/** The persons count the register has for the unit on a day. */
export async function personsCountOn(
  db: Db,
  { organizationId, unitId, day }: { organizationId: number; unitId: number; day: string },
) {
  const [basis] = await listUnitBases(db, { organizationId, day, unitId });
  return basis?.personsCount ?? 0;
}

export interface DeclarationInput {
  unitId: number;
  personsCount: number;
  effectiveFrom: string;
  reason: string;
  truthful: boolean;
}

export async function submitDeclaration(
  db: Db,
  { actor, accountId, input }: { actor: Actor; accountId: number; input: DeclarationInput },
): Promise<PersonsDeclaration> {
  const { organizationId } = actor;
  const current = await personsCountOn(db, { organizationId, unitId: input.unitId, day: input.effectiveFrom });
  const errors = [];
  if (!input.truthful) errors.push({ field: 'prawda', message: 'Potwierdź, że dane w deklaracji są zgodne z prawdą.' });
  if (input.personsCount < current && input.reason.trim() === '') {
    errors.push({ field: 'powod', message: `Liczba osób jest mniejsza niż dotąd (${current}): podaj powód zmiany.` });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return db.transaction(async (tx) => {
    const row = await insertDeclaration(tx, {
      organizationId,
      unitId: input.unitId,
      accountId,
      personsCount: input.personsCount,
      effectiveFrom: input.effectiveFrom,
      reason: input.reason.trim(),
      truthful: true,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'media.declaration',
      subjectType: 'unit',
      subjectId: input.unitId,
      detail: { declarationId: row.id, personsCount: input.personsCount, effectiveFrom: input.effectiveFrom },
    });
    return row;
  });
}

export async function decideDeclaration(
  db: Db,
  {
    actor,
    declarationId,
    approve,
    reason,
    now,
  }: { actor: Actor; declarationId: number; approve: boolean; reason: string; now: Date },
): Promise<void> {
  const { organizationId } = actor;
  if (!approve && reason.trim() === '') {
    throw new ValidationError([{ field: 'uzasadnienie', message: 'Podaj powód odrzucenia deklaracji.' }]);
  }
  await db.transaction(async (tx) => {
    const declaration = await findDeclaration(tx, { organizationId, id: declarationId });
    if (!declaration) throw new ValidationError([{ field: 'uzasadnienie', message: 'Nie ma takiej deklaracji.' }]);
    const decided = await decideDeclarationRow(tx, {
      organizationId,
      id: declarationId,
      status: approve ? 'approved' : 'rejected',
      decisionReason: reason.trim(),
      decidedBy: actor.actorAccountId,
      at: now,
    });
    if (!decided)
      throw new ValidationError([{ field: 'uzasadnienie', message: 'Ta deklaracja została już rozpatrzona.' }]);
    if (approve) {
      await recordOccupancyChange(tx, {
        actor,
        input: {
          unitId: declaration.unitId,
          effectiveFrom: declaration.effectiveFrom,
          personsCount: declaration.personsCount,
          note: `Deklaracja nr ${declaration.id}`,
        },
      });
    }
    await recordAudit(tx, {
      ...actor,
      action: approve ? 'media.declaration_approve' : 'media.declaration_reject',
      subjectType: 'unit',
      subjectId: declaration.unitId,
      detail: { declarationId, personsCount: declaration.personsCount, effectiveFrom: declaration.effectiveFrom },
    });
  });
}
