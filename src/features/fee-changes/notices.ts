/**
 * Sending a fee change (issue 16 part 3): each holder of the plan's units gets a personalised
 * notice with the justification and their own figures (correspondence's `sendPersonalLetter`:
 * e-mail with the PDF where consent covers it, otherwise the print queue). The plan then writes
 * its rates into the ledger: the new rates at the scope's level from the planned month, and for
 * every unit whose fee changes a "hold" row at the unit's level keeping its old rate. A hold is
 * open while any holder's notice is undelivered; once all are (e-mail: handed to the SMTP server;
 * paper: marked by the clerk) `settleNotices` ends it the day before the unit's first lawful
 * month (or removes it when the planned month is lawful), so the charge run bills exactly that.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { daysInMonth } from '../../lib/dates.ts';
import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { deliveryProgress } from '../correspondence/deliveries.ts';
import type { MailSettings } from '../correspondence/mail.ts';
import { type PersonalRecipient, sendPersonalLetter } from '../correspondence/personal/send.ts';
import { feeLines } from '../ledger/fees.ts';
import { deleteFeeRates, endFeeRates, insertFeeRates, listFeeComponents, listFeeRates } from '../ledger/queries.ts';
import type { CostKind } from '../ledger/rules/fees.ts';
import { rateFor } from '../ledger/rules/rate-for.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { describeHoldersOfUnits, listHolderUnitsOnDay } from '../units/holders.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import { earliestByKind, previewPlan } from './plans.ts';
import { type FeePlan, findPlan, unitLabelsAndHolders } from './queries.ts';
import { addMonths } from './rules/deadlines.ts';
import { type DeliveredDay, noticeBody, noticeFields, unitStartMonth } from './rules/notices.ts';
import { planRateRows } from './rules/plan.ts';
import { feeNotices, feePlanLedgerRates, feePlans } from './schema.ts';

export type FeeNotice = typeof feeNotices.$inferSelect;

const lastDayOf = (month: string) =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/**
 * Sends the plan's notices and writes its rates into the ledger, in one transaction. A plan
 * already sent sends nothing again (the letter's key is the plan's).
 */
export async function sendPlan(
  db: Db,
  {
    actor,
    organization,
    planId,
    now,
    mailFrom,
    baseUrl,
  }: { actor: Actor; organization: Organization; planId: number; now: Date } & MailSettings,
): Promise<{ email: number; paper: number; skipped: number }> {
  const organizationId = organization.id;
  const today = warsawDate(now);
  const preview = await previewPlan(db, { organization, planId, now });
  const { plan } = preview;
  if (plan.state === 'sent') return { email: 0, paper: 0, skipped: 0 };
  if (plan.state !== 'draft') throw new AppError('not_found', 'a withdrawn plan is not sent');
  const { dueDay } = ledgerSettingsOf(organization);
  const latest = Object.values(earliestByKind(preview.components, { today, dueDay })).sort().at(-1);
  if (latest && plan.month < latest)
    throw new ValidationError([
      {
        field: '',
        message: `Zawiadomienia wysłane dziś pozwalają zmienić te opłaty najwcześniej od ${formatCalendarDate(`${latest}-01`)}. Zmień miesiąc w planie i wyślij go ponownie.`,
      },
    ]);
  const day = `${plan.month}-01`;
  const [components, currentRates, bases] = await Promise.all([
    listFeeComponents(db, { organizationId }),
    listFeeRates(db, { organizationId }),
    listUnitBases(db, { organizationId, day }),
  ]);
  const basisOf = new Map(bases.map((b) => [b.unitId, b]));
  const changes = new Map(preview.units.map((u) => [u.unitId, u]));
  const names = new Map(preview.components.map((c) => [c.id, c.name]));
  const totals = new Map<number, { old: number; new: number }>();
  for (const u of preview.units) {
    const basis = basisOf.get(u.unitId);
    const old = basis ? feeLines(components, currentRates, basis, day).reduce((s, l) => s + l.amount, 0) : 0;
    totals.set(u.unitId, { old, new: old + u.difference });
  }
  const pairs = await listHolderUnitsOnDay(db, {
    organizationId,
    asOf: today,
    scope: { kind: 'units', unitIds: preview.units.map((u) => u.unitId) },
  });
  const recipients: PersonalRecipient[] = pairs.map((p) => {
    const change = changes.get(p.unitId);
    const total = totals.get(p.unitId) ?? { old: 0, new: 0 };
    return {
      ...p,
      extra: {
        od_kiedy: { text: formatCalendarDate(day) },
        oplata_nowa: { text: formatMoney(total.new) },
        oplata_dotychczasowa: { text: formatMoney(total.old) },
        zmiana_skladnikow: {
          table: {
            head: ['Składnik', 'Dotychczas', 'Po zmianie', 'Różnica'],
            rows: (change?.lines ?? []).map((l) => [
              names.get(l.componentId) ?? '',
              formatMoney(l.old),
              formatMoney(l.new),
              formatMoney(l.new - l.old),
            ]),
          },
        },
      },
    };
  });
  return db.transaction(async (tx) => {
    const locked = await findPlan(tx, { organizationId, planId, lock: true });
    if (locked.state !== 'draft' || locked.updatedAt.getTime() !== plan.updatedAt.getTime())
      throw new ValidationError([
        { field: '', message: 'Plan zmienił się w międzyczasie. Sprawdź go i wyślij ponownie.' },
      ]);
    const sent = await sendPersonalLetter(tx, {
      key: `fee-plan:${plan.id}`,
      organization,
      actor,
      now,
      mailFrom,
      baseUrl,
      attachPdf: true,
      purpose: 'fees.notice',
      subject: `Zawiadomienie o zmianie opłat od ${formatCalendarDate(day)}`,
      bodyMarkdown: noticeBody(plan),
      extraFields: noticeFields,
      recipients,
    });
    const noticeRows = sent.deliveries.map((d) => {
      const total = totals.get(d.unitId) ?? { old: 0, new: 0 };
      return {
        organizationId,
        planId: plan.id,
        unitId: d.unitId,
        personId: d.personId,
        deliveryId: d.deliveryId,
        oldTotal: total.old,
        newTotal: total.new,
      };
    });
    if (noticeRows.length) await tx.insert(feeNotices).values(noticeRows).onConflictDoNothing();
    // The ledger's rows: new rates at the scope's level, then each changing unit held at its old rate.
    const fresh = planRateRows({ scope: plan.scope, month: plan.month, rates: preview.rates }, { organizationId });
    const note = `Zmiana opłat nr ${plan.id}`;
    const inserted = await insertFeeRates(
      tx,
      fresh.map((r) => ({
        organizationId,
        componentId: r.componentId,
        buildingId: r.buildingId,
        unitId: r.unitId,
        rate: r.rate,
        effectiveFrom: r.effectiveFrom,
        note,
        createdAt: now,
      })),
    );
    const holds = preview.units.flatMap((u) => {
      const basis = basisOf.get(u.unitId);
      if (!basis) return [];
      return u.lines
        .filter((l) => l.old !== l.new)
        .map((l) => ({
          organizationId,
          componentId: l.componentId,
          buildingId: null,
          unitId: u.unitId,
          rate: rateFor(currentRates, l.componentId, basis, day)?.rate ?? 0,
          effectiveFrom: day,
          note: `${note}: dotychczasowa stawka do doręczenia zawiadomienia`,
          createdAt: now,
        }));
    });
    const held = await insertFeeRates(tx, holds);
    const links = [
      ...inserted.map((r) => ({ role: 'new' as const, r })),
      ...held.map((r) => ({ role: 'hold' as const, r })),
    ].map(({ role, r }) => ({
      organizationId,
      planId: plan.id,
      rateId: r.id,
      role,
      unitId: r.unitId,
      componentId: r.componentId,
    }));
    if (links.length) await tx.insert(feePlanLedgerRates).values(links);
    await tx
      .update(feePlans)
      .set({ state: 'sent', sentAt: now, letterId: sent.letterId, updatedAt: now })
      .where(eq(feePlans.id, plan.id));
    await recordAudit(tx, {
      ...actor,
      action: 'fees.plan_sent',
      subjectType: 'fee_plan',
      subjectId: plan.id,
      detail: {
        letterId: sent.letterId,
        email: sent.email,
        paper: sent.paper,
        skipped: sent.skipped.length,
        units: preview.units.length,
      },
    });
    return { email: sent.email, paper: sent.paper, skipped: sent.skipped.length };
  });
}

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
  const [notices, components] = await Promise.all([
    noticeStates(db, { organizationId, planIds }),
    listFeeComponents(db, { organizationId }),
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

export interface UnitNoticeRow {
  unitId: number;
  label: string;
  holders: string;
  /** Each notice of the unit: holder's name, channel, the day delivered (null: waiting). */
  notices: { name: string; channel: 'email' | 'paper'; delivered: DeliveredDay }[];
  /** The unit's first month of the new rates by kind; null while a notice waits. */
  starts: Partial<Record<CostKind, string | null>>;
}

export interface NoticeReport {
  email: { delivered: number; waiting: number };
  paper: { delivered: number; waiting: number };
  /** Units whose notice came too late for the planned month, with their first lawful month. */
  late: UnitNoticeRow[];
  /** Units still waiting for a holder's notice (old rates continue until it is delivered). */
  waiting: UnitNoticeRow[];
}

/** The sent plan's notices: how many delivered, late-notified units and units still waiting. */
export async function noticeReport(
  db: Db,
  {
    organization,
    plan,
    kinds,
    labels,
  }: {
    organization: Organization;
    plan: FeePlan;
    kinds: readonly CostKind[];
    labels: Map<number, { label: string; holders: string }>;
  },
): Promise<NoticeReport> {
  const organizationId = organization.id;
  const notices = await noticeStates(db, { organizationId, planIds: [plan.id] });
  const starts = unitStarts(plan, notices, kinds, ledgerSettingsOf(organization).dueDay);
  const persons = await describeHoldersOfUnits(db, {
    organizationId,
    pairs: notices.map((n) => ({ personId: n.personId, unitId: n.unitId })),
  });
  const nameOf = new Map(persons.map((p) => [`${p.personId}:${p.unitId}`, `${p.firstName} ${p.lastName}`]));
  const count = (channel: 'email' | 'paper') => {
    const of = notices.filter((n) => n.channel === channel);
    const delivered = of.filter((n) => n.delivered !== null).length;
    return { delivered, waiting: of.length - delivered };
  };
  const rows: UnitNoticeRow[] = [...starts].map(([unitId, unitStarts]) => ({
    unitId,
    label: labels.get(unitId)?.label ?? '',
    holders: labels.get(unitId)?.holders ?? '',
    notices: notices
      .filter((n) => n.unitId === unitId)
      .map((n) => ({
        name: nameOf.get(`${n.personId}:${n.unitId}`) ?? '',
        channel: n.channel,
        delivered: n.delivered,
      })),
    starts: unitStarts,
  }));
  return {
    email: count('email'),
    paper: count('paper'),
    late: rows.filter((r) => Object.values(r.starts).some((m) => m && m > plan.month)),
    waiting: rows.filter((r) => Object.values(r.starts).some((m) => m === null)),
  };
}

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
  const [notices, components] = await Promise.all([
    noticeStates(db, { organizationId, planIds }),
    listFeeComponents(db, { organizationId }),
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

/**
 * Withdraws a plan before it takes effect: a draft simply ends; a sent plan's rates leave the
 * ledger and everyone sent its notice gets a personalised withdrawal notice (idempotent key).
 */
export async function withdrawPlan(
  db: Db,
  {
    actor,
    organization,
    planId,
    now,
    mailFrom,
    baseUrl,
  }: { actor: Actor; organization: Organization; planId: number; now: Date } & MailSettings,
): Promise<void> {
  const organizationId = organization.id;
  await db.transaction(async (tx) => {
    const plan = await findPlan(tx, { organizationId, planId, lock: true });
    if (plan.state === 'withdrawn') return;
    const day = `${plan.month}-01`;
    if (warsawDate(now) >= day)
      throw new ValidationError([
        {
          field: '',
          message: `Ta zmiana obowiązuje od ${formatCalendarDate(day)} — nie można jej już wycofać. Przygotuj nową zmianę opłat.`,
        },
      ]);
    let withdrawal: { letterId: number; email: number; paper: number } | undefined;
    if (plan.state === 'sent') {
      const links = await tx
        .select({ rateId: feePlanLedgerRates.rateId })
        .from(feePlanLedgerRates)
        .where(and(eq(feePlanLedgerRates.organizationId, organizationId), eq(feePlanLedgerRates.planId, plan.id)));
      await deleteFeeRates(tx, { organizationId, rateIds: links.map((l) => l.rateId) });
      const notified = await tx
        .select({ personId: feeNotices.personId, unitId: feeNotices.unitId })
        .from(feeNotices)
        .where(and(eq(feeNotices.organizationId, organizationId), eq(feeNotices.planId, plan.id)))
        .orderBy(asc(feeNotices.id));
      if (notified.length) {
        const sent = await sendPersonalLetter(tx, {
          key: `fee-plan-withdrawal:${plan.id}`,
          organization,
          actor,
          now,
          mailFrom,
          baseUrl,
          attachPdf: true,
          purpose: 'fees.notice',
          subject: `Wycofanie zmiany opłat od ${formatCalendarDate(day)}`,
          bodyMarkdown: [
            'Szanowni Państwo,',
            '',
            'zapowiedziana zmiana opłat za lokal {{lokal}}, która miała obowiązywać od {{od_kiedy}}, została wycofana. Opłaty pozostają bez zmian; zawiadomienie o tej zmianie jest nieaktualne.',
          ].join('\n'),
          extraFields: [noticeFields[0]],
          recipients: notified.map((n) => ({ ...n, extra: { od_kiedy: { text: formatCalendarDate(day) } } })),
        });
        withdrawal = { letterId: sent.letterId, email: sent.email, paper: sent.paper };
      }
    }
    await tx.update(feePlans).set({ state: 'withdrawn', updatedAt: now }).where(eq(feePlans.id, plan.id));
    await recordAudit(tx, {
      ...actor,
      action: 'fees.plan_withdrawn',
      subjectType: 'fee_plan',
      subjectId: plan.id,
      detail: { wasSent: plan.state === 'sent', ...(withdrawal ?? {}) },
    });
  });
}
