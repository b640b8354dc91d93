/**
 * What an organization's register already holds, loaded in a few statements and indexed by the
 * accounting system's external keys, for comparing with records (plan.ts).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import type { RightKind, UnitKind } from '../labels.ts';
import type { BuildingRecord, PersonRecord, UnitRecord } from '../register-data.ts';
import { numericToArea } from '../rules/parse.ts';

export interface Existing<T> {
  id: number;
  values: T;
}

export type BuildingValues = Omit<BuildingRecord, 'key' | 'row'>;
export type UnitValues = Omit<UnitRecord, 'key' | 'row' | 'buildingKey'> & { buildingId: number };
export type PersonValues = Omit<PersonRecord, 'key' | 'row'>;

export interface ExistingRight {
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

export async function loadRegisterState(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<RegisterState> {
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
