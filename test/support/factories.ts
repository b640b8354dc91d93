import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { hashPassword } from '../../src/features/accounts/passwords.ts';
import { type Account, insertAccount, type NewAccount } from '../../src/features/accounts/queries.ts';
import { type Actor, systemActor } from '../../src/features/audit/audit.ts';
import { createOrganization, type OrganizationInput } from '../../src/features/organizations/create-organization.ts';
import type { Organization } from '../../src/features/organizations/queries.ts';
import { insertNews, type NewsItem } from '../../src/features/site/queries.ts';
import { createBuilding } from '../../src/features/units/buildings.ts';
import type { BuildingInput, PersonInput, RightInput, UnitInput } from '../../src/features/units/inputs.ts';
import { createPerson } from '../../src/features/units/persons.ts';
import { startRight } from '../../src/features/units/rights.ts';
import { createUnit } from '../../src/features/units/units.ts';
import { seal } from '../../src/lib/secret-box.ts';

/** Test data builders: each makes a valid row and takes overrides for what a test cares about. */
export async function makeOrganization(db: Db, overrides: Partial<OrganizationInput> = {}): Promise<Organization> {
  const suffix = randomBytes(3).toString('hex');
  return createOrganization({
    db,
    input: {
      slug: `sm-${suffix}`,
      name: `Spółdzielnia Mieszkaniowa „Testowa ${suffix}”`,
      shortName: `SM Testowa ${suffix}`,
      street: 'ul. Mariacka 1',
      postcode: '40-014',
      city: 'Katowice',
      phone: '32 000 00 00',
      fax: '32 000 00 01',
      email: `biuro-${suffix}@example.org`,
      ...overrides,
    },
  });
}

export async function makeNews(
  db: Db,
  organizationId: number,
  overrides: Partial<Omit<NewsItem, 'id' | 'organizationId'>> = {},
): Promise<NewsItem> {
  const suffix = randomBytes(3).toString('hex');
  return insertNews(db, {
    organizationId,
    slug: `wiadomosc-${suffix}`,
    title: `Wiadomość ${suffix}`,
    lead: 'Krótki wstęp.',
    body: 'Treść wiadomości.',
    publishedAt: new Date(Date.now() - 60_000),
    ...overrides,
  });
}

let cachedHash: Promise<string> | undefined;

/** An account with a known password; the argon2 hash is computed once per test file. */
export async function makeAccount(
  db: Db,
  organizationId: number,
  overrides: Partial<NewAccount> & { password?: string; totpSecret?: string; totpKey?: Buffer } = {},
): Promise<Account> {
  const { password, totpSecret, totpKey, ...values } = overrides;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = password ? await hashPassword(password) : await cachedHash;
  const suffix = randomBytes(3).toString('hex');
  return insertAccount(db, {
    organizationId,
    kind: 'member',
    login: `user-${suffix}`,
    displayName: `Użytkownik ${suffix}`,
    passwordHash,
    activationEmail: `user-${suffix}@example.com`,
    ...(totpSecret && totpKey ? { totpSecret: seal(totpKey, totpSecret), totpEnabledAt: new Date() } : {}),
    ...values,
  });
}

export const TEST_PASSWORD = 'zielony żuraw nad stawem';
// The register (src/features/units) -----------------------------------------------------------

/** The system as the actor of a test's changes in an organization (audited as `test`). */
export function testActorIn(organizationId: number): Actor {
  return systemActor(organizationId, 'test');
}

let sequence = 0;
const next = () => `${++sequence}${randomBytes(2).toString('hex')}`;

export async function makeBuilding(db: Db, organizationId: number, overrides: Partial<BuildingInput> = {}) {
  return createBuilding(db, {
    actor: testActorIn(organizationId),
    input: { street: 'ul. Testowa', number: next(), postcode: '40-282', city: 'Katowice', ...overrides },
  });
}

export async function makeUnit(db: Db, organizationId: number, overrides: Partial<UnitInput> = {}) {
  const buildingId = overrides.buildingId ?? (await makeBuilding(db, organizationId)).id;
  return createUnit(db, {
    actor: testActorIn(organizationId),
    input: { buildingId, number: next(), kind: 'mieszkalny', area: '48,50', ...overrides },
  });
}

export async function makePerson(db: Db, organizationId: number, overrides: Partial<PersonInput> = {}) {
  return createPerson(db, {
    actor: testActorIn(organizationId),
    input: { firstName: 'Anna', lastName: `Testowa-${next()}`, ...overrides },
  });
}

export async function makeRight(
  db: Db,
  organizationId: number,
  input: Pick<RightInput, 'unitId' | 'personId'> & Partial<RightInput>,
) {
  return startRight(db, {
    actor: testActorIn(organizationId),
    input: { kind: 'wlasnosciowe', validFrom: '2013-01-01', ...input },
  });
}
