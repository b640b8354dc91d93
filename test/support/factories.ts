import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { createOrganization, type OrganizationInput } from '../../src/features/organizations/create-organization.ts';
import type { Organization } from '../../src/features/organizations/queries.ts';
import { insertNews, type NewsItem } from '../../src/features/site/queries.ts';

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
