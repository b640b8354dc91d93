/**
 * Writing register records in bulk (imports and generated data): only the differences a plan
 * found, with a few multi-row statements (`insert … select from unnest(arrays)`), one per table
 * and chunk, never one per row.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import type { PersonRecord, RegisterData, UnitRecord } from '../register-data.ts';
import { addressKey, nameKeys } from '../search-keys.ts';
import { planRegister, type RegisterPlan } from './plan.ts';
import { loadRegisterState, type RegisterState } from './state.ts';

const CHUNK = 5000;

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
  {
    organizationId,
    state,
    plan,
    onProgress = () => {},
  }: {
    organizationId: number;
    state: RegisterState;
    plan: RegisterPlan;
    onProgress?: (rowsWritten: number) => void;
  },
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
export async function insertRegisterData(
  db: Db,
  { organizationId, data }: { organizationId: number; data: RegisterData },
): Promise<void> {
  const state = await loadRegisterState(db, { organizationId });
  const plan = planRegister(state, data);
  if (plan.problems.length > 0) {
    throw new Error(
      `generated data breaks register rules: ${plan.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}`,
    );
  }
  await applyRegisterPlan(db, { organizationId, state, plan });
}
