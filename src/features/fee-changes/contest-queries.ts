/** Reading contests (u.s.m. art. 4 ust. 8): one, a plan's or units', a member's; the outcomes' words. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { type ContestOutcome, feeContests, feeNotices, feePlans } from './schema.ts';

export type FeeContest = typeof feeContests.$inferSelect;

export const outcomeLabels: Record<ContestOutcome, string> = {
  change_upheld: 'Sąd uznał zmianę za zasadną (powództwo oddalone)',
  change_annulled: 'Sąd uznał zmianę za niezasadną (powództwo uwzględnione)',
  discontinued: 'Pozew cofnięty lub postępowanie umorzone',
};

export async function findContest(
  db: Db,
  { organizationId, contestId }: { organizationId: number; contestId: number },
): Promise<FeeContest> {
  const [row] = await db
    .select()
    .from(feeContests)
    .where(and(eq(feeContests.organizationId, organizationId), eq(feeContests.id, contestId)));
  if (!row) throw new AppError('not_found', 'no such contest');
  return row;
}

export type ContestWithPlan = FeeContest & { planMonth: string };

/** Contests of a plan, a unit, or units, newest first. */
export async function listContests(
  db: Db,
  { organizationId, planId, unitIds }: { organizationId: number; planId?: number; unitIds?: number[] },
): Promise<ContestWithPlan[]> {
  const rows = await db
    .select({ contest: feeContests, planMonth: feePlans.month })
    .from(feeContests)
    .innerJoin(feePlans, eq(feePlans.id, feeContests.planId))
    .where(
      and(
        eq(feeContests.organizationId, organizationId),
        planId !== undefined ? eq(feeContests.planId, planId) : undefined,
        unitIds ? inArray(feeContests.unitId, unitIds.length ? unitIds : [0]) : undefined,
      ),
    )
    .orderBy(desc(feeContests.id));
  return rows.map((r) => ({ ...r.contest, planMonth: r.planMonth }));
}

/** The contests of the units a member was sent notices for (the holder who sued and co-holders). */
export async function memberContests(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<ContestWithPlan[]> {
  const units = await db
    .selectDistinct({ unitId: feeNotices.unitId })
    .from(feeNotices)
    .where(and(eq(feeNotices.organizationId, organizationId), eq(feeNotices.personId, personId)));
  if (units.length === 0) return [];
  return listContests(db, { organizationId, unitIds: units.map((u) => u.unitId) });
}
