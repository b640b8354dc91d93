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
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { listAudit } from '../audit/audit.ts';
import { listOutbox } from '../outbox/queries.ts';

const NOW = new Date('2026-03-10T10:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXP';

/** A phone-sized photo carrying EXIF text that must not survive. */
const photo = () =>
  sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withExif({ IFD0: { Copyright: 'GPS-SEKRET-50.26N-19.02E' } })
    .jpeg()
    .toBuffer();

describe('fault reports and messages to the office', () => {
  let t: TestApp;
  let org: number;
  let anna: TestClient;
  let bogdan: TestClient;
  let clerk: TestClient;
  let accountant: TestClient;
  let flatA: number;
  let buildingId: number;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    const building = await makeBuilding(db, org, { street: 'ul. Lipowa', number: '65' });
    buildingId = building.id;
    const a = await makePerson(db, org, { firstName: 'Anna', lastName: 'Nowak' });
    const b = await makePerson(db, org, { firstName: 'Bogdan', lastName: 'Zieliński' });
    flatA = (await makeUnit(db, org, { buildingId: building.id, number: '7' })).id;
    const flatB = (await makeUnit(db, org, { buildingId: building.id, number: '8' })).id;
    await makeRight(db, org, { unitId: flatA, personId: a.id });
    await makeRight(db, org, { unitId: flatB, personId: b.id });
    const annaAccount = await makeAccount(db, org, { personId: a.id, activationEmail: 'anna@example.com' });
    const bogdanAccount = await makeAccount(db, org, { personId: b.id });
    const { totpKey } = await t.app.secrets();
    const clerkAccount = await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], totpSecret: SECRET, totpKey });
    const accountantAccount = await makeAccount(db, org, {
      kind: 'staff',
      roles: ['accountant'],
      totpSecret: SECRET,
      totpKey,
    });
    anna = new TestClient(t.app, 'localhost', '10.8.0.1');
    bogdan = new TestClient(t.app, 'localhost', '10.8.0.2');
    clerk = new TestClient(t.app, 'localhost', '10.8.0.3');
    accountant = new TestClient(t.app, 'localhost', '10.8.0.4');
    await anna.signIn('/ebok', annaAccount.login, TEST_PASSWORD);
    await bogdan.signIn('/ebok', bogdanAccount.login, TEST_PASSWORD);
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
    await accountant.signIn('/panel', accountantAccount.login, TEST_PASSWORD, {
      totpSecret: SECRET,
      now: new Date(NOW.getTime() + 30_000),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const report = async (
    client: TestClient,
    form: Record<string, string>,
    files: Parameters<TestClient['postMultipart']>[2] = undefined,
  ) => {
    await client.get('/ebok/zgloszenia/nowe');
    return client.postMultipart('/ebok/zgloszenia/nowe', form, files);
  };

  it('takes a report with a photo, shrunk and stripped of its metadata', async () => {
    const original = await photo();
    expect(original.includes(Buffer.from('GPS-SEKRET'))).toBe(true);
    const response = await report(
      anna,
      { category: 'woda', place: 'lokal', description: 'Cieknie kran w łazience.' },
      { field: 'photos', name: 'kran.jpg', data: original, type: 'image/jpeg' },
    );
    expect(response.statusCode).toBe(303);
    const url = String(response.headers.location).split('?')[0] ?? '';
    expect(url).toMatch(/^\/ebok\/zgloszenia\/\d+$/);
    const page = await anna.get(url);
    expect(page.body).toContain('Woda — w moim lokalu');
    expect(page.body).toContain('ul. Lipowa 65/7');
    expect(page.body).toContain('Nowe');
    const photoUrl = /src="(\/ebok\/zgloszenia\/\d+\/pliki\/\d+)"/.exec(page.body)?.[1] ?? '';
    const stored = await anna.get(photoUrl);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    expect(stored.rawPayload.includes(Buffer.from('GPS-SEKRET'))).toBe(false);
    const meta = await sharp(stored.rawPayload).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(1600);
    expect(meta.exif).toBeUndefined();
    // Someone else's report and its photo are not there.
    expect((await bogdan.get(url)).statusCode).toBe(404);
    expect((await bogdan.get(photoUrl)).statusCode).toBe(404);
    expect((await bogdan.get('/ebok/zgloszenia')).body).not.toContain('Cieknie kran');
  });

  it('refuses bad input at the field, keeps the form and stores nothing', async () => {
    const before = (await listAudit(t.database.db, { organizationId: org, limit: 100 })).total;
    const empty = await report(anna, { category: 'winda', place: 'klatka', description: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Opisz usterkę');
    expect(empty.body).toContain('<option value="winda" selected');
    const notImage = await report(
      anna,
      { category: 'winda', place: 'klatka', description: 'Winda stoi.' },
      { field: 'photos', name: 'zdjecie.jpg', data: Buffer.from('%PDF-1.4 to nie zdjęcie'), type: 'image/jpeg' },
    );
    expect(notImage.statusCode).toBe(422);
    expect(notImage.body).toContain('zdjecie.jpg: to nie jest zdjęcie');
    expect(notImage.body).toContain('Winda stoi.');
    const small = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'white' } })
      .png()
      .toBuffer();
    const six = Array.from({ length: 6 }, (_, i) => ({ field: 'photos', name: `z${i}.png`, data: small }));
    const tooMany = await report(anna, { category: 'winda', place: 'klatka', description: 'Winda stoi.' }, six);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Dołącz najwyżej 5 zdjęć (wybrano 6)');
    const big = Buffer.concat([small, Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const tooBig = await report(
      anna,
      { category: 'winda', place: 'klatka', description: 'Winda stoi.' },
      { field: 'photos', name: 'duze.png', data: big },
    );
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.body).toContain('duze.png');
    expect(tooBig.body).toContain('10 MB');
    const after = (await listAudit(t.database.db, { organizationId: org, limit: 100 })).total;
    expect(after).toBe(before);
  });

  it('lets the clerk move a report to done, note internally, and mails the member at each status', async () => {
    const response = await report(anna, { category: 'ogrzewanie', place: 'budynek', description: 'Zimne kaloryfery.' });
    const id = /\/ebok\/zgloszenia\/(\d+)/.exec(String(response.headers.location))?.[1];
    const queue = await clerk.get(`/panel/zgloszenia?status=nowe&budynek=${buildingId}&kategoria=ogrzewanie`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/panel/zgloszenia/${id}`);
    expect((await clerk.get('/panel/zgloszenia?kategoria=winda')).body).not.toContain(`/panel/zgloszenia/${id}"`);
    await clerk.get(`/panel/zgloszenia/${id}`);
    const note = await clerk.post(`/panel/zgloszenia/${id}/odpowiedz`, {
      body: 'Hydraulik zna ten pion.',
      internal: '1',
    });
    expect(note.statusCode).toBe(303);
    const answer = await clerk.post(`/panel/zgloszenia/${id}/odpowiedz`, { body: 'Sprawdzimy jutro rano.' });
    expect(answer.statusCode).toBe(303);
    const backwards = await clerk.post(`/panel/zgloszenia/${id}/status`, { status: 'wykonane' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('Ze statusu „Nowe” nie można przejść do „Wykonane”');
    for (const status of ['przyjete', 'w_realizacji', 'wykonane']) {
      await clerk.get(`/panel/zgloszenia/${id}`);
      expect((await clerk.post(`/panel/zgloszenia/${id}/status`, { status })).statusCode).toBe(303);
    }
    const mails = (await listOutbox(t.database.db, { organizationId: org, limit: 50, offset: 0 })).rows.filter(
      (m) => m.purpose === 'requests.fault_status',
    );
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        `Zgłoszenie nr ${id}: przyjęte`,
        `Zgłoszenie nr ${id}: w realizacji`,
        `Zgłoszenie nr ${id}: wykonane`,
      ]),
    );
    expect(mails.every((m) => m.toAddress === 'anna@example.com')).toBe(true);
    const seen = await anna.get(`/ebok/zgloszenia/${id}`);
    expect(seen.body).toContain('Wykonane');
    expect(seen.body).toContain('Sprawdzimy jutro rano.');
    expect(seen.body).not.toContain('Hydraulik zna ten pion.');
    const closed = await anna.postMultipart(`/ebok/zgloszenia/${id}/odpowiedz`, { body: 'Znowu zimno.' }, undefined);
    expect(closed.statusCode).toBe(422);
    // The accountant does not handle requests.
    expect((await accountant.get(`/panel/zgloszenia/${id}`)).statusCode).toBe(404);
  });

  it('rejects only with a reason, which the member reads', async () => {
    const response = await report(anna, { category: 'zielen', place: 'osiedle', description: 'Złamana gałąź.' });
    const id = /\/ebok\/zgloszenia\/(\d+)/.exec(String(response.headers.location))?.[1];
    await clerk.get(`/panel/zgloszenia/${id}`);
    const noReason = await clerk.post(`/panel/zgloszenia/${id}/status`, { status: 'odrzucone', reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Podaj powód odrzucenia');
    await clerk.post(`/panel/zgloszenia/${id}/status`, { status: 'odrzucone', reason: 'Teren należy do miasta.' });
    expect((await anna.get(`/ebok/zgloszenia/${id}`)).body).toContain('Teren należy do miasta.');
  });

  it('carries a message to the office and tells the member by e-mail that an answer waits, never what it says', async () => {
    await anna.get('/ebok/wiadomosci/nowe');
    const empty = await anna.postMultipart('/ebok/wiadomosci/nowe', { subject: 'Faktura', body: '' }, undefined);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Napisz treść wiadomości.');
    const sent = await anna.postMultipart(
      '/ebok/wiadomosci/nowe',
      { subject: 'Prośba o duplikat', body: 'Proszę o duplikat rozliczenia.' },
      {
        field: 'attachments',
        name: 'skan.png',
        data: await sharp({ create: { width: 20, height: 20, channels: 3, background: 'white' } })
          .png()
          .toBuffer(),
      },
    );
    expect(sent.statusCode).toBe(303);
    const id = /\/ebok\/wiadomosci\/(\d+)/.exec(String(sent.headers.location))?.[1];
    const queue = await clerk.get('/panel/wiadomosci');
    expect(queue.body).toContain('Prośba o duplikat');
    await clerk.get(`/panel/wiadomosci/${id}`);
    await clerk.post(`/panel/wiadomosci/${id}/przypisz`, { assigneeId: '', priority: 'wysoki' });
    const answered = await clerk.post(`/panel/wiadomosci/${id}/odpowiedz`, {
      body: 'Duplikat jest w załączniku listu.',
    });
    expect(answered.statusCode).toBe(303);
    expect((await clerk.get('/panel/wiadomosci')).body).not.toContain('Prośba o duplikat');
    const mail = (await listOutbox(t.database.db, { organizationId: org, limit: 50, offset: 0 })).rows.find(
      (m) => m.purpose === 'requests.message_answered',
    );
    expect(mail?.toAddress).toBe('anna@example.com');
    expect(mail?.textBody).not.toContain('Duplikat jest');
    expect((await anna.get(`/ebok/wiadomosci/${id}`)).body).toContain('Duplikat jest w załączniku listu.');
    expect((await bogdan.get(`/ebok/wiadomosci/${id}`)).statusCode).toBe(404);
    expect((await bogdan.get(`/ebok/zgloszenia/${id}`)).statusCode).toBe(404);
    // The member writing again puts it back in the queue.
    await anna.get(`/ebok/wiadomosci/${id}`);
    await anna.postMultipart(`/ebok/wiadomosci/${id}/odpowiedz`, { body: 'Dziękuję, a kopia umowy?' }, undefined);
    expect((await clerk.get('/panel/wiadomosci')).body).toContain('Prośba o duplikat');
  });

  it("keeps another organization's threads away from staff and members", async () => {
    const db = t.database.db;
    const other = await makeOrganization(db);
    const { totpKey } = await t.app.secrets();
    const foreignPerson = await makePerson(db, other.id);
    const foreignUnit = await makeUnit(db, other.id);
    await makeRight(db, other.id, { unitId: foreignUnit.id, personId: foreignPerson.id });
    const { reportFault } = await import('./threads.ts');
    const foreignAccount = await makeAccount(db, other.id, { personId: foreignPerson.id });
    const thread = await reportFault(db, {
      actor: { organizationId: other.id, actorAccountId: foreignAccount.id },
      writer: { id: foreignAccount.id, personId: foreignPerson.id },
      units: [],
      input: { category: 'inne', place: 'osiedle', unitId: undefined, description: 'Obce' },
      photos: [],
      now: NOW,
    });
    expect((await clerk.get(`/panel/zgloszenia/${thread.id}`)).statusCode).toBe(404);
    expect((await anna.get(`/ebok/zgloszenia/${thread.id}`)).statusCode).toBe(404);
    await clerk.get('/panel/zgloszenia');
    expect((await clerk.post(`/panel/zgloszenia/${thread.id}/status`, { status: 'przyjete' })).statusCode).toBe(404);
    expect(totpKey).toBeDefined();
  });
});

describe('the desk queues of requests', () => {
  it('count what waits for the office and since when', async () => {
    const t = await createTestApp({}, undefined, { clock: () => NOW });
    try {
      const db = t.database.db;
      const org = (await makeOrganization(db)).id;
      const { newFaultsQueue, waitingMessagesQueue } = await import('./desk.ts');
      const { reportFault, writeMessage, changeFaultStatus } = await import('./threads.ts');
      const account = await makeAccount(db, org);
      const writer = { id: account.id, personId: null };
      const actor = { organizationId: org, actorAccountId: account.id };
      expect(await newFaultsQueue.waiting(db, { organizationId: org })).toEqual({ count: 0, oldestSince: null });
      const first = await reportFault(db, {
        actor,
        writer,
        units: [],
        input: { category: 'inne', place: 'osiedle', unitId: undefined, description: 'A' },
        photos: [],
        now: new Date('2026-03-01T08:00:00Z'),
      });
      await reportFault(db, {
        actor,
        writer,
        units: [],
        input: { category: 'inne', place: 'osiedle', unitId: undefined, description: 'B' },
        photos: [],
        now: new Date('2026-03-02T08:00:00Z'),
      });
      await writeMessage(db, { actor, writer, input: { subject: 'S', body: 'T' }, attachments: [], now: NOW });
      expect(await newFaultsQueue.waiting(db, { organizationId: org })).toEqual({
        count: 2,
        oldestSince: new Date('2026-03-01T08:00:00Z'),
      });
      const { findOrganizationById } = await import('../organizations/queries.ts');
      const org2 = await findOrganizationById(db, { organizationId: org });
      if (!org2) throw new Error('no organization');
      await changeFaultStatus(db, {
        actor,
        mail: { organization: org2, mailFrom: undefined, baseUrl: 'http://localhost' },
        threadId: first.id,
        status: 'przyjete',
        reason: '',
        now: NOW,
      });
      expect((await newFaultsQueue.waiting(db, { organizationId: org })).count).toBe(1);
      expect((await waitingMessagesQueue.waiting(db, { organizationId: org })).count).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('the staff queue at scale', () => {
  it('knows the total from a first page that is not full and counts only past it', async () => {
    const t = await createTestApp({}, undefined, { clock: () => NOW });
    try {
      const db = t.database.db;
      const org = (await makeOrganization(db)).id;
      const { reportFault } = await import('./threads.ts');
      const { listQueue } = await import('./queries.ts');
      const account = await makeAccount(db, org);
      for (let i = 0; i < 5; i++) {
        await reportFault(db, {
          actor: { organizationId: org, actorAccountId: account.id },
          writer: { id: account.id, personId: null },
          units: [],
          input: { category: i < 3 ? 'woda' : 'inne', place: 'osiedle', unitId: undefined, description: `Nr ${i}` },
          photos: [],
          now: new Date(NOW.getTime() - (5 - i) * 3_600_000),
        });
      }
      const open = { kind: 'fault', statuses: ['nowe'] } as const;
      const water = await listQueue(db, {
        organizationId: org,
        filter: { ...open, category: 'woda' },
        page: 1,
        pageSize: 10,
      });
      expect(water.total).toBe(3);
      expect(water.rows.map((r) => r.category)).toEqual(['woda', 'woda', 'woda']);
      const full = await listQueue(db, { organizationId: org, filter: open, page: 1, pageSize: 2 });
      expect(full).toMatchObject({ total: 5 });
      expect(full.rows).toHaveLength(2);
      const last = await listQueue(db, { organizationId: org, filter: open, page: 3, pageSize: 2 });
      expect(last.total).toBe(5);
      expect(last.rows).toHaveLength(1);
      const beyond = await listQueue(db, { organizationId: org, filter: open, page: 9, pageSize: 2 });
      expect(beyond).toEqual({ rows: [], total: 5 });
    } finally {
      await t.close();
    }
  });

  it('lists the filter and assignment choices in one statement: buildings in address order, active staff only', async () => {
    const t = await createTestApp({}, undefined, { clock: () => NOW });
    try {
      const db = t.database.db;
      const org = (await makeOrganization(db)).id;
      const other = (await makeOrganization(db)).id;
      const { queueChoices } = await import('./queries.ts');
      const b2 = await makeBuilding(db, org, { street: 'ul. Lipowa', number: '67' });
      const b1 = await makeBuilding(db, org, { street: 'ul. Lipowa', number: '65' });
      await makeBuilding(db, other, { street: 'ul. Obca', number: '1' });
      const clerkAccount = await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], displayName: 'Ewa Biurowa' });
      await makeAccount(db, org, { kind: 'staff', roles: ['clerk'], status: 'disabled' });
      await makeAccount(db, org);
      await makeAccount(db, other, { kind: 'staff', roles: ['clerk'] });
      const choices = await queueChoices(db, { organizationId: org, withBuildings: true });
      expect(choices.buildings).toEqual([
        { id: b1.id, label: 'ul. Lipowa 65' },
        { id: b2.id, label: 'ul. Lipowa 67' },
      ]);
      expect(choices.staff).toEqual([{ id: clerkAccount.id, name: 'Ewa Biurowa', roles: ['clerk'] }]);
      expect((await queueChoices(db, { organizationId: org, withBuildings: false })).buildings).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
