/**
 * Which units a member may read meters of and declare persons for: the units they hold today,
 * through the register's door. Another unit, a former unit or another organization's unit is
 * undefined (→ 404).
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { listPersonUnitRights } from '../units/holder-periods.ts';
import {
  lastReadingValuesBefore,
  listMeterReadings,
  listReadingsInPeriod,
  listUnitMeters,
  type Meter,
  type Reading,
} from './queries.ts';

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

/** Readings shown per meter on the staff's unit page: the history table and the chart, newest first. */
export const READINGS_SHOWN = 24;

export interface MeterWithReadings {
  meter: Meter;
  /** Newest first. */
  readings: Reading[];
  /**
   * The value of the reading before the oldest shown, which its consumption is counted from;
   * undefined when there is none (the initial reading comes before).
   */
  before?: number | undefined;
}

/** The unit's meters, current first. */
export async function unitMeterList(db: Db, query: { organizationId: number; unitId: number }): Promise<Meter[]> {
  const meters = await listUnitMeters(db, query);
  return [...meters.filter((m) => m.removedOn === null), ...meters.filter((m) => m.removedOn !== null)];
}

/** The unit's meters (current first) with their latest readings; a constant amount per meter. */
export async function unitMeters(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<MeterWithReadings[]> {
  const ordered = await unitMeterList(db, { organizationId, unitId });
  return readTogether(
    db,
    ordered.map((meter) => async () => {
      const latest = await listMeterReadings(db, { organizationId, meterId: meter.id, limit: READINGS_SHOWN + 1 });
      return { meter, readings: latest.slice(0, READINGS_SHOWN), before: latest[READINGS_SHOWN]?.value };
    }),
  );
}

/**
 * The unit's meters (from `unitMeterList`) with their readings in [from, to] and the one before:
 * two statements for the whole unit, reading the period's rows only, so the page of a unit with
 * 13 years of readings costs what the page of a unit with one does.
 */
export async function unitMetersInPeriod(
  db: Db,
  { organizationId, meters, from, to }: { organizationId: number; meters: Meter[]; from: string; to: string },
): Promise<MeterWithReadings[]> {
  const meterIds = meters.map((m) => m.id);
  const [inPeriod, before] = await readTogether(db, [
    () => listReadingsInPeriod(db, { organizationId, meterIds, from, to }),
    () => lastReadingValuesBefore(db, { organizationId, meterIds, before: from }),
  ]);
  const byMeter = new Map<number, Reading[]>();
  for (const r of inPeriod) {
    const list = byMeter.get(r.meterId);
    if (list) list.push(r);
    else byMeter.set(r.meterId, [r]);
  }
  return meters.map((meter) => ({ meter, readings: byMeter.get(meter.id) ?? [], before: before.get(meter.id) }));
}
