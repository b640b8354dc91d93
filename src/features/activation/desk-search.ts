/**
 * The desk's search for a person: by name, e-mail, PESEL's last digits, the address of a unit they
 * hold ("Paderewskiego 65/12") or their e-BOK login, each result with its addresses today and its
 * e-BOK account, so the next step (open an account, a new password, a consent) is one click away.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { findAccountByLogin, listMemberAccountsOfPerson, type MemberAccountStatus } from '../accounts/queries.ts';
import {
  findRegisterPerson,
  type MemberUnit,
  maskPesel,
  type PersonListItem,
  searchRegisterPersons,
  searchRightHolders,
  unitsHeldBy,
} from '../units/person-lookup.ts';

export interface DeskSearchResult {
  person: PersonListItem;
  /** Units the person holds a right to today. */
  units: MemberUnit[];
  /** The person's e-BOK account, if there is one. */
  account: MemberAccountStatus | undefined;
}

export async function searchForDesk(
  db: Db,
  {
    organizationId,
    query,
    asOf,
    now,
    limit = 30,
  }: { organizationId: number; query: string; asOf: string; now: Date; limit?: number },
): Promise<DeskSearchResult[]> {
  const text = query.trim();
  if (!text) return [];
  const [byRegister, byAddress, byLogin] = await readTogether(db, [
    () => searchRegisterPersons(db, { organizationId, query: text, asOf, limit }),
    // An address has a number in it and a letter: "Paderewskiego 65/12".
    () =>
      /\d/.test(text) && /\p{L}/u.test(text)
        ? searchRightHolders(db, { organizationId, query: text, asOf, limit })
        : Promise.resolve([]),
    () => personOfLogin(db, { organizationId, login: text, asOf }),
  ]);
  const seen = new Set<number>();
  const persons: PersonListItem[] = [];
  for (const person of [...byLogin, ...byAddress, ...byRegister]) {
    if (seen.has(person.id) || persons.length >= limit) continue;
    seen.add(person.id);
    persons.push(person);
  }
  return readTogether(
    db,
    persons.map((person) => async () => {
      const [units, accounts] = await readTogether(db, [
        () => unitsHeldBy(db, { organizationId, personId: person.id, asOf }),
        () => listMemberAccountsOfPerson(db, { organizationId, personId: person.id, now }),
      ]);
      return { person, units, account: accounts[0] };
    }),
  );
}

/** The person whose member account has this login (logins have no spaces). */
async function personOfLogin(
  db: Db,
  { organizationId, login, asOf }: { organizationId: number; login: string; asOf: string },
): Promise<PersonListItem[]> {
  if (/\s/.test(login) || login.length > 100) return [];
  const account = await findAccountByLogin(db, { organizationId, login });
  if (account?.kind !== 'member' || !account.personId) return [];
  const person = await findRegisterPerson(db, { organizationId, personId: account.personId });
  if (!person) return [];
  const units = await unitsHeldBy(db, { organizationId, personId: person.id, asOf });
  return [
    {
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      peselMasked: maskPesel(person.pesel),
      email: person.email,
      phone: person.phone,
      externalKey: person.externalKey,
      currentUnits: units.length,
    },
  ];
}
