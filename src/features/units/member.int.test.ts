import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database, Db } from '../../db/client.ts';
import { getUnitForPerson, listCoHolders, listUnitsOfPerson, personHoldsCurrentRight } from './member.ts';
import { recordOccupancyChange } from './occupancy.ts';
import { recordHolderChange } from './rights.ts';

describe('the register: what a member sees (authorization in the query)', () => {
  let database: Database;
  let db: Db;
  let org: number;
  let otherOrg: number;
  const ids = {} as Record<'a' | 'b' | 'c' | 'buyer' | 'seller' | 'stranger', number>;
  const units = {} as Record<'flatA' | 'garageA' | 'flatB' | 'sold' | 'foreign', number>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    org = (await makeOrganization(db)).id;
    otherOrg = (await makeOrganization(db)).id;
    const building = await makeBuilding(db, org, {
      street: 'ul. Ignacego Paderewskiego',
      number: '65',
      postcode: '40-282',
    });
    for (const key of ['a', 'b', 'c', 'buyer', 'seller'] as const) {
      ids[key] = (await makePerson(db, org, { firstName: key.toUpperCase(), lastName: `Osoba-${key}` })).id;
    }
    ids.stranger = (await makePerson(db, otherOrg)).id;
    units.flatA = (await makeUnit(db, org, { buildingId: building.id, number: '12', area: '54,30' })).id;
    units.garageA = (
      await makeUnit(db, org, { buildingId: building.id, number: 'G2', kind: 'garaż', area: '15,00' })
    ).id;
    units.flatB = (await makeUnit(db, org, { buildingId: building.id, number: '13' })).id;
    units.sold = (await makeUnit(db, org, { buildingId: building.id, number: '14' })).id;
    units.foreign = (await makeUnit(db, otherOrg)).id;
    // A and C co-own flat 12; A holds garage G2; B holds flat 13.
    await makeRight(db, org, { unitId: units.flatA, personId: ids.a, share: '1/2' });
    await makeRight(db, org, { unitId: units.flatA, personId: ids.c, share: '1/2' });
    await makeRight(db, org, { unitId: units.garageA, personId: ids.a, kind: 'najem', validFrom: '2018-03-01' });
    await makeRight(db, org, { unitId: units.flatB, personId: ids.b, kind: 'lokatorskie' });
    await makeRight(db, org, { unitId: units.sold, personId: ids.seller });
    await makeRight(db, otherOrg, { unitId: units.foreign, personId: ids.stranger });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId: units.sold, date: '2020-06-15', newHolders: [{ personId: ids.buyer, kind: 'własnościowe' }] },
    });
    const record = (unitId: number, effectiveFrom: string, personsCount: number) =>
      recordOccupancyChange(db, {
        actor: testActorIn(org),
        input: { unitId, effectiveFrom, personsCount },
      });
    await record(units.sold, '2013-01-01', 4);
    await record(units.sold, '2020-06-15', 2);
    await record(units.sold, '2023-01-01', 3);
    await record(units.flatA, '2013-01-01', 2);
  });
  afterAll(async () => {
    await database.close();
  });

  const page = (personId: number, unitId: number, asOf = '2026-01-15', organizationId = org) =>
    getUnitForPerson(db, { organizationId, personId, unitId, asOf });

  it('lists the units a member holds today, with address, kind and share', async () => {
    const list = await listUnitsOfPerson(db, { organizationId: org, personId: ids.a, asOf: '2026-01-15' });
    expect(list).toMatchObject([
      {
        unitId: units.flatA,
        number: '12',
        kind: 'mieszkalny',
        areaHundredths: 5430,
        street: 'ul. Ignacego Paderewskiego',
        share: { numerator: 1, denominator: 2 },
        rightKind: 'wlasnosciowe',
      },
      {
        unitId: units.garageA,
        number: 'G2',
        kind: 'garaz',
        share: { numerator: 1, denominator: 1 },
        rightKind: 'najem',
      },
    ]);
    // Before the garage's lease began, only the flat.
    const earlier = await listUnitsOfPerson(db, { organizationId: org, personId: ids.a, asOf: '2018-02-28' });
    expect(earlier.map((u) => u.number)).toEqual(['12']);
  });

  it('shows a unit page with the persons count and co-holders', async () => {
    const flat = await page(ids.a, units.flatA);
    expect(flat).toMatchObject({ number: '12', personsCount: 2, coHolders: [{ firstName: 'C', lastName: 'Osoba-c' }] });
    expect(
      await listCoHolders(db, { organizationId: org, personId: ids.c, unitId: units.flatA, asOf: '2026-01-15' }),
    ).toEqual([{ firstName: 'A', lastName: 'Osoba-a' }]);
  });

  it('answers undefined for a unit of another member, an ended right and another organization', async () => {
    expect(await page(ids.a, units.flatB)).toBeUndefined();
    expect(await page(ids.b, units.flatA)).toBeUndefined();
    expect(await page(ids.seller, units.sold)).toBeUndefined();
    expect(await page(ids.seller, units.sold, '2020-06-14')).toBeDefined();
    expect(await page(ids.buyer, units.sold, '2020-06-14')).toBeUndefined();
    expect(await page(ids.a, units.foreign)).toBeUndefined();
    expect(await page(ids.stranger, units.foreign)).toBeUndefined();
    expect(await page(ids.stranger, units.foreign, '2026-01-15', otherOrg)).toBeDefined();
    expect(await page(ids.a, units.flatA, '2026-01-15', otherOrg)).toBeUndefined();
    // Co-holder names are not given to someone who does not hold the unit.
    expect(
      await listCoHolders(db, { organizationId: org, personId: ids.b, unitId: units.flatA, asOf: '2026-01-15' }),
    ).toEqual([]);
    expect(await listUnitsOfPerson(db, { organizationId: otherOrg, personId: ids.a, asOf: '2026-01-15' })).toEqual([]);
  });

  it('shows the buyer the persons-count history from their own purchase on', async () => {
    const sold = await page(ids.buyer, units.sold);
    expect(sold?.heldSince).toBe('2020-06-15');
    expect(sold?.coHolders).toEqual([]);
    expect(sold?.personsCount).toBe(3);
    expect(sold?.occupancyHistory).toEqual([
      { effectiveFrom: '2020-06-15', personsCount: 2 },
      { effectiveFrom: '2023-01-01', personsCount: 3 },
    ]);
  });

  it('tells whether a person holds a current right (activation)', async () => {
    const holds = (personId: number, asOf = '2026-01-15', organizationId = org) =>
      personHoldsCurrentRight(db, { organizationId, personId, asOf });
    expect(await holds(ids.a)).toBe(true);
    expect(await holds(ids.buyer)).toBe(true);
    expect(await holds(ids.seller)).toBe(false);
    expect(await holds(ids.seller, '2019-01-01')).toBe(true);
    expect(await holds(ids.stranger)).toBe(false);
    expect(await holds(ids.stranger, '2026-01-15', otherOrg)).toBe(true);
  });
});
