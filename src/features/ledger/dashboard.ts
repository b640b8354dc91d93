/** The finances of the member's start page and of /ebok/finanse: one card per unit they hold or held. */
import type { Db } from '../../db/client.ts';
import type { Organization } from '../organizations/queries.ts';
import { memberDashboard } from './member.ts';
import { ledgerSettingsOf } from './settings.ts';
import { transferData } from './transfer-data.ts';
import type { DashboardCard } from './views/member.tsx';

/** Data for the finances section of the member's start page (LedgerDashboardSection). */
export async function loadLedgerDashboard(
  db: Db,
  { organization, personId, today }: { organization: Organization; personId: number | null | undefined; today: string },
): Promise<DashboardCard[]> {
  if (!personId) return [];
  const { startDate } = ledgerSettingsOf(organization);
  const units = await memberDashboard(db, { organizationId: organization.id, personId, today, startDate });
  return Promise.all(
    units.map(async (unit) => ({ ...unit, transfer: await transferData(organization, unit, unit.amountDue) })),
  );
}
