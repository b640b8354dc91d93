import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { listAudit } from '../audit/audit.ts';
import { flaggedReadingsQueue } from './desk.ts';
import { addMeter } from './meters.ts';
import { findMeterBySerial, listMeterReadings, listUnitMeters } from './queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
// 28 March 2026: inside the default window (25th to 5th).
const NOW = new Date('2026-03-28T10:00:00Z');

describe('meters and readings', () => {
  let t: TestApp;
  let org: number;
  let unitId: number;
  let otherUnitId: number;
  let foreignUnitId: number;
  let buildingId: number;
  let meterId: number;
  let member: TestClient;
  let clerk: TestClient;
  let accountant: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    const otherOrg = (await makeOrganization(db)).id;
    const building = await makeBuilding(db, org, { externalKey: 'B-1' });
    buildingId = building.id;
    unitId = (await makeUnit(db, org, { buildingId, number: '7', externalKey: 'L-7' })).id;
    otherUnitId = (await makeUnit(db, org, { buildingId, number: '8', externalKey: 'L-8' })).id;
    foreignUnitId = (await makeUnit(db, otherOrg)).id;
    const person = await makePerson(db, org);
    await makeRight(db, org, { unitId, personId: person.id, validFrom: '2020-01-01' });
    const meter = await addMeter(db, {
      actor: testActorIn(org),
      input: {
        unitId,
        buildingId: null,
        medium: 'zimna_woda',
        serial: 'ZW-100',
        place: 'łazienka',
        decimals: 3,
        installedOn: '2025-01-01',
        initialReading: 10_000,
        legalisationUntil: '2030-01-01',
        rolloverAt: null,
      },
    });
    meterId = meter.id;
    const { totpKey } = await t.app.secrets();
    const account = await makeAccount(db, org, { personId: person.id });
    member = new TestClient(t.app, 'localhost', '10.8.0.1');
    await member.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
    const staff = async (roles: ('accountant' | 'clerk')[], ip: string, offset: number) => {
      const a = await makeAccount(db, org, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', a.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date(NOW.getTime() + offset),
      });
      return client;
    };
    clerk = await staff(['clerk'], '10.8.0.2', 0);
    accountant = await staff(['accountant'], '10.8.0.3', 30_000);
  });
  afterAll(async () => t.close());

  it('lets the member enter a reading with a photo whose location is stripped', async () => {
    const page = await member.get(`/ebok/liczniki/${unitId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('zimna woda — nr ZW-100 (łazienka)');
    await member.get(`/ebok/liczniki/${unitId}/${meterId}`);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'GPS 50.1 19.9' } })
      .toBuffer();
    const done = await member.postMultipart(
      `/ebok/liczniki/${unitId}/${meterId}`,
      { licznik: String(meterId), data: '2026-03-27', odczyt: '25,5' },
      { field: 'zdjecie', name: 'licznik.jpg', data: photo, type: 'image/jpeg' },
    );
    expect(done.statusCode).toBe(303);
    const [reading] = await listMeterReadings(t.database.db, { organizationId: org, meterId });
    expect(reading).toMatchObject({ value: 25_500, source: 'ebok', review: 'ok', readOn: '2026-03-27' });
    expect(reading?.enteredBy).not.toBeNull();
    const stored = await clerk.get(`/panel/media/zdjecie/${reading?.photoFileId}`);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('keeps the form with messages at the field for bad input', async () => {
    await member.get(`/ebok/liczniki/${unitId}/${meterId}`);
    const cases: [Record<string, string>, string][] = [
      [{ data: '2026-03-27', odczyt: '12a' }, 'bez liter'],
      [{ data: '2026-03-27', odczyt: '-4' }, 'Odczyt nie może być ujemny.'],
      [{ data: '2026-03-27', odczyt: '30,1234' }, 'najwyżej 3 cyfry po przecinku'],
      [{ data: '2026-04-30', odczyt: '30' }, 'Data odczytu nie może być z przyszłości.'],
    ];
    for (const [form, message] of cases) {
      const response = await member.postMultipart(
        `/ebok/liczniki/${unitId}/${meterId}`,
        { licznik: String(meterId), ...form },
        undefined,
      );
      expect(response.statusCode, message).toBe(422);
      expect(response.body).toContain(message);
      expect(response.body).toContain(`value="${form.odczyt}"`);
    }
    const notImage = await member.postMultipart(
      `/ebok/liczniki/${unitId}/${meterId}`,
      { licznik: String(meterId), data: '2026-03-27', odczyt: '30' },
      { field: 'zdjecie', name: 'licznik.jpg', data: Buffer.from('%PDF-1.4 not an image'), type: 'image/jpeg' },
    );
    expect(notImage.statusCode).toBe(422);
    expect(notImage.body).toContain('Zdjęcie musi być plikiem JPG lub PNG.');
    const huge = await member.postMultipart(
      `/ebok/liczniki/${unitId}/${meterId}`,
      { licznik: String(meterId), data: '2026-03-27', odczyt: '30' },
      { field: 'zdjecie', name: 'licznik.jpg', data: Buffer.alloc(10 * 1024 * 1024 + 10, 1), type: 'image/jpeg' },
    );
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('MB');
  });

  it('warns of a lower reading, takes it when confirmed, and puts it in the staff queue', async () => {
    await member.get(`/ebok/liczniki/${unitId}/${meterId}`);
    const form = { licznik: String(meterId), data: '2026-03-28', odczyt: '20' };
    const warned = await member.postMultipart(`/ebok/liczniki/${unitId}/${meterId}`, form, undefined);
    expect(warned.statusCode).toBe(422);
    expect(warned.body).toContain('odczyt niższy niż poprzedni');
    expect(warned.body).toContain('name="potwierdzam"');
    const confirmed = await member.postMultipart(
      `/ebok/liczniki/${unitId}/${meterId}`,
      { ...form, potwierdzam: '1' },
      undefined,
    );
    expect(confirmed.statusCode).toBe(303);
    expect(await flaggedReadingsQueue.waiting(t.database.db, { organizationId: org })).toMatchObject({ count: 1 });
    const queue = await clerk.get('/panel/media/odczyty-do-sprawdzenia');
    expect(queue.body).toContain('odczyt niższy niż poprzedni');
    const id = /\/panel\/media\/odczyty\/(\d+)\/decyzja/.exec(queue.body)?.[1];
    const noReason = await clerk.post(`/panel/media/odczyty/${id}/decyzja`, { decyzja: 'rejected', uwaga: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Podaj powód odrzucenia odczytu.');
    const rejected = await clerk.post(`/panel/media/odczyty/${id}/decyzja`, { decyzja: 'rejected', uwaga: 'pomyłka' });
    expect(rejected.statusCode).toBe(303);
    expect(await flaggedReadingsQueue.waiting(t.database.db, { organizationId: org })).toMatchObject({ count: 0 });
    const audit = await listAudit(t.database.db, { organizationId: org, page: 1 } as never);
    expect(audit.rows.map((r) => r.action)).toContain('media.reading_review');
  });

  it('lets staff add a meter, enter a paper card and replace a meter keeping its history', async () => {
    await clerk.get(`/panel/media/lokal/${otherUnitId}`);
    const added = await clerk.post(`/panel/media/lokal/${otherUnitId}/licznik`, {
      medium: 'ciepla_woda',
      numer: 'CW-1',
      miejsce: 'kuchnia',
      miejsca_po_przecinku: '2',
      zamontowano: '2025-06-01',
      odczyt_poczatkowy: '1,5',
    });
    expect(added.statusCode).toBe(303);
    const meter = await findMeterBySerial(t.database.db, {
      organizationId: org,
      medium: 'ciepla_woda',
      serial: 'CW-1',
    });
    expect(meter).toMatchObject({ initialReading: 1_500, decimals: 2 });
    await clerk.get(`/panel/media/licznik/${meter?.id}`);
    const card = await clerk.postMultipart(
      `/panel/media/licznik/${meter?.id}/odczyt`,
      { licznik: String(meter?.id), data: '2026-01-31', odczyt: '4,25' },
      undefined,
    );
    expect(card.statusCode).toBe(303);
    const replaced = await clerk.post(`/panel/media/licznik/${meter?.id}/wymiana`, {
      data_wymiany: '2026-02-15',
      odczyt_koncowy: '5',
      nowy_numer: 'CW-2',
      nowy_odczyt: '0',
      nowe_miejsca: '3',
    });
    expect(replaced.statusCode).toBe(303);
    const meters = await listUnitMeters(t.database.db, { organizationId: org, unitId: otherUnitId });
    expect(meters.map((m) => [m.serial, m.removedOn, m.finalReading])).toEqual([
      ['CW-2', null, null],
      ['CW-1', '2026-02-15', 5_000],
    ]);
    const twice = await clerk.post(`/panel/media/licznik/${meter?.id}/wymiana`, {
      data_wymiany: '2026-02-20',
      odczyt_koncowy: '5',
      nowy_numer: 'CW-3',
      nowy_odczyt: '0',
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('Ten licznik został już zdjęty.');
  });

  it('imports the meter register atomically with a per-row report; a re-import changes nothing', async () => {
    await clerk.get('/panel/media/import-licznikow');
    const bad =
      'lokal;budynek;medium;numer;miejsce;montaz;odczyt_poczatkowy\nL-8;;zimna woda;ZW-8;łazienka;2025-01-01;0\nL-99;;prąd;X;;2025-13-01;abc\n';
    const refused = await clerk.postMultipart(
      '/panel/media/import-licznikow',
      {},
      { field: 'plik', name: 'l.csv', data: Buffer.from(bad) },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Wiersz 3: nie ma lokalu o kodzie „L-99”');
    expect(
      await findMeterBySerial(t.database.db, { organizationId: org, medium: 'zimna_woda', serial: 'ZW-8' }),
    ).toBeUndefined();
    const good =
      'lokal;budynek;medium;numer;miejsce;montaz;odczyt_poczatkowy\nL-8;;zimna woda;ZW-8;łazienka;2025-01-01;0\n;B-1;zimna woda;GL-1;piwnica;2024-01-01;100\n';
    const first = await clerk.postMultipart(
      '/panel/media/import-licznikow',
      {},
      { field: 'plik', name: 'l.csv', data: Buffer.from(good) },
    );
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('dodano: 2');
    const second = await clerk.postMultipart(
      '/panel/media/import-licznikow',
      {},
      { field: 'plik', name: 'l.csv', data: Buffer.from(good) },
    );
    expect(second.body).toContain('dodano: 0; bez zmian (już były): 2');
    const main = await findMeterBySerial(t.database.db, { organizationId: org, medium: 'zimna_woda', serial: 'GL-1' });
    expect(main).toMatchObject({ unitId: null, buildingId });
  });

  it('imports remote readings with a saved mapping, flags the odd ones, and skips a re-import', async () => {
    await clerk.get('/panel/media/import-odczytow');
    const file = 'Nr wodomierza,Data,Stan\nZW-8,2026-02-28,5.000\nGL-1,2026-02-28,50\n';
    const form = { zrodlo: 'Techem', kolumna_numer: 'Nr wodomierza', kolumna_data: 'Data', kolumna_odczyt: 'Stan' };
    const first = await clerk.postMultipart('/panel/media/import-odczytow', form, {
      field: 'plik',
      name: 'o.csv',
      data: Buffer.from(file),
    });
    expect(first.statusCode).toBe(200);
    // GL-1 started at 100: 50 is lower → flagged
    expect(first.body).toContain('dodano: 2; bez zmian (już były): 0; do sprawdzenia: 1');
    const again = await clerk.postMultipart('/panel/media/import-odczytow', form, {
      field: 'plik',
      name: 'o.csv',
      data: Buffer.from(file),
    });
    expect(again.body).toContain('dodano: 0; bez zmian (już były): 2');
    const page = await clerk.get('/panel/media/import-odczytow');
    expect(page.body).toContain('Techem (Nr wodomierza, Data, Stan)');
    const wrongColumn = await clerk.postMultipart(
      '/panel/media/import-odczytow',
      { ...form, kolumna_odczyt: 'Wartość' },
      { field: 'plik', name: 'o.csv', data: Buffer.from(file) },
    );
    expect(wrongColumn.statusCode).toBe(422);
    expect(wrongColumn.body).toContain('W pliku nie ma kolumny „Wartość”.');
  });

  it('answers 404 for others’ units and meters, and to staff without the capability', async () => {
    for (const url of [
      `/ebok/liczniki/${otherUnitId}`,
      `/ebok/liczniki/${foreignUnitId}`,
      `/ebok/liczniki/${otherUnitId}/${meterId}`,
      `/ebok/liczniki/${unitId}/999999`,
      '/ebok/liczniki/abc',
    ]) {
      expect((await member.get(url)).statusCode, url).toBe(404);
    }
    expect((await accountant.get('/panel/media')).statusCode).toBe(404);
    expect((await accountant.get(`/panel/media/licznik/${meterId}`)).statusCode).toBe(404);
    expect((await clerk.get(`/panel/media/lokal/${foreignUnitId}`)).statusCode).toBe(404);
    expect((await member.get('/panel/media')).statusCode).toBe(404);
  });
});

describe('reading windows set by the organization', () => {
  it('flags a member’s reading outside the window and takes it when confirmed', async () => {
    const t = await createTestApp({}, undefined, { clock: () => new Date('2026-04-15T10:00:00Z') });
    try {
      const db = t.database.db;
      const org = (await makeOrganization(db)).id;
      const unitId = (await makeUnit(db, org)).id;
      const person = await makePerson(db, org);
      await makeRight(db, org, { unitId, personId: person.id, validFrom: '2020-01-01' });
      const meter = await addMeter(db, {
        actor: testActorIn(org),
        input: {
          unitId,
          buildingId: null,
          medium: 'zimna_woda',
          serial: 'W-1',
          place: '',
          decimals: 3,
          installedOn: '2025-01-01',
          initialReading: 0,
          legalisationUntil: null,
          rolloverAt: null,
        },
      });
      const { totpKey } = await t.app.secrets();
      const staff = await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], totpSecret: SECRET, totpKey });
      const clerk = new TestClient(t.app, 'localhost', '10.8.1.2');
      await clerk.signIn('/panel', staff.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date('2026-04-15T10:00:00Z'),
      });
      await clerk.get('/panel/media');
      const bad = await clerk.post('/panel/media/termin', { od_dnia: '25', do_dnia: '5', miesiace: '3, 13' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Miesiące to liczby od 1 do 12');
      expect((await clerk.post('/panel/media/termin', { od_dnia: '1', do_dnia: '10', miesiace: '' })).statusCode).toBe(
        303,
      );
      const account = await makeAccount(db, org, { personId: person.id });
      const member = new TestClient(t.app, 'localhost', '10.8.1.1');
      await member.signIn('/ebok', account.login, TEST_PASSWORD, { now: new Date('2026-04-15T10:00:00Z') });
      expect((await member.get(`/ebok/liczniki/${unitId}`)).body).toContain('od 1. do 10. dnia każdego miesiąca');
      await member.get(`/ebok/liczniki/${unitId}/${meter.id}`);
      const form = { licznik: String(meter.id), data: '2026-04-15', odczyt: '5' };
      const warned = await member.postMultipart(`/ebok/liczniki/${unitId}/${meter.id}`, form, undefined);
      expect(warned.statusCode).toBe(422);
      expect(warned.body).toContain('odczyt poza terminem odczytów');
      const taken = await member.postMultipart(
        `/ebok/liczniki/${unitId}/${meter.id}`,
        { ...form, potwierdzam: '1' },
        undefined,
      );
      expect(taken.statusCode).toBe(303);
      expect(await flaggedReadingsQueue.waiting(db, { organizationId: org })).toMatchObject({ count: 1 });
    } finally {
      await t.close();
    }
  });
});
