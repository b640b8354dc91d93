/**
 * What a member sees of the register. Authorization lives in the query (DESIGN §5): every
 * function starts from the member's own rights that hold on the day, so a unit that is not
 * theirs, a right that has ended or another organization's unit simply yields nothing.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { RightKind, UnitKind } from './labels.ts';
import { personsCountOn } from './occupancy.ts';
import { holdsAnyRight, listCoHolderNames, listHeldUnits, listOccupancy, type Occupancy } from './queries.ts';
import type { Share } from './rules/share.ts';

export interface MemberUnit {
  unitId: number;
  /** The unit's building (building notices and fault reports are per building). */
  buildingId: number;
  number: string;
  kind: UnitKind;
  areaHundredths: number;
  street: string;
  buildingNumber: string;
  postcode: string;
  city: string;
  rightKind: RightKind;
  share: Share;
  /** The day the member's right began. */
  heldSince: string;
}

interface MemberQuery {
  organizationId: number;
  /** The signed-in member's person. */
  personId: number;
  /** The day that counts, normally today in Warsaw (todayInWarsaw()). */
  asOf: string;
}

/** Units the person holds a right to on `asOf`, one entry per unit. */
export async function listUnitsOfPerson(
  db: Db,
  { organizationId, personId, asOf }: MemberQuery,
): Promise<MemberUnit[]> {
  const rows = await listHeldUnits(db, { organizationId, personId, asOf });
  const seen = new Set<number>();
  const result: MemberUnit[] = [];
  for (const row of rows) {
    // Overlapping rights of one person to one unit are refused, so this is one row per unit.
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    result.push({
      unitId: row.id,
      buildingId: row.buildingId,
      number: row.number,
      kind: row.kind,
      areaHundredths: row.areaHundredths,
      street: row.street,
      buildingNumber: row.buildingNumber,
      postcode: row.postcode,
      city: row.city,
      rightKind: row.rightKind,
      share: { numerator: row.shareNumerator, denominator: row.shareDenominator },
      heldSince: row.heldSince,
    });
  }
  return result;
}

export interface MemberUnitPage extends MemberUnit {
  personsCount: number | undefined;
  /** Persons-count entries from the one in effect when the member's right began. */
  occupancyHistory: Pick<Occupancy, 'effectiveFrom' | 'personsCount'>[];
  coHolders: { firstName: string; lastName: string }[];
}

/**
 * The member's unit page, or undefined (→ 404) when the person holds no right to the unit on
 * `asOf`: someone else's unit, an ended right, another organization.
 */
export async function getUnitForPerson(
  db: Db,
  { unitId, ...query }: MemberQuery & { unitId: number },
): Promise<MemberUnitPage | undefined> {
  const rows = await listHeldUnits(db, { ...query, unitId });
  const row = rows[0];
  if (!row) return undefined;
  const [history, coHolders] = await readTogether(db, [
    () => listOccupancy(db, { organizationId: query.organizationId, unitId }),
    () => listCoHolderNames(db, { ...query, unitId }),
  ]);
  const visible = history.filter((entry) => entry.effectiveFrom <= query.asOf);
  // Show the history from the entry in effect when the right began: the member's own period.
  const startIndex = visible.findLastIndex((entry) => entry.effectiveFrom <= row.heldSince);
  const own = visible.slice(Math.max(0, startIndex));
  return {
    unitId: row.id,
    buildingId: row.buildingId,
    number: row.number,
    kind: row.kind,
    areaHundredths: row.areaHundredths,
    street: row.street,
    buildingNumber: row.buildingNumber,
    postcode: row.postcode,
    city: row.city,
    rightKind: row.rightKind,
    share: { numerator: row.shareNumerator, denominator: row.shareDenominator },
    heldSince: row.heldSince,
    personsCount: personsCountOn(history, query.asOf),
    occupancyHistory: own.map(({ effectiveFrom, personsCount }) => ({ effectiveFrom, personsCount })),
    coHolders,
  };
}

/** Names of the other persons holding the unit on `asOf`; empty unless the person holds it too. */
export async function listCoHolders(db: Db, query: MemberQuery & { unitId: number }) {
  return listCoHolderNames(db, query);
}

/** Whether the person holds a right to any unit on `asOf` (activation requires it, issue 6). */
export async function personHoldsCurrentRight(db: Db, query: MemberQuery): Promise<boolean> {
  return holdsAnyRight(db, query);
}
