import type { Database } from '../db/client.ts';
import { createOrganization } from '../features/organizations/create-organization.ts';
import { countOrganizations, type Organization } from '../features/organizations/queries.ts';
import { insertNews } from '../features/site/queries.ts';
import { insertRegisterData } from '../features/units/bulk.ts';
import { generateRegister } from '../features/units/generate.ts';
import { demoNews, demoOrganization } from './demo-content.ts';

/**
 * The demo register: 6 buildings, 300 units, their holders since before 2013, sales and
 * persons-count changes; the three demo members are DEMO-M1…M3 (features/units/demo-members.ts).
 */
export const demoRegisterOptions = { seed: 2026, units: 300, demoMembers: true } as const;

/** Advisory lock key that lets only one of several starting processes load the demo. */
const DEMO_LOCK_KEY = 0x05_1ed1f;

/** 9:00 in Warsaw on a calendar date (winter or summer time alike, close enough for a demo). */
function morningInWarsaw(date: string): Date {
  return new Date(`${date}T08:00:00Z`);
}

/**
 * Loads the demo cooperative into an empty database; does nothing when any organization exists.
 * Returns the organization it created, or undefined.
 */
export async function loadDemoIfEmpty(database: Database): Promise<Organization | undefined> {
  return database.withAdvisoryLock(DEMO_LOCK_KEY, async (db) => {
    if ((await countOrganizations(db)) > 0) return undefined;
    return db.transaction(async (tx) => {
      const organization = await createOrganization({ db: tx, input: demoOrganization });
      for (const item of demoNews) {
        await insertNews(tx, {
          organizationId: organization.id,
          slug: item.slug,
          title: item.title,
          lead: item.lead,
          body: item.body,
          publishedAt: morningInWarsaw(item.date),
        });
      }
      await insertRegisterData(tx, organization.id, generateRegister(demoRegisterOptions));
      return organization;
    });
  });
}
