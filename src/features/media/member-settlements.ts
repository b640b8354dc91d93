/**
 * Which settlements a member may read, and which part of each: the lines of the days they held
 * the unit (through the register's door), for the units they hold today and for those they held
 * before (a seller still sees the part for their days; a buyer does not see it, nor the seller
 * the buyer's). Anything else is undefined (→ 404).
 */
import type { Db } from '../../db/client.ts';
import { listPersonUnitRights } from '../units/holder-periods.ts';
import { listPostedRunsOfUnit, type SettlementRun } from './queries.ts';
import { type HeldPeriod, lineHeldBy } from './rules/holders.ts';
import type { SettlementLine, SettlementReport } from './settlement.ts';

export interface HeldUnit {
  unitId: number;
  label: string;
  /** The member's rights to the unit (from inclusive, to exclusive). */
  periods: HeldPeriod[];
  /** Whether the member holds it today (else a former unit: only their settlement parts are shown). */
  current: boolean;
}

/** Every unit the member holds or held, with the periods of their rights. */
export async function heldUnits(
  db: Db,
  { organizationId, personId, today }: { organizationId: number; personId: number; today: string },
): Promise<HeldUnit[]> {
  const units = new Map<number, HeldUnit>();
  for (const r of await listPersonUnitRights(db, { organizationId, personId, today })) {
    const unit = units.get(r.unitId) ?? { unitId: r.unitId, label: r.label, periods: [], current: false };
    unit.periods.push({ from: r.from, to: r.to });
    if (r.to === null || r.to > today) unit.current = true;
    units.set(r.unitId, unit);
  }
  return [...units.values()];
}

export interface SettlementPart {
  unit: HeldUnit;
  run: SettlementRun;
  /** The member's own lines of the run. */
  lines: SettlementLine[];
}

/** The posted runs of a unit with the member's part in each (runs without one are left out). */
export async function settlementParts(
  db: Db,
  { organizationId, unit }: { organizationId: number; unit: HeldUnit },
): Promise<SettlementPart[]> {
  const runs = await listPostedRunsOfUnit(db, { organizationId, unitId: unit.unitId });
  return runs.flatMap((run) => {
    const lines = (run.report as SettlementReport).lines.filter(
      (l) => l.unitId === unit.unitId && lineHeldBy(l, unit.periods),
    );
    return lines.length > 0 ? [{ unit, run, lines }] : [];
  });
}

/** Whether the member's part is all of the unit's lines in the run (no other holder's days). */
export function wholePart(part: SettlementPart): boolean {
  const unitLines = (part.run.report as SettlementReport).lines.filter((l) => l.unitId === part.unit.unitId);
  return part.lines.length === unitLines.length;
}

/** The member's part of one posted run of a unit they hold or held; undefined if they have none. */
export async function settlementPart(
  db: Db,
  query: { organizationId: number; personId: number; today: string; unitId: number; runId: number },
): Promise<SettlementPart | undefined> {
  const unit = (await heldUnits(db, query)).find((u) => u.unitId === query.unitId);
  if (!unit) return undefined;
  return (await settlementParts(db, { organizationId: query.organizationId, unit })).find(
    (p) => p.run.id === query.runId,
  );
}

/** The settlement parts of the units the member no longer holds, newest first. */
export async function formerSettlementParts(
  db: Db,
  query: { organizationId: number; personId: number; today: string },
): Promise<SettlementPart[]> {
  const parts: SettlementPart[] = [];
  for (const unit of (await heldUnits(db, query)).filter((u) => !u.current))
    parts.push(...(await settlementParts(db, { organizationId: query.organizationId, unit })));
  return parts.sort((a, b) => (a.run.periodTo < b.run.periodTo ? 1 : a.run.periodTo > b.run.periodTo ? -1 : 0));
}
