/**
 * Staff search of units (address, unit number, external key) and persons (name, e-mail, last
 * digits of PESEL, external key), paginated and sortable. Every search is a prefix search on a
 * folded key with a text_pattern_ops index (see schema.ts).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { UnitKind } from './labels.ts';
import { foldText, numericToArea } from './rules/parse.ts';
import { maskPesel } from './rules/pesel.ts';
import { addressQueryKey } from './search-keys.ts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export type SortDirection = 'asc' | 'desc';

const MAX_PAGE_SIZE = 200;

function paging(page = 1, pageSize = 25) {
  const size = Math.min(Math.max(1, Math.trunc(pageSize)), MAX_PAGE_SIZE);
  const current = Math.max(1, Math.trunc(page));
  return { page: current, pageSize: size, offset: (current - 1) * size };
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const direction = (dir: SortDirection | undefined) => (dir === 'desc' ? sql.raw('desc') : sql.raw('asc'));

/**
 * Units (`u`, with their building `b`) at an address: `Paderewskiego 65/12`, `Paderewskiego 65`
 * or the start of a street's name. `Paderewskiego 65` also finds `Ignacego Paderewskiego 65`
 * (a street's last words).
 */
function unitAddressCondition(text: string): SQL {
  const address = /^(.*?\D)\s*(\d+[a-z]?)(?:\s*[/m]\s*(\S+))?$/i.exec(text);
  if (address?.[1] && address[2]) {
    const key = `${addressQueryKey(address[1])} ${address[2].toLowerCase()}`;
    const building = sql`(b.search_address = ${key} or b.search_address like ${`% ${likePrefix(key).slice(0, -1)}`})`;
    return address[3] ? sql`${building} and lower(u.number) = ${address[3].toLowerCase()}` : building;
  }
  const prefix = likePrefix(addressQueryKey(text));
  return sql`(b.search_address like ${prefix} or b.search_address like ${`% ${prefix}`})`;
}

export interface UnitListItem {
  id: number;
  number: string;
  kind: UnitKind;
  areaHundredths: number;
  externalKey: string | null;
  buildingId: number;
  street: string;
  buildingNumber: string;
  city: string;
  /** Names of the current holders, `Nowak Anna, Nowak Jan`. */
  holders: string;
}

export type UnitSort = 'address' | 'area' | 'kind' | 'externalKey';

/**
 * `Paderewskiego 65/12` (street, building, unit), `Paderewskiego 65`, `Paderewsk`, `12` or an
 * external key; empty lists everything.
 */
export async function searchUnits(
  db: Db,
  {
    organizationId,
    query = '',
    kind,
    buildingId,
    asOf,
    page,
    pageSize,
    sort = 'address',
    dir,
  }: {
    organizationId: number;
    query?: string;
    kind?: UnitKind;
    buildingId?: number;
    /** Day whose holders are listed (today by default). */
    asOf: string;
    page?: number;
    pageSize?: number;
    sort?: UnitSort;
    dir?: SortDirection;
  },
): Promise<Page<UnitListItem>> {
  const p = paging(page, pageSize);
  const conditions: SQL[] = [sql`u.organization_id = ${organizationId}`];
  if (kind) conditions.push(sql`u.kind = ${kind}`);
  if (buildingId) conditions.push(sql`u.building_id = ${buildingId}`);
  const text = query.trim();
  if (text) {
    if (/^\S+$/.test(text) && /\d/.test(text)) {
      // A unit number or an accounting key.
      conditions.push(sql`(lower(u.number) = ${text.toLowerCase()} or u.external_key = ${text})`);
    } else {
      conditions.push(unitAddressCondition(text));
    }
  }
  const where = sql.join(conditions, sql` and `);
  const order = {
    address: sql`b.search_address ${direction(dir)}, nullif(substring(u.number from '^[0-9]+'), '')::int ${direction(dir)} nulls last, u.number ${direction(dir)}`,
    area: sql`u.usable_area ${direction(dir)}, b.search_address, u.number`,
    kind: sql`u.kind ${direction(dir)}, b.search_address, u.number`,
    externalKey: sql`u.external_key ${direction(dir)} nulls last`,
  }[sort];
  const [rows, counts] = await readTogether(db, [
    () =>
      queryRows<{
        id: string | number;
        number: string;
        kind: UnitKind;
        usable_area: string;
        external_key: string | null;
        building_id: string | number;
        street: string;
        building_number: string;
        city: string;
        holders: string | null;
      }>(
        db,
        sql`select u.id, u.number, u.kind, u.usable_area, u.external_key, u.building_id,
                 b.street, b.number as building_number, b.city,
                 (select string_agg(p.last_name || ' ' || p.first_name, ', ' order by p.search_name)
                    from rights r join persons p on p.id = r.person_id
                   where r.unit_id = u.id and r.valid_from <= ${asOf}
                     and (r.valid_to is null or r.valid_to > ${asOf})) as holders
            from units u join buildings b on b.id = u.building_id
           where ${where}
           order by ${order}, u.id
           limit ${p.pageSize} offset ${p.offset}`,
      ),
    () =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from units u join buildings b on b.id = u.building_id where ${where}`,
      ),
  ]);
  const total = counts[0]?.n ?? 0;
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      number: row.number,
      kind: row.kind,
      areaHundredths: numericToArea(row.usable_area),
      externalKey: row.external_key,
      buildingId: Number(row.building_id),
      street: row.street,
      buildingNumber: row.building_number,
      city: row.city,
      holders: row.holders ?? '',
    })),
    total,
    ...p,
    pages: Math.max(1, Math.ceil(total / p.pageSize)),
  };
}

export interface PersonListItem {
  id: number;
  firstName: string;
  lastName: string;
  /** `*******1234`: lists never show a whole PESEL. */
  peselMasked: string;
  email: string | null;
  phone: string | null;
  externalKey: string | null;
  /** Units the person holds a right to on the day. */
  currentUnits: number;
}

export type PersonSort = 'name' | 'email' | 'externalKey';

/** By name (`Nowak`, `Nowak Anna`, `Anna Nowak`), e-mail (with `@`), PESEL's last digits or key. */
export async function searchPersons(
  db: Db,
  {
    organizationId,
    query = '',
    asOf,
    page,
    pageSize,
    sort = 'name',
    dir,
  }: {
    organizationId: number;
    query?: string;
    asOf: string;
    page?: number;
    pageSize?: number;
    sort?: PersonSort;
    dir?: SortDirection;
  },
): Promise<Page<PersonListItem>> {
  const p = paging(page, pageSize);
  const conditions: SQL[] = [sql`p.organization_id = ${organizationId}`];
  const text = query.trim();
  if (text) {
    if (/^\d{3,11}$/.test(text)) {
      const reversed = [...text].reverse().join('');
      conditions.push(sql`(reverse(p.pesel) like ${likePrefix(reversed)} or p.external_key = ${text})`);
    } else if (text.includes('@')) {
      conditions.push(sql`lower(p.email) like ${likePrefix(text.toLowerCase())}`);
    } else {
      const key = likePrefix(foldText(text));
      conditions.push(
        sql`(p.search_name like ${key} or p.search_name_reversed like ${key} or p.external_key = ${text})`,
      );
    }
  }
  const where = sql.join(conditions, sql` and `);
  const order = {
    name: sql`p.search_name ${direction(dir)}`,
    email: sql`lower(p.email) ${direction(dir)} nulls last, p.search_name`,
    externalKey: sql`p.external_key ${direction(dir)} nulls last`,
  }[sort];
  const [items, counts] = await readTogether(db, [
    () => selectPersons(db, { where, order, asOf, limit: p.pageSize, offset: p.offset }),
    () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from persons p where ${where}`),
  ]);
  const total = counts[0]?.n ?? 0;
  return { items, total, ...p, pages: Math.max(1, Math.ceil(total / p.pageSize)) };
}

/** A right (`r`) in force on the day. */
const rightInForce = (asOf: string) => sql`r.valid_from <= ${asOf} and (r.valid_to is null or r.valid_to > ${asOf})`;

async function selectPersons(
  db: Db,
  { where, order, asOf, limit, offset = 0 }: { where: SQL; order: SQL; asOf: string; limit: number; offset?: number },
): Promise<PersonListItem[]> {
  const rows = await queryRows<{
    id: string | number;
    first_name: string;
    last_name: string;
    pesel: string | null;
    email: string | null;
    phone: string | null;
    external_key: string | null;
    current_units: number;
  }>(
    db,
    sql`select p.id, p.first_name, p.last_name, p.pesel, p.email, p.phone, p.external_key,
               (select count(distinct r.unit_id)::int from rights r
                 where r.person_id = p.id and ${rightInForce(asOf)}) as current_units
          from persons p
         where ${where}
         order by ${order}, p.id
         limit ${limit} offset ${offset}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    firstName: row.first_name,
    lastName: row.last_name,
    peselMasked: maskPesel(row.pesel),
    email: row.email,
    phone: row.phone,
    externalKey: row.external_key,
    currentUnits: row.current_units,
  }));
}

/**
 * Persons holding a right to a unit on `asOf` (those an e-BOK account may be opened for), found
 * by the last digits of PESEL (`1359`, or all 11), by the address of a unit they hold
 * (`Paderewskiego 65/12`, `Paderewskiego 65`), or by name or street (`Nowak`, `Paderewsk`).
 */
export async function searchCurrentHolders(
  db: Db,
  { organizationId, query, asOf, limit = 20 }: { organizationId: number; query: string; asOf: string; limit?: number },
): Promise<PersonListItem[]> {
  const text = query.trim();
  if (!text) return [];
  const holdsUnit = (address?: SQL) =>
    sql`exists (select 1 from rights r join units u on u.id = r.unit_id join buildings b on b.id = u.building_id
                 where r.person_id = p.id and ${rightInForce(asOf)}${address ? sql` and ${address}` : sql``})`;
  let match: SQL;
  if (/^\d{3,11}$/.test(text)) {
    match = sql`reverse(p.pesel) like ${likePrefix([...text].reverse().join(''))}`;
  } else if (/\d/.test(text)) {
    match = holdsUnit(unitAddressCondition(text));
  } else {
    const key = likePrefix(foldText(text));
    match = sql`(p.search_name like ${key} or p.search_name_reversed like ${key} or ${holdsUnit(unitAddressCondition(text))})`;
  }
  return selectPersons(db, {
    where: sql`p.organization_id = ${organizationId} and ${match} and ${holdsUnit()}`,
    order: sql`p.search_name`,
    asOf,
    limit,
  });
}
