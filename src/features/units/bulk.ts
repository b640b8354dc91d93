/**
 * Bulk writing of register records (imports and generated data): load what the organization
 * already has, compare by external keys, and write only the differences with a few multi-row
 * statements (`insert … select from unnest(arrays)`), one per table and chunk, never one per row.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import type { RightKind, UnitKind } from './labels.ts';
import type {
  BuildingRecord,
  OccupancyRecord,
  PersonRecord,
  RegisterData,
  RightRecord,
  UnitRecord,
} from './register-data.ts';
import { numericToArea } from './rules/parse.ts';
import { checkUnitRights, describeRightProblem, type RightSpan } from './rules/register-rules.ts';
import { addressKey, nameKeys } from './search-keys.ts';

const CHUNK = 5000;

interface Existing<T> {
  id: number;
  values: T;
}

type BuildingValues = Omit<BuildingRecord, 'key' | 'row'>;
type UnitValues = Omit<UnitRecord, 'key' | 'row' | 'buildingKey'> & { buildingId: number };
type PersonValues = Omit<PersonRecord, 'key' | 'row'>;

interface ExistingRight {
  id: number;
  personId: number;
  kind: RightKind;
  numerator: number;
  denominator: number;
  validFrom: string;
  validTo: string | null;
}

/** What the organization's register holds, indexed for comparing with records. */
export interface RegisterState {
  buildings: Map<string, Existing<BuildingValues>>;
  units: Map<string, Existing<UnitValues>>;
  /** `buildingId|number` → external key (null when the unit has none). */
  unitPlaces: Map<string, string | null>;
  persons: Map<string, Existing<PersonValues>>;
  /** PESEL → external key of its person (null when the person has none). */
  pesels: Map<string, string | null>;
  rightsByUnit: Map<number, ExistingRight[]>;
  /** `unitId|date` → the persons count in effect from that date (the latest recorded). */
  occupancy: Map<string, number>;
}

export async function loadRegisterState(db: Db, organizationId: number): Promise<RegisterState> {
  // One after another: in a transaction they share one connection anyway.
  const buildingRows = await queryRows<{
    id: number;
    external_key: string | null;
    street: string;
    number: string;
    postcode: string;
    city: string;
    estate: string | null;
  }>(
    db,
    sql`select id::float8 as id, external_key, street, number, postcode, city, estate
          from buildings where organization_id = ${organizationId}`,
  );
  const unitRows = await queryRows<{
    id: number;
    building_id: number;
    external_key: string | null;
    number: string;
    kind: UnitKind;
    usable_area: string;
    floor: number | null;
    rooms: number | null;
  }>(
    db,
    sql`select id::float8 as id, building_id::float8 as building_id, external_key, number, kind,
                 usable_area::text as usable_area, floor, rooms
          from units where organization_id = ${organizationId}`,
  );
  const personRows = await queryRows<{
    id: number;
    external_key: string | null;
    first_name: string;
    last_name: string;
    pesel: string | null;
    address: string | null;
    email: string | null;
    phone: string | null;
  }>(
    db,
    sql`select id::float8 as id, external_key, first_name, last_name, pesel, address, email, phone
          from persons where organization_id = ${organizationId}`,
  );
  const rightRows = await queryRows<{
    id: number;
    unit_id: number;
    person_id: number;
    kind: RightKind;
    share_numerator: number;
    share_denominator: number;
    valid_from: string;
    valid_to: string | null;
  }>(
    db,
    sql`select id::float8 as id, unit_id::float8 as unit_id, person_id::float8 as person_id, kind,
                 share_numerator, share_denominator, valid_from::text as valid_from, valid_to::text as valid_to
          from rights where organization_id = ${organizationId}`,
  );
  const occupancyRows = await queryRows<{ unit_id: number; effective_from: string; persons_count: number }>(
    db,
    sql`select distinct on (unit_id, effective_from) unit_id::float8 as unit_id,
                 effective_from::text as effective_from, persons_count
          from occupancy where organization_id = ${organizationId}
          order by unit_id, effective_from, id desc`,
  );
  const state: RegisterState = {
    buildings: new Map(),
    units: new Map(),
    unitPlaces: new Map(),
    persons: new Map(),
    pesels: new Map(),
    rightsByUnit: new Map(),
    occupancy: new Map(),
  };
  for (const b of buildingRows) {
    if (b.external_key === null) continue;
    const { street, number, postcode, city, estate } = b;
    state.buildings.set(b.external_key, { id: b.id, values: { street, number, postcode, city, estate } });
  }
  for (const u of unitRows) {
    state.unitPlaces.set(`${u.building_id}|${u.number}`, u.external_key);
    if (u.external_key === null) continue;
    state.units.set(u.external_key, {
      id: u.id,
      values: {
        buildingId: u.building_id,
        number: u.number,
        kind: u.kind,
        areaHundredths: numericToArea(u.usable_area),
        floor: u.floor,
        rooms: u.rooms,
      },
    });
  }
  for (const p of personRows) {
    if (p.pesel) state.pesels.set(p.pesel, p.external_key);
    if (p.external_key === null) continue;
    const { first_name: firstName, last_name: lastName, pesel, address, email, phone } = p;
    state.persons.set(p.external_key, { id: p.id, values: { firstName, lastName, pesel, address, email, phone } });
  }
  for (const r of rightRows) {
    const list = state.rightsByUnit.get(r.unit_id) ?? [];
    list.push({
      id: r.id,
      personId: r.person_id,
      kind: r.kind,
      numerator: r.share_numerator,
      denominator: r.share_denominator,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    });
    state.rightsByUnit.set(r.unit_id, list);
  }
  for (const o of occupancyRows) state.occupancy.set(`${o.unit_id}|${o.effective_from}`, o.persons_count);
  return state;
}

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

/**
 * `unnest($1::text[], $2::text[]::int[], …)` over column arrays: one statement for many rows.
 * Every array goes over the wire as text[] (PGlite serializes arrays of enums and numerics only
 * by their element type's name), then is cast in SQL.
 */
function unnest(columns: [values: unknown[], type: string][]): SQL {
  return sql`unnest(${sql.join(
    columns.map(([values, type]) =>
      type === 'text'
        ? sql`${sql.param(values)}::text[]`
        : sql`${sql.param(values.map((v) => (v === null || v === undefined ? null : String(v))))}::text[]::${sql.raw(type)}[]`,
    ),
    sql`, `,
  )})`;
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

async function keyIds(db: Db, query: SQL, into: Map<string, number>): Promise<void> {
  const rows = await queryRows<{ id: number; external_key: string }>(db, query);
  for (const row of rows) into.set(row.external_key, Number(row.id));
}

/** Writes a plan (planRegister without problems) in the caller's transaction. */
export async function applyRegisterPlan(
  db: Db,
  organizationId: number,
  state: RegisterState,
  plan: RegisterPlan,
  onProgress: (rowsWritten: number) => void = () => {},
): Promise<void> {
  let written = 0;
  const progress = (n: number) => {
    written += n;
    onProgress(written);
  };
  const buildingIds = new Map([...state.buildings].map(([key, b]) => [key, b.id]));
  const unitIds = new Map([...state.units].map(([key, u]) => [key, u.id]));
  const personIds = new Map([...state.persons].map(([key, p]) => [key, p.id]));
  const org = organizationId;
  const now = new Date().toISOString();

  await inChunks(plan.buildings.insert, async (rows) => {
    await keyIds(
      db,
      sql`insert into buildings (organization_id, external_key, street, number, postcode, city, estate, search_address)
          select ${org}, * from ${unnest([
            [rows.map((r) => r.key), 'text'],
            [rows.map((r) => r.street), 'text'],
            [rows.map((r) => r.number), 'text'],
            [rows.map((r) => r.postcode), 'text'],
            [rows.map((r) => r.city), 'text'],
            [rows.map((r) => r.estate), 'text'],
            [rows.map((r) => addressKey(r.street, r.number)), 'text'],
          ])}
          returning id, external_key`,
      buildingIds,
    );
    progress(rows.length);
  });
  await inChunks(plan.buildings.update, async (rows) => {
    await db.execute(
      sql`update buildings b set street = v.street, number = v.number, postcode = v.postcode, city = v.city,
                 estate = v.estate, search_address = v.search_address, updated_at = ${now}
          from ${unnest([
            [rows.map((r) => r.id), 'bigint'],
            [rows.map((r) => r.street), 'text'],
            [rows.map((r) => r.number), 'text'],
            [rows.map((r) => r.postcode), 'text'],
            [rows.map((r) => r.city), 'text'],
            [rows.map((r) => r.estate), 'text'],
            [rows.map((r) => addressKey(r.street, r.number)), 'text'],
          ])} as v(id, street, number, postcode, city, estate, search_address)
          where b.id = v.id and b.organization_id = ${org}`,
    );
    progress(rows.length);
  });

  const unitColumns = (rows: UnitRecord[]): [unknown[], string][] => [
    [rows.map((r) => buildingIds.get(r.buildingKey)), 'bigint'],
    [rows.map((r) => r.number), 'text'],
    [rows.map((r) => r.kind), 'unit_kind'],
    [
      rows.map((r) => `${Math.trunc(r.areaHundredths / 100)}.${String(r.areaHundredths % 100).padStart(2, '0')}`),
      'numeric',
    ],
    [rows.map((r) => r.floor), 'int'],
    [rows.map((r) => r.rooms), 'int'],
  ];
  // Units move only within the organization, so a changed building key resolves here too.
  await inChunks(plan.units.insert, async (rows) => {
    await keyIds(
      db,
      sql`insert into units (organization_id, external_key, building_id, number, kind, usable_area, floor, rooms)
          select ${org}, * from ${unnest([[rows.map((r) => r.key), 'text'], ...unitColumns(rows)])}
          returning id, external_key`,
      unitIds,
    );
    progress(rows.length);
  });
  await inChunks(plan.units.update, async (rows) => {
    await db.execute(
      sql`update units u set building_id = v.building_id, number = v.number, kind = v.kind,
                 usable_area = v.usable_area, floor = v.floor, rooms = v.rooms, updated_at = ${now}
          from ${unnest([[rows.map((r) => r.id), 'bigint'], ...unitColumns(rows)])}
            as v(id, building_id, number, kind, usable_area, floor, rooms)
          where u.id = v.id and u.organization_id = ${org}`,
    );
    progress(rows.length);
  });

  const personColumns = (rows: PersonRecord[]): [unknown[], string][] => {
    const keys = rows.map((r) => nameKeys(r.firstName, r.lastName));
    return [
      [rows.map((r) => r.firstName), 'text'],
      [rows.map((r) => r.lastName), 'text'],
      [rows.map((r) => r.pesel), 'text'],
      [rows.map((r) => r.address), 'text'],
      [rows.map((r) => r.email), 'text'],
      [rows.map((r) => r.phone), 'text'],
      [keys.map((k) => k.searchName), 'text'],
      [keys.map((k) => k.searchNameReversed), 'text'],
    ];
  };
  await inChunks(plan.persons.insert, async (rows) => {
    await keyIds(
      db,
      sql`insert into persons (organization_id, external_key, first_name, last_name, pesel, address, email, phone,
                               search_name, search_name_reversed)
          select ${org}, * from ${unnest([[rows.map((r) => r.key), 'text'], ...personColumns(rows)])}
          returning id, external_key`,
      personIds,
    );
    progress(rows.length);
  });
  await inChunks(plan.persons.update, async (rows) => {
    await db.execute(
      sql`update persons p set first_name = v.first_name, last_name = v.last_name, pesel = v.pesel,
                 address = v.address, email = v.email, phone = v.phone, search_name = v.search_name,
                 search_name_reversed = v.search_name_reversed, updated_at = ${now}
          from ${unnest([[rows.map((r) => r.id), 'bigint'], ...personColumns(rows)])}
            as v(id, first_name, last_name, pesel, address, email, phone, search_name, search_name_reversed)
          where p.id = v.id and p.organization_id = ${org}`,
    );
    progress(rows.length);
  });

  await inChunks(plan.rights.insert, async (rows) => {
    await db.execute(
      sql`insert into rights (organization_id, unit_id, person_id, kind, share_numerator, share_denominator,
                              valid_from, valid_to, end_reason)
          select ${org}, * from ${unnest([
            [rows.map((r) => unitIds.get(r.unitKey)), 'bigint'],
            [rows.map((r) => personIds.get(r.personKey)), 'bigint'],
            [rows.map((r) => r.kind), 'right_kind'],
            [rows.map((r) => r.numerator), 'int'],
            [rows.map((r) => r.denominator), 'int'],
            [rows.map((r) => r.validFrom), 'date'],
            [rows.map((r) => r.validTo), 'date'],
            [rows.map((r) => r.endReason ?? null), 'text'],
          ])}`,
    );
    progress(rows.length);
  });
  await inChunks(plan.rights.update, async (rows) => {
    await db.execute(
      sql`update rights r set kind = v.kind, share_numerator = v.n, share_denominator = v.d, valid_to = v.valid_to,
                 updated_at = ${now}
          from ${unnest([
            [rows.map((r) => r.id), 'bigint'],
            [rows.map((r) => r.kind), 'right_kind'],
            [rows.map((r) => r.numerator), 'int'],
            [rows.map((r) => r.denominator), 'int'],
            [rows.map((r) => r.validTo), 'date'],
          ])} as v(id, kind, n, d, valid_to)
          where r.id = v.id and r.organization_id = ${org}`,
    );
    progress(rows.length);
  });

  await inChunks(plan.occupancy.insert, async (rows) => {
    await db.execute(
      sql`insert into occupancy (organization_id, unit_id, effective_from, persons_count)
          select ${org}, * from ${unnest([
            [rows.map((r) => unitIds.get(r.unitKey)), 'bigint'],
            [rows.map((r) => r.effectiveFrom), 'date'],
            [rows.map((r) => r.personsCount), 'int'],
          ])}`,
    );
    progress(rows.length);
  });
}

/**
 * Writes generated register data into an organization (demo and benchmark data): the same path
 * as an import without the file. Throws if the data breaks a register rule.
 */
export async function insertRegisterData(db: Db, organizationId: number, data: RegisterData): Promise<void> {
  const state = await loadRegisterState(db, organizationId);
  const plan = planRegister(state, data);
  if (plan.problems.length > 0) {
    throw new Error(
      `generated data breaks register rules: ${plan.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  }
  await applyRegisterPlan(db, organizationId, state, plan);
}
