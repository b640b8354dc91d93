/**
 * Who held which unit when, as the register answers other features (the ledger's member windows
 * and staff pages, its debtors list): functions that read in one statement each, and an SQL
 * fragment to embed where one statement also reads the asking feature's own tables. Periods are
 * `valid_from ≤ day < valid_to` (valid_to exclusive, null while the right lasts); days are text.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { unitLabel } from './unit-facts.ts';

/** One right of a person to a unit: its first day and its exclusive end (null while it lasts). */
interface HeldPeriod {
  from: string;
  to: string | null;
}

export interface HolderPeriod {
  personId: number;
  firstName: string;
  lastName: string;
  validFrom: string;
  validTo: string | null;
}

/** Holders of a unit and their periods, oldest first (staff view). */
export async function listHolderPeriods(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<HolderPeriod[]> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select p.id::text as person_id, p.first_name, p.last_name, r.valid_from::text, r.valid_to::text
        from rights r join persons p on p.id = r.person_id
        where r.organization_id = ${organizationId} and r.unit_id = ${unitId}
        order by r.valid_from, p.last_name`,
  );
  return rows.map((r) => ({
    personId: Number(r.person_id),
    firstName: String(r.first_name),
    lastName: String(r.last_name),
    validFrom: String(r.valid_from),
    validTo: r.valid_to ?? null,
  }));
}

/** The person's own rights to one unit of the organization that began by `today` (any order). */
export async function listPersonRightPeriods(
  db: Db,
  {
    organizationId,
    personId,
    unitId,
    today,
  }: { organizationId: number; personId: number; unitId: number; today: string },
): Promise<HeldPeriod[]> {
  return queryRows<HeldPeriod>(
    db,
    sql`select r.valid_from::text as "from", r.valid_to::text as "to"
        from rights r join units u on u.id = r.unit_id and u.organization_id = ${organizationId}
        where r.organization_id = ${organizationId} and r.person_id = ${personId} and r.unit_id = ${unitId}
          and r.valid_from <= ${today}::date`,
  );
}

interface PersonUnitRight extends HeldPeriod {
  unitId: number;
  /** `street building/unit`, as the ledger and e-BOK show a unit. */
  label: string;
  city: string;
}

/**
 * Every right of the person that began by `today`, one row per right with the unit's address:
 * in address order, then the unit's number, then the right's first day.
 */
export async function listPersonUnitRights(
  db: Db,
  { organizationId, personId, today }: { organizationId: number; personId: number; today: string },
): Promise<PersonUnitRight[]> {
  const rows = await queryRows<{
    unit_id: string;
    number: string;
    street: string;
    building_number: string;
    city: string;
    from: string;
    to: string | null;
  }>(
    db,
    sql`select u.id::text as unit_id, u.number, b.street, b.number as building_number, b.city,
               r.valid_from::text as "from", r.valid_to::text as "to"
        from rights r join units u on u.id = r.unit_id and u.organization_id = ${organizationId}
        join buildings b on b.id = u.building_id
        where r.organization_id = ${organizationId} and r.person_id = ${personId} and r.valid_from <= ${today}::date
        order by b.search_address, u.number, r.valid_from`,
  );
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    label: unitLabel({ street: r.street, buildingNumber: r.building_number, number: r.number }),
    city: r.city,
    from: r.from,
    to: r.to,
  }));
}

/**
 * SQL fragment: the names of the unit's holders on `asOf` (`Nowak Anna, Nowak Jan`, by last
 * name), or null when no one holds it; a scalar subquery for the select list of a statement that
 * has the unit's id in `unitId` (e.g. sql`bal.unit_id`).
 */
export function holderNamesOn(unitId: SQL, asOf: string): SQL {
  return sql`(select string_agg(p.last_name || ' ' || p.first_name, ', ' order by p.last_name)
      from rights r join persons p on p.id = r.person_id
      where r.unit_id = ${unitId} and r.valid_from <= ${asOf}::date
        and (r.valid_to is null or r.valid_to > ${asOf}::date))`;
}

/** Holders of some units whose rights touch [from, to], for settlements of a building (one statement). */
export async function listHolderPeriodsOfUnits(
  db: Db,
  { organizationId, unitIds, from, to }: { organizationId: number; unitIds: number[]; from: string; to: string },
): Promise<(HolderPeriod & { unitId: number })[]> {
  if (unitIds.length === 0) return [];
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select r.unit_id::text, p.id::text as person_id, p.first_name, p.last_name, r.valid_from::text, r.valid_to::text
        from rights r join persons p on p.id = r.person_id
        where r.organization_id = ${organizationId} and r.unit_id = any(${sql.param(unitIds.map(String))}::text[]::bigint[])
          and r.valid_from <= ${to}::date and (r.valid_to is null or r.valid_to > ${from}::date)
        order by r.unit_id, r.valid_from, p.last_name`,
  );
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    personId: Number(r.person_id),
    firstName: String(r.first_name),
    lastName: String(r.last_name),
    validFrom: String(r.valid_from),
    validTo: r.valid_to ?? null,
  }));
}

/**
 * SQL fragment: a relation `(unit_id, since)` of the organization's units held on `asOf`, `since`
 * the first day of the latest right among those held (when the current holders' period began,
 * for the ledger's per-holder debts); a unit no one holds has no row. One pass over the rights,
 * to join to a statement over many units.
 */
export function currentHoldersSince(organizationId: number, asOf: string): SQL {
  return sql`(select r.unit_id, max(r.valid_from) as since from rights r
      where r.organization_id = ${organizationId} and r.valid_from <= ${asOf}::date
        and (r.valid_to is null or r.valid_to > ${asOf}::date)
      group by r.unit_id)`;
}
