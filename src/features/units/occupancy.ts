import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RegisterChange } from './change.ts';
import { fieldError, type OccupancyInput, occupancyInput, parseInput } from './inputs.ts';
import { findUnit, insertOccupancy, type Occupancy } from './queries.ts';

/** The persons count in effect on `day`: the latest row from on or before it, or undefined. */
export function personsCountOn(history: readonly Occupancy[], day: string): number | undefined {
  let current: Occupancy | undefined;
  for (const row of history) {
    if (row.effectiveFrom > day) continue;
    if (
      !current ||
      row.effectiveFrom > current.effectiveFrom ||
      (row.effectiveFrom === current.effectiveFrom && row.id > current.id)
    ) {
      current = row;
    }
  }
  return current?.personsCount;
}

/**
 * Records the number of persons from a date. History is never overwritten: a second entry for
 * the same date is a correction that wins because it was recorded later.
 */
export async function recordOccupancyChange(
  db: Db,
  { actor, input }: RegisterChange & { input: OccupancyInput },
): Promise<Occupancy> {
  const values = parseInput(occupancyInput, input);
  const { organizationId } = actor;
  return db.transaction(async (tx) => {
    if (!(await findUnit(tx, { organizationId, id: values.unitId })))
      throw fieldError('unitId', 'nie ma takiego lokalu');
    const row = await insertOccupancy(tx, { ...values, organizationId });
    await recordAudit(tx, {
      ...actor,
      action: 'occupancy.record',
      subjectType: 'occupancy',
      subjectId: row.id,
      detail: { unitId: values.unitId, effectiveFrom: values.effectiveFrom, personsCount: values.personsCount },
    });
    return row;
  });
}
