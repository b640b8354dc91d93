import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { type MemberUnit, type PersonListItem, searchRightHolders, unitsHeldBy } from '../units/person-lookup.ts';
import type { ActivationRequest } from './requests.ts';

/** Why a person is offered for a remote request: what of the application matched, or a search. */
export type MatchReason = 'pesel' | 'address' | 'name' | 'search';

export interface Candidate {
  person: PersonListItem;
  /** The units the person holds today, so staff compare them with the address typed. */
  units: MemberUnit[];
  reasons: MatchReason[];
}

/**
 * The unit address an applicant typed, as the register's address search reads it: without the
 * postcode and city, `65 m. 12` or `65 lok. 12` written `65/12`.
 */
export function addressQueryOf(typed: string): string {
  return (typed.split(',')[0] ?? '')
    .replace(/\s+\d{2}-\d{3}\b.*$/, '')
    .replace(/(\d[a-z]?)\s*(?:\/|m\.?|lok\.?|lokal)\s*(\d)/i, '$1/$2')
    .trim();
}

/**
 * Persons who may get an account (holding a right today) for a remote request: suggested by the
 * PESEL, the unit's address and the name given in the application, best matches first, then
 * the results of the clerk's own search (name, PESEL digits or address).
 */
export async function activationCandidates(
  db: Db,
  {
    organizationId,
    request,
    search,
    asOf,
  }: {
    organizationId: number;
    request: Pick<ActivationRequest, 'pesel' | 'unitAddress' | 'firstName' | 'lastName'>;
    search: string;
    asOf: string;
  },
): Promise<Candidate[]> {
  const address = addressQueryOf(request.unitAddress);
  const queries: [MatchReason, string][] = [
    ['pesel', request.pesel ?? ''],
    // Without a building number an address search would list a whole street.
    ['address', /\d/.test(address) ? address : ''],
    ['name', `${request.lastName} ${request.firstName}`],
    ['search', search.trim()],
  ];
  const found = new Map<number, { person: PersonListItem; reasons: MatchReason[] }>();
  for (const [reason, query] of queries) {
    if (!query) continue;
    for (const person of await searchRightHolders(db, { organizationId, query, asOf, limit: 20 })) {
      const entry = found.get(person.id) ?? { person, reasons: [] };
      entry.reasons.push(reason);
      found.set(person.id, entry);
    }
  }
  const weight = (reasons: MatchReason[]) => reasons.filter((r) => r !== 'search').length;
  const ranked = [...found.values()].sort((a, b) => weight(b.reasons) - weight(a.reasons));
  return readTogether(
    db,
    ranked.map((entry) => async () => ({
      ...entry,
      units: await unitsHeldBy(db, { organizationId, personId: entry.person.id, asOf }),
    })),
  );
}
