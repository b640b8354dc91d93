/**
 * Sending a fee change (issue 16 part 3): each holder of the plan's units gets a personalised
 * notice with the justification and their own figures (correspondence's `sendPersonalLetter`:
 * e-mail with the PDF where consent covers it, otherwise the print queue). The plan then writes
 * its rates into the ledger: the new rates at the scope's level from the planned month, and for
 * every unit whose fee changes a "hold" row at the unit's level keeping its old rate (settled by
 * `settle.ts` once the notices are delivered). A plan can be withdrawn before it takes effect.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { daysInMonth } from '../../lib/dates.ts';
import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { MailSettings } from '../correspondence/mail.ts';
import { type PersonalRecipient, sendPersonalLetter } from '../correspondence/personal/send.ts';
import { feeLines } from '../ledger/fees.ts';
import { deleteFeeRates, insertFeeRates, listFeeComponents, listFeeRates } from '../ledger/queries.ts';
import { rateFor } from '../ledger/rules/rate-for.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { listHolderUnitsOnDay } from '../units/holders.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import { dropContestHolds, endContestHoldsFor, reopenContestHolds } from './contest-holds.ts';
import { earliestByKind, previewPlan } from './plans.ts';
import { findPlan } from './queries.ts';
import { noticeBody, noticeFields } from './rules/notices.ts';
import { planRateRows } from './rules/plan.ts';
import { feeNotices, feePlanLedgerRates, feePlans } from './schema.ts';

const _lastDayOf = (month: string) =>
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
  const [components, currentRates, bases] = await readTogether(db, [
    () => listFeeComponents(db, { organizationId }),
    () => listFeeRates(db, { organizationId }),
    () => listUnitBases(db, { organizationId, day }),
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
    await endContestHoldsFor(tx, {
      organizationId,
      planId: plan.id,
      month: plan.month,
      componentIds: preview.rates.map((r) => r.componentId),
      unitIds: preview.units.map((u) => u.unitId),
    });
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
      await reopenContestHolds(tx, { organizationId, planId: plan.id });
      await dropContestHolds(tx, { organizationId, planId: plan.id });
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
