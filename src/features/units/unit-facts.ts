/**
 * What the register tells other features about units (the ledger's accounts, charge runs,
 * imports and debtors list): the address label, the external key, the area and the persons
 * count on a day. Functions read in one statement each; `unitAddresses` is an SQL fragment to
 * join where one statement also reads the asking feature's own tables.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { unitAddress } from '../../lib/address.ts';

/** A unit as staff pages name it. */
export interface UnitLabel {
  unitId: number;
  externalKey: string | null;
  /** `street building/unit`. */
  label: string;
  city: string;
}

/** `street building/unit`, the way every page names a unit. */
export function unitLabel(address: { street: string; buildingNumber: string; number: string }): string {
  return unitAddress(address);
}

/** A unit with its address, or undefined for another organization's unit. */
export async function findUnitLabel(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<UnitLabel | undefined> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select u.id::text, u.number, u.external_key, b.street, b.number as building_number, b.city
        from units u join buildings b on b.id = u.building_id
        where u.organization_id = ${organizationId} and u.id = ${unitId}`,
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    unitId: Number(r.id),
    externalKey: r.external_key ?? null,
    label: unitLabel({ street: String(r.street), buildingNumber: String(r.building_number), number: String(r.number) }),
    city: String(r.city),
  };
}

/** Every unit of the organization with its label and external key (matching bank payments to units). */
export async function listUnitLabels(db: Db, { organizationId }: { organizationId: number }): Promise<UnitLabel[]> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select u.id::text, u.number, u.external_key, b.street, b.number as building_number, b.city
        from units u join buildings b on b.id = u.building_id
        where u.organization_id = ${organizationId} order by u.id`,
  );
  return rows.map((r) => ({
    unitId: Number(r.id),
    externalKey: r.external_key ?? null,
    label: unitLabel({ street: String(r.street), buildingNumber: String(r.building_number), number: String(r.number) }),
    city: String(r.city),
  }));
}

/**
 * SQL fragment: units with their addresses, as a subquery to join on `unit_id`; columns
 * `unit_id`, `street`, `building_number`, `number`, `city`, `external_key` (read them with
 * `unitLabel`). It adds no filter of its own, so the planner joins it by primary key: join it
 * only to unit ids already limited to one organization (e.g. the ledger's balances of an
 * organization).
 */
export function unitAddresses(): SQL {
  return sql`(select u.id as unit_id, b.street, b.number as building_number, u.number, b.city, u.external_key
      from units u join buildings b on b.id = u.building_id)`;
}

/** What a unit's monthly fees are computed from. */
interface UnitBasis {
  unitId: number;
  buildingId: number;
  externalKey: string | null;
  number: string;
  areaHundredths: number;
  personsCount: number;
}

/**
 * Every unit of the organization (or the one `unitId`) with its area and the persons count in
 * effect on `day`, in one statement: a charge run over thousands of units reads them at once.
 */
export async function listUnitBases(
  db: Db,
  { organizationId, day, unitId }: { organizationId: number; day: string; unitId?: number | undefined },
): Promise<UnitBasis[]> {
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select u.id::text, u.building_id::text, u.external_key, u.number,
               (u.usable_area * 100)::bigint::text as area,
               coalesce((select o.persons_count from occupancy o
                         where o.unit_id = u.id and o.effective_from <= ${day}::date
                         order by o.effective_from desc, o.id desc limit 1), 0)::text as persons
        from units u where u.organization_id = ${organizationId}
        ${unitId === undefined ? sql`` : sql`and u.id = ${unitId}`}
        order by u.id`,
  );
  return rows.map((r) => ({
    unitId: Number(r.id),
    buildingId: Number(r.building_id),
    externalKey: r.external_key ?? null,
    number: String(r.number),
    areaHundredths: Number(r.area),
    personsCount: Number(r.persons),
  }));
}

/** The persons-count history of some units, oldest first: what each count was from which day. */
export async function listOccupancyHistory(
  db: Db,
  { organizationId, unitIds }: { organizationId: number; unitIds: number[] },
): Promise<{ unitId: number; effectiveFrom: string; personsCount: number }[]> {
  const rows = await queryRows<{ unit_id: string; effective_from: string; persons_count: number }>(
    db,
    sql`select unit_id::text, effective_from::text, persons_count from occupancy
        where organization_id = ${organizationId} and unit_id = any(${sql.param(unitIds)}::bigint[])
        order by effective_from, id`,
  );
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    effectiveFrom: r.effective_from,
    personsCount: r.persons_count,
  }));
}

/** Unit external key → id, for imports. */
export async function unitIdsByExternalKey(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: string; external_key: string }>(
    db,
    sql`select id::text, external_key from units where organization_id = ${organizationId} and external_key is not null`,
  );
  return new Map(rows.map((r) => [r.external_key, Number(r.id)]));
}

/**
 * SQL fragment: the organization's buildings as a JSON array of `{ id, label }` in address order,
 * for pages that list them as choices in the same statement as their own reads.
 */
export function buildingChoicesJson(organizationId: number): SQL {
  return sql`(select json_agg(json_build_object('id', id, 'label', street || ' ' || number) order by search_address, id)
      from buildings where organization_id = ${organizationId})`;
}
