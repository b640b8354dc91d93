import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { changedFields, type RegisterChange } from './change.ts';
import { fieldError, parseInput, type UnitInput, unitInput } from './inputs.ts';
import { findBuilding, findUnit, insertUnit, type Unit, updateUnitRow, violatedConstraint } from './queries.ts';

function uniqueMessage(constraint: string) {
  return constraint === 'units_building_number'
    ? fieldError('number', 'lokal o tym numerze już istnieje w tym budynku')
    : fieldError('externalKey', 'ten klucz lokalu jest już użyty w spółdzielni');
}

export async function createUnit(db: Db, { actor, input }: RegisterChange & { input: UnitInput }): Promise<Unit> {
  const { area, ...values } = parseInput(unitInput, input);
  const { organizationId } = actor;
  try {
    return await db.transaction(async (tx) => {
      if (!(await findBuilding(tx, { organizationId, id: values.buildingId }))) {
        throw fieldError('buildingId', 'nie ma takiego budynku');
      }
      const unit = await insertUnit(tx, { ...values, areaHundredths: area, organizationId });
      await recordAudit(tx, { ...actor, action: 'unit.create', subjectType: 'unit', subjectId: unit.id, detail: {} });
      return unit;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint) throw uniqueMessage(constraint);
    throw error;
  }
}

export async function updateUnit(
  db: Db,
  { actor, unitId, input }: RegisterChange & { unitId: number; input: UnitInput },
): Promise<Unit> {
  const { area, ...rest } = parseInput(unitInput, input);
  const values = { ...rest, areaHundredths: area };
  const { organizationId } = actor;
  try {
    return await db.transaction(async (tx) => {
      const before = await findUnit(tx, { organizationId, id: unitId });
      if (!before) throw new AppError('not_found', 'Nie ma takiego lokalu.');
      if (!(await findBuilding(tx, { organizationId, id: values.buildingId }))) {
        throw fieldError('buildingId', 'nie ma takiego budynku');
      }
      const changed = changedFields(before, values);
      const unit = await updateUnitRow(tx, { organizationId, id: unitId, values });
      if (!unit) throw new AppError('not_found', 'Nie ma takiego lokalu.');
      if (changed.length > 0) {
        await recordAudit(tx, {
          ...actor,
          action: 'unit.update',
          subjectType: 'unit',
          subjectId: unitId,
          detail: { changed },
        });
      }
      return unit;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint) throw uniqueMessage(constraint);
    throw error;
  }
}
