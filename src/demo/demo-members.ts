/**
 * The three demo persons reserved for demo member accounts (issue 4 creates the accounts):
 * `mieszkaniec1` holds two units (a co-owned flat and a garage), `mieszkaniec2` holds a flat
 * (and will be in debt in the ledger's demo), `mieszkaniec3` bought a flat on 2020-06-15 from a
 * previous holder (DEMO-P3) whose right ended then.
 */
import type { Db } from '../db/client.ts';
import { findPersonsByExternalKeys, type Person } from '../features/units/queries.ts';

export const demoMemberKeys = {
  mieszkaniec1: 'DEMO-M1',
  mieszkaniec2: 'DEMO-M2',
  mieszkaniec3: 'DEMO-M3',
} as const;

/** The previous holder of mieszkaniec3's flat. */
export const demoPreviousHolderKey = 'DEMO-P3';

export type DemoLogin = keyof typeof demoMemberKeys;

/** The demo members' persons by login; throws if the demo register is not loaded. */
export async function demoMemberPersons(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<Record<DemoLogin, Person>> {
  const rows = await findPersonsByExternalKeys(db, { organizationId, keys: Object.values(demoMemberKeys) });
  const result = {} as Record<DemoLogin, Person>;
  for (const [login, key] of Object.entries(demoMemberKeys) as [DemoLogin, string][]) {
    const person = rows.find((row) => row.externalKey === key);
    if (!person) throw new Error(`demo person ${key} is missing: is the demo register loaded?`);
    result[login] = person;
  }
  return result;
}
