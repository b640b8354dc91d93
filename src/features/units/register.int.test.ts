import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database, Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { type Actor, listAudit } from '../audit/audit.ts';
import { updateBuilding } from './buildings.ts';
import { getPersonDetails, getUnitDetails } from './details.ts';
import { recordOccupancyChange } from './occupancy.ts';
import { createPerson, updatePerson } from './persons.ts';
import { listRightsOfUnit } from './queries.ts';
import { correctRight, endRight, recordHolderChange, startRight } from './rights.ts';
import { searchPersons, searchUnits } from './search.ts';
import { createUnit, updateUnit } from './units.ts';

/** The field errors a failing call threw. */
async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return Object.fromEntries(error.fields.map((f) => [f.field, f.message]));
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('the register: staff functions', () => {
  let database: Database;
  let db: Db;
  let org: number;
  const ctx = () => ({ actor: testActorIn(org) });
  /** A staff account as the actor, and the audit rows it has written so far, oldest first. */
  const auditingActor = async () => {
    const account = await makeAccount(db, org, { kind: 'staff' });
    const actor: Actor = { organizationId: org, actorAccountId: account.id };
    const entries = async () =>
      (await listAudit(db, { organizationId: org, actorAccountId: account.id, limit: 100 })).rows.reverse();
    return { actor, entries };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    org = (await makeOrganization(db)).id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates and edits a building, unit and person, auditing each change in its transaction', async () => {
    const audit = await auditingActor();
    const building = await makeBuilding(db, org, { street: 'ul. Ignacego Paderewskiego', number: '65' });
    const unit = await createUnit(db, {
      actor: audit.actor,
      input: { buildingId: building.id, number: '12', kind: 'mieszkalny', area: '54,30', floor: '3', rooms: '2' },
    });
    expect(unit.areaHundredths).toBe(5430);
    expect(unit.floor).toBe(3);
    const edited = await updateUnit(db, {
      actor: audit.actor,
      unitId: unit.id,
      input: { buildingId: building.id, number: '12', kind: 'użytkowy', area: '54.35', externalKey: 'L-0012' },
    });
    expect(edited).toMatchObject({ kind: 'uzytkowy', areaHundredths: 5435, externalKey: 'L-0012', floor: null });
    const updatedBuilding = await updateBuilding(db, {
      actor: audit.actor,
      buildingId: building.id,
      input: {
        street: 'ul. Ignacego Paderewskiego',
        number: '65',
        postcode: '40-282',
        city: 'Katowice',
        estate: 'Paderewskiego',
      },
    });
    expect(updatedBuilding.estate).toBe('Paderewskiego');
    const person = await createPerson(db, {
      actor: audit.actor,
      input: { firstName: 'Żaneta', lastName: 'Łękawska', pesel: '44051401359', email: 'Zaneta@Example.com' },
    });
    expect(person.email).toBe('zaneta@example.com');
    await updatePerson(db, {
      actor: audit.actor,
      personId: person.id,
      input: { firstName: 'Żaneta', lastName: 'Łękawska-Nowak', pesel: '44051401359' },
    });
    expect((await audit.entries()).map((e) => e.action)).toEqual([
      'unit.create',
      'unit.update',
      'building.update',
      'person.create',
      'person.update',
    ]);
    expect([...(((await audit.entries())[1]?.detail?.changed as string[] | undefined) ?? [])].sort()).toEqual([
      'areaHundredths',
      'externalKey',
      'floor',
      'kind',
      'rooms',
    ]);
    // Audit details carry field names, never personal data values.
    expect(JSON.stringify(await audit.entries())).not.toContain('44051401359');
  });

  it('refuses bad input with Polish messages at the fields and saves nothing', async () => {
    const building = await makeBuilding(db, org);
    expect(
      await fieldErrors(
        createUnit(db, {
          ...ctx(),
          input: { buildingId: building.id, number: '', kind: 'zamek', area: '0,00', rooms: '-1' },
        }),
      ),
    ).toEqual({
      number: 'to pole jest wymagane',
      kind: 'rodzaj lokalu: mieszkalny, użytkowy, garaż lub inny',
      area: 'powierzchnia musi być większa od zera',
      rooms: 'liczba całkowita od 0 do 50',
    });
    expect(
      await fieldErrors(
        createUnit(db, { ...ctx(), input: { buildingId: building.id, number: '1', kind: 'garaż', area: '12,345' } }),
      ),
    ).toEqual({ area: 'powierzchnia może mieć najwyżej 2 miejsca po przecinku' });
    expect(
      await fieldErrors(
        createPerson(db, {
          ...ctx(),
          input: { firstName: 'Jan', lastName: 'Nowak', pesel: '44051401358', email: 'x@' },
        }),
      ),
    ).toEqual({ pesel: 'PESEL ma nieprawidłową cyfrę kontrolną', email: 'nieprawidłowy adres e-mail' });
    await makePerson(db, org, { pesel: '02270803624' });
    expect(
      await fieldErrors(
        createPerson(db, { ...ctx(), input: { firstName: 'Ewa', lastName: 'Duplikat', pesel: '02270803624' } }),
      ),
    ).toEqual({ pesel: 'osoba z tym numerem PESEL jest już w rejestrze' });
    await makeUnit(db, org, { buildingId: building.id, number: '7' });
    expect(
      await fieldErrors(
        createUnit(db, { ...ctx(), input: { buildingId: building.id, number: '7', kind: 'garaż', area: '15' } }),
      ),
    ).toEqual({ number: 'lokal o tym numerze już istnieje w tym budynku' });
    const units = await searchUnits(db, { organizationId: org, buildingId: building.id, asOf: '2026-01-01' });
    expect(units.items.map((u) => u.number)).toEqual(['7']);
  });

  it('refuses a building or person of another organization', async () => {
    const other = await makeOrganization(db);
    const foreignBuilding = await makeBuilding(db, other.id);
    expect(
      await fieldErrors(
        createUnit(db, { ...ctx(), input: { buildingId: foreignBuilding.id, number: '1', kind: 'inny', area: '10' } }),
      ),
    ).toEqual({ buildingId: 'nie ma takiego budynku' });
    const unit = await makeUnit(db, org);
    const foreignPerson = await makePerson(db, other.id);
    expect(
      await fieldErrors(
        startRight(db, {
          ...ctx(),
          input: { unitId: unit.id, personId: foreignPerson.id, kind: 'najem', validFrom: '2020-01-01' },
        }),
      ),
    ).toEqual({ personId: 'nie ma takiej osoby w rejestrze' });
    await expect(
      updateUnit(db, {
        actor: testActorIn(other.id),
        unitId: unit.id,
        input: { buildingId: foreignBuilding.id, number: '1', kind: 'inny', area: '1' },
      }),
    ).rejects.toThrow(AppError);
  });

  it('keeps co-holders within a whole and one person from holding a unit twice at once', async () => {
    const unit = await makeUnit(db, org);
    const [a, b, c] = [await makePerson(db, org), await makePerson(db, org), await makePerson(db, org)];
    await makeRight(db, org, { unitId: unit.id, personId: a.id, share: '1/2', validFrom: '01.01.2013' });
    await makeRight(db, org, { unitId: unit.id, personId: b.id, share: '1/2', validFrom: '2013-01-01' });
    expect(
      await fieldErrors(
        startRight(db, {
          ...ctx(),
          input: { unitId: unit.id, personId: c.id, kind: 'wlasnosciowe', share: '1/3', validFrom: '2018-05-01' },
        }),
      ),
    ).toEqual({ share: 'suma udziałów w lokalu przekracza 1 od 01.05.2018 (razem 4/3)' });
    expect(
      await fieldErrors(
        startRight(db, {
          ...ctx(),
          input: {
            unitId: unit.id,
            personId: a.id,
            kind: 'najem',
            validFrom: '2015-01-01',
            validTo: '2016-01-01',
            share: '1/2',
          },
        }),
      ),
    ).toMatchObject({ validFrom: 'okres nakłada się na inne prawo tej osoby do tego lokalu (od 01.01.2013)' });
    expect(
      await fieldErrors(
        startRight(db, {
          ...ctx(),
          input: { unitId: unit.id, personId: c.id, kind: 'najem', validFrom: '2015-02-30' },
        }),
      ),
    ).toEqual({ validFrom: 'nie ma takiego dnia w kalendarzu: 2015-02-30' });
    expect(
      await fieldErrors(
        startRight(db, {
          ...ctx(),
          input: { unitId: unit.id, personId: c.id, kind: 'najem', validFrom: '2015/02/01' },
        }),
      ),
    ).toEqual({ validFrom: 'data w formacie DD.MM.RRRR lub RRRR-MM-DD' });
    // A past right before the co-owners' period fits.
    const past = await startRight(db, {
      ...ctx(),
      input: { unitId: unit.id, personId: c.id, kind: 'lokatorskie', validFrom: '2005-01-01', validTo: '2013-01-01' },
    });
    expect(past.validTo).toBe('2013-01-01');
  });

  it('records a sale atomically: old rights end on the day, new ones start on it', async () => {
    const audit = await auditingActor();
    const building = await makeBuilding(db, org, { street: 'ul. Sokolska', number: '33' });
    const unit = await makeUnit(db, org, { buildingId: building.id, number: '4' });
    const seller1 = await makePerson(db, org, { firstName: 'Jan', lastName: 'Sprzedający' });
    const seller2 = await makePerson(db, org, { firstName: 'Maria', lastName: 'Sprzedająca' });
    const buyer = await makePerson(db, org, { firstName: 'Piotr', lastName: 'Kupujący' });
    const partner = await makePerson(db, org, { firstName: 'Ewa', lastName: 'Kupująca' });
    await makeRight(db, org, { unitId: unit.id, personId: seller1.id, share: '1/2' });
    await makeRight(db, org, { unitId: unit.id, personId: seller2.id, share: '1/2' });

    // A buyer whose share would overfill the unit: nothing changes.
    expect(
      await fieldErrors(
        recordHolderChange(db, {
          ...ctx(),
          input: {
            unitId: unit.id,
            date: '15.06.2020',
            newHolders: [
              { personId: buyer.id, kind: 'odrębna własność', share: '1' },
              { personId: partner.id, kind: 'odrębna własność', share: '1/2' },
            ],
          },
        }),
      ),
    ).toEqual({ 'newHolders.1.share': 'suma udziałów w lokalu przekracza 1 od 15.06.2020 (razem 3/2)' });
    let details = await getUnitDetails(db, { organizationId: org, unitId: unit.id, asOf: '2021-01-01' });
    expect(details?.currentHolders.map((h) => h.lastName).sort()).toEqual(['Sprzedająca', 'Sprzedający']);

    const change = await recordHolderChange(db, {
      actor: audit.actor,
      input: {
        unitId: unit.id,
        date: '15.06.2020',
        endReason: 'sprzedaż',
        newHolders: [
          { personId: buyer.id, kind: 'odrębna własność', share: '1/2' },
          { personId: partner.id, kind: 'odrebna_wlasnosc', share: '1/2' },
        ],
      },
    });
    expect(change.ended.map((r) => [r.validTo, r.endReason])).toEqual([
      ['2020-06-15', 'sprzedaż'],
      ['2020-06-15', 'sprzedaż'],
    ]);
    expect(await audit.entries()).toMatchObject([{ action: 'right.holder_change', subjectId: String(unit.id) }]);
    details = await getUnitDetails(db, { organizationId: org, unitId: unit.id, asOf: '2021-01-01' });
    expect(details?.currentHolders.map((h) => h.lastName).sort()).toEqual(['Kupująca', 'Kupujący']);
    expect(details?.pastHolders.map((h) => h.lastName).sort()).toEqual(['Sprzedająca', 'Sprzedający']);
    const before = await getUnitDetails(db, { organizationId: org, unitId: unit.id, asOf: '2020-06-14' });
    expect(before?.currentHolders.map((h) => h.lastName).sort()).toEqual(['Sprzedająca', 'Sprzedający']);
    expect(before?.futureHolders).toHaveLength(2);

    // Ending an ended right is refused; ending the buyer's right (death) keeps the row.
    expect(
      await fieldErrors(
        endRight(db, {
          ...ctx(),
          input: { rightId: change.ended[0]?.id ?? 0, validTo: '2021-01-01', endReason: 'zgon' },
        }),
      ),
    ).toEqual({ rightId: 'to prawo zakończyło się już 15.06.2020' });
    const ended = await endRight(db, {
      ...ctx(),
      input: { rightId: change.started[0]?.id ?? 0, validTo: '2024-03-02', endReason: 'zgon' },
    });
    expect(ended.validTo).toBe('2024-03-02');
    const person = await getPersonDetails(db, { organizationId: org, personId: buyer.id, asOf: '2025-01-01' });
    expect(person?.currentRights).toHaveLength(0);
    expect(person?.pastRights.map((r) => [r.validFrom, r.validTo, r.unit.street])).toEqual([
      ['2020-06-15', '2024-03-02', 'ul. Sokolska'],
    ]);
  });

  it('ends a right on its own with a reason, and corrects one under the register rules, never deleting it', async () => {
    const audit = await auditingActor();
    const unit = await makeUnit(db, org);
    const [a, b, c] = [await makePerson(db, org), await makePerson(db, org), await makePerson(db, org)];
    const rightA = await makeRight(db, org, { unitId: unit.id, personId: a.id, share: '1/2', validFrom: '2013-01-01' });
    const rightB = await makeRight(db, org, { unitId: unit.id, personId: b.id, share: '1/2', validFrom: '2013-01-01' });
    const end = (input: { validTo: string; endReason?: string }, rightId = rightA.id) =>
      endRight(db, { actor: audit.actor, input: { rightId, endReason: '', ...input } });

    // Ending: a reason is required, and the end must come after the start.
    expect(await fieldErrors(end({ validTo: '2024-03-02' }))).toEqual({ endReason: 'to pole jest wymagane' });
    expect(await fieldErrors(end({ validTo: '2013-01-01', endReason: 'zgon' }))).toEqual({
      validTo: 'data zakończenia musi być późniejsza niż początek prawa (01.01.2013)',
    });
    expect(await fieldErrors(end({ validTo: '30.02.2024', endReason: 'zgon' }))).toEqual({
      validTo: 'nie ma takiego dnia w kalendarzu: 30.02.2024',
    });
    const ended = await end({ validTo: '02.03.2024', endReason: 'zgon' });
    expect([ended.validTo, ended.endReason]).toEqual(['2024-03-02', 'zgon']);

    const correct = (rightId: number, input: Record<string, string>) =>
      correctRight(db, {
        actor: audit.actor,
        input: { rightId, kind: 'wlasnosciowe', share: '1/2', validFrom: '2013-01-01', ...input },
      });
    // A share that overfills the unit while the other right still held, a wrong kind, nothing changed.
    expect(await fieldErrors(correct(rightB.id, { share: '2/3' }))).toEqual({
      share: 'suma udziałów w lokalu przekracza 1 od 01.01.2013 (razem 7/6)',
    });
    expect(await fieldErrors(correct(rightB.id, { kind: 'dzierżawa' }))).toEqual({
      kind: 'tytuł prawny: lokatorskie, własnościowe, odrębna własność, najem lub inne',
    });
    expect(await fieldErrors(correct(rightB.id, {}))).toEqual({
      '': 'Nic nie zmieniono: popraw co najmniej jedno pole.',
    });
    expect(await fieldErrors(correct(rightB.id, { validTo: '2012-12-31' }))).toEqual({
      validTo: 'data końca musi być późniejsza niż data początku',
    });
    // After the death, the survivor's share is the whole: corrected kind, share and start.
    const corrected = await correct(rightB.id, { kind: 'odrębna własność', share: '1', validFrom: '2024-03-02' });
    expect(corrected).toMatchObject({
      kind: 'odrebna_wlasnosc',
      shareNumerator: 1,
      shareDenominator: 1,
      validFrom: '2024-03-02',
    });
    // Reopening the ended right would overfill the unit from the survivor's start.
    expect(await fieldErrors(correct(rightA.id, { validTo: '', endReason: '' }))).toEqual({
      validTo: 'suma udziałów w lokalu przekracza 1 od 02.03.2024 (razem 3/2)',
    });
    // One person's two rights to the unit may not overlap.
    await makeRight(db, org, {
      unitId: unit.id,
      personId: c.id,
      kind: 'najem',
      validFrom: '2005-01-01',
      validTo: '2010-01-01',
    });
    const later = await makeRight(db, org, {
      unitId: unit.id,
      personId: c.id,
      kind: 'najem',
      validFrom: '2011-01-01',
      validTo: '2012-12-31',
    });
    expect(
      await fieldErrors(
        correct(later.id, { kind: 'najem', share: '1', validFrom: '2009-06-01', validTo: '2012-12-31' }),
      ),
    ).toEqual({ validFrom: 'okres nakłada się na inne prawo tej osoby do tego lokalu (od 01.01.2005 do 01.01.2010)' });

    const other = await makeOrganization(db);
    await expect(
      correctRight(db, {
        actor: testActorIn(other.id),
        input: { rightId: rightB.id, kind: 'najem', validFrom: '2024-03-02' },
      }),
    ).rejects.toThrow(AppError);
    await expect(
      endRight(db, {
        actor: testActorIn(other.id),
        input: { rightId: rightB.id, validTo: '2026-01-01', endReason: 'zgon' },
      }),
    ).rejects.toThrow(AppError);

    expect(await listRightsOfUnit(db, { organizationId: org, unitId: unit.id })).toHaveLength(4);
    expect((await audit.entries()).map((e) => e.action)).toEqual(['right.end', 'right.correct']);
    expect((await audit.entries())[1]?.detail).toEqual({
      unitId: unit.id,
      personId: b.id,
      changed: ['kind', 'share', 'validFrom'],
      before: { kind: 'wlasnosciowe', share: '1/2', validFrom: '2013-01-01', validTo: null },
      after: { kind: 'odrebna_wlasnosc', share: '1', validFrom: '2024-03-02', validTo: null },
    });
  });

  it('keeps the persons-count history and lets a later correction win', async () => {
    const unit = await makeUnit(db, org);
    const record = (effectiveFrom: string, personsCount: string) =>
      recordOccupancyChange(db, { ...ctx(), input: { unitId: unit.id, effectiveFrom, personsCount } });
    await record('01.01.2013', '3');
    await record('2019-07-01', '2');
    await record('2019-07-01', '1');
    expect(await fieldErrors(record('2020-01-01', '-1'))).toEqual({
      personsCount: 'liczba osób: liczba całkowita od 0 do 99',
    });
    const at = async (asOf: string) =>
      (await getUnitDetails(db, { organizationId: org, unitId: unit.id, asOf }))?.personsCount;
    expect(await at('2012-12-31')).toBeUndefined();
    expect(await at('2019-06-30')).toBe(3);
    expect(await at('2019-07-01')).toBe(1);
    const details = await getUnitDetails(db, { organizationId: org, unitId: unit.id, asOf: '2026-01-01' });
    expect(details?.occupancyHistory.map((o) => [o.effectiveFrom, o.personsCount])).toEqual([
      ['2013-01-01', 3],
      ['2019-07-01', 2],
      ['2019-07-01', 1],
    ]);
  });

  it('searches units by address and number, persons by name, e-mail and PESEL digits, paginated', async () => {
    const other = await makeOrganization(db);
    const o = other.id;
    const building = await makeBuilding(db, o, { street: 'ul. Bażantów', number: '12' });
    const second = await makeBuilding(db, o, { street: 'ul. Mieszka I', number: '3' });
    for (const n of ['1', '2', '10', '11'])
      await makeUnit(db, o, { buildingId: building.id, number: n, area: `${n}0` });
    const garage = await makeUnit(db, o, { buildingId: second.id, number: 'G1', kind: 'garaż', externalKey: 'G-0001' });
    const kowalska = await makePerson(db, o, {
      firstName: 'Łucja',
      lastName: 'Kowalska',
      pesel: '44051401359',
      email: 'lucja@example.com',
    });
    await makePerson(db, o, { firstName: 'Jan', lastName: 'Kowalski' });
    await makePerson(db, o, { firstName: 'Zofia', lastName: 'Ślązak', email: 'zofia@example.com' });
    await makeRight(db, o, { unitId: garage.id, personId: kowalska.id });

    const units = (query: string, extra = {}) =>
      searchUnits(db, { organizationId: o, query, asOf: '2026-01-01', ...extra });
    expect((await units('bazantow 12')).items.map((u) => u.number)).toEqual(['1', '2', '10', '11']);
    expect((await units('Bażantów 12/10')).items.map((u) => u.number)).toEqual(['10']);
    expect((await units('ul. Baż')).total).toBe(4);
    expect((await units('G1')).items).toMatchObject([{ number: 'G1', holders: 'Kowalska Łucja', kind: 'garaz' }]);
    expect((await units('G-0001')).items).toHaveLength(1);
    const paged = await units('', { pageSize: 2, page: 2, sort: 'area', dir: 'desc' });
    expect(paged).toMatchObject({ total: 5, pages: 3, page: 2 });
    expect(paged.items.map((u) => u.number)).toEqual(['G1', '2']);
    expect((await units('', { pageSize: 2, page: 1, sort: 'area', dir: 'desc' })).items.map((u) => u.number)).toEqual([
      '11',
      '10',
    ]);

    const persons = (query: string, extra = {}) =>
      searchPersons(db, { organizationId: o, query, asOf: '2026-01-01', ...extra });
    expect((await persons('kowal')).items.map((p) => p.firstName)).toEqual(['Łucja', 'Jan']);
    expect((await persons('Łucja Kow')).items).toMatchObject([
      { lastName: 'Kowalska', peselMasked: '*******1359', currentUnits: 1 },
    ]);
    expect((await persons('slazak')).items.map((p) => p.firstName)).toEqual(['Zofia']);
    expect((await persons('LUCJA@')).items.map((p) => p.lastName)).toEqual(['Kowalska']);
    expect((await persons('1359')).items.map((p) => p.lastName)).toEqual(['Kowalska']);
    expect((await persons('%')).total).toBe(0);
    const sorted = await persons('', { sort: 'name', dir: 'desc' });
    expect(sorted.items.map((p) => p.lastName)).toEqual(['Ślązak', 'Kowalski', 'Kowalska']);
    expect(JSON.stringify(sorted)).not.toContain('44051401359');
  });
});
