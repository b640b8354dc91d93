/**
 * Contested fee changes (u.s.m. art. 4 ust. 8; the rules in `rules/contests.ts`): the accountant
 * records that a holder took a sent change to court; from the contest's first month the unit is
 * charged the old rates of the plan's raised components that depend on the cooperative (a
 * unit-level rate row, like the notice holds), and months already charged at the new rates are
 * corrected. Closing it with the final outcome either charges the difference for the months at
 * the old rates and lets the new rates run (change justified, suit withdrawn) or keeps the old
 * rates for good and brings back to them the months charged at the new ones (change annulled).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { daysInMonth } from '../../lib/dates.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import {
  deleteFeeRates,
  type Entry,
  endFeeRates,
  type FeeComponent,
  insertEntries,
  insertFeeRates,
  listEntries,
  listFeeComponents,
  listFeeRates,
  type NewEntry,
} from '../ledger/queries.ts';
import { monthlyFee } from '../ledger/rules/fees.ts';
import { monthLabel } from '../ledger/rules/months.ts';
import { rateFor } from '../ledger/rules/rate-for.ts';
import { chargeDueDate } from '../ledger/rules/working-days.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import { type FeeContest, findContest } from './contest-queries.ts';
import type { CloseContestForm, ContestForm } from './forms.ts';
import { type FeePlan, findPlan, listPlanRates, planLedgerRateIds } from './queries.ts';
import {
  adjustments,
  type ChargedMonth,
  contestStartMonth,
  differenceByComponent,
  outcomeEffect,
} from './rules/contests.ts';
import { addMonths } from './rules/deadlines.ts';
import { feeContestRates, feeContests, feeNotices } from './schema.ts';
import { noticeStates, unitStarts } from './settle.ts';

const noEffect = { chargeDifference: false, keepOldRates: false, creditBeforeSuit: false };
const lastDayOf = (month: string) =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/** The plan's components whose rate rises for the unit and that depend on the cooperative. */
async function contestedRates(
  db: Db,
  { organizationId, plan, unitId }: { organizationId: number; plan: FeePlan; unitId: number },
) {
  const day = `${plan.month}-01`;
  const [planRates, components, allRates, own, [basis]] = await readTogether(db, [
    () => listPlanRates(db, { organizationId, planId: plan.id }),
    () => listFeeComponents(db, { organizationId }),
    () => listFeeRates(db, { organizationId }),
    () => planLedgerRateIds(db, { organizationId, planId: plan.id }),
    () => listUnitBases(db, { organizationId, day, unitId }),
  ]);
  if (!basis) return { components, lines: [] };
  const currentRates = allRates.filter((r) => !own.has(r.id));
  const lines = planRates.flatMap((r) => {
    const component = components.find((c) => c.id === r.componentId);
    if (component?.costKind !== 'own') return [];
    const old = rateFor(currentRates, component.id, basis, day)?.rate ?? 0;
    return r.rate > old ? [{ component, oldRate: old, newRate: r.rate }] : [];
  });
  return { components, lines };
}

/** The unit's charges of some components from a month, each net of the corrections of it. */
async function chargedMonths(
  db: Db,
  {
    organizationId,
    unitId,
    componentIds,
    from,
  }: { organizationId: number; unitId: number; componentIds: number[]; from: string },
): Promise<ChargedMonth[]> {
  const entries: Entry[] = await listEntries(db, { organizationId, unitId, from: `${from}-01` });
  const corrections = new Map<number, number>();
  for (const e of entries)
    if (e.kind === 'correction' && e.correctsEntryId !== null)
      corrections.set(e.correctsEntryId, (corrections.get(e.correctsEntryId) ?? 0) + e.amount);
  return entries
    .filter((e) => e.kind === 'charge' && e.source === 'charge_run' && componentIds.includes(e.componentId ?? 0))
    .map((e) => ({
      entryId: e.id,
      month: e.valueDate.slice(0, 7),
      componentId: e.componentId ?? 0,
      charged: e.amount + (corrections.get(e.id) ?? 0),
    }));
}

/** The monthly amount of a component at a rate for the unit's basis in each month asked (read once per month). */
async function amountsByMonth(
  db: Db,
  {
    organizationId,
    unitId,
    months,
    components,
  }: { organizationId: number; unitId: number; months: string[]; components: FeeComponent[] },
) {
  const bases = new Map(
    await readTogether(
      db,
      [...new Set(months)].map(
        (m) => async () => [m, (await listUnitBases(db, { organizationId, day: `${m}-01`, unitId }))[0]] as const,
      ),
    ),
  );
  return (month: string, componentId: number, rate: number) => {
    const basis = bases.get(month);
    const component = components.find((c) => c.id === componentId);
    return basis && component ? monthlyFee(component.basis, rate, basis) : 0;
  };
}

/** Corrections bringing charged months to the expected amounts, linked to the charges they correct. */
function correctionEntries(
  adjusted: ReturnType<typeof adjustments>,
  { contestId, unitId, today, reason }: { contestId: number; unitId: number; today: string; reason: string },
): NewEntry[] {
  return adjusted.map((a) => ({
    unitId,
    bookingDate: today,
    valueDate: `${a.month}-01`,
    kind: 'correction',
    componentId: a.componentId,
    amount: a.delta,
    description: `Korekta — ${monthLabel(a.month)}: ${reason}`,
    dueDate: null,
    source: 'fee_contest',
    sourceRef: `fee-contest:${contestId}:${a.entryId}`,
    correctsEntryId: a.entryId,
  }));
}

/** The unit's first month of the plan's own-cost rates (the planned month while a notice waits). */
async function unitStartOf(
  db: Db,
  { organization, plan, unitId }: { organization: Organization; plan: FeePlan; unitId: number },
) {
  const notices = (await noticeStates(db, { organizationId: organization.id, planIds: [plan.id] })).filter(
    (n) => n.unitId === unitId,
  );
  const start = unitStarts(plan, notices, ['own'], ledgerSettingsOf(organization).dueDay).get(unitId)?.own;
  return start ?? plan.month;
}

/**
 * Records a holder's suit against a sent change: the unit is charged the old rates of the raised
 * own-cost components from the contest's first month, and months already charged at other
 * amounts are corrected to them. One open contest per plan and unit.
 */
export async function recordContest(
  db: Db,
  {
    actor,
    organization,
    planId,
    form,
    now,
  }: { actor: Actor; organization: Organization; planId: number; form: ContestForm; now: Date },
): Promise<FeeContest> {
  const organizationId = organization.id;
  const today = warsawDate(now);
  const plan = await findPlan(db, { organizationId, planId });
  if (plan.state !== 'sent') throw new AppError('not_found', 'only a sent plan can be contested');
  const [notice] = await db
    .select()
    .from(feeNotices)
    .where(
      and(
        eq(feeNotices.organizationId, organizationId),
        eq(feeNotices.planId, plan.id),
        eq(feeNotices.id, form.zawiadomienie),
      ),
    );
  const errors = [];
  if (!notice) errors.push({ field: 'zawiadomienie', message: 'Wybierz posiadacza, który wniósł pozew.' });
  if (form.dzien > today)
    errors.push({ field: 'dzien', message: 'Dzień wniesienia pozwu nie może być w przyszłości.' });
  else if (plan.sentAt && form.dzien < warsawDate(plan.sentAt))
    errors.push({
      field: 'dzien',
      message: `Zawiadomienia o tej zmianie wysłano ${formatCalendarDate(warsawDate(plan.sentAt))}: pozew nie mógł być wniesiony wcześniej.`,
    });
  if (errors.length || !notice) throw new ValidationError(errors);
  const { components, lines } = await contestedRates(db, { organizationId, plan, unitId: notice.unitId });
  if (lines.length === 0)
    throw new ValidationError([
      {
        field: 'zawiadomienie',
        message:
          'Ta zmiana nie podnosi temu lokalowi opłat zależnych od spółdzielni. Zaskarżenie nie wstrzymuje zmiany opłat za media (niezależnych od spółdzielni).',
      },
    ]);
  const unitStart = await unitStartOf(db, { organization, plan, unitId: notice.unitId });
  const fromMonth = contestStartMonth({
    unitStart,
    filedOn: form.dzien,
    dueDay: ledgerSettingsOf(organization).dueDay,
  });
  const componentIds = lines.map((l) => l.component.id);
  const charged = await chargedMonths(db, { organizationId, unitId: notice.unitId, componentIds, from: fromMonth });
  const amount = await amountsByMonth(db, {
    organizationId,
    unitId: notice.unitId,
    months: charged.map((c) => c.month),
    components,
  });
  const oldRate = new Map(lines.map((l) => [l.component.id, l.oldRate]));
  const adjusted = adjustments(charged, {
    from: fromMonth,
    expected: (month, componentId) => amount(month, componentId, oldRate.get(componentId) ?? 0),
  });
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: feeContests.id })
      .from(feeContests)
      .where(and(eq(feeContests.planId, plan.id), eq(feeContests.unitId, notice.unitId), isNull(feeContests.outcome)));
    if (open)
      throw new ValidationError([
        {
          field: 'zawiadomienie',
          message:
            'Zaskarżenie tej zmiany dla tego lokalu jest już zapisane. Współposiadacze pozywający razem to jedno zaskarżenie.',
        },
      ]);
    const [contest] = await tx
      .insert(feeContests)
      .values({
        organizationId,
        planId: plan.id,
        unitId: notice.unitId,
        personId: notice.personId,
        filedOn: form.dzien,
        court: form.sad,
        caseNumber: form.sygnatura,
        fromMonth,
        recordedAt: now,
        recordedByLabel: actor.actorLabel ?? '',
      })
      .returning();
    if (!contest) throw new Error('insert returned no row');
    const rates = await insertFeeRates(
      tx,
      lines.map((l) => ({
        organizationId,
        componentId: l.component.id,
        buildingId: null,
        unitId: notice.unitId,
        rate: l.oldRate,
        effectiveFrom: `${fromMonth}-01`,
        note: `Zmiana opłat nr ${plan.id} zaskarżona w sądzie: dotychczasowa stawka do prawomocnego wyroku`,
        createdAt: now,
      })),
    );
    await tx
      .insert(feeContestRates)
      .values(rates.map((r) => ({ organizationId, contestId: contest.id, rateId: r.id, componentId: r.componentId })));
    const corrections = correctionEntries(adjusted, {
      contestId: contest.id,
      unitId: notice.unitId,
      today,
      reason: `zmiana opłat zaskarżona w sądzie, dotychczasowa stawka do wyroku`,
    });
    await insertEntries(tx, { organizationId, entries: corrections });
    await recordAudit(tx, {
      ...actor,
      action: 'fees.contest_recorded',
      subjectType: 'fee_contest',
      subjectId: contest.id,
      detail: {
        planId: plan.id,
        unitId: notice.unitId,
        personId: notice.personId,
        filedOn: form.dzien,
        court: form.sad,
        caseNumber: form.sygnatura,
        fromMonth,
        components: componentIds,
        corrected: corrections.length,
      },
    });
    return contest;
  });
}

/**
 * Closes a contest with the court's final outcome. A justified change (or a withdrawn suit): the
 * difference for the months charged at the old rates is charged, due on the next payment
 * deadline, and the new rates run from the first month not yet charged. An annulled change: no
 * difference; the old rates stay from the unit's first month of the change, and months charged at
 * the new ones are corrected.
 */
export async function closeContest(
  db: Db,
  {
    actor,
    organization,
    contestId,
    form,
    now,
  }: { actor: Actor; organization: Organization; contestId: number; form: CloseContestForm; now: Date },
): Promise<FeeContest> {
  const organizationId = organization.id;
  const today = warsawDate(now);
  const contest = await findContest(db, { organizationId, contestId });
  if (contest.outcome !== null)
    throw new ValidationError([{ field: 'wynik', message: 'To zaskarżenie jest już zamknięte.' }]);
  if (form.dzien > today)
    throw new ValidationError([{ field: 'dzien', message: 'Dzień uprawomocnienia nie może być w przyszłości.' }]);
  if (form.dzien < contest.filedOn)
    throw new ValidationError([
      {
        field: 'dzien',
        message: `Pozew wniesiono ${formatCalendarDate(contest.filedOn)}: wyrok nie mógł się uprawomocnić wcześniej.`,
      },
    ]);
  const plan = await findPlan(db, { organizationId, planId: contest.planId });
  // A withdrawn plan changed nothing: the outcome is recorded, the ledger is left as it is.
  const effect = plan.state === 'withdrawn' ? noEffect : outcomeEffect(form.wynik);
  const links = await db
    .select()
    .from(feeContestRates)
    .where(and(eq(feeContestRates.organizationId, organizationId), eq(feeContestRates.contestId, contest.id)));
  const { components, lines } = await contestedRates(db, { organizationId, plan, unitId: contest.unitId });
  const componentIds = links.map((l) => l.componentId);
  const rateRows = (await listFeeRates(db, { organizationId })).filter((r) => links.some((l) => l.rateId === r.id));
  // A later plan may have ended the hold: months after it are not the contest's.
  const heldTo = rateRows
    .map((r) => r.effectiveTo)
    .filter((d): d is string => d !== null)
    .sort()[0]
    ?.slice(0, 7);
  const unitStart = await unitStartOf(db, { organization, plan, unitId: contest.unitId });
  const from = effect.creditBeforeSuit ? unitStart : contest.fromMonth;
  const charged = await chargedMonths(db, { organizationId, unitId: contest.unitId, componentIds, from });
  const amount = await amountsByMonth(db, {
    organizationId,
    unitId: contest.unitId,
    months: charged.map((c) => c.month),
    components,
  });
  const rateOf = (which: 'oldRate' | 'newRate') => new Map(lines.map((l) => [l.component.id, l[which]]));
  const target = rateOf(effect.chargeDifference ? 'newRate' : 'oldRate');
  const adjusted = adjustments(charged, {
    from,
    to: heldTo,
    expected: (month, componentId) => amount(month, componentId, target.get(componentId) ?? 0),
  });
  const dueDay = ledgerSettingsOf(organization).dueDay;
  return db.transaction(async (tx) => {
    let difference = 0;
    const entries: NewEntry[] = [];
    if (effect.chargeDifference) {
      const months = adjusted.map((a) => a.month);
      const span = months.length
        ? `${monthLabel(months[0] ?? '')}${months.length > 1 ? ` – ${monthLabel(months.at(-1) ?? '')}` : ''}`
        : '';
      for (const [componentId, sum] of differenceByComponent(adjusted)) {
        if (sum <= 0) continue;
        difference += sum;
        const name = components.find((c) => c.id === componentId)?.name ?? '';
        entries.push({
          unitId: contest.unitId,
          bookingDate: today,
          valueDate: today,
          kind: 'charge',
          componentId,
          amount: sum,
          description: `${name} — wyrównanie za ${span}: zaskarżona zmiana opłat od ${formatCalendarDate(`${plan.month}-01`)}, wyrok prawomocny ${formatCalendarDate(form.dzien)}`,
          dueDate: chargeDueDate(addMonths(today.slice(0, 7), 1), dueDay),
          source: 'fee_contest',
          sourceRef: `fee-contest:${contest.id}:difference:${componentId}`,
          correctsEntryId: null,
        });
      }
      // The new rates run from the first month not charged at the old ones.
      const lastHeld = charged
        .filter((c) => c.month >= contest.fromMonth && (heldTo === undefined || c.month <= heldTo))
        .map((c) => c.month)
        .sort()
        .at(-1);
      const open = rateRows.filter((r) => r.effectiveTo === null).map((r) => r.id);
      if (lastHeld) await endFeeRates(tx, { organizationId, rateIds: open, effectiveTo: lastDayOf(lastHeld) });
      else await deleteFeeRates(tx, { organizationId, rateIds: open });
    } else if (effect.keepOldRates) {
      entries.push(
        ...correctionEntries(adjusted, {
          contestId: contest.id,
          unitId: contest.unitId,
          today,
          reason: `zmiana opłat uznana przez sąd za niezasadną (wyrok prawomocny ${formatCalendarDate(form.dzien)})`,
        }),
      );
      // The old rates from the unit's first month of the change, not only from the suit.
      if (unitStart < contest.fromMonth) {
        const earlier = await insertFeeRates(
          tx,
          rateRows.map((r) => ({
            organizationId,
            componentId: r.componentId,
            buildingId: null,
            unitId: contest.unitId,
            rate: r.rate,
            effectiveFrom: `${unitStart}-01`,
            effectiveTo: lastDayOf(addMonths(contest.fromMonth, -1)),
            note: r.note,
            createdAt: now,
          })),
        );
        if (earlier.length)
          await tx
            .insert(feeContestRates)
            .values(
              earlier.map((r) => ({ organizationId, contestId: contest.id, rateId: r.id, componentId: r.componentId })),
            );
      }
    }
    await insertEntries(tx, { organizationId, entries });
    const [closed] = await tx
      .update(feeContests)
      .set({
        outcome: form.wynik,
        finalOn: form.dzien,
        difference,
        closedAt: now,
        closedByLabel: actor.actorLabel ?? '',
      })
      .where(and(eq(feeContests.id, contest.id), isNull(feeContests.outcome)))
      .returning();
    if (!closed) throw new ValidationError([{ field: 'wynik', message: 'To zaskarżenie jest już zamknięte.' }]);
    await recordAudit(tx, {
      ...actor,
      action: 'fees.contest_closed',
      subjectType: 'fee_contest',
      subjectId: contest.id,
      detail: {
        planId: plan.id,
        unitId: contest.unitId,
        outcome: form.wynik,
        finalOn: form.dzien,
        difference,
        corrected: effect.keepOldRates ? entries.length : 0,
      },
    });
    return closed;
  });
}
