/** e-BOK: a member's announced fee changes, from the day the plan is sent until it takes effect. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { listFeeComponents } from '../ledger/queries.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { type ContestWithPlan, memberContests } from './contest-queries.ts';
import { unitLabelsAndHolders } from './queries.ts';
import { feeNotices, feePlans } from './schema.ts';
import { noticeStates, unitStarts } from './settle.ts';

export interface UpcomingChange {
  planId: number;
  unitId: number;
  unitLabel: string;
  /** The first month the new fee applies to the unit (the planned one while a co-holder's notice waits). */
  month: string;
  oldTotal: number;
  newTotal: number;
  justification: string;
  letterId: number | null;
}

/**
 * A member's sent fee changes not yet in effect, one per unit: from the day the plan is sent
 * until its first month passes, so e-BOK can say what the fee will be and why.
 */
export async function upcomingChanges(
  db: Db,
  { organization, personId, today }: { organization: Organization; personId: number; today: string },
): Promise<UpcomingChange[]> {
  const organizationId = organization.id;
  const own = await db
    .select({ notice: feeNotices, plan: feePlans })
    .from(feeNotices)
    .innerJoin(feePlans, eq(feePlans.id, feeNotices.planId))
    .where(
      and(eq(feeNotices.organizationId, organizationId), eq(feeNotices.personId, personId), eq(feePlans.state, 'sent')),
    )
    .orderBy(asc(feePlans.month), asc(feeNotices.id));
  if (own.length === 0) return [];
  const planIds = [...new Set(own.map((o) => o.plan.id))];
  const [notices, components] = await readTogether(db, [
    () => noticeStates(db, { organizationId, planIds }),
    () => listFeeComponents(db, { organizationId }),
  ]);
  const kinds = [...new Set(components.map((c) => c.costKind))];
  const { dueDay } = ledgerSettingsOf(organization);
  const labels = await unitLabelsAndHolders(db, {
    unitIds: [...new Set(own.map((o) => o.notice.unitId))],
    asOf: today,
  });
  const result: UpcomingChange[] = [];
  for (const { notice, plan } of own) {
    const starts = unitStarts(
      plan,
      notices.filter((n) => n.planId === plan.id && n.unitId === notice.unitId),
      kinds,
      dueDay,
    ).get(notice.unitId);
    const known = Object.values(starts ?? {}).filter((m): m is string => typeof m === 'string');
    const month = known.length === kinds.length ? (known.sort().at(-1) ?? plan.month) : plan.month;
    if (month < today.slice(0, 7)) continue;
    result.push({
      planId: plan.id,
      unitId: notice.unitId,
      unitLabel: labels.get(notice.unitId)?.label ?? '',
      month,
      oldTotal: notice.oldTotal,
      newTotal: notice.newTotal,
      justification: plan.justification,
      letterId: plan.letterId,
    });
  }
  return result;
}

/** The member's contested changes with their units' labels, for e-BOK. */
export async function memberContestsView(
  db: Db,
  { organizationId, personId, today }: { organizationId: number; personId: number; today: string },
): Promise<{ contests: ContestWithPlan[]; labels: Map<number, string> }> {
  const contests = await memberContests(db, { organizationId, personId });
  const labels = await unitLabelsAndHolders(db, { unitIds: [...new Set(contests.map((c) => c.unitId))], asOf: today });
  return { contests, labels: new Map([...labels].map(([id, l]) => [id, l.label])) };
}
