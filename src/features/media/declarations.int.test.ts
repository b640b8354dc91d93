import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { addFeeComponent, runCharges, setFeeRate } from '../ledger/fees.ts';
import { listEntries } from '../ledger/queries.ts';
import { recordOccupancyChange } from '../units/occupancy.ts';
import { listOccupancyHistory } from '../units/unit-facts.ts';
import { personsDeclarationsQueue } from './desk.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-02-20T10:00:00Z');

describe('persons-count declarations', () => {
  let t: TestApp;
  let org: number;
  let unitId: number;
  let otherUnitId: number;
  let member: TestClient;
  let clerk: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    const actor = testActorIn(org);
    unitId = (await makeUnit(db, org)).id;
    otherUnitId = (await makeUnit(db, org)).id;
    const person = await makePerson(db, org);
    await makeRight(db, org, { unitId, personId: person.id, validFrom: '2015-01-01' });
    await recordOccupancyChange(db, { actor, input: { unitId, effectiveFrom: '2015-01-01', personsCount: '2' } });
    const waste = await addFeeComponent(db, { actor, input: { code: 'ODPADY', name: 'Odpady', basis: 'per_person' } });
    await setFeeRate(db, { actor, input: { componentId: waste.id, rate: 100_000, effectiveFrom: '2015-01-01' } });
    for (const month of ['2026-01', '2026-02'])
      await runCharges(db, { actor, month, dueDay: 10, bookingDate: `${month}-01` });
    const account = await makeAccount(db, org, { personId: person.id });
    member = new TestClient(t.app, 'localhost', '10.10.0.1');
    await member.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
    const { totpKey } = await t.app.secrets();
    const staff = await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], totpSecret: SECRET, totpKey });
    clerk = new TestClient(t.app, 'localhost', '10.10.0.2');
    await clerk.signIn('/panel', staff.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
  });
  afterAll(async () => t.close());

  it('asks for the statement and, when the number goes down, a reason; keeps the form', async () => {
    const page = await member.get(`/ebok/deklaracje/${unitId}`);
    expect(page.body).toContain('naliczamy dziś od <strong>2</strong> os.');
    const refused = await member.post(`/ebok/deklaracje/${unitId}`, { liczba_osob: '1', od: '2026-03-01', powod: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Potwierdź, że dane w deklaracji są zgodne z prawdą.');
    expect(refused.body).toContain('Liczba osób jest mniejsza niż dotąd (2): podaj powód zmiany.');
    expect(refused.body).toContain('value="1"');
    const letters = await member.post(`/ebok/deklaracje/${unitId}`, {
      liczba_osob: 'dwie',
      od: '2026-03-01',
      prawda: '1',
    });
    expect(letters.body).toContain('Liczba osób: liczba całkowita od 0 do 99.');
  });

  it('goes to staff, who approve it; the occupants change from the day and fees from the next charge run', async () => {
    await member.get(`/ebok/deklaracje/${unitId}`);
    const sent = await member.post(`/ebok/deklaracje/${unitId}`, {
      liczba_osob: '1',
      od: '2026-02-15',
      powod: 'wyprowadzka syna',
      prawda: '1',
    });
    expect(sent.statusCode).toBe(303);
    expect((await member.get(`/ebok/deklaracje/${unitId}?zrobiono=1`)).body).toContain('czeka na decyzję');
    expect(await personsDeclarationsQueue.waiting(t.database.db, { organizationId: org })).toMatchObject({ count: 1 });
    const queue = await clerk.get('/panel/media/deklaracje');
    expect(queue.body).toContain('1 os. od 15.02.2026');
    const declId = /\/panel\/media\/deklaracje\/(\d+)\/decyzja/.exec(queue.body)?.[1];
    const noReason = await clerk.post(`/panel/media/deklaracje/${declId}/decyzja`, {
      decyzja: 'reject',
      uzasadnienie: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Podaj powód odrzucenia deklaracji.');
    const approved = await clerk.post(`/panel/media/deklaracje/${declId}/decyzja`, {
      decyzja: 'approve',
      uzasadnienie: '',
    });
    expect(approved.statusCode).toBe(303);
    const again = await clerk.post(`/panel/media/deklaracje/${declId}/decyzja`, {
      decyzja: 'approve',
      uzasadnienie: '',
    });
    expect(again.statusCode).toBe(422);
    const history = await listOccupancyHistory(t.database.db, { organizationId: org, unitIds: [unitId] });
    expect(history.at(-1)).toMatchObject({ effectiveFrom: '2026-02-15', personsCount: 1 });
    await runCharges(t.database.db, {
      actor: testActorIn(org),
      month: '2026-03',
      dueDay: 10,
      bookingDate: '2026-03-01',
    });
    const charges = await listEntries(t.database.db, {
      organizationId: org,
      unitId,
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(charges.filter((e) => e.kind === 'charge').map((e) => [e.valueDate, e.amount])).toEqual([
      ['2026-01-01', 2_000],
      ['2026-02-01', 2_000],
      ['2026-03-01', 1_000],
    ]);
    expect((await member.get(`/ebok/deklaracje/${unitId}`)).body).toContain('przyjęta');
  });

  it('answers 404 for another unit and for members in the staff queue', async () => {
    expect((await member.get(`/ebok/deklaracje/${otherUnitId}`)).statusCode).toBe(404);
    expect((await member.get('/panel/media/deklaracje')).statusCode).toBe(404);
  });
});
