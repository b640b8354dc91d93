/**
 * Deliveries of a sent plan's notices and what they settle: each notice's channel and delivery
 * day (e-mail: handed to the SMTP server; paper: marked by the clerk), each unit's first lawful
 * month, and the ledger's hold rows brought in line with them. A hold is open while any holder's
 * notice is undelivered; once all are, `settleNotices` ends it the day before the unit's first
 * lawful month (or removes it when the planned month is lawful), so the charge run bills exactly that.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { ValidationError } from '../../errors.ts';
import { daysInMonth } from '../../lib/dates.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { deliveryProgress } from '../correspondence/deliveries.ts';
import { deleteFeeRates, endFeeRates, listFeeComponents } from '../ledger/queries.ts';
import type { CostKind } from '../ledger/rules/fees.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import type { FeePlan } from './queries.ts';
import { addMonths } from './rules/deadlines.ts';
import { type DeliveredDay, unitStartMonth } from './rules/notices.ts';
import { feeNotices, feePlanLedgerRates, feePlans } from './schema.ts';

export type FeeNotice = typeof feeNotices.$inferSelect;

const lastDayOf = (month: string) =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

export interface NoticeState extends FeeNotice {
  channel: 'email' | 'paper';
  /** The day the notice reached its holder, or null while it has not. */
  delivered: DeliveredDay;
}

/** The notices of given plans (or all sent plans) with the channel and the day each was delivered. */
export async function noticeStates(
  db: Db,
  { organizationId, planIds, personId }: { organizationId: number; planIds?: number[]; personId?: number },
): Promise<NoticeState[]> {
  const rows = await db
    .select()
    .from(feeNotices)
    .where(
      and(
        eq(feeNotices.organizationId, organizationId),
        planIds ? inArray(feeNotices.planId, planIds.length ? planIds : [0]) : undefined,
        personId !== undefined ? eq(feeNotices.personId, personId) : undefined,
      ),
    )
    .orderBy(asc(feeNotices.id));
  const progress = await deliveryProgress(db, { organizationId, deliveryIds: rows.map((r) => r.deliveryId) });
  return rows.map((r) => {
    const p = progress.get(r.deliveryId);
    const channel = p?.channel ?? 'paper';
    const delivered = channel === 'email' ? (p?.sentAt ? warsawDate(p.sentAt) : null) : r.postedOn;
    return { ...r, channel, delivered };
  });
}

/** Each unit's first month of the plan's new rates by cost kind (null while a holder waits for the notice). */
export function unitStarts(
  plan: Pick<FeePlan, 'month'>,
  notices: readonly NoticeState[],
  kinds: readonly CostKind[],
  dueDay: number,
): Map<number, Partial<Record<CostKind, string | null>>> {
  const byUnit = new Map<number, DeliveredDay[]>();
  for (const n of notices) byUnit.set(n.unitId, [...(byUnit.get(n.unitId) ?? []), n.delivered]);
  const result = new Map<number, Partial<Record<CostKind, string | null>>>();
  for (const [unitId, delivered] of byUnit) {
    const starts: Partial<Record<CostKind, string | null>> = {};
    for (const kind of kinds) starts[kind] = unitStartMonth(kind, { planned: plan.month, delivered, dueDay });
    result.set(unitId, starts);
  }
  return result;
}

/**
 * Brings the ledger's hold rows in line with the deliveries: a unit whose holders all have
 * their notices gets its old rate ended the day before its first lawful month (removed when the
 * planned month is lawful). Idempotent; called after paper is marked and before a charge run.
 */
export async function settleNotices(
  db: Db,
  { actor, organization }: { actor: Actor; organization: Organization },
): Promise<number> {
  const organizationId = organization.id;
  const holds = await db
    .select({ link: feePlanLedgerRates, plan: feePlans })
    .from(feePlanLedgerRates)
    .innerJoin(feePlans, eq(feePlans.id, feePlanLedgerRates.planId))
    .where(
      and(
        eq(feePlanLedgerRates.organizationId, organizationId),
        eq(feePlanLedgerRates.role, 'hold'),
        eq(feePlans.state, 'sent'),
      ),
    );
  if (holds.length === 0) return 0;
  const planIds = [...new Set(holds.map((h) => h.plan.id))];
  const [notices, components] = await readTogether(db, [
    () => noticeStates(db, { organizationId, planIds }),
    () => listFeeComponents(db, { organizationId }),
  ]);
  const kindOf = new Map(components.map((c) => [c.id, c.costKind]));
  const { dueDay } = ledgerSettingsOf(organization);
  let settled = 0;
  await db.transaction(async (tx) => {
    for (const planId of planIds) {
      const planHolds = holds.filter((h) => h.plan.id === planId);
      const plan = planHolds[0]?.plan;
      if (!plan) continue;
      const starts = unitStarts(
        plan,
        notices.filter((n) => n.planId === planId),
        ['own', 'independent'],
        dueDay,
      );
      const removed: number[] = [];
      const ended = new Map<string, number[]>();
      const done: number[] = [];
      for (const { link } of planHolds) {
        const start = starts.get(link.unitId ?? 0)?.[kindOf.get(link.componentId) ?? 'own'];
        if (!start) continue;
        if (start === plan.month) removed.push(link.rateId);
        else {
          const to = lastDayOf(addMonths(start, -1));
          ended.set(to, [...(ended.get(to) ?? []), link.rateId]);
          done.push(link.id);
        }
      }
      await deleteFeeRates(tx, { organizationId, rateIds: removed });
      for (const [effectiveTo, rateIds] of ended) await endFeeRates(tx, { organizationId, rateIds, effectiveTo });
      if (done.length)
        await tx.update(feePlanLedgerRates).set({ role: 'ended' }).where(inArray(feePlanLedgerRates.id, done));
      const count = removed.length + done.length;
      if (count === 0) continue;
      settled += count;
      await recordAudit(tx, {
        ...actor,
        action: 'fees.notices_settled',
        subjectType: 'fee_plan',
        subjectId: planId,
        detail: { onTime: removed.length, late: done.length },
      });
    }
  });
  return settled;
}

/** Paper notices not yet marked handed over or posted, oldest first (the clerk's list to tick). */
export async function listNoticesToMark(db: Db, { organizationId }: { organizationId: number }) {
  const sentPlans = await db
    .select()
    .from(feePlans)
    .where(and(eq(feePlans.organizationId, organizationId), eq(feePlans.state, 'sent')))
    .orderBy(asc(feePlans.id));
  if (sentPlans.length === 0) return [];
  const open = await db
    .select({ id: feeNotices.id })
    .from(feeNotices)
    .where(
      and(
        eq(feeNotices.organizationId, organizationId),
        isNull(feeNotices.postedOn),
        inArray(
          feeNotices.planId,
          sentPlans.map((p) => p.id),
        ),
      ),
    );
  if (open.length === 0) return [];
  const states = await noticeStates(db, { organizationId, planIds: sentPlans.map((p) => p.id) });
  const planOf = new Map(sentPlans.map((p) => [p.id, p]));
  return states
    .filter((n) => n.channel === 'paper' && n.postedOn === null)
    .map((n) => ({ notice: n, plan: planOf.get(n.planId) as FeePlan }));
}

/**
 * Marks paper notices as handed over or posted on `day` (not in the future, not before the plan
 * went out), then settles the ledger's holds.
 */
export async function markNoticesPosted(
  db: Db,
  {
    actor,
    organization,
    noticeIds,
    day,
    now,
  }: { actor: Actor; organization: Organization; noticeIds: number[]; day: string; now: Date },
): Promise<number> {
  const organizationId = organization.id;
  if (day > warsawDate(now))
    throw new ValidationError([{ field: 'dzien', message: 'Dzień doręczenia nie może być w przyszłości.' }]);
  const waiting = (await listNoticesToMark(db, { organizationId })).filter((n) => noticeIds.includes(n.notice.id));
  if (waiting.length === 0)
    throw new ValidationError([{ field: 'zawiadomienia', message: 'Zaznacz co najmniej jedno zawiadomienie.' }]);
  const early = waiting.find((n) => n.plan.sentAt && day < warsawDate(n.plan.sentAt));
  if (early?.plan.sentAt)
    throw new ValidationError([
      {
        field: 'dzien',
        message: `Zawiadomienia wysłano ${formatCalendarDate(warsawDate(early.plan.sentAt))}: nie mogły być doręczone wcześniej.`,
      },
    ]);
  const marked = await db.transaction(async (tx) => {
    const rows = await tx
      .update(feeNotices)
      .set({ postedOn: day, postedAt: now, postedByLabel: actor.actorLabel ?? '' })
      .where(
        and(
          eq(feeNotices.organizationId, organizationId),
          isNull(feeNotices.postedOn),
          inArray(
            feeNotices.id,
            waiting.map((n) => n.notice.id),
          ),
        ),
      )
      .returning({ id: feeNotices.id });
    await recordAudit(tx, {
      ...actor,
      action: 'fees.notices_posted',
      subjectType: 'fee_notice',
      detail: { count: rows.length, day, noticeIds: rows.map((r) => r.id) },
    });
    return rows.length;
  });
  await settleNotices(db, { actor, organization });
  return marked;
}
