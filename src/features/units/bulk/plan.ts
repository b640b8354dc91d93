/**
 * Comparing records with the register (no database): what is new, changed and unchanged, and the
 * register rules every unit's rights must keep afterwards.
 */
import type {
  BuildingRecord,
  OccupancyRecord,
  PersonRecord,
  RegisterData,
  RightRecord,
  UnitRecord,
} from '../register-data.ts';
import { checkUnitRights, describeRightProblem, type RightSpan } from '../rules/register-rules.ts';
import type { RegisterState } from './state.ts';

export interface Counts {
  new: number;
  changed: number;
  unchanged: number;
}

export interface PlanProblem {
  row: number | undefined;
  column: string;
  message: string;
}

export interface RegisterPlan {
  buildings: { insert: BuildingRecord[]; update: (BuildingRecord & { id: number })[]; unchanged: number };
  units: { insert: UnitRecord[]; update: (UnitRecord & { id: number })[]; unchanged: number };
  persons: { insert: PersonRecord[]; update: (PersonRecord & { id: number })[]; unchanged: number };
  rights: { insert: RightRecord[]; update: (RightRecord & { id: number })[]; unchanged: number };
  /** New dates and corrections alike are appended; `corrections` counts the latter. */
  occupancy: { insert: OccupancyRecord[]; corrections: number; unchanged: number };
  problems: PlanProblem[];
}

export function planCounts(plan: RegisterPlan): Record<keyof RegisterData, Counts> {
  const of = (part: { insert: unknown[]; update: unknown[]; unchanged: number }) => ({
    new: part.insert.length,
    changed: part.update.length,
    unchanged: part.unchanged,
  });
  return {
    buildings: of(plan.buildings),
    units: of(plan.units),
    persons: of(plan.persons),
    rights: of(plan.rights),
    occupancy: {
      new: plan.occupancy.insert.length - plan.occupancy.corrections,
      changed: plan.occupancy.corrections,
      unchanged: plan.occupancy.unchanged,
    },
  };
}

function sameValues(a: object, b: object): boolean {
  for (const [key, value] of Object.entries(b)) if ((a as Record<string, unknown>)[key] !== value) return false;
  return true;
}

/**
 * Compares records with the state: what is new, changed and unchanged, and the register rules
 * every unit's rights must keep afterwards (problems name the record's row).
 */
export function planRegister(state: RegisterState, data: RegisterData): RegisterPlan {
  const plan: RegisterPlan = {
    buildings: { insert: [], update: [], unchanged: 0 },
    units: { insert: [], update: [], unchanged: 0 },
    persons: { insert: [], update: [], unchanged: 0 },
    rights: { insert: [], update: [], unchanged: 0 },
    occupancy: { insert: [], corrections: 0, unchanged: 0 },
    problems: [],
  };
  for (const record of data.buildings) {
    const { key, row, ...values } = record;
    const existing = state.buildings.get(key);
    if (!existing) plan.buildings.insert.push(record);
    else if (sameValues(existing.values, values)) plan.buildings.unchanged++;
    else plan.buildings.update.push({ ...record, id: existing.id });
  }
  for (const record of data.units) {
    const { key, row, buildingKey, ...values } = record;
    const existing = state.units.get(key);
    const buildingId = state.buildings.get(buildingKey)?.id;
    if (buildingId !== undefined) {
      const holder = state.unitPlaces.get(`${buildingId}|${record.number}`);
      if (holder !== undefined && holder !== key) {
        plan.problems.push({
          row,
          column: 'nr_lokalu',
          message: `w tym budynku jest już lokal nr ${record.number} z innym kodem (${holder ?? 'bez kodu'})`,
        });
        continue;
      }
    }
    if (!existing) plan.units.insert.push(record);
    else if (existing.values.buildingId === buildingId && sameValues(existing.values, values)) plan.units.unchanged++;
    else plan.units.update.push({ ...record, id: existing.id });
  }
  for (const record of data.persons) {
    const { key, row, ...values } = record;
    if (record.pesel) {
      const holder = state.pesels.get(record.pesel);
      if (holder !== undefined && holder !== key) {
        plan.problems.push({
          row,
          column: 'pesel',
          message: `ten PESEL ma w rejestrze inna osoba (kod ${holder ?? 'brak'})`,
        });
        continue;
      }
    }
    const existing = state.persons.get(key);
    if (!existing) plan.persons.insert.push(record);
    else if (sameValues(existing.values, values)) plan.persons.unchanged++;
    else plan.persons.update.push({ ...record, id: existing.id });
  }

  // Rights: match on (unit, person, valid_from), then check each touched unit's rules.
  const touched = new Map<string, RightSpan<number | string>[]>();
  const existingSpans = (unitKey: string): RightSpan<number | string>[] => {
    let spans = touched.get(unitKey);
    if (!spans) {
      const unitId = state.units.get(unitKey)?.id;
      spans = (unitId === undefined ? [] : (state.rightsByUnit.get(unitId) ?? [])).map((r) => ({
        key: `db-${r.id}`,
        personId: `id-${r.personId}`,
        validFrom: r.validFrom,
        validTo: r.validTo,
        numerator: r.numerator,
        denominator: r.denominator,
      }));
      touched.set(unitKey, spans);
    }
    return spans;
  };
  const rowOfSpan = new Map<string, RightRecord>();
  data.rights.forEach((record, index) => {
    const unitId = state.units.get(record.unitKey)?.id;
    const personId = state.persons.get(record.personKey)?.id;
    const spans = existingSpans(record.unitKey);
    const personRef = personId === undefined ? `key-${record.personKey}` : `id-${personId}`;
    const existing =
      unitId === undefined || personId === undefined
        ? undefined
        : state.rightsByUnit.get(unitId)?.find((r) => r.personId === personId && r.validFrom === record.validFrom);
    const span: RightSpan<number | string> = {
      key: `file-${index}`,
      personId: personRef,
      validFrom: record.validFrom,
      validTo: record.validTo,
      numerator: record.numerator,
      denominator: record.denominator,
    };
    rowOfSpan.set(span.key as string, record);
    if (existing) {
      const at = spans.findIndex((s) => s.key === `db-${existing.id}`);
      if (at >= 0) spans.splice(at, 1);
      const same =
        existing.kind === record.kind &&
        existing.numerator === record.numerator &&
        existing.denominator === record.denominator &&
        existing.validTo === record.validTo;
      if (same) plan.rights.unchanged++;
      else plan.rights.update.push({ ...record, id: existing.id });
    } else {
      plan.rights.insert.push(record);
    }
    spans.push(span);
  });
  for (const [unitKey, spans] of touched) {
    for (const problem of checkUnitRights(spans)) {
      const record =
        rowOfSpan.get(String(problem.key)) ??
        data.rights.find((r) => r.unitKey === unitKey && r.row !== undefined) ??
        undefined;
      plan.problems.push({
        row: record?.row,
        column: problem.kind === 'overlap' ? 'data_od' : 'udzial',
        message: describeRightProblem(problem),
      });
    }
  }

  for (const record of data.occupancy) {
    const unitId = state.units.get(record.unitKey)?.id;
    const current = unitId === undefined ? undefined : state.occupancy.get(`${unitId}|${record.effectiveFrom}`);
    if (current === record.personsCount) plan.occupancy.unchanged++;
    else {
      plan.occupancy.insert.push(record);
      if (current !== undefined) plan.occupancy.corrections++;
    }
  }
  return plan;
}
