/** The finances of the member's start page and of /ebok/finanse: one card per unit they hold or held. */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { Organization } from '../organizations/queries.ts';
import { lastMonthDebt, type UnitDebt, unitDebts } from './debt.ts';
import { loadInterestRates } from './debt-queries.ts';
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
  const settings = ledgerSettingsOf(organization);
  const [units, rates] = await readTogether(db, [
    () => memberDashboard(db, { organizationId: organization.id, personId, today, startDate: settings.startDate }),
    () => loadInterestRates(db, { organizationId: organization.id }),
  ]);
  if (units.length === 0) return [];
  // A unit held from the start and still held that owed nothing when this month began (a member
  // who pays on time): its debt from what its figures' statement read of this month already.
  const quick = units.map((unit) =>
    unit.lastMonth && unit.window.from === undefined && unit.window.lastDay === undefined
      ? lastMonthDebt({ balance: unit.balance, lastMonth: unit.lastMonth }, rates, { asOf: today, settings })
      : undefined,
  );
  const others = units.filter((_, i) => quick[i] === undefined);
  // The other units' entries in the same few statements, not a round of them per unit.
  const computed =
    others.length === 0
      ? []
      : await unitDebts(db, {
          organizationId: organization.id,
          settings,
          rates,
          units: others.map((unit) => ({
            unitId: unit.unitId,
            from: unit.window.from,
            // A former holder's entries end with their last day, but their share of a settlement
            // dated later counts once it is dated.
            to: unit.window.lastDay,
            asOf: today,
          })),
        });
  let next = 0;
  const debts = quick.map((debt) => debt ?? (computed[next++] as UnitDebt));
  return Promise.all(
    units.map(async (unit, i) => {
      const debt = debts[i] as UnitDebt;
      // The balance and what is due from the debt (a settlement straddling a holder change counts
      // by the organization's rule, not by its date alone).
      const figures = { ...unit, balance: debt.balance, amountDue: Math.max(0, debt.balance) };
      const transfer = await transferData(organization, figures, unit.current ? figures.amountDue : 0);
      return { ...figures, transfer, debt };
    }),
  );
}
