/**
 * The register's door for accounts and activation: the persons of the register, the units they
 * hold on a day and the searches the e-BOK desk uses, each as `f(db, { ... })`. Accounts and
 * activation read the register only through these functions, never its tables.
 */
import type { Db } from '../../db/client.ts';
import { listUnitsOfPerson, type MemberUnit, personHoldsCurrentRight } from './member.ts';
import { findPerson, type Person } from './queries.ts';
import { type PersonListItem, searchCurrentHolders, searchPersons } from './search.ts';

export type { MemberUnit, Person, PersonListItem };

/** A person of the organization's register, or undefined. */
export async function findRegisterPerson(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<Person | undefined> {
  return findPerson(db, { organizationId, id: personId });
}

/** Whether the person holds a right to any unit on the day (who may have an e-BOK account). */
export async function holdsRightOn(
  db: Db,
  { organizationId, personId, asOf }: { organizationId: number; personId: number; asOf: string },
): Promise<boolean> {
  return personHoldsCurrentRight(db, { organizationId, personId, asOf });
}

/** The units the person holds a right to on the day, one entry per unit. */
export async function unitsHeldBy(
  db: Db,
  { organizationId, personId, asOf }: { organizationId: number; personId: number; asOf: string },
): Promise<MemberUnit[]> {
  return listUnitsOfPerson(db, { organizationId, personId, asOf });
}

/** Persons by name, e-mail or PESEL's last digits (the desk's search), at most `limit`. */
export async function searchRegisterPersons(
  db: Db,
  { organizationId, query, asOf, limit }: { organizationId: number; query: string; asOf: string; limit: number },
): Promise<PersonListItem[]> {
  return (await searchPersons(db, { organizationId, query, asOf, pageSize: limit })).items;
}

/** Persons holding a right on the day, by name, PESEL's digits or the unit's address. */
export async function searchRightHolders(
  db: Db,
  { organizationId, query, asOf, limit }: { organizationId: number; query: string; asOf: string; limit: number },
): Promise<PersonListItem[]> {
  return searchCurrentHolders(db, { organizationId, query, asOf, limit });
}

/** Whether a PESEL number is well-formed (its check digit), for forms that ask for one. */
export { isValidPesel, maskPesel } from './rules/pesel.ts';
