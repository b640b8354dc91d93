import { AppError } from '../../errors.ts';
import type { ChangeContext } from './change.ts';
import { changedFields } from './change.ts';
import { fieldError, parseInput, type UnitInput, unitInput } from './inputs.ts';
import { findBuilding, findUnit, insertUnit, type Unit, updateUnitRow, violatedConstraint } from './queries.ts';

function uniqueMessage(constraint: string) {
  return constraint === 'units_building_number'
    ? fieldError('number', 'lokal o tym numerze już istnieje w tym budynku')
    : fieldError('externalKey', 'ten klucz lokalu jest już użyty w spółdzielni');
}

export async function createUnit({ input, ...context }: ChangeContext & { input: UnitInput }): Promise<Unit> {
  const { area, ...values } = parseInput(unitInput, input);
  const { db, organizationId, actor, audit } = context;
  try {
    return await db.transaction(async (tx) => {
      if (!(await findBuilding(tx, { organizationId, id: values.buildingId }))) {
        throw fieldError('buildingId', 'nie ma takiego budynku');
      }
      const unit = await insertUnit(tx, { ...values, areaHundredths: area, organizationId });
      await audit(
        { organizationId, actor, action: 'unit.create', subjectType: 'unit', subjectId: unit.id, detail: {} },
        tx,
      );
      return unit;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint) throw uniqueMessage(constraint);
    throw error;
  }
}

export async function updateUnit({
  unitId,
  input,
  ...context
}: ChangeContext & { unitId: number; input: UnitInput }): Promise<Unit> {
  const { area, ...rest } = parseInput(unitInput, input);
  const values = { ...rest, areaHundredths: area };
  const { db, organizationId, actor, audit } = context;
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
        await audit(
          { organizationId, actor, action: 'unit.update', subjectType: 'unit', subjectId: unitId, detail: { changed } },
          tx,
        );
      }
      return unit;
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint) throw uniqueMessage(constraint);
    throw error;
  }
}
