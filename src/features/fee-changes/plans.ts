/**
 * Preparing a fee change (issue 16): the accountant's plan of new rates, checked at the fields,
 * and what it does to every unit in its scope (old and new amount by component, totals, the
 * earliest lawful month by cost kind). A plan changes only while it is a draft.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { type FieldError, ValidationError } from '../../errors.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type FeeComponent, listFeeComponents, listFeeRates } from '../ledger/queries.ts';
import type { CostKind } from '../ledger/rules/fees.ts';
import { parseRate } from '../ledger/rules/money.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { listBuildings } from '../units/queries.ts';
import { listUnitBases } from '../units/unit-facts.ts';
import type { PlanForm } from './forms.ts';
import { type FeePlan, findPlan, listPlanRates, planLedgerRateIds, unitLabelsAndHolders } from './queries.ts';
import { earliestMonth } from './rules/deadlines.ts';
import { type PlanRate, planChanges, type UnitChange } from './rules/plan.ts';
import { feePlanRates, feePlans, type PlanScope } from './schema.ts';

const kindWords: Record<CostKind, string> = {
  own: 'składników zależnych od spółdzielni',
  independent: 'opłat niezależnych od spółdzielni (media)',
};

/** The first month each kind of the given components may change from, for a notice delivered `today`. */
export function earliestByKind(
  components: readonly Pick<FeeComponent, 'costKind'>[],
  { today, dueDay }: { today: string; dueDay: number },
): Partial<Record<CostKind, string>> {
  const result: Partial<Record<CostKind, string>> = {};
  for (const c of components) result[c.costKind] = earliestMonth(c.costKind, { delivered: today, dueDay });
  return result;
}

const normalize = (label: string) => label.toLocaleLowerCase('pl').replace(/\s+/g, ' ').trim();

/** The form's values checked against the organization's components, buildings and units. */
async function parsePlan(
  db: Db,
  { organization, form, now }: { organization: Organization; form: PlanForm; now: Date },
): Promise<{ month: string; scope: PlanScope; justification: string; rates: PlanRate[] }> {
  const organizationId = organization.id;
  const components = await listFeeComponents(db, { organizationId });
  const errors: FieldError[] = [];
  const rates: PlanRate[] = [];
  for (const component of components) {
    const field = `stawka_${component.id}`;
    const text = String(form[field] ?? '').trim();
    if (!text) continue;
    if (text.startsWith('-') || text.startsWith('−')) {
      errors.push({ field, message: `${component.name}: stawka nie może być ujemna.` });
      continue;
    }
    const parsed = parseRate(text);
    if (parsed.ok) rates.push({ componentId: component.id, rate: parsed.value });
    else errors.push({ field, message: `${component.name}: ${parsed.message}` });
  }
  if (rates.length === 0 && errors.length === 0)
    errors.push({
      field: components[0] ? `stawka_${components[0].id}` : 'miesiac',
      message: 'Podaj nową stawkę co najmniej jednego składnika.',
    });
  let scope: PlanScope = { kind: 'all' };
  if (form.zakres === 'buildings') {
    const own = new Set((await listBuildings(db, { organizationId })).map((b) => b.id));
    const chosen = [...new Set(form.budynki)].filter((id) => own.has(id));
    if (chosen.length === 0) errors.push({ field: 'budynki', message: 'Zaznacz co najmniej jeden budynek.' });
    scope = { kind: 'buildings', buildingIds: chosen };
  } else if (form.zakres === 'units') {
    const lines = form.lokale
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const bases = await listUnitBases(db, { organizationId, day: warsawDate(now) });
    const labels = await unitLabelsAndHolders(db, { unitIds: bases.map((b) => b.unitId), asOf: warsawDate(now) });
    const byLabel = new Map([...labels].map(([id, l]) => [normalize(l.label), id]));
    const unknown = lines.filter((l) => !byLabel.has(normalize(l)));
    if (lines.length === 0)
      errors.push({ field: 'lokale', message: 'Wpisz lokale, po jednym w wierszu, np. „ul. Lipowa 4/12”.' });
    else if (unknown.length)
      errors.push({
        field: 'lokale',
        message: `Nie ma w rejestrze lokalu: ${unknown.slice(0, 5).join('; ')}. Wpisz adres tak jak w rejestrze, np. „ul. Lipowa 4/12”.`,
      });
    scope = { kind: 'units', unitIds: [...new Set(lines.map((l) => byLabel.get(normalize(l)) ?? 0))].filter(Boolean) };
  }
  const changed = components.filter((c) => rates.some((r) => r.componentId === c.id));
  const today = warsawDate(now);
  const { dueDay } = ledgerSettingsOf(organization);
  for (const [kind, earliest] of Object.entries(earliestByKind(changed, { today, dueDay })) as [CostKind, string][]) {
    if (form.miesiac < earliest) {
      const names = changed
        .filter((c) => c.costKind === kind)
        .map((c) => c.name)
        .join(', ');
      errors.push({
        field: 'miesiac',
        message: `Od ${formatCalendarDate(`${form.miesiac}-01`)} nikt nie może płacić nowych stawek: zawiadomienie doręczone najwcześniej dziś pozwala zmienić stawki ${kindWords[kind]} (${names}) najwcześniej od ${formatCalendarDate(`${earliest}-01`)}. Wybierz ten miesiąc lub późniejszy.`,
      });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return { month: form.miesiac, scope, justification: form.uzasadnienie, rates };
}

/** Prepares a new plan (a draft). */
export async function createPlan(
  db: Db,
  { actor, organization, form, now }: { actor: Actor; organization: Organization; form: PlanForm; now: Date },
): Promise<FeePlan> {
  const values = await parsePlan(db, { organization, form, now });
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(feePlans)
      .values({
        organizationId: organization.id,
        month: values.month,
        scope: values.scope,
        justification: values.justification,
        createdAt: now,
        updatedAt: now,
        createdByLabel: actor.actorLabel ?? '',
      })
      .returning();
    if (!plan) throw new Error('insert returned no row');
    await tx
      .insert(feePlanRates)
      .values(values.rates.map((r) => ({ organizationId: organization.id, planId: plan.id, ...r })));
    await recordAudit(tx, {
      ...actor,
      action: 'fees.plan_created',
      subjectType: 'fee_plan',
      subjectId: plan.id,
      detail: { month: values.month, scope: values.scope.kind, rates: values.rates },
    });
    return plan;
  });
}

/** Changes a draft; a plan whose notices went out is never changed silently. */
export async function updatePlan(
  db: Db,
  {
    actor,
    organization,
    planId,
    form,
    now,
  }: { actor: Actor; organization: Organization; planId: number; form: PlanForm; now: Date },
): Promise<FeePlan> {
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, { organizationId: organization.id, planId, lock: true });
    if (plan.state !== 'draft')
      throw new ValidationError([
        {
          field: '',
          message:
            'Zawiadomienia o tej zmianie zostały już wysłane — nie można jej zmienić. Wycofaj ją i przygotuj nową.',
        },
      ]);
    const values = await parsePlan(tx, { organization, form, now });
    const [updated] = await tx
      .update(feePlans)
      .set({ month: values.month, scope: values.scope, justification: values.justification, updatedAt: now })
      .where(eq(feePlans.id, plan.id))
      .returning();
    await tx.delete(feePlanRates).where(eq(feePlanRates.planId, plan.id));
    await tx
      .insert(feePlanRates)
      .values(values.rates.map((r) => ({ organizationId: organization.id, planId: plan.id, ...r })));
    await recordAudit(tx, {
      ...actor,
      action: 'fees.plan_changed',
      subjectType: 'fee_plan',
      subjectId: plan.id,
      detail: { month: values.month, scope: values.scope.kind, rates: values.rates },
    });
    if (!updated) throw new Error('update returned no row');
    return updated;
  });
}

export interface PlanPreview {
  plan: FeePlan;
  components: FeeComponent[];
  rates: PlanRate[];
  units: (UnitChange & { label: string; holders: string })[];
  totals: ReturnType<typeof planChanges>['totals'];
  /** If the notices were delivered today: the first lawful month of each kind the plan changes. */
  earliest: Partial<Record<CostKind, string>>;
}

/** What a plan does to each unit in its scope, with totals and the earliest lawful months. */
export async function previewPlan(
  db: Db,
  { organization, planId, now }: { organization: Organization; planId: number; now: Date },
): Promise<PlanPreview> {
  const organizationId = organization.id;
  const plan = await findPlan(db, { organizationId, planId });
  const [planRates, components, allRates, units, own] = await readTogether(db, [
    () => listPlanRates(db, { organizationId, planId }),
    () => listFeeComponents(db, { organizationId }),
    () => listFeeRates(db, { organizationId }),
    () => listUnitBases(db, { organizationId, day: `${plan.month}-01` }),
    () => planLedgerRateIds(db, { organizationId, planId }),
  ]);
  // Once sent, the plan's own rows are in the ledger: its figures compare against the rates without them.
  const currentRates = allRates.filter((r) => !own.has(r.id));
  const rates = planRates.map((r) => ({ componentId: r.componentId, rate: r.rate }));
  const changes = planChanges({
    scope: plan.scope,
    month: plan.month,
    rates,
    components,
    currentRates,
    units,
    organizationId,
  });
  const labels = await unitLabelsAndHolders(db, {
    unitIds: changes.units.map((u) => u.unitId),
    asOf: warsawDate(now),
  });
  const changed = components.filter((c) => rates.some((r) => r.componentId === c.id));
  return {
    plan,
    components: changed,
    rates,
    units: changes.units.map((u) => ({
      ...u,
      label: labels.get(u.unitId)?.label ?? '',
      holders: labels.get(u.unitId)?.holders ?? '',
    })),
    totals: changes.totals,
    earliest: earliestByKind(changed, { today: warsawDate(now), dueDay: ledgerSettingsOf(organization).dueDay }),
  };
}
