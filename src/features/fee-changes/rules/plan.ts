/**
 * What a fee plan does to each unit: the old and new monthly amount of every changed component,
 * the difference, and the totals. Pure: it reuses the ledger's rate rule (`rateFor`) with the
 * plan's rates added as if they were in effect, so the figures are exactly what the charge run
 * will book once the change applies.
 */
import type { FeeComponent, FeeRate } from '../../ledger/queries.ts';
import { type FeeBasisValues, monthlyFee } from '../../ledger/rules/fees.ts';
import { rateFor } from '../../ledger/rules/rate-for.ts';
import type { PlanScope } from '../schema.ts';

export interface PlanRate {
  componentId: number;
  rate: number;
}

export interface UnitBasis extends FeeBasisValues {
  unitId: number;
  buildingId: number;
}

export interface ComponentChange {
  componentId: number;
  old: number;
  new: number;
}

export interface UnitChange {
  unitId: number;
  lines: ComponentChange[];
  oldTotal: number;
  newTotal: number;
  difference: number;
}

export interface PlanTotals {
  units: number;
  more: number;
  less: number;
  same: number;
  /** Sum of the monthly differences, grosze. */
  difference: number;
}

export function inScope(scope: PlanScope, unit: { unitId: number; buildingId: number }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'buildings':
      return scope.buildingIds.includes(unit.buildingId);
    case 'units':
      return scope.unitIds.includes(unit.unitId);
  }
}

/**
 * The plan's rates as rate rows at the scope's level, effective from the plan's first day:
 * organization-wide, per building, or per unit.
 */
export function planRateRows(
  { scope, month, rates }: { scope: PlanScope; month: string; rates: readonly PlanRate[] },
  template: { organizationId: number },
): FeeRate[] {
  const effectiveFrom = `${month}-01`;
  const base = {
    organizationId: template.organizationId,
    effectiveFrom,
    effectiveTo: null,
    note: null,
    createdAt: new Date(0),
  };
  // Ids above every real row, so a plan's rate wins a tie with a rate of the same day.
  let id = Number.MAX_SAFE_INTEGER - 1_000_000;
  const rows: FeeRate[] = [];
  for (const r of rates) {
    const targets: { buildingId: number | null; unitId: number | null }[] =
      scope.kind === 'all'
        ? [{ buildingId: null, unitId: null }]
        : scope.kind === 'buildings'
          ? scope.buildingIds.map((b) => ({ buildingId: b, unitId: null }))
          : scope.unitIds.map((u) => ({ buildingId: null, unitId: u }));
    for (const t of targets) rows.push({ ...base, ...t, id: id++, componentId: r.componentId, rate: r.rate });
  }
  return rows;
}

/** Each unit in scope with its old and new amounts of the plan's components, on the plan's first day. */
export function planChanges({
  scope,
  month,
  rates,
  components,
  currentRates,
  units,
  organizationId,
}: {
  scope: PlanScope;
  month: string;
  rates: readonly PlanRate[];
  components: readonly FeeComponent[];
  currentRates: readonly FeeRate[];
  units: readonly UnitBasis[];
  organizationId: number;
}): { units: UnitChange[]; totals: PlanTotals } {
  const day = `${month}-01`;
  const withPlan = [...currentRates, ...planRateRows({ scope, month, rates }, { organizationId })];
  const changed = components.filter((c) => rates.some((r) => r.componentId === c.id));
  const result: UnitChange[] = [];
  const totals: PlanTotals = { units: 0, more: 0, less: 0, same: 0, difference: 0 };
  for (const unit of units) {
    if (!inScope(scope, unit)) continue;
    const lines = changed.map((component) => {
      const before = rateFor(currentRates, component.id, unit, day);
      const after = rateFor(withPlan, component.id, unit, day);
      return {
        componentId: component.id,
        old: before ? monthlyFee(component.basis, before.rate, unit) : 0,
        new: after ? monthlyFee(component.basis, after.rate, unit) : 0,
      };
    });
    const oldTotal = lines.reduce((s, l) => s + l.old, 0);
    const newTotal = lines.reduce((s, l) => s + l.new, 0);
    const difference = newTotal - oldTotal;
    result.push({ unitId: unit.unitId, lines, oldTotal, newTotal, difference });
    totals.units++;
    totals.difference += difference;
    if (difference > 0) totals.more++;
    else if (difference < 0) totals.less++;
    else totals.same++;
  }
  return { units: result, totals };
}
