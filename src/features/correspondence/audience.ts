import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { listDebtors } from '../ledger/queries.ts';
import type { Audience } from './schema.ts';

/** One person a letter goes to, with the postal address for the envelope. */
export interface Recipient {
  personId: number;
  name: string;
  /** Lines of the postal address: the person's correspondence address, else their first unit's. */
  postalAddress: string;
  email: string | null;
}

type RegisterAudience = Exclude<Audience, { kind: 'debtors' }>;

/**
 * Ids as one array parameter (a mailing may choose 10,000 persons: one parameter, not 10,000);
 * sent as text[] and cast, which PGlite and PostgreSQL both read.
 */
const idArray = (ids: number[]) => sql`${sql.param(ids.map(String))}::text[]::bigint[]`;

/**
 * How each audience kind that the register answers finds its persons on a day. Debtors come from
 * the ledger first (its `listDebtors`) and are then the holders of those units.
 */
const holdersWhere: {
  [K in RegisterAudience['kind']]: (audience: Extract<Audience, { kind: K }>) => ReturnType<typeof sql>;
} = {
  all: () => sql`true`,
  building: (a) => sql`u.building_id = ${a.buildingId}`,
  units: (a) => sql`u.id = any(${idArray(a.unitIds)})`,
  persons: (a) => sql`p.id = any(${idArray(a.personIds)})`,
};

/**
 * The persons an audience reaches on `asOf`: holders of a right valid that day (valid_from ≤ day <
 * valid_to); for chosen persons, those persons whether or not they hold a right now; for debtors,
 * the holders on the audience's own day of the units in debt above the threshold that day. One
 * row per person, however many units they hold.
 */
export async function resolveAudience(
  db: Db,
  { organizationId, audience, asOf }: { organizationId: number; audience: Audience; asOf: string },
): Promise<Recipient[]> {
  if (audience.kind === 'debtors') {
    const debtors = await listDebtors(db, { organizationId, asOf: audience.asOf, threshold: audience.threshold });
    return resolveAudience(db, {
      organizationId,
      audience: { kind: 'units', unitIds: debtors.map((d) => d.unitId) },
      asOf: audience.asOf,
    });
  }
  if (
    (audience.kind === 'units' && audience.unitIds.length === 0) ||
    (audience.kind === 'persons' && audience.personIds.length === 0)
  )
    return [];
  const condition = (holdersWhere[audience.kind] as (a: RegisterAudience) => ReturnType<typeof sql>)(audience);
  const holding = sql`r.valid_from <= ${asOf} and (r.valid_to is null or r.valid_to > ${asOf})`;
  const rows = await queryRows<{
    person_id: string | number;
    first_name: string;
    last_name: string;
    address: string | null;
    email: string | null;
    unit_address: string | null;
  }>(
    db,
    audience.kind === 'persons'
      ? sql`select p.id as person_id, p.first_name, p.last_name, p.address, p.email,
              (select b.street || ' ' || b.number || '/' || u.number || E'\n' || b.postcode || ' ' || b.city
                 from rights r join units u on u.id = r.unit_id join buildings b on b.id = u.building_id
                where r.organization_id = ${organizationId} and r.person_id = p.id and ${holding}
                order by r.id limit 1) as unit_address
            from persons p where p.organization_id = ${organizationId} and ${condition}
            order by p.last_name, p.first_name, p.id`
      : sql`select distinct on (p.last_name, p.first_name, p.id) p.id as person_id, p.first_name, p.last_name, p.address, p.email,
              b.street || ' ' || b.number || '/' || u.number || E'\n' || b.postcode || ' ' || b.city as unit_address
            from rights r
            join units u on u.id = r.unit_id and u.organization_id = ${organizationId}
            join buildings b on b.id = u.building_id
            join persons p on p.id = r.person_id
            where r.organization_id = ${organizationId} and ${holding} and ${condition}
            order by p.last_name, p.first_name, p.id, r.id`,
  );
  return rows.map((row) => ({
    personId: Number(row.person_id),
    name: `${row.first_name} ${row.last_name}`,
    postalAddress: row.address?.trim() || row.unit_address || '(brak adresu w rejestrze)',
    email: row.email,
  }));
}
