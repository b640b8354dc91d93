/**
 * One unit's history of fee changes (issue 16 part 6): every plan whose notices went to the unit's
 * holders, sent or later withdrawn, with each notice's channel and delivery day, the month the new
 * rates started for each holder and for the unit by cost kind, and the unit's contests.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { listFeeComponents } from '../ledger/queries.ts';
import type { CostKind } from '../ledger/rules/fees.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { describeHoldersOfUnits } from '../units/holders.ts';
import { type ContestWithPlan, listContests } from './contest-queries.ts';
import { type FeePlan, listPlanRates } from './queries.ts';
import { holderStartMonth } from './rules/deadlines.ts';
import { feeNotices, feePlans } from './schema.ts';
import { type NoticeState, noticeStates, unitStarts } from './settle.ts';

export interface HistoryNotice {
  name: string;
  channel: NoticeState['channel'];
  delivered: string | null;
  /** The holder's own first month of the new rates by cost kind (null while undelivered). */
  starts: Partial<Record<CostKind, string | null>>;
}

export interface UnitPlanHistory {
  plan: FeePlan;
  oldTotal: number;
  newTotal: number;
  notices: HistoryNotice[];
  /** The unit's first month by kind: the last of its holders' (null while a notice waits). */
  unitStarts: Partial<Record<CostKind, string | null>>;
  contests: ContestWithPlan[];
}

export async function unitFeeHistory(
  db: Db,
  { organization, unitId }: { organization: Organization; unitId: number },
): Promise<UnitPlanHistory[]> {
  const organizationId = organization.id;
  const rows = await db
    .select({ notice: feeNotices, plan: feePlans })
    .from(feeNotices)
    .innerJoin(feePlans, eq(feePlans.id, feeNotices.planId))
    .where(and(eq(feeNotices.organizationId, organizationId), eq(feeNotices.unitId, unitId)))
    .orderBy(asc(feePlans.month), asc(feePlans.id), asc(feeNotices.id));
  if (rows.length === 0) return [];
  const planIds = [...new Set(rows.map((r) => r.plan.id))];
  const [states, components, contests, persons, planRates] = await readTogether(db, [
    () => noticeStates(db, { organizationId, planIds }),
    () => listFeeComponents(db, { organizationId }),
    () => listContests(db, { organizationId, unitIds: [unitId] }),
    () =>
      describeHoldersOfUnits(db, {
        organizationId,
        pairs: rows.map((r) => ({ personId: r.notice.personId, unitId })),
      }),
    () =>
      readTogether(
        db,
        planIds.map((planId) => () => listPlanRates(db, { organizationId, planId })),
      ),
  ]);
  const nameOf = new Map(persons.map((p) => [p.personId, `${p.firstName} ${p.lastName}`]));
  const kindOf = new Map(components.map((c) => [c.id, c.costKind]));
  const { dueDay } = ledgerSettingsOf(organization);
  return planIds.map((planId, i) => {
    const own = rows.filter((r) => r.plan.id === planId);
    const plan = own[0]?.plan as FeePlan;
    const kinds = [...new Set((planRates[i] ?? []).map((r) => kindOf.get(r.componentId) ?? 'own'))];
    const unitNotices = states.filter((s) => s.planId === planId && s.unitId === unitId);
    return {
      plan,
      oldTotal: own[0]?.notice.oldTotal ?? 0,
      newTotal: own[0]?.notice.newTotal ?? 0,
      notices: unitNotices.map((n) => ({
        name: nameOf.get(n.personId) ?? '',
        channel: n.channel,
        delivered: n.delivered,
        starts: Object.fromEntries(
          kinds.map((kind) => [
            kind,
            n.delivered ? holderStartMonth(kind, { planned: plan.month, delivered: n.delivered, dueDay }) : null,
          ]),
        ),
      })),
      unitStarts: unitStarts(plan, unitNotices, kinds, dueDay).get(unitId) ?? {},
      contests: contests.filter((c) => c.planId === planId),
    };
  });
}
