/**
 * Fees: the components (eksploatacja, fundusz remontowy, …), their rates over time, a unit's
 * monthly fee on a day, and the monthly charge run that books them. Changes take the actor and
 * write their audit row in their own transaction.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { ValidationError } from '../../errors.ts';
import type { Actor } from '../audit/audit.ts';
import { findUnitLabel, listUnitBases } from '../units/unit-facts.ts';
import { audited } from './audited.ts';
import {
  type FeeComponent,
  type FeeRate,
  insertEntries,
  insertFeeComponent,
  insertFeeRate,
  listFeeComponents,
  listFeeRates,
  type NewEntry,
} from './queries.ts';
import { type CostKind, type FeeBasis, monthlyFee } from './rules/fees.ts';
import { monthLabel } from './rules/months.ts';
import { rateFor } from './rules/rate-for.ts';
import { chargeDueDate } from './rules/working-days.ts';

export interface ComponentInput {
  code: string;
  name: string;
  basis: FeeBasis;
  /** Which notice a change needs (u.s.m. art. 4 ust. 7 or 7¹); `own` when left out. */
  costKind?: CostKind;
  sortOrder?: number;
}

/** Adds a fee component; a code already used is refused at the `kod` field. */
export async function addFeeComponent(
  db: Db,
  { actor, input }: { actor: Actor; input: ComponentInput },
): Promise<FeeComponent> {
  const organizationId = actor.organizationId;
  const existing = await listFeeComponents(db, { organizationId });
  if (existing.some((c) => c.code === input.code)) {
    throw new ValidationError([{ field: 'kod', message: `Składnik o kodzie ${input.code} już istnieje.` }]);
  }
  return audited(
    db,
    actor,
    { action: 'ledger.fee_component', unitId: null, detail: { code: input.code, basis: input.basis } },
    (tx) => insertFeeComponent(tx, { organizationId, sortOrder: existing.length, ...input }),
  );
}

export interface RateInput {
  componentId: number;
  rate: number;
  effectiveFrom: string;
  buildingId?: number | null;
  unitId?: number | null;
  note?: string | null;
}

/**
 * Adds a rate of a component from a day, for the organization, a building or a unit. A unit of
 * another organization is refused at the `lokal` field, an unknown component at `skladnik`.
 */
export async function setFeeRate(db: Db, { actor, input }: { actor: Actor; input: RateInput }): Promise<FeeRate> {
  const organizationId = actor.organizationId;
  if (input.unitId != null && !(await findUnitLabel(db, { organizationId, unitId: input.unitId }))) {
    throw new ValidationError([{ field: 'lokal', message: 'Nie ma takiego lokalu.' }]);
  }
  const components = await listFeeComponents(db, { organizationId });
  if (!components.some((c) => c.id === input.componentId)) {
    throw new ValidationError([{ field: 'skladnik', message: 'Wybierz składnik.' }]);
  }
  return audited(
    db,
    actor,
    {
      action: 'ledger.fee_rate',
      unitId: input.unitId ?? null,
      detail: { componentId: input.componentId, rate: input.rate, effectiveFrom: input.effectiveFrom },
    },
    (tx) =>
      insertFeeRate(tx, {
        organizationId,
        componentId: input.componentId,
        rate: input.rate,
        effectiveFrom: input.effectiveFrom,
        buildingId: input.buildingId ?? null,
        unitId: input.unitId ?? null,
        note: input.note ?? null,
      }),
  );
}

export { rateFor };

export interface FeeLine {
  component: FeeComponent;
  rate: FeeRate;
  amount: number;
}

export interface CurrentFee {
  lines: FeeLine[];
  total: number;
  areaHundredths: number;
  personsCount: number;
}

/** A unit's monthly fee on a day, by component. */
export async function currentFee(
  db: Db,
  { organizationId, unitId, day }: { organizationId: number; unitId: number; day: string },
): Promise<CurrentFee | undefined> {
  const [unit] = await listUnitBases(db, { organizationId, day, unitId });
  if (!unit) return undefined;
  const [components, rates] = await readTogether(db, [
    () => listFeeComponents(db, { organizationId }),
    () => listFeeRates(db, { organizationId }),
  ]);
  const lines = feeLines(components, rates, unit, day);
  return {
    lines,
    total: lines.reduce((sum, line) => sum + line.amount, 0),
    areaHundredths: unit.areaHundredths,
    personsCount: unit.personsCount,
  };
}

/** The lines of a unit's monthly fee on a day, from components and rates already read. */
export function feeLines(
  components: readonly FeeComponent[],
  rates: readonly FeeRate[],
  unit: { unitId: number; buildingId: number; areaHundredths: number; personsCount: number },
  day: string,
): FeeLine[] {
  const lines: FeeLine[] = [];
  for (const component of components) {
    const rate = rateFor(rates, component.id, unit, day);
    if (!rate) continue;
    lines.push({ component, rate, amount: monthlyFee(component.basis, rate.rate, unit) });
  }
  return lines;
}

/**
 * The monthly charge run: one charge per unit and component for the month, from the rates in
 * effect on its first day, due on the due day (moved to the next working day, art. 115 KC). Idempotent: the source reference
 * `charge:YYYY-MM:unit:component` makes a second run book nothing.
 */
export async function runCharges(
  db: Db,
  { actor, month, dueDay, bookingDate }: { actor: Actor; month: string; dueDay: number; bookingDate: string },
): Promise<{ booked: number; total: number }> {
  const organizationId = actor.organizationId;
  const day = `${month}-01`;
  const [units, components, rates] = await readTogether(db, [
    () => listUnitBases(db, { organizationId, day }),
    () => listFeeComponents(db, { organizationId }),
    () => listFeeRates(db, { organizationId }),
  ]);
  const entries: NewEntry[] = [];
  for (const unit of units) {
    for (const line of feeLines(components, rates, unit, day)) {
      if (line.amount === 0) continue;
      entries.push({
        unitId: unit.unitId,
        bookingDate,
        valueDate: day,
        kind: 'charge',
        componentId: line.component.id,
        amount: line.amount,
        description: `${line.component.name} — ${monthLabel(month)}`,
        dueDate: chargeDueDate(month, dueDay),
        source: 'charge_run',
        sourceRef: `charge:${month}:${unit.unitId}:${line.component.code}`,
        correctsEntryId: null,
      });
    }
  }
  return audited(
    db,
    actor,
    { action: 'ledger.charge_run', unitId: null, detail: { month, candidates: entries.length } },
    async (tx) => {
      const inserted = await insertEntries(tx, { organizationId, entries });
      return { booked: inserted.size, total: entries.length };
    },
  );
}
