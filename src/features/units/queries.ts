/**
 * The register's SQL for single records, details and the member side; bulk loading for imports
 * and demo data is in bulk/. Every function takes the database or a transaction first, then one
 * object, and filters by organization.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { preparedQuery, type ValueOrPlaceholder } from '../../db/prepared.ts';
import { buildings, occupancy, persons, rights, units } from './schema.ts';

export type Building = typeof buildings.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Person = typeof persons.$inferSelect;
export type Right = typeof rights.$inferSelect;
export type Occupancy = typeof occupancy.$inferSelect;

/** Key of the advisory lock that serializes imports against single changes of one register. */
const REGISTER_LOCK = 0x05_1ed20;

/** Single changes share the register; an import takes it alone (see importRegister). */
export async function lockRegisterShared(db: Db, { organizationId }: { organizationId: number }): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${REGISTER_LOCK}, ${organizationId}::int)`);
}

export async function lockRegisterExclusive(db: Db, { organizationId }: { organizationId: number }): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${REGISTER_LOCK}, ${organizationId}::int)`);
}

/** The name of the unique constraint a failed insert or update broke, if that is why it failed. */
export function violatedConstraint(error: unknown): string | undefined {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505') return e.constraint ?? 'unique';
  }
  return undefined;
}

/** One record of an organization, by its id. */
export interface InOrganization {
  organizationId: number;
  id: number;
}

const one = <T>(rows: T[]): T => {
  const row = rows[0];
  if (!row) throw new Error('statement returned no row');
  return row;
};

// Buildings ---------------------------------------------------------------------------------

export async function insertBuilding(db: Db, values: typeof buildings.$inferInsert): Promise<Building> {
  return one(await db.insert(buildings).values(values).returning());
}

export async function updateBuildingRow(
  db: Db,
  {
    organizationId,
    id,
    values,
  }: { organizationId: number; id: number; values: Partial<typeof buildings.$inferInsert> },
): Promise<Building | undefined> {
  const rows = await db
    .update(buildings)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(buildings.organizationId, organizationId), eq(buildings.id, id)))
    .returning();
  return rows[0];
}

export async function findBuilding(db: Db, { organizationId, id }: InOrganization): Promise<Building | undefined> {
  const rows = await db
    .select()
    .from(buildings)
    .where(and(eq(buildings.organizationId, organizationId), eq(buildings.id, id)));
  return rows[0];
}

export async function listBuildings(db: Db, { organizationId }: { organizationId: number }): Promise<Building[]> {
  return db
    .select()
    .from(buildings)
    .where(eq(buildings.organizationId, organizationId))
    .orderBy(asc(buildings.searchAddress), asc(buildings.id));
}

// Units -------------------------------------------------------------------------------------

export async function insertUnit(db: Db, values: typeof units.$inferInsert): Promise<Unit> {
  return one(await db.insert(units).values(values).returning());
}

export async function updateUnitRow(
  db: Db,
  { organizationId, id, values }: { organizationId: number; id: number; values: Partial<typeof units.$inferInsert> },
): Promise<Unit | undefined> {
  const rows = await db
    .update(units)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(units.organizationId, organizationId), eq(units.id, id)))
    .returning();
  return rows[0];
}

export async function findUnit(db: Db, { organizationId, id }: InOrganization): Promise<Unit | undefined> {
  const rows = await db
    .select()
    .from(units)
    .where(and(eq(units.organizationId, organizationId), eq(units.id, id)));
  return rows[0];
}

/** The unit, locked until the transaction ends, so that changes of its rights run one at a time. */
export async function lockUnit(db: Db, { organizationId, id }: InOrganization): Promise<Unit | undefined> {
  const rows = await db
    .select()
    .from(units)
    .where(and(eq(units.organizationId, organizationId), eq(units.id, id)))
    .for('update');
  return rows[0];
}

// Persons -----------------------------------------------------------------------------------

export async function insertPerson(db: Db, values: typeof persons.$inferInsert): Promise<Person> {
  return one(await db.insert(persons).values(values).returning());
}

export async function updatePersonRow(
  db: Db,
  { organizationId, id, values }: { organizationId: number; id: number; values: Partial<typeof persons.$inferInsert> },
): Promise<Person | undefined> {
  const rows = await db
    .update(persons)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(persons.organizationId, organizationId), eq(persons.id, id)))
    .returning();
  return rows[0];
}

export async function findPerson(db: Db, { organizationId, id }: InOrganization): Promise<Person | undefined> {
  const rows = await db
    .select()
    .from(persons)
    .where(and(eq(persons.organizationId, organizationId), eq(persons.id, id)));
  return rows[0];
}

export async function findPersonsByIds(
  db: Db,
  { organizationId, ids }: { organizationId: number; ids: number[] },
): Promise<Person[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(persons)
    .where(and(eq(persons.organizationId, organizationId), inArray(persons.id, ids)));
}

/** Persons of the organization by the accounting system's keys; unknown keys are left out. */
export async function findPersonsByExternalKeys(
  db: Db,
  { organizationId, keys }: { organizationId: number; keys: string[] },
): Promise<Person[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(persons)
    .where(and(eq(persons.organizationId, organizationId), inArray(persons.externalKey, keys)));
}

/** Another person of the organization with this PESEL or external key (for a clear message). */
export async function findPersonClash(
  db: Db,
  {
    organizationId,
    pesel,
    externalKey,
    exceptId,
  }: { organizationId: number; pesel: string | null; externalKey: string | null; exceptId?: number },
): Promise<{ field: 'pesel' | 'externalKey' } | undefined> {
  const matches: SQL[] = [];
  if (pesel) matches.push(eq(persons.pesel, pesel));
  if (externalKey) matches.push(eq(persons.externalKey, externalKey));
  if (matches.length === 0) return undefined;
  const rows = await db
    .select({ id: persons.id, pesel: persons.pesel, externalKey: persons.externalKey })
    .from(persons)
    .where(and(eq(persons.organizationId, organizationId), or(...matches)));
  const clash = rows.find((row) => row.id !== exceptId);
  if (!clash) return undefined;
  return { field: pesel && clash.pesel === pesel ? 'pesel' : 'externalKey' };
}

// Rights ------------------------------------------------------------------------------------

export async function listRightsOfUnit(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<Right[]> {
  return db
    .select()
    .from(rights)
    .where(and(eq(rights.organizationId, organizationId), eq(rights.unitId, unitId)))
    .orderBy(asc(rights.validFrom), asc(rights.id));
}

export async function findRight(db: Db, { organizationId, id }: InOrganization): Promise<Right | undefined> {
  const rows = await db
    .select()
    .from(rights)
    .where(and(eq(rights.organizationId, organizationId), eq(rights.id, id)));
  return rows[0];
}

export async function insertRight(db: Db, values: typeof rights.$inferInsert): Promise<Right> {
  return one(await db.insert(rights).values(values).returning());
}

/** Kind, share and period of a right, corrected in place (the audit row keeps the old values). */
export async function updateRightRow(
  db: Db,
  {
    id,
    values,
  }: {
    id: number;
    values: Pick<
      typeof rights.$inferInsert,
      'kind' | 'shareNumerator' | 'shareDenominator' | 'validFrom' | 'validTo' | 'endReason'
    >;
  },
): Promise<Right> {
  return one(
    await db
      .update(rights)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(rights.id, id))
      .returning(),
  );
}

export async function setRightEnd(
  db: Db,
  { id, validTo, endReason }: { id: number; validTo: string; endReason: string | null },
): Promise<Right> {
  return one(
    await db.update(rights).set({ validTo, endReason, updatedAt: new Date() }).where(eq(rights.id, id)).returning(),
  );
}

// Occupancy ---------------------------------------------------------------------------------

export async function insertOccupancy(db: Db, values: typeof occupancy.$inferInsert): Promise<Occupancy> {
  return one(await db.insert(occupancy).values(values).returning());
}

/** Persons-count history of a unit, oldest first (corrections of one date follow each other). */
export async function listOccupancy(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<Occupancy[]> {
  return db
    .select()
    .from(occupancy)
    .where(and(eq(occupancy.organizationId, organizationId), eq(occupancy.unitId, unitId)))
    .orderBy(asc(occupancy.effectiveFrom), asc(occupancy.id));
}

// Details -----------------------------------------------------------------------------------

export interface RightWithPerson extends Right {
  firstName: string;
  lastName: string;
  pesel: string | null;
}

export async function listRightsWithPersons(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<RightWithPerson[]> {
  const rows = await db
    .select({ right: rights, firstName: persons.firstName, lastName: persons.lastName, pesel: persons.pesel })
    .from(rights)
    .innerJoin(persons, eq(persons.id, rights.personId))
    .where(and(eq(rights.organizationId, organizationId), eq(rights.unitId, unitId)))
    .orderBy(desc(rights.validFrom), asc(persons.searchName), asc(rights.id));
  return rows.map((row) => ({ ...row.right, firstName: row.firstName, lastName: row.lastName, pesel: row.pesel }));
}

export interface UnitWithAddress extends Unit {
  street: string;
  buildingNumber: string;
  postcode: string;
  city: string;
  estate: string | null;
}

const unitWithAddress = {
  unit: units,
  street: buildings.street,
  buildingNumber: buildings.number,
  postcode: buildings.postcode,
  city: buildings.city,
  estate: buildings.estate,
};

const flattenUnit = (row: {
  unit: Unit;
  street: string;
  buildingNumber: string;
  postcode: string;
  city: string;
  estate: string | null;
}): UnitWithAddress => ({
  ...row.unit,
  street: row.street,
  buildingNumber: row.buildingNumber,
  postcode: row.postcode,
  city: row.city,
  estate: row.estate,
});

export async function findUnitWithAddress(
  db: Db,
  { organizationId, id: unitId }: InOrganization,
): Promise<UnitWithAddress | undefined> {
  const rows = await db
    .select(unitWithAddress)
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.organizationId, organizationId), eq(units.id, unitId)));
  return rows[0] ? flattenUnit(rows[0]) : undefined;
}

/** Units of the organization by id, with their building's address; unknown ids are left out. */
export async function findUnitsWithAddress(
  db: Db,
  { organizationId, ids }: { organizationId: number; ids: number[] },
): Promise<UnitWithAddress[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(unitWithAddress)
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.organizationId, organizationId), inArray(units.id, ids)));
  return rows.map(flattenUnit);
}

export interface RightWithUnit extends Right {
  unit: UnitWithAddress;
}

export async function listRightsOfPerson(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<RightWithUnit[]> {
  const rows = await db
    .select({ right: rights, ...unitWithAddress })
    .from(rights)
    .innerJoin(units, eq(units.id, rights.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(rights.organizationId, organizationId), eq(rights.personId, personId)))
    .orderBy(desc(rights.validFrom), asc(rights.id));
  return rows.map((row) => ({ ...row.right, unit: flattenUnit(row) }));
}

// Member side: always through the person's rights holding on the day ------------------------

/** Rights of the person that hold on `asOf`: valid_from ≤ asOf < valid_to. */
const holdsOn = (
  organizationId: ValueOrPlaceholder<number>,
  personId: ValueOrPlaceholder<number>,
  asOf: ValueOrPlaceholder<string>,
) =>
  and(
    eq(rights.organizationId, organizationId),
    eq(rights.personId, personId),
    lte(rights.validFrom, asOf),
    or(isNull(rights.validTo), gt(rights.validTo, asOf)),
  );

export interface HeldUnitRow extends UnitWithAddress {
  rightId: number;
  rightKind: Right['kind'];
  shareNumerator: number;
  shareDenominator: number;
  heldSince: string;
}

export async function listHeldUnits(
  db: Db,
  {
    organizationId,
    personId,
    asOf,
    unitId,
  }: { organizationId: number; personId: number; asOf: string; unitId?: number },
): Promise<HeldUnitRow[]> {
  const rows =
    unitId === undefined
      ? await heldUnits(db, { organizationId, personId, asOf })
      : await heldUnit(db, { organizationId, personId, asOf, unitId });
  return rows.map((row) => ({
    ...flattenUnit(row),
    rightId: row.rightId,
    rightKind: row.rightKind,
    shareNumerator: row.shareNumerator,
    shareDenominator: row.shareDenominator,
    heldSince: row.heldSince,
  }));
}

/** The units a person holds on a day (every e-BOK start page), or one of them: prepared (db/prepared.ts). */
const heldUnitsQuery = (db: Db, oneUnit: boolean) => {
  const organizationId = sql.placeholder('organizationId');
  return db
    .select({
      ...unitWithAddress,
      rightId: rights.id,
      rightKind: rights.kind,
      shareNumerator: rights.shareNumerator,
      shareDenominator: rights.shareDenominator,
      heldSince: rights.validFrom,
    })
    .from(rights)
    .innerJoin(units, and(eq(units.id, rights.unitId), eq(units.organizationId, organizationId)))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(
      and(
        holdsOn(organizationId, sql.placeholder('personId'), sql.placeholder('asOf')),
        oneUnit ? eq(rights.unitId, sql.placeholder('unitId')) : undefined,
      ),
    )
    .orderBy(asc(buildings.searchAddress), asc(units.number), asc(rights.id));
};
const heldUnits = preparedQuery((db) => heldUnitsQuery(db, false));
const heldUnit = preparedQuery((db) => heldUnitsQuery(db, true));

/** Names of persons other than `personId` holding a right to the unit on `asOf`. */
export async function listCoHolderNames(
  db: Db,
  {
    organizationId,
    unitId,
    personId,
    asOf,
  }: { organizationId: number; unitId: number; personId: number; asOf: string },
): Promise<{ firstName: string; lastName: string }[]> {
  const rows = await queryRows<{ first_name: string; last_name: string }>(
    db,
    sql`select distinct p.first_name, p.last_name, p.search_name
        from ${rights} r join ${persons} p on p.id = r.person_id
        where r.organization_id = ${organizationId} and r.unit_id = ${unitId} and r.person_id <> ${personId}
          and r.valid_from <= ${asOf} and (r.valid_to is null or r.valid_to > ${asOf})
          -- only for someone who holds the unit on that day themselves
          and exists (select 1 from ${rights} mine
                      where mine.organization_id = ${organizationId} and mine.unit_id = ${unitId}
                        and mine.person_id = ${personId} and mine.valid_from <= ${asOf}
                        and (mine.valid_to is null or mine.valid_to > ${asOf}))
        order by p.search_name`,
  );
  return rows.map((row) => ({ firstName: row.first_name, lastName: row.last_name }));
}

export async function holdsAnyRight(
  db: Db,
  { organizationId, personId, asOf }: { organizationId: number; personId: number; asOf: string },
): Promise<boolean> {
  const rows = await db
    .select({ id: rights.id })
    .from(rights)
    .where(holdsOn(organizationId, personId, asOf))
    .limit(1);
  return rows.length > 0;
}
