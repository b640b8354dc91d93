/**
 * Which units a member may read meters of and declare persons for: the units they hold today,
 * through the register's door. Another unit, a former unit or another organization's unit is
 * undefined (→ 404).
 */
import type { Db } from '../../db/client.ts';
import { listPersonUnitRights } from '../units/holder-periods.ts';
import { listMeterReadings, listUnitMeters, type Meter, type Reading } from './queries.ts';

export interface MemberUnit {
  unitId: number;
  label: string;
  /** The first day of the member's current right: what came before belongs to earlier holders. */
  heldSince: string;
}

export async function memberUnits(
  db: Db,
  { organizationId, personId, today }: { organizationId: number; personId: number; today: string },
): Promise<MemberUnit[]> {
  const rights = await listPersonUnitRights(db, { organizationId, personId, today });
  const held = new Map<number, MemberUnit>();
  for (const r of rights) {
    if (r.to !== null && r.to <= today) continue;
    const known = held.get(r.unitId);
    if (!known || r.from < known.heldSince) held.set(r.unitId, { unitId: r.unitId, label: r.label, heldSince: r.from });
  }
  return [...held.values()];
}

export async function memberUnit(
  db: Db,
  query: { organizationId: number; personId: number; today: string; unitId: number },
): Promise<MemberUnit | undefined> {
  return (await memberUnits(db, query)).find((u) => u.unitId === query.unitId);
}

/** Readings shown per meter on the page: the history table and the chart, newest first. */
export const READINGS_SHOWN = 24;

export interface MeterWithReadings {
  meter: Meter;
  readings: Reading[];
}

/** The unit's meters (current first) with their latest readings; a constant amount per meter. */
export async function unitMeters(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<MeterWithReadings[]> {
  const meters = await listUnitMeters(db, { organizationId, unitId });
  const ordered = [...meters.filter((m) => m.removedOn === null), ...meters.filter((m) => m.removedOn !== null)];
  return Promise.all(
    ordered.map(async (meter) => ({
      meter,
      readings: await listMeterReadings(db, { organizationId, meterId: meter.id, limit: READINGS_SHOWN }),
    })),
  );
}
