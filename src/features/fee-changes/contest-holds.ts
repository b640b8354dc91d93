/**
 * Contest holds and later changes: a later plan changing a contested component ends the unit's
 * hold the day before its month; withdrawing that plan gives the hold back; withdrawing the
 * contested plan itself removes its contests' holds.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { daysInMonth } from '../../lib/dates.ts';
import { deleteFeeRates, endFeeRates, listFeeRates } from '../ledger/queries.ts';
import { addMonths } from './rules/deadlines.ts';
import { feeContestRates, feeContests } from './schema.ts';

const lastDayOf = (month: string) =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/**
 * A later plan changing a component ends the contest holds of that component in its units the
 * day before its month (the later change is a new decision, notified and contestable on its own).
 */
export async function endContestHoldsFor(
  db: Db,
  {
    organizationId,
    planId,
    month,
    componentIds,
    unitIds,
  }: { organizationId: number; planId: number; month: string; componentIds: number[]; unitIds: number[] },
): Promise<void> {
  if (componentIds.length === 0 || unitIds.length === 0) return;
  const links = await db
    .select({ link: feeContestRates })
    .from(feeContestRates)
    .innerJoin(feeContests, eq(feeContests.id, feeContestRates.contestId))
    .where(
      and(
        eq(feeContestRates.organizationId, organizationId),
        isNull(feeContestRates.endedByPlanId),
        inArray(feeContestRates.componentId, componentIds),
        inArray(feeContests.unitId, unitIds),
      ),
    );
  if (links.length === 0) return;
  const rateIds = new Set(links.map((l) => l.link.rateId));
  const open = (await listFeeRates(db, { organizationId })).filter((r) => rateIds.has(r.id) && r.effectiveTo === null);
  if (open.length === 0) return;
  await endFeeRates(db, {
    organizationId,
    rateIds: open.map((r) => r.id),
    effectiveTo: lastDayOf(addMonths(month, -1)),
  });
  await db
    .update(feeContestRates)
    .set({ endedByPlanId: planId })
    .where(
      inArray(
        feeContestRates.rateId,
        open.map((r) => r.id),
      ),
    );
}

/** A withdrawn plan gives back the contest holds it ended. */
export async function reopenContestHolds(
  db: Db,
  { organizationId, planId }: { organizationId: number; planId: number },
): Promise<void> {
  const links = await db
    .select()
    .from(feeContestRates)
    .where(and(eq(feeContestRates.organizationId, organizationId), eq(feeContestRates.endedByPlanId, planId)))
    .orderBy(asc(feeContestRates.id));
  if (links.length === 0) return;
  await endFeeRates(db, { organizationId, rateIds: links.map((l) => l.rateId), effectiveTo: null });
  await db
    .update(feeContestRates)
    .set({ endedByPlanId: null })
    .where(
      inArray(
        feeContestRates.id,
        links.map((l) => l.id),
      ),
    );
}

/** A withdrawn plan holds nothing: its contests' rate rows leave the ledger (the records stay). */
export async function dropContestHolds(
  db: Db,
  { organizationId, planId }: { organizationId: number; planId: number },
): Promise<void> {
  const links = await db
    .select({ rateId: feeContestRates.rateId })
    .from(feeContestRates)
    .innerJoin(feeContests, eq(feeContests.id, feeContestRates.contestId))
    .where(and(eq(feeContestRates.organizationId, organizationId), eq(feeContests.planId, planId)));
  await deleteFeeRates(db, { organizationId, rateIds: links.map((l) => l.rateId) });
}
