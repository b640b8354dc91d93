import { AppError } from '../../errors.ts';
import type { ChangeContext } from './change.ts';
import { changedFields } from './change.ts';
import { type BuildingInput, buildingInput, fieldError, parseInput } from './inputs.ts';
import { type Building, findBuilding, insertBuilding, updateBuildingRow, violatedConstraint } from './queries.ts';
import { addressKey } from './search-keys.ts';

const keyTaken = () => fieldError('externalKey', 'ten klucz budynku jest już użyty w spółdzielni');

export async function createBuilding({
  input,
  ...context
}: ChangeContext & { input: BuildingInput }): Promise<Building> {
  const values = parseInput(buildingInput, input);
  const { db, organizationId, actor, audit } = context;
  try {
    return await db.transaction(async (tx) => {
      const building = await insertBuilding(tx, {
        ...values,
        organizationId,
        searchAddress: addressKey(values.street, values.number),
      });
      await audit(
        {
          organizationId,
          actor,
          action: 'building.create',
          subjectType: 'building',
          subjectId: building.id,
          detail: {},
        },
        tx,
      );
      return building;
    });
  } catch (error) {
    if (violatedConstraint(error)) throw keyTaken();
    throw error;
  }
}

export async function updateBuilding({
  buildingId,
  input,
  ...context
}: ChangeContext & { buildingId: number; input: BuildingInput }): Promise<Building> {
  const values = parseInput(buildingInput, input);
  const { db, organizationId, actor, audit } = context;
  try {
    return await db.transaction(async (tx) => {
      const before = await findBuilding(tx, { organizationId, id: buildingId });
      if (!before) throw new AppError('not_found', 'Nie ma takiego budynku.');
      const changed = changedFields(before, values);
      const building = await updateBuildingRow(tx, {
        organizationId,
        id: buildingId,
        values: { ...values, searchAddress: addressKey(values.street, values.number) },
      });
      if (!building) throw new AppError('not_found', 'Nie ma takiego budynku.');
      if (changed.length > 0) {
        await audit(
          {
            organizationId,
            actor,
            action: 'building.update',
            subjectType: 'building',
            subjectId: buildingId,
            detail: { changed },
          },
          tx,
        );
      }
      return building;
    });
  } catch (error) {
    if (violatedConstraint(error)) throw keyTaken();
    throw error;
  }
}
