import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { changedFields, type RegisterChange } from './change.ts';
import { type BuildingInput, buildingInput, fieldError, parseInput } from './inputs.ts';
import { type Building, findBuilding, insertBuilding, updateBuildingRow, violatedConstraint } from './queries.ts';
import { addressKey } from './search-keys.ts';

const keyTaken = () => fieldError('externalKey', 'ten klucz budynku jest już użyty w spółdzielni');

export async function createBuilding(
  db: Db,
  { actor, input }: RegisterChange & { input: BuildingInput },
): Promise<Building> {
  const values = parseInput(buildingInput, input);
  const { organizationId } = actor;
  try {
    return await db.transaction(async (tx) => {
      const building = await insertBuilding(tx, {
        ...values,
        organizationId,
        searchAddress: addressKey(values.street, values.number),
      });
      await recordAudit(tx, {
        ...actor,
        action: 'building.create',
        subjectType: 'building',
        subjectId: building.id,
        detail: {},
      });
      return building;
    });
  } catch (error) {
    if (violatedConstraint(error)) throw keyTaken();
    throw error;
  }
}

export async function updateBuilding(
  db: Db,
  { actor, buildingId, input }: RegisterChange & { buildingId: number; input: BuildingInput },
): Promise<Building> {
  const values = parseInput(buildingInput, input);
  const { organizationId } = actor;
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
        await recordAudit(tx, {
          ...actor,
          action: 'building.update',
          subjectType: 'building',
          subjectId: buildingId,
          detail: { changed },
        });
      }
      return building;
    });
  } catch (error) {
    if (violatedConstraint(error)) throw keyTaken();
    throw error;
  }
}
