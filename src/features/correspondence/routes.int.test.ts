import { desc, eq } from 'drizzle-orm';
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
import { pdf, png } from '../../../test/support/zip.ts';
import { runMaintenance } from '../../jobs/maintenance.ts';
import type { Organization } from '../organizations/queries.ts';
import { outboxMessages } from '../outbox/schema.ts';
import { siteFiles } from '../site/schema.ts';
import { consentScans, consents, deliveries, letters } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('correspondence over HTTP', () => {
  let t: TestApp;
  let organization: Organization;
  let clerk: TestClient;
  let editor: TestClient;
  let member: TestClient;
  let visitor: TestClient;
  let buildingId: number;
  let personId: number;
  const now = new Date('2026-11-25T10:00:00Z');

  const lastMailTo = async (to: string) => {
    const rows = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, to))
      .orderBy(desc(outboxMessages.id))
      .limit(1);
    return rows[0];
  };
  const linkIn = (text: string) => /(\/korespondencja\/potwierdz\/[A-Za-z0-9_-]+)/.exec(text)?.[1] as string;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db);
    const db = t.database.db;
    const { totpKey } = await t.app.secrets();
    const building = await makeBuilding(db, organization.id, { street: 'ul. Paderewskiego', number: '65' });
    buildingId = building.id;
    const unit = await makeUnit(db, organization.id, { buildingId, number: '12' });
    const person = await makePerson(db, organization.id, { firstName: 'Zofia', lastName: 'Żółkiewska' });
    personId = person.id;
    await makeRight(db, organization.id, { unitId: unit.id, personId });
    const neighbour = await makePerson(db, organization.id, { firstName: 'Jan', lastName: 'Nowak' });
    await makeRight(db, organization.id, {
      unitId: (await makeUnit(db, organization.id, { buildingId })).id,
      personId: neighbour.id,
    });
    const clerkAccount = await makeAccount(db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
    });
    const editorAccount = await makeAccount(db, organization.id, {
      kind: 'staff',
      roles: ['editor'],
      totpSecret: SECRET,
      totpKey,
    });
    const memberAccount = await makeAccount(db, organization.id, { personId });
    clerk = new TestClient(t.app, 'localhost', '10.8.0.1');
    editor = new TestClient(t.app, 'localhost', '10.8.0.4');
    member = new TestClient(t.app, 'localhost', '10.8.0.2');
    visitor = new TestClient(t.app, 'localhost', '10.8.0.3');
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
    await editor.signIn('/panel', editorAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
  });
  afterAll(() => t.close());

  it('a member consents online; the consent counts after the link is clicked signed out', async () => {
    const page = await member.get('/ebok/korespondencja/zgoda');
    expect(page.body).toContain('Oświadczenie (wersja 1)');
    // The declaration's points are a list, not paragraphs starting with a dash.
    expect(page.body).toMatch(/<li>\s*posiadam dostęp do komputera/);
    expect(page.body).not.toContain('<p>- posiadam');
    const refused = await member.post('/ebok/korespondencja/zgoda', { email: 'zofia@example.com' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Zaznacz pole potwierdzające zapoznanie się z oświadczeniem');
    const done = await member.post('/ebok/korespondencja/zgoda', { email: 'zofia@example.com', accept: 'tak' });
    expect(done.statusCode).toBe(303);
    expect((await member.get('/ebok/korespondencja/zgoda')).body).toContain('czeka na potwierdzenie');
    const mail = await lastMailTo('zofia@example.com');
    // The organization's name is the subject of its clause: no declension needed.
    expect(mail?.textBody).toContain(`korespondencji, którą wysyła ${organization.name}.`);
    expect(mail?.textBody).not.toContain(`od ${organization.name}`);
    const link = linkIn(mail?.textBody ?? '');
    const confirmPage = await visitor.get(link);
    expect(confirmPage.body).toContain('Potwierdzam adres e-mail');
    expect(confirmPage.body).toContain('ma przychodzić korespondencja, którą wysyła');
    expect((await visitor.post(link, {})).body).toContain('zgoda na korespondencję elektroniczną obowiązuje');
    expect((await visitor.post(link, {})).statusCode).toBe(404);
    expect((await member.get('/ebok/korespondencja/zgoda')).body).toContain('Zgoda obowiązuje');
  });

  it('a scan goes to the staff queue and is purged after the decision', async () => {
    const sent = await member.get('/ebok/korespondencja/zgoda');
    expect(sent.statusCode).toBe(200);
    const bad = await member.postMultipart(
      '/ebok/korespondencja/zgoda/skan',
      { scanEmail: 'zofia@example.com' },
      { name: 'a.txt', data: Buffer.from('hello') },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Ten plik nie jest plikiem PDF, JPG ani PNG');
    await member.get('/ebok/korespondencja/zgoda');
    const ok = await member.postMultipart(
      '/ebok/korespondencja/zgoda/skan',
      { scanEmail: 'zofia2@example.com' },
      { name: 'skan.pdf', data: pdf() },
    );
    expect(ok.statusCode).toBe(303);
    const queue = await clerk.get('/panel/korespondencja/skany');
    expect(queue.body).toContain('zofia2@example.com');
    const [scan] = await t.database.db.select().from(consentScans).where(eq(consentScans.personId, personId));
    expect((await clerk.get(`/panel/korespondencja/skany/${scan?.id}/plik`)).statusCode).toBe(200);
    expect((await clerk.get(`/panel/korespondencja/skany/${scan?.id}`)).body).toContain('Zofia Żółkiewska');
    const rejected = await clerk.post(`/panel/korespondencja/skany/${scan?.id}/odrzuc`, { reason: '' });
    expect(rejected.body).toContain('Podaj powód odrzucenia');
    await clerk.get(`/panel/korespondencja/skany/${scan?.id}`);
    expect((await clerk.post(`/panel/korespondencja/skany/${scan?.id}/przyjmij`, {})).statusCode).toBe(303);
    const [after] = await t.database.db
      .select()
      .from(consentScans)
      .where(eq(consentScans.id, scan?.id as number));
    expect(after).toMatchObject({ state: 'accepted', fileId: null });
    // The bytes are gone with the decision, not only the reference.
    expect(
      await t.database.db
        .select()
        .from(siteFiles)
        .where(eq(siteFiles.id, scan?.fileId as number)),
    ).toEqual([]);
    expect((await clerk.get(`/panel/korespondencja/skany/${scan?.id}/plik`)).statusCode).toBe(404);
    expect(linkIn((await lastMailTo('zofia2@example.com'))?.textBody ?? '')).toBeTruthy();
  });

  it('a clerk sends a letter to a building; the member reads it; staff see read time, CSV and print PDF', async () => {
    await clerk.get('/panel/korespondencja');
    const empty = await clerk.post('/panel/korespondencja', {
      subject: '',
      body: '',
      audience: 'building',
      buildingId: '',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Podaj temat listu.');
    expect(empty.body).toContain('Wpisz treść listu.');
    const created = await clerk.post('/panel/korespondencja', {
      subject: 'Wymiana wodomierzy',
      body: 'Szanowni Państwo,\n\nwymiana odbędzie się **2 grudnia**.',
      audience: 'building',
      buildingId: String(buildingId),
    });
    expect(created.statusCode).toBe(303);
    const letterPath = created.headers.location as string;
    const preview = await clerk.get(letterPath);
    expect(preview.body).toContain('e-mail (zofia@example.com)');
    expect(preview.body).toContain('2 adresaci: 1 e-mailem, 1 pocztą tradycyjną');
    expect(preview.body).toContain('Adresaci: posiadacze lokali w budynku ul. Paderewskiego 65, Katowice');
    const notPdf = await clerk.postMultipart(
      `${letterPath}/zalaczniki`,
      {},
      { name: 'x.pdf', data: Buffer.from('<html>') },
    );
    expect(notPdf.body).toContain('Załącznik musi być plikiem PDF.');
    await clerk.get(letterPath);
    expect(
      (await clerk.postMultipart(`${letterPath}/zalaczniki`, {}, { name: 'harmonogram.pdf', data: pdf() })).statusCode,
    ).toBe(303);
    const ready = await clerk.get(letterPath);
    // Sending asks first: without the tick nothing goes, and the counts shown travel with the form.
    const unconfirmed = await clerk.post(`${letterPath}/wyslij`, confirmedCounts(ready.body, false));
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Zaznacz, że chcesz wysłać list do podanej liczby osób.');
    expect(ready.body).toMatch(/Wysłać do \d+ os(oby|ób): \d+ e-mail, \d+\s+papier\?/);
    const stale = { ...confirmedCounts(ready.body), email: '999' };
    expect((await clerk.post(`${letterPath}/wyslij`, stale)).body).toContain('Lista adresatów zmieniła się');
    expect((await clerk.post(`${letterPath}/wyslij`, confirmedCounts(ready.body))).statusCode).toBe(303);
    const [letter] = await t.database.db.select().from(letters).where(eq(letters.subject, 'Wymiana wodomierzy'));

    expect((await member.get('/ebok')).body).toContain('Nieprzeczytane listy: 1');
    const inbox = await member.get('/ebok/korespondencja');
    expect(inbox.body).toContain('Wymiana wodomierzy');
    const opened = await member.get(`/ebok/korespondencja/${letter?.id}`);
    expect(opened.body).toContain('<strong>2 grudnia</strong>');
    expect(opened.body).toContain('harmonogram.pdf');
    const attachmentHref = /href="(\/ebok\/korespondencja\/\d+\/zalaczniki\/\d+)"/.exec(opened.body)?.[1] as string;
    expect((await member.get(attachmentHref)).headers['content-type']).toBe('application/pdf');
    expect((await member.get('/ebok')).body).toContain('Wszystkie listy przeczytane.');
    expect((await member.get(`/ebok/korespondencja/${(letter?.id ?? 0) + 1000}`)).statusCode).toBe(404);
    // A member the letter did not go to finds neither it nor its attachment.
    const outsider = await makePerson(t.database.db, organization.id, { firstName: 'Ewa', lastName: 'Obca' });
    const outsiderAccount = await makeAccount(t.database.db, organization.id, { personId: outsider.id });
    const stranger = new TestClient(t.app, 'localhost', '10.8.0.9');
    await stranger.signIn('/ebok', outsiderAccount.login, TEST_PASSWORD);
    expect((await stranger.get('/ebok/korespondencja')).statusCode).toBe(200);
    expect((await stranger.get(`/ebok/korespondencja/${letter?.id}`)).statusCode).toBe(404);
    expect((await stranger.get(attachmentHref)).statusCode).toBe(404);

    const report = await clerk.get(letterPath);
    expect(report.body).toContain('Odczytane w e-BOK: 1 z 2 (50%)');
    const csv = await clerk.get(`${letterPath}/raport.csv`);
    expect(csv.body.startsWith('\uFEFFAdresat;Adres pocztowy;Kanał')).toBe(true);
    expect(csv.body).toContain('Zofia Żółkiewska;');

    const queue = await clerk.get('/panel/korespondencja/druk');
    expect(queue.body).toContain('Jan Nowak');
    expect(queue.body).toContain('1 list do wydruku.');
    const pdfHref = (/href="(\/panel\/korespondencja\/druk\.pdf\?ids=[0-9,]+)"/.exec(queue.body)?.[1] ?? '').replace(
      /&amp;/g,
      '&',
    );
    const printed = await clerk.get(pdfHref);
    expect(printed.headers['content-type']).toBe('application/pdf');
    expect(printed.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (
        await clerk.post('/panel/korespondencja/druk/potwierdz', {
          ids: /name="ids" value="([^"]+)"/.exec(queue.body)?.[1] ?? '',
        })
      ).statusCode,
    ).toBe(303);
    const paper = await t.database.db.select().from(deliveries).where(eq(deliveries.channel, 'paper'));
    expect(paper.map((d) => d.state)).toEqual(['printed']);
  });
  it('an editor composes and sends letters and sees counts, never names, addresses or e-mails', async () => {
    const [sent] = await t.database.db.select().from(letters).where(eq(letters.subject, 'Wymiana wodomierzy'));
    const path = `/panel/korespondencja/${sent?.id}`;
    const page = await editor.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Odczytane w e-BOK: 1 z 2 (50%)');
    for (const secret of ['Zofia Żółkiewska', 'Jan Nowak', 'zofia@example.com', 'raport.csv', 'Paderewskiego 65/12'])
      expect(page.body).not.toContain(secret);
    for (const url of [
      `${path}/raport.csv`,
      '/panel/korespondencja/druk',
      '/panel/korespondencja/druk.pdf',
      '/panel/korespondencja/zgody',
      '/panel/korespondencja/skany',
    ])
      expect((await editor.get(url)).statusCode, url).toBe(404);
    await editor.get('/panel/korespondencja');
    expect((await editor.post('/panel/korespondencja/druk/potwierdz', { ids: '1' })).statusCode).toBe(404);

    const list = await editor.get('/panel/korespondencja');
    expect(list.body).not.toContain('Kolejka wydruku');
    expect(list.body).not.toContain('value="persons"');
    const refused = await editor.post('/panel/korespondencja', {
      subject: 'Zebranie',
      body: 'Treść',
      audience: 'persons',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Wybieranie lokali i osób z rejestru jest dostępne dla pracowników BOK.');
    const created = await editor.post('/panel/korespondencja', {
      subject: 'Zebranie',
      body: 'Treść',
      audience: 'building',
      buildingId: String(buildingId),
    });
    expect(created.statusCode).toBe(303);
    const draft = await editor.get(created.headers.location as string);
    expect(draft.body).toContain('2 adresaci: 1 e-mailem, 1 pocztą tradycyjną.');
    expect(draft.body).not.toContain('Żółkiewska');
    expect(draft.body).toContain('Wysłać do 2 osób: 1 e-mail, 1');
    expect((await editor.post(`${created.headers.location}/wyslij`, confirmedCounts(draft.body))).statusCode).toBe(303);
  });

  it('a clerk changes a draft, picks persons by search, is told about an unknown one, deletes a draft', async () => {
    await clerk.get('/panel/korespondencja');
    const created = await clerk.post('/panel/korespondencja', { subject: 'Szkic', body: 'Treść', audience: 'persons' });
    const path = created.headers.location as string;
    const draft = await clerk.get(path);
    expect(draft.body).toContain('Nie wybrano jeszcze osób');
    // With no recipients there is nothing to send: no button, and the server refuses as well.
    expect(draft.body).not.toContain('Wyślij teraz');
    expect(draft.body).toContain('Lista nie ma adresatów, więc nie można jej wysłać');
    const empty = await clerk.post(`${path}/wyslij`, { potwierdzam: '1', email: '0', papier: '0' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Lista adresatów jest pusta');

    const found = await clerk.get(`${path}?szukaj=${encodeURIComponent('Żółkiewska')}`);
    expect(found.body).toContain('Żółkiewska Zofia');
    const unknown = await clerk.post(`${path}/adresaci`, { personId: '99999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Nie ma w rejestrze spółdzielni osoby o numerze identyfikacyjnym 99999.');
    expect(unknown.body).toContain('href="#pole-personId"');
    expect((await clerk.post(`${path}/adresaci`, { personId: String(personId) })).statusCode).toBe(303);
    const picked = await clerk.get(path);
    expect(picked.body).toContain('Adresaci: 1 wybrana osoba');
    expect(picked.body).toContain('1 adresat: 1 e-mailem, 0 pocztą tradycyjną.');

    const edit = await clerk.get(`${path}/edycja`);
    expect(edit.body).toContain('value="Szkic"');
    const bad = await clerk.post(`${path}/edycja`, {
      subject: 'Szkic',
      body: 'Treść',
      audience: 'debtors',
      debtorsDay: '2026-11-01',
      debtorsThreshold: 'sto',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Kwota może zawierać tylko cyfry i przecinek');
    expect(bad.body).toContain('value="sto"');
    expect(
      (await clerk.post(`${path}/edycja`, { subject: 'Szkic poprawiony', body: 'Nowa treść', audience: 'persons' }))
        .statusCode,
    ).toBe(303);
    const changed = await clerk.get(path);
    expect(changed.body).toContain('Szkic poprawiony');
    expect(changed.body).toContain('Adresaci: 1 wybrana osoba');

    expect((await clerk.post(`${path}/usun`, {})).statusCode).toBe(303);
    expect((await clerk.get(path)).statusCode).toBe(404);
  });
  it('someone without e-BOK sends the declaration and an ID from the public site; staff match the person', async () => {
    const form = {
      imie: 'Zofia',
      nazwisko: 'Żółkiewska',
      adres: 'ul. Paderewskiego 65/12',
      email: 'Zofia.Z@example.com',
    };
    const page = await visitor.get('/korespondencja/zgoda');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Skan dowodu osobistego');
    expect(page.body).toMatch(/<li>\s*posiadam dostęp do komputera/);
    const wrong = await visitor.postMultipart('/korespondencja/zgoda', { ...form, adres: '' }, [
      { field: 'oswiadczenie', name: 'oswiadczenie.pdf', data: pdf() },
      { field: 'dowod', name: 'dowod.pdf', data: Buffer.from('<html>to nie skan</html>') },
    ]);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Podaj adres lokalu');
    expect(wrong.body).toContain('Skan dowodu osobistego — ten plik nie jest plikiem PDF, JPG ani PNG');
    expect(wrong.body).toContain('value="Żółkiewska"');
    const big = await visitor.postMultipart('/korespondencja/zgoda', form, [
      { field: 'oswiadczenie', name: 'oswiadczenie.pdf', data: pdf('x'.repeat(10 * 1024 * 1024)) },
    ]);
    expect(big.body).toContain('Skan oświadczenia — plik jest za duży: największy dozwolony rozmiar to 10 MB.');
    expect(big.body).toContain('Skan dowodu osobistego — dołącz plik (PDF, JPG lub PNG).');
    expect(await t.database.db.select().from(consentScans).where(eq(consentScans.source, 'public'))).toEqual([]);

    const sent = await visitor.postMultipart('/korespondencja/zgoda', form, [
      { field: 'oswiadczenie', name: 'oswiadczenie.pdf', data: pdf() },
      { field: 'dowod', name: 'dowod.png', data: png() },
    ]);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('zofia.z@example.com');
    const again = await visitor.postMultipart('/korespondencja/zgoda', form, [
      { field: 'oswiadczenie', name: 'oswiadczenie.pdf', data: pdf() },
      { field: 'dowod', name: 'dowod.png', data: png() },
    ]);
    expect(again.body).toContain('już czeka na sprawdzenie');

    const [scan] = await t.database.db.select().from(consentScans).where(eq(consentScans.source, 'public'));
    expect(scan).toMatchObject({ personId: null, lastName: 'Żółkiewska', state: 'pending' });
    const queue = await clerk.get('/panel/korespondencja/skany');
    expect(queue.body).toContain('Zofia Żółkiewska');
    expect(queue.body).toContain('formularz na stronie');
    const detail = await clerk.get(`/panel/korespondencja/skany/${scan?.id}`);
    expect(detail.body).toContain('ul. Paderewskiego 65/12');
    expect(detail.body).toContain(`name="personId" value="${personId}"`);
    expect((await clerk.get(`/panel/korespondencja/skany/${scan?.id}/dowod`)).headers['content-type']).toBe(
      'image/png',
    );
    const unmatched = await clerk.post(`/panel/korespondencja/skany/${scan?.id}/przyjmij`, {});
    expect(unmatched.statusCode).toBe(422);
    expect(unmatched.body).toContain('Wybierz z rejestru osobę, która podpisała oświadczenie.');
    expect(
      (await clerk.post(`/panel/korespondencja/skany/${scan?.id}/przyjmij`, { personId: String(personId) })).statusCode,
    ).toBe(303);
    const [accepted] = await t.database.db
      .select()
      .from(consentScans)
      .where(eq(consentScans.id, scan?.id as number));
    expect(accepted).toMatchObject({ state: 'accepted', personId, fileId: null, idFileId: null });
    for (const fileId of [scan?.fileId, scan?.idFileId])
      expect(
        await t.database.db
          .select()
          .from(siteFiles)
          .where(eq(siteFiles.id, fileId as number)),
      ).toEqual([]);
    // As for every consent: a link to the address, and nothing counts before it is clicked.
    const [consent] = await t.database.db
      .select()
      .from(consents)
      .where(eq(consents.scanId, scan?.id as number));
    expect(consent).toMatchObject({ personId, method: 'scan', state: 'pending', email: 'zofia.z@example.com' });
    expect(linkIn((await lastMailTo('zofia.z@example.com'))?.textBody ?? '')).toBeTruthy();
  });

  it('a clerk records a declaration signed at the desk or sent as a scan', async () => {
    const path = `/panel/korespondencja/zgody/${personId}`;
    const page = await clerk.get(path);
    expect(page.body).toContain('skan przesłany zdalnie (e-mailem lub pocztą');
    expect((await clerk.post(path, { method: 'scan', email: 'skan@example.com' })).statusCode).toBe(303);
    expect((await clerk.get(path)).body).toContain('skan przesłany zdalnie');
    const refused = await clerk.post(path, { method: 'online', email: 'skan@example.com' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Wybierz, jak złożono oświadczenie.');
  });

  it('purges scans left undecided for 30 days with the maintenance job (RODO)', async () => {
    await visitor.get('/korespondencja/zgoda');
    const sent = await visitor.postMultipart(
      '/korespondencja/zgoda',
      { imie: 'Jan', nazwisko: 'Nowak', adres: 'ul. Paderewskiego 65/3', email: 'jan@example.com' },
      [
        { field: 'oswiadczenie', name: 'o.pdf', data: pdf() },
        { field: 'dowod', name: 'd.pdf', data: pdf() },
      ],
    );
    expect(sent.statusCode).toBe(200);
    const [scan] = await t.database.db.select().from(consentScans).where(eq(consentScans.email, 'jan@example.com'));
    const log = { info() {}, error() {} };
    const day = 86_400_000;
    await runMaintenance(t.database.db, { now: new Date(now.getTime() + 29 * day), log });
    expect((await clerk.get('/panel/korespondencja/skany')).body).toContain('Jan Nowak');
    const done = await runMaintenance(t.database.db, { now: new Date(now.getTime() + 31 * day), log });
    expect(done.consentScans).toBe(1);
    const [expired] = await t.database.db
      .select()
      .from(consentScans)
      .where(eq(consentScans.id, scan?.id as number));
    expect(expired).toMatchObject({ state: 'expired', fileId: null, idFileId: null });
    for (const fileId of [scan?.fileId, scan?.idFileId])
      expect(
        await t.database.db
          .select()
          .from(siteFiles)
          .where(eq(siteFiles.id, fileId as number)),
      ).toEqual([]);
    expect((await clerk.get('/panel/korespondencja/skany')).body).not.toContain('Jan Nowak');
  });
});

/** The send form's fields as the page drew them (the counts shown), ticked unless `tick` is false. */
function confirmedCounts(html: string, tick = true): Record<string, string> {
  const email = /name="email" value="(\d+)"/.exec(html)?.[1] ?? '';
  const papier = /name="papier" value="(\d+)"/.exec(html)?.[1] ?? '';
  return tick ? { potwierdzam: '1', email, papier } : { email, papier };
}
