/**
 * Holders of units on a day, with what an envelope needs: the register's door for features that
 * write to the people living in the cooperative (correspondence). They get persons with their
 * names, own correspondence address, e-mail and the address of a unit they hold; they never name
 * the register's tables themselves.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/** A person reached on a day, with the parts of a postal address the register knows. */
export interface HolderAddress {
  personId: number;
  firstName: string;
  lastName: string;
  /** The person's own correspondence address as typed in the register, if any. */
  address: string | null;
  email: string | null;
  /** `street number/unit⏎postcode city` of the first unit (by right) the person holds that day. */
  unitAddress: string | null;
}

/** Whose holders: of every unit, of one building's units, or of chosen units. */
type HolderScope = { kind: 'all' } | { kind: 'building'; buildingId: number } | { kind: 'units'; unitIds: number[] };

interface HolderRow {
  person_id: string | number;
  first_name: string;
  last_name: string;
  address: string | null;
  email: string | null;
  unit_address: string | null;
}

/**
 * Ids as one array parameter (a mailing may choose 10,000 persons: one parameter, not 10,000);
 * sent as text[] and cast, which PGlite and PostgreSQL both read.
 */
const idArray = (ids: number[]) => sql`${sql.param(ids.map(String))}::text[]::bigint[]`;

/** A right valid on `asOf`: valid_from ≤ day < valid_to. */
const heldOn = (asOf: string) => sql`r.valid_from <= ${asOf} and (r.valid_to is null or r.valid_to > ${asOf})`;

const scopeCondition = (scope: HolderScope) => {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'building':
      return sql`u.building_id = ${scope.buildingId}`;
    case 'units':
      return sql`u.id = any(${idArray(scope.unitIds)})`;
  }
};

const toHolder = (row: HolderRow): HolderAddress => ({
  personId: Number(row.person_id),
  firstName: row.first_name,
  lastName: row.last_name,
  address: row.address,
  email: row.email,
  unitAddress: row.unit_address,
});

/**
 * The persons holding a right, valid on `asOf`, to a unit in `scope`: one row per person however
 * many units they hold, by last name, first name and id.
 */
export async function listHoldersOnDay(
  db: Db,
  { organizationId, asOf, scope }: { organizationId: number; asOf: string; scope: HolderScope },
): Promise<HolderAddress[]> {
  if (scope.kind === 'units' && scope.unitIds.length === 0) return [];
  const rows = await queryRows<HolderRow>(
    db,
    sql`select distinct on (p.last_name, p.first_name, p.id) p.id as person_id, p.first_name, p.last_name, p.address, p.email,
          b.street || ' ' || b.number || '/' || u.number || E'\n' || b.postcode || ' ' || b.city as unit_address
        from rights r
        join units u on u.id = r.unit_id and u.organization_id = ${organizationId}
        join buildings b on b.id = u.building_id
        join persons p on p.id = r.person_id
        where r.organization_id = ${organizationId} and ${heldOn(asOf)} and ${scopeCondition(scope)}
        order by p.last_name, p.first_name, p.id, r.id`,
  );
  return rows.map(toHolder);
}

/**
 * Chosen persons of the organization, whether or not they hold a right on `asOf`, with the
 * address of the first unit they hold that day (none when they hold none); unknown ids are left out.
 */
export async function listPersonsWithAddresses(
  db: Db,
  { organizationId, asOf, personIds }: { organizationId: number; asOf: string; personIds: number[] },
): Promise<HolderAddress[]> {
  if (personIds.length === 0) return [];
  const rows = await queryRows<HolderRow>(
    db,
    sql`select p.id as person_id, p.first_name, p.last_name, p.address, p.email,
          (select b.street || ' ' || b.number || '/' || u.number || E'\n' || b.postcode || ' ' || b.city
             from rights r join units u on u.id = r.unit_id join buildings b on b.id = u.building_id
            where r.organization_id = ${organizationId} and r.person_id = p.id and ${heldOn(asOf)}
            order by r.id limit 1) as unit_address
        from persons p where p.organization_id = ${organizationId} and p.id = any(${idArray(personIds)})
        order by p.last_name, p.first_name, p.id`,
  );
  return rows.map(toHolder);
}

/** A holder of one unit, for letters filled per recipient and unit (personalised letters). */
export interface HolderOfUnit {
  personId: number;
  unitId: number;
  buildingId: number;
  firstName: string;
  lastName: string;
  /** The person's own correspondence address, if any. */
  address: string | null;
  email: string | null;
  /** `street building/unit`. */
  unitLabel: string;
  /** `street building/unit⏎postcode city`. */
  unitAddress: string;
}

/**
 * The (person, unit) pairs of rights valid on `asOf` in `scope`: one row per unit a person holds
 * (a personalised letter carries one unit's figures), by last name, first name, person and unit.
 */
export async function listHolderUnitsOnDay(
  db: Db,
  { organizationId, asOf, scope }: { organizationId: number; asOf: string; scope: HolderScope },
): Promise<{ personId: number; unitId: number }[]> {
  if (scope.kind === 'units' && scope.unitIds.length === 0) return [];
  const rows = await queryRows<{ person_id: string; unit_id: string }>(
    db,
    sql`select distinct on (p.last_name, p.first_name, p.id, u.id) p.id::text as person_id, u.id::text as unit_id
        from rights r
        join units u on u.id = r.unit_id and u.organization_id = ${organizationId}
        join persons p on p.id = r.person_id
        where r.organization_id = ${organizationId} and ${heldOn(asOf)} and ${scopeCondition(scope)}
        order by p.last_name, p.first_name, p.id, u.id`,
  );
  return rows.map((r) => ({ personId: Number(r.person_id), unitId: Number(r.unit_id) }));
}

/**
 * Names, addresses and e-mails of chosen (person, unit) pairs of the organization, whether or
 * not the person holds the unit today (a reminder may go to a former holder); a pair naming
 * another organization's person or unit is left out. In the order given.
 */
export async function describeHoldersOfUnits(
  db: Db,
  { organizationId, pairs }: { organizationId: number; pairs: readonly { personId: number; unitId: number }[] },
): Promise<HolderOfUnit[]> {
  if (pairs.length === 0) return [];
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select x.ord::text, p.id::text as person_id, u.id::text as unit_id, u.building_id::text, p.first_name,
               p.last_name, p.address, p.email, b.street || ' ' || b.number || '/' || u.number as unit_label,
               b.street || ' ' || b.number || '/' || u.number || E'\n' || b.postcode || ' ' || b.city as unit_address
        from unnest(${idArray(pairs.map((p) => p.personId))}, ${idArray(pairs.map((p) => p.unitId))})
               with ordinality as x(person_id, unit_id, ord)
        join persons p on p.id = x.person_id and p.organization_id = ${organizationId}
        join units u on u.id = x.unit_id and u.organization_id = ${organizationId}
        join buildings b on b.id = u.building_id
        order by x.ord`,
  );
  return rows.map((r) => ({
    personId: Number(r.person_id),
    unitId: Number(r.unit_id),
    buildingId: Number(r.building_id),
    firstName: String(r.first_name),
    lastName: String(r.last_name),
    address: r.address ?? null,
    email: r.email ?? null,
    unitLabel: String(r.unit_label),
    unitAddress: String(r.unit_address),
  }));
}
