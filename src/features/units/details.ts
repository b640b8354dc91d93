/** Staff pages' data: a unit with its holders and persons-count history, a person with rights. */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { personsCountOn } from './occupancy.ts';
import {
  findPerson,
  findRight,
  findUnitWithAddress,
  listOccupancy,
  listRightsOfPerson,
  listRightsWithPersons,
  type Occupancy,
  type Person,
  type Right,
  type RightWithPerson,
  type RightWithUnit,
  type UnitWithAddress,
} from './queries.ts';
import { holdsOn } from './rules/periods.ts';
import { checkPesel, maskPesel, type PeselFacts } from './rules/pesel.ts';

export interface HolderRow extends Omit<RightWithPerson, 'pesel'> {
  peselMasked: string;
}

export interface UnitDetails {
  unit: UnitWithAddress;
  /** Rights holding on `asOf`. */
  currentHolders: HolderRow[];
  /** Rights that ended on or before `asOf`, newest first. */
  pastHolders: HolderRow[];
  /** Rights that start after `asOf` (entered ahead of a sale). */
  futureHolders: HolderRow[];
  personsCount: number | undefined;
  /** Every entry, oldest first, corrections included. */
  occupancyHistory: Occupancy[];
}

export async function getUnitDetails(
  db: Db,
  { organizationId, unitId, asOf }: { organizationId: number; unitId: number; asOf: string },
): Promise<UnitDetails | undefined> {
  const unit = await findUnitWithAddress(db, { organizationId, id: unitId });
  if (!unit) return undefined;
  const [rights, occupancyHistory] = await readTogether(db, [
    () => listRightsWithPersons(db, { organizationId, unitId }),
    () => listOccupancy(db, { organizationId, unitId }),
  ]);
  const rows = rights.map(({ pesel, ...right }) => ({ ...right, peselMasked: maskPesel(pesel) }));
  return {
    unit,
    currentHolders: rows.filter((r) => holdsOn(r, asOf)),
    pastHolders: rows.filter((r) => r.validTo !== null && r.validTo <= asOf),
    futureHolders: rows.filter((r) => r.validFrom > asOf),
    personsCount: personsCountOn(occupancyHistory, asOf),
    occupancyHistory,
  };
}

export interface PersonDetails {
  /** The whole record, PESEL included: the route masks it for roles that may not see it. */
  person: Person;
  peselMasked: string;
  /** Birth date and sex read from the PESEL, when there is one. */
  peselFacts: PeselFacts | undefined;
  currentRights: RightWithUnit[];
  pastRights: RightWithUnit[];
  futureRights: RightWithUnit[];
}

export async function getPersonDetails(
  db: Db,
  { organizationId, personId, asOf }: { organizationId: number; personId: number; asOf: string },
): Promise<PersonDetails | undefined> {
  const person = await findPerson(db, { organizationId, id: personId });
  if (!person) return undefined;
  const rights = await listRightsOfPerson(db, { organizationId, personId });
  const facts = person.pesel ? checkPesel(person.pesel) : undefined;
  return {
    person,
    peselMasked: maskPesel(person.pesel),
    peselFacts: facts?.ok ? facts.value : undefined,
    currentRights: rights.filter((r) => holdsOn(r, asOf)),
    pastRights: rights.filter((r) => r.validTo !== null && r.validTo <= asOf),
    futureRights: rights.filter((r) => r.validFrom > asOf),
  };
}

export interface RightDetails {
  right: Right;
  person: Person;
  unit: UnitWithAddress;
}

/** One right with its person and unit, for the forms that end or correct it. */
export async function getRightDetails(
  db: Db,
  { organizationId, rightId }: { organizationId: number; rightId: number },
): Promise<RightDetails | undefined> {
  const right = await findRight(db, { organizationId, id: rightId });
  if (!right) return undefined;
  const [person, unit] = await readTogether(db, [
    () => findPerson(db, { organizationId, id: right.personId }),
    () => findUnitWithAddress(db, { organizationId, id: right.unitId }),
  ]);
  return person && unit ? { right, person, unit } : undefined;
}
