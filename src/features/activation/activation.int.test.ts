import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
} from '../../../test/support/factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { createTransport, drainOutbox, type MailWorkerOptions } from '../../mail/worker.ts';
import { type Account, findAccountByLogin } from '../accounts/queries.ts';
import { accounts, identityVerifications, passwordResetRequests } from '../accounts/schema.ts';
import { auditLog } from '../audit/schema.ts';
import type { Organization } from '../organizations/queries.ts';
import { updateOrganizationSettings } from '../organizations/queries.ts';
import { EMAIL_LINK_HOURS, purgeStaleActivationRequests } from './remote.ts';
import { storedScanBytes } from './requests.ts';
import { MAX_SCAN_BYTES } from './scans.ts';
import { activationRequests } from './schema.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n'),
  Buffer.alloc(200, 32),
  Buffer.from('\n%%EOF\n'),
]);
// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A multipart form with two files, as the browser sends the remote application. */
function multipartBody(fields: Record<string, string>, files: Record<string, { name: string; data: Buffer }>) {
  const boundary = `----osiedle${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  for (const [key, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${key}"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('e-BOK activation and the password lifecycle', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let worker: MailWorkerOptions;
  let organization: Organization;
  let now = new Date('2026-11-25T09:00:00Z');
  let clerk: TestClient;
  let clerkAccount: Account;
  let ip = 0;
  const client = () => new TestClient(t.app, 'localhost', `10.4.0.${++ip}`);

  async function holder(first: string, last: string, pesel?: string) {
    const db = t.database.db;
    const building = await makeBuilding(db, organization.id);
    const unit = await makeUnit(db, organization.id, { buildingId: building.id });
    const person = await makePerson(db, organization.id, {
      firstName: first,
      lastName: last,
      ...(pesel ? { pesel } : {}),
    });
    await makeRight(db, organization.id, { unitId: unit.id, personId: person.id, validFrom: '2015-01-01' });
    return person;
  }

  async function mailbox() {
    await drainOutbox(worker);
    return smtp.messages;
  }

  /** Sends the remote application form as the browser does, with both scans unless given. */
  async function apply(
    applicant: TestClient,
    fields: Partial<Record<string, string>>,
    files: Partial<Record<'formularz' | 'dowod', Buffer>> = {},
  ) {
    await applicant.get('/ebok/aktywacja');
    const body = multipartBody(
      {
        _csrf: applicant.lastCsrf ?? '',
        imie: 'Jan',
        nazwisko: 'Wnioskujący',
        pesel: '',
        adres: 'ul. Testowa 1/2',
        email: 'jan@example.pl',
        telefon: '',
        regulamin: 'tak',
        ...fields,
      } as Record<string, string>,
      {
        formularz: { name: 'formularz.pdf', data: files.formularz ?? PDF },
        dowod: { name: 'dowod.png', data: files.dowod ?? PNG },
      },
    );
    return applicant.request({
      method: 'POST',
      url: '/ebok/aktywacja',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
  }

  /** Opens a link from an e-mail and presses the page's button, as the person does. */
  async function pressLink(c: TestClient, path: string) {
    const page = await c.get(path);
    if (page.statusCode !== 200) return page;
    return c.post(path);
  }

  /** The path of the last e-mail confirmation link sent to an address. */
  async function confirmationLinkTo(email: string) {
    const mail = (await mailbox()).findLast((m) => (m.to && 'text' in m.to ? m.to.text : '') === email);
    return /\/ebok\/aktywacja\/potwierdz\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0] ?? '';
  }

  const requestsFor = (email: string) =>
    t.database.db.select().from(activationRequests).where(eq(activationRequests.email, email));

  /** The clerk's session goes idle when a test moves the clock on: a fresh one. */
  async function signInClerk() {
    const { totpKey } = await t.app.secrets();
    clerkAccount = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
    });
    clerk = client();
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
  }

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    smtp = await startTestSmtpServer();
    worker = {
      db: t.database.db,
      transport: createTransport(smtp.url),
      log: { info() {}, warn() {}, error() {} },
      clock: () => now,
    };
    organization = await makeOrganization(t.database.db);
    const { totpKey } = await t.app.secrets();
    clerkAccount = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
    });
    clerk = client();
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
  });
  afterAll(async () => {
    worker.transport.close();
    await smtp.close();
    await t.close();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  it('opens an account at the desk for a holder, shows the starting password once, and forces a change', async () => {
    const person = await holder('Łucja', 'Żółkiewska');
    const found = await clerk.get('/panel/aktywacja?q=Żółkiewska');
    expect(found.body).toContain(`/panel/aktywacja/osoba/${person.id}`);
    const page = await clerk.get(`/panel/aktywacja/osoba/${person.id}`);
    expect(page.body).toContain('Załóż konto e-BOK');
    const pdf = await clerk.get(`/panel/aktywacja/osoba/${person.id}/formularz.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const missing = await clerk.post(`/panel/aktywacja/osoba/${person.id}`, { email: 'zly-adres', telefon: '' });
    expect(missing.statusCode).toBe(422);
    // Every mistake at once, and what was typed stays.
    expect(missing.body).toContain('Nieprawidłowy adres e-mail');
    expect(missing.body).toContain('Wybierz dokument, na podstawie którego sprawdzono tożsamość.');
    expect(missing.body).toContain('Potwierdź, że osoba podpisała formularz aktywacyjny.');
    expect(missing.body).toContain('value="zly-adres"');
    await clerk.get(`/panel/aktywacja/osoba/${person.id}`);
    const badPhone = await clerk.post(`/panel/aktywacja/osoba/${person.id}`, {
      email: 'lucja@example.pl',
      telefon: 'abc',
      dokument: 'paszport',
      podpisany: 'tak',
    });
    expect(badPhone.body).toContain('Nieprawidłowy numer telefonu.');
    expect(badPhone.body).toContain('name="podpisany" value="tak" checked');
    expect(badPhone.body).toMatch(/<option value="paszport" selected/);
    expect(badPhone.body).toContain('value="abc"');
    await clerk.get(`/panel/aktywacja/osoba/${person.id}`);
    const unsigned = await clerk.post(`/panel/aktywacja/osoba/${person.id}`, {
      email: 'lucja@example.pl',
      dokument: 'dowód osobisty',
    });
    expect(unsigned.body).toContain('Potwierdź, że osoba podpisała formularz aktywacyjny.');
    expect(unsigned.body).toContain('value="lucja@example.pl"');

    await clerk.get(`/panel/aktywacja/osoba/${person.id}`);
    const opened = await clerk.post(`/panel/aktywacja/osoba/${person.id}`, {
      email: 'Lucja@Example.pl',
      telefon: '600 100 200',
      dokument: 'dowód osobisty',
      podpisany: 'tak',
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain('lzolkiewska');
    expect(opened.body).toContain('data:application/pdf;base64,');
    const password = /Hasło startowe<\/dt><dd class="secret">([^<]+)</.exec(opened.body)?.[1] ?? '';
    expect(password).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);

    const account = await findAccountByLogin(t.database.db, { organizationId: organization.id, login: 'lzolkiewska' });
    if (!account) throw new Error('no account opened');
    expect(account.personId).toBe(person.id);
    expect(account.activationEmail).toBe('lucja@example.pl');
    expect(account.mustChangePassword).toBe(true);
    expect(account.passwordExpiresAt?.getTime()).toBe(now.getTime() + 14 * 86_400_000);
    const checks = await t.database.db
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.personId, person.id));
    expect(checks).toMatchObject([{ method: 'desk', purpose: 'activation', documentType: 'dowód osobisty' }]);

    const member = client();
    expect((await member.signIn('/ebok', 'lzolkiewska', password, { now })).headers.location).toBe('/ebok/konto/haslo');
    await member.get('/ebok/konto/haslo');
    await member.post('/ebok/konto/haslo', {
      nowe: 'wiosna nad Rawą w Katowicach',
      powtorzone: 'wiosna nad Rawą w Katowicach',
    });
    expect((await client().signIn('/ebok', 'lzolkiewska', password)).statusCode).toBe(401);

    const again = await clerk.get(`/panel/aktywacja/osoba/${person.id}`);
    expect(again.body).toContain('Konto e-BOK');
    expect(again.body).toContain('lzolkiewska');
  });

  it('refuses an account for a person with no current right to a unit', async () => {
    const person = await makePerson(t.database.db, organization.id, { firstName: 'Adam', lastName: 'Bezlokalowy' });
    const page = await clerk.get(`/panel/aktywacja/osoba/${person.id}`);
    expect(page.body).toContain('nie ma obecnie prawa do żadnego lokalu');
    const response = await clerk.post(`/panel/aktywacja/osoba/${person.id}`, {
      email: 'adam@example.pl',
      dokument: 'dowód osobisty',
      podpisany: 'tak',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('nie ma obecnie prawa do lokalu');
  });

  it('takes a remote application with scans, confirms the e-mail, and lets staff approve it', async () => {
    const person = await holder('Zenon', 'Zdalny', '44051401359');
    const applicant = client();
    const form = await applicant.get('/ebok/aktywacja');
    expect(form.body).toContain('enctype="multipart/form-data"');
    const fields = {
      _csrf: applicant.lastCsrf ?? '',
      imie: 'Zenon',
      nazwisko: 'Zdalny',
      pesel: '44051401359',
      adres: 'ul. Testowa 1/2',
      email: 'zenon@example.pl',
      telefon: '',
      regulamin: 'tak',
    };
    const fake = multipartBody(fields, {
      formularz: { name: 'formularz.pdf', data: Buffer.from('to nie jest PDF, choć ma taką nazwę') },
      dowod: { name: 'dowod.png', data: PNG },
    });
    const refused = await applicant.request({
      method: 'POST',
      url: '/ebok/aktywacja',
      payload: fake.payload,
      headers: { 'content-type': fake.contentType },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Ten plik nie jest plikiem PDF, JPG ani PNG');
    expect(refused.body).toContain('wybierz je ponownie');
    expect(refused.body).toContain('value="Zdalny"');
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(0);

    const good = multipartBody(
      { ...fields, _csrf: applicant.lastCsrf ?? '' },
      {
        formularz: { name: 'formularz.pdf', data: PDF },
        dowod: { name: 'dowod.png', data: PNG },
      },
    );
    const sent = await applicant.request({
      method: 'POST',
      url: '/ebok/aktywacja',
      payload: good.payload,
      headers: { 'content-type': good.contentType },
    });
    expect(sent.statusCode, /<div class="error-summary"[\s\S]*?<\/div>/.exec(sent.body)?.[0]).toBe(200);
    expect(sent.body).toContain('Sprawdź skrzynkę e-mail');
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(PDF.length + PNG.length);
    const [requested] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, organization.id), eq(auditLog.action, 'activation.requested')));
    expect(requested).toMatchObject({ ip: `10.4.0.${ip}`, userAgent: 'lightMyRequest', actorAccountId: null });

    const duplicate = multipartBody(
      { ...fields, _csrf: applicant.lastCsrf ?? '' },
      {
        formularz: { name: 'formularz.pdf', data: PDF },
        dowod: { name: 'dowod.png', data: PNG },
      },
    );
    const second = await applicant.request({
      method: 'POST',
      url: '/ebok/aktywacja',
      payload: duplicate.payload,
      headers: { 'content-type': duplicate.contentType },
    });
    expect(second.body).toContain('już czeka na rozpatrzenie');

    // Not in the queue until the address is confirmed.
    expect((await clerk.get('/panel/aktywacja/wnioski')).body).not.toContain('Zdalny Zenon');
    const [confirmMail] = await mailbox();
    expect(confirmMail?.subject).toBe('Potwierdź adres e-mail we wniosku o dostęp do e-BOK');
    expect(confirmMail?.text).toContain('Link jest ważny 48 godzin.');
    expect(confirmMail?.text).toContain('Jeśli ten wniosek nie pochodzi od Ciebie, zignoruj tę wiadomość.');
    const link = /http:\/\/[^\s]+\/ebok\/aktywacja\/potwierdz\/[A-Za-z0-9_-]+/.exec(confirmMail?.text ?? '')?.[0] ?? '';
    const path = new URL(link).pathname;
    // Opening the link (as a mail scanner does) confirms nothing: the page's button does.
    const opened = await applicant.get(path);
    expect(opened.body).toContain('Potwierdzam adres e-mail');
    expect(opened.body).toContain(`action="${path}"`);
    expect((await requestsFor('zenon@example.pl'))[0]?.status).toBe('awaiting_email');
    expect((await applicant.post(path)).body).toContain('Adres e-mail potwierdzony');
    expect((await applicant.get(path)).body).toContain('Ten link został już użyty');
    expect((await applicant.post(path)).body).toContain('Ten link został już użyty');

    const queue = await clerk.get('/panel/aktywacja/wnioski');
    const requestId = /\/panel\/aktywacja\/wnioski\/(\d+)/.exec(queue.body)?.[1];
    expect(requestId).toBeDefined();
    const detail = await clerk.get(`/panel/aktywacja/wnioski/${requestId}`);
    expect(detail.body).toContain(`value="${person.id}"`);
    const scan = await clerk.get(`/panel/aktywacja/wnioski/${requestId}/skan/dowod`);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(scan.headers['cache-control']).toBe('no-store');
    // Applicants and members never see the queue or the scans.
    expect((await applicant.get(`/panel/aktywacja/wnioski/${requestId}/skan/dowod`)).statusCode).toBe(302);

    const approved = await clerk.post(`/panel/aktywacja/wnioski/${requestId}/zatwierdz`, {
      osoba: String(person.id),
      dokument: 'dowód osobisty',
    });
    expect(approved.statusCode).toBe(303);
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(0);
    expect((await clerk.get(`/panel/aktywacja/wnioski/${requestId}/skan/dowod`)).statusCode).toBe(404);

    const mails = await mailbox();
    const loginMail = mails.find((m) => m.subject === 'e-BOK: Twój login');
    const passwordMail = mails.find((m) => m.subject === 'e-BOK: hasło startowe');
    const login = /Login: (\S+)/.exec(loginMail?.text ?? '')?.[1] ?? '';
    const password = /Hasło startowe: (\S+)/.exec(passwordMail?.text ?? '')?.[1] ?? '';
    expect(login).toBe('zzdalny');
    expect(loginMail?.text).not.toContain(password);
    expect(passwordMail?.text).not.toContain(`Login: ${login}`);
    expect((await client().signIn('/ebok', login, password)).headers.location).toBe('/ebok/konto/haslo');
    const stored = await queryRows<{ text_body: string }>(
      t.database.db,
      sql`select text_body from outbox_messages where subject = 'e-BOK: hasło startowe'`,
    );
    expect(stored[0]?.text_body).not.toContain(password);
  });

  it('rejects a request with a reason, deletes its scans, and purges undecided ones after 30 days', async () => {
    const applicant = client();
    await applicant.get('/ebok/aktywacja');
    const body = multipartBody(
      {
        _csrf: applicant.lastCsrf ?? '',
        imie: 'Ewa',
        nazwisko: 'Odrzucona',
        pesel: '',
        adres: 'ul. Nieznana 5/5',
        email: 'ewa@example.pl',
        telefon: '',
        regulamin: 'tak',
      },
      { formularz: { name: 'f.pdf', data: PDF }, dowod: { name: 'd.pdf', data: PDF } },
    );
    await applicant.request({
      method: 'POST',
      url: '/ebok/aktywacja',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    const link = /\/ebok\/aktywacja\/potwierdz\/[A-Za-z0-9_-]+/.exec((await mailbox())[0]?.text ?? '')?.[0] ?? '';
    await pressLink(applicant, link);
    const [row] = await t.database.db
      .select()
      .from(activationRequests)
      .where(eq(activationRequests.email, 'ewa@example.pl'));
    await clerk.get(`/panel/aktywacja/wnioski/${row?.id}`);
    const empty = await clerk.post(`/panel/aktywacja/wnioski/${row?.id}/odrzuc`, { powod: '' });
    expect(empty.body).toContain('Podaj powód odrzucenia');
    await clerk.post(`/panel/aktywacja/wnioski/${row?.id}/odrzuc`, { powod: 'Skan dowodu jest nieczytelny.' });
    const rejection = (await mailbox()).find((m) => m.subject === 'e-BOK: wniosek o dostęp nie został przyjęty');
    expect(rejection?.text).toContain('Powód: Skan dowodu jest nieczytelny.');
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(0);

    // An unconfirmed request goes as soon as its link expires; a confirmed one after 30 days undecided.
    const late = client();
    await apply(late, { nazwisko: 'Zapomniany', email: 'stefan@example.pl' }, { dowod: PDF });
    await apply(late, { nazwisko: 'Niepotwierdzona', email: 'olga@example.pl' }, { dowod: PDF });
    await pressLink(late, await confirmationLinkTo('stefan@example.pl'));
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(4 * PDF.length);
    const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    expect(await purgeStaleActivationRequests(t.database.db, { now: hoursLater(EMAIL_LINK_HOURS - 1) })).toBe(0);
    expect(await purgeStaleActivationRequests(t.database.db, { now: hoursLater(EMAIL_LINK_HOURS + 1) })).toBe(1);
    expect(await requestsFor('olga@example.pl')).toMatchObject([{ status: 'expired', formScan: null, idScan: null }]);
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(2 * PDF.length);
    expect(await purgeStaleActivationRequests(t.database.db, { now: hoursLater(29 * 24) })).toBe(0);
    expect(await purgeStaleActivationRequests(t.database.db, { now: hoursLater(31 * 24) })).toBe(1);
    expect(await storedScanBytes(t.database.db, { organizationId: organization.id })).toBe(0);
    // The link of a purged request no longer works.
    expect((await pressLink(late, await confirmationLinkTo('olga@example.pl'))).statusCode).toBe(410);
  });

  it('answers a forgotten password neutrally and lets staff send a new one to the activation e-mail', async () => {
    const person = await holder('Halina', 'Zapominalska');
    const account = await makeAccount(t.database.db, organization.id, {
      login: 'hzapominalska',
      personId: person.id,
      activationEmail: 'halina@example.pl',
    });
    const withoutEmail = await holder('Bogdan', 'Bezmailowy');
    const noEmail = await makeAccount(t.database.db, organization.id, {
      login: 'bezmaila',
      personId: withoutEmail.id,
      activationEmail: null,
    });
    const session = client();
    await session.signIn('/ebok', 'hzapominalska', TEST_PASSWORD);
    const answers: string[] = [];
    for (const typed of ['hzapominalska', 'nie-ma-takiego', 'bezmaila']) {
      const c = client();
      await c.get('/ebok/nie-pamietam-hasla');
      const response = await c.post('/ebok/nie-pamietam-hasla', { login: typed });
      expect(response.statusCode).toBe(200);
      answers.push(response.body.replace(/name="_csrf" value="[^"]+"/g, ''));
    }
    expect(new Set(answers).size).toBe(1);
    expect(await mailbox()).toHaveLength(0); // self-service is off by default

    // Asking again changes nothing for staff: one waiting request per account, none for nobody.
    for (let i = 0; i < 9; i++) {
      const c = client();
      await c.get('/ebok/nie-pamietam-hasla');
      await c.post('/ebok/nie-pamietam-hasla', { login: i % 2 ? 'hzapominalska' : 'nie-ma-takiego' });
    }
    const queue = await clerk.get('/panel/hasla');
    expect(queue.body.match(/Wyślij nowe hasło na halina@example.pl/g)).toHaveLength(1);
    expect(queue.body).not.toContain('nie-ma-takiego');
    expect(queue.body).toContain('brak adresu e-mail: tylko osobiście');
    const requestId = /\/panel\/hasla\/(\d+)\/wyslij/.exec(queue.body)?.[1];
    await clerk.post(`/panel/hasla/${requestId}/wyslij`);
    const mail = (await mailbox()).find((m) => m.subject === 'e-BOK: nowe hasło startowe');
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('halina@example.pl');
    const password = /Hasło startowe: (\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect((await session.get('/ebok/konto')).statusCode).toBe(302); // every session ended
    expect((await client().signIn('/ebok', 'hzapominalska', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await client().signIn('/ebok', 'hzapominalska', password)).headers.location).toBe('/ebok/konto/haslo');
    expect((await client().signIn('/ebok', 'hzapominalska', password)).body).toContain(
      'To hasło startowe zostało już użyte',
    );
    // A new starting password, handed over at the desk, works once again.
    await clerk.get('/panel/hasla');
    const handed = await clerk.post(`/panel/konta/${account.id}/nowe-haslo`, {
      dostarczenie: 'desk',
      dokument: 'dowód osobisty',
    });
    const deskPassword = /Hasło startowe<\/dt><dd class="secret">([^<]+)</.exec(handed.body)?.[1] ?? '';
    expect((await client().signIn('/ebok', 'hzapominalska', deskPassword)).headers.location).toBe('/ebok/konto/haslo');

    // Without an e-mail on file: only at the desk.
    await clerk.get('/panel/hasla');
    const refused = await clerk.post(`/panel/konta/${noEmail.id}/nowe-haslo`, { dostarczenie: 'email' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('<p class="field-error" id="pole-dostarczenie">');
    expect(refused.body).toContain('To konto nie ma adresu e-mail z formularza aktywacji');
    // At the desk the kind of ID checked is recorded, never its number.
    const unchecked = await clerk.post(`/panel/konta/${noEmail.id}/nowe-haslo`, { dostarczenie: 'desk' });
    expect(unchecked.statusCode).toBe(422);
    expect(unchecked.body).toContain('Wybierz dokument, na podstawie którego sprawdzono tożsamość.');
    const desk = await clerk.post(`/panel/konta/${noEmail.id}/nowe-haslo`, {
      dostarczenie: 'desk',
      dokument: 'karta pobytu',
    });
    expect(desk.body).toContain('Dane do logowania');
    expect(desk.body).toContain('bezmaila');
    const checks = await t.database.db
      .select()
      .from(identityVerifications)
      .where(eq(identityVerifications.accountId, noEmail.id));
    expect(checks).toMatchObject([
      { method: 'desk', purpose: 'password_reset', documentType: 'karta pobytu', verifiedBy: clerkAccount.id },
    ]);
    const [issued] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'password.reset_by_staff'), eq(auditLog.subjectId, String(noEmail.id))));
    expect(issued?.detail).toEqual({ deliver: 'desk', documentType: 'karta pobytu' });
    expect(account.id).toBeGreaterThan(0);

    // The request for the account handled at the desk is closed without a new password: audited.
    const [request] = await t.database.db
      .select()
      .from(passwordResetRequests)
      .where(and(eq(passwordResetRequests.accountId, noEmail.id), eq(passwordResetRequests.status, 'pending')));
    await clerk.get('/panel/hasla');
    const closed = await clerk.post(`/panel/hasla/${request?.id}/zamknij`);
    expect(closed.headers.location).toBe(`/panel/hasla?zamknieto=${request?.id}`);
    expect((await clerk.get(closed.headers.location as string)).body).toContain('zamknięta bez nowego hasła');
    const dismissed = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'password.reset_request_dismissed'));
    expect(dismissed).toMatchObject([
      {
        actorAccountId: clerkAccount.id,
        subjectType: 'account',
        subjectId: String(noEmail.id),
        ip: expect.any(String),
      },
    ]);
    expect(dismissed[0]?.detail).toEqual({ requestId: request?.id });
    await clerk.get('/panel/hasla');
    expect((await clerk.post(`/panel/hasla/${request?.id}/zamknij`)).statusCode).toBe(404);
  });

  it('sends a single-use 30-minute reset link when the organization allows self-service', async () => {
    await updateOrganizationSettings(t.database.db, organization.id, {
      ...organization.settings,
      selfServiceReset: true,
    });
    await makeAccount(t.database.db, organization.id, { login: 'samodzielna', activationEmail: 'sama@example.pl' });
    const c = client();
    await c.get('/ebok/nie-pamietam-hasla');
    await c.post('/ebok/nie-pamietam-hasla', { login: 'sama@example.pl' });
    const mail = (await mailbox()).find((m) => m.subject === 'e-BOK: ustaw nowe hasło');
    expect(mail?.text).toContain('działa jeden raz przez 30 minut.');
    expect(mail?.text).toContain('Jeśli ta prośba nie pochodzi od Ciebie');
    const path = /\/ebok\/nowe-haslo\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0] ?? '';
    const form = await c.get(path);
    expect(form.statusCode).toBe(200);
    // The strength hint, as on the password change page.
    expect(form.body).toContain('data-strength-for="pole-nowe" data-strength-min="12"');
    expect(form.body).toContain('data-strength-words="samodzielna ');
    expect(form.body).toMatch(/<script type="module" src="\/assets\/\w+\/js\/password-strength\.js"/);
    const weak = await c.post(path, { nowe: 'krótkie', powtorzone: 'krótkie' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('data-strength-for="pole-nowe"');
    await c.get(path);
    const done = await c.post(path, { nowe: 'moje nowe długie hasło', powtorzone: 'moje nowe długie hasło' });
    expect(done.headers.location).toBe('/ebok?haslo=zmienione');
    expect((await c.get(path)).statusCode).toBe(410);
    await c.get('/ebok/nie-pamietam-hasla');
    const again = { nowe: 'jeszcze inne długie hasło', powtorzone: 'jeszcze inne długie hasło' };
    expect((await c.post(path, again)).statusCode).toBe(410); // used up, also when posted
    expect((await client().signIn('/ebok', 'samodzielna', 'moje nowe długie hasło')).headers.location).toBe('/ebok');

    await c.get('/ebok/nie-pamietam-hasla');
    await c.post('/ebok/nie-pamietam-hasla', { login: 'samodzielna' });
    const second = (await mailbox()).find((m) => m.subject === 'e-BOK: ustaw nowe hasło');
    const late = /\/ebok\/nowe-haslo\/[A-Za-z0-9_-]+/.exec(second?.text ?? '')?.[0] ?? '';
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await c.get(late)).statusCode).toBe(410);
    await c.get('/ebok/nie-pamietam-hasla');
    expect((await c.post(late, { nowe: 'krótkie', powtorzone: 'krótkie' })).statusCode).toBe(410); // expired
    await updateOrganizationSettings(t.database.db, organization.id, {
      ...organization.settings,
      selfServiceReset: false,
    });
  });

  it('changes the e-mail only through a link to the new address, telling the old one', async () => {
    const account = await makeAccount(t.database.db, organization.id, { activationEmail: 'stary@example.pl' });
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD, { now });
    await c.get('/ebok/konto');
    const bad = await c.post('/ebok/konto/email', { email: 'to-nie-adres' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Podaj prawidłowy adres e-mail');
    expect(bad.body).toContain('value="to-nie-adres"');
    const asked = await c.post('/ebok/konto/email', { email: 'Nowy@Example.pl' });
    expect(asked.headers.location).toBe('/ebok/konto?zmieniono=email-link');
    const mails = await mailbox();
    const notice = mails.find((m) => m.subject === 'e-BOK: prośba o zmianę adresu e-mail');
    expect(notice?.to && 'text' in notice.to ? notice.to.text : '').toBe('stary@example.pl');
    const confirm = mails.find((m) => m.subject === 'e-BOK: potwierdź nowy adres e-mail');
    expect(confirm?.text).toContain('(link ważny 24 godziny)');
    const path = /\/ebok\/konto\/email\/[A-Za-z0-9_-]+/.exec(confirm?.text ?? '')?.[0] ?? '';
    expect(
      (await findAccountByLogin(t.database.db, { organizationId: organization.id, login: account.login }))
        ?.activationEmail,
    ).toBe('stary@example.pl');
    const confirming = client();
    const opened = await confirming.get(path);
    expect(opened.body).toContain('Po potwierdzeniu adres nowy@example.pl zostanie zapisany');
    expect(
      (await findAccountByLogin(t.database.db, { organizationId: organization.id, login: account.login }))
        ?.activationEmail,
    ).toBe('stary@example.pl');
    expect((await confirming.post(path)).body).toContain('Adres e-mail zmieniony');
    expect(
      (await findAccountByLogin(t.database.db, { organizationId: organization.id, login: account.login }))
        ?.activationEmail,
    ).toBe('nowy@example.pl');
    expect((await client().get(path)).statusCode).toBe(410);
    expect((await confirming.post(path)).statusCode).toBe(410);

    await c.get('/ebok/konto');
    const badPhone = await c.post('/ebok/konto/telefon', { telefon: '12ab' });
    expect(badPhone.body).toContain('Nieprawidłowy numer telefonu');
    expect(badPhone.body).toContain('value="12ab"');
    await c.get('/ebok/konto');
    expect((await c.post('/ebok/konto/telefon', { telefon: '+48 600 100 200' })).headers.location).toBe(
      '/ebok/konto?zmieniono=telefon',
    );
    expect(
      (await findAccountByLogin(t.database.db, { organizationId: organization.id, login: account.login }))?.phone,
    ).toBe('+48 600 100 200');
  });

  it('keeps the activation pages from members and other organizations', async () => {
    const memberAccount = await makeAccount(t.database.db, organization.id);
    const member = client();
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
    for (const url of ['/panel/aktywacja', '/panel/aktywacja/wnioski', '/panel/hasla']) {
      expect((await member.get(url)).statusCode, url).toBe(404);
    }
    // The clerk's session went idle while the clock moved on: sign in again.
    await signInClerk();
    const other = await makeOrganization(t.database.db);
    const foreign = await makePerson(t.database.db, other.id, { firstName: 'Obcy', lastName: 'Człowiek' });
    expect((await clerk.get(`/panel/aktywacja/osoba/${foreign.id}`)).statusCode).toBe(404);
    // Nor can the clerk give another organization's member a new password.
    const foreignAccount = await makeAccount(t.database.db, other.id, { personId: foreign.id });
    await clerk.get('/panel/hasla');
    const replaced = await clerk.post(`/panel/konta/${foreignAccount.id}/nowe-haslo`, {
      dostarczenie: 'desk',
      dokument: 'dowód osobisty',
    });
    expect(replaced.statusCode).toBe(404);
    expect(replaced.body).not.toContain('Hasło startowe');
  });

  it('lets an applicant whose confirmation link expired apply again; the old request expires with its scans', async () => {
    const applicant = client();
    const fields = { nazwisko: 'Spóźniona', email: 'spozniona@example.pl' };
    expect((await apply(applicant, fields)).statusCode).toBe(200);
    const oldLink = /\/ebok\/aktywacja\/potwierdz\/[A-Za-z0-9_-]+/.exec((await mailbox())[0]?.text ?? '')?.[0] ?? '';
    // Within the 48 hours the address is still blocked by the waiting request.
    now = new Date(now.getTime() + (EMAIL_LINK_HOURS - 1) * 3_600_000);
    expect((await apply(applicant, fields)).body).toContain('już czeka na rozpatrzenie');

    now = new Date(now.getTime() + 2 * 3_600_000);
    const late = await applicant.get(oldLink);
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('Złóż wniosek ponownie');
    const again = await apply(applicant, fields);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Sprawdź skrzynkę e-mail');

    const rows = await requestsFor('spozniona@example.pl');
    const old = rows.find((r) => r.status === 'expired');
    const fresh = rows.find((r) => r.status === 'awaiting_email');
    expect(rows).toHaveLength(2);
    expect(old).toMatchObject({ formScan: null, idScan: null, emailTokenHash: null, scansDeletedAt: now });
    expect(fresh?.formScan?.length).toBe(PDF.length);
    expect((await pressLink(applicant, oldLink)).statusCode).toBe(410);
    const newLink =
      /\/ebok\/aktywacja\/potwierdz\/[A-Za-z0-9_-]+/.exec((await mailbox()).at(-1)?.text ?? '')?.[0] ?? '';
    expect((await pressLink(applicant, newLink)).body).toContain('Adres e-mail potwierdzony');
  });

  it('suggests persons for a remote request by PESEL, unit address and name, and finds any holder by a search', async () => {
    const db = t.database.db;
    // The applicant signs with a new surname, but gives the address of the unit she holds.
    const building = await makeBuilding(db, organization.id, { street: 'ul. Kasztanowa', number: '7' });
    const unit = await makeUnit(db, organization.id, { buildingId: building.id, number: '3' });
    const atAddress = await makePerson(db, organization.id, { firstName: 'Genowefa', lastName: 'Panieńska' });
    await makeRight(db, organization.id, { unitId: unit.id, personId: atAddress.id, validFrom: '2010-05-01' });
    const former = await makePerson(db, organization.id, { firstName: 'Genowefa', lastName: 'Kasztelan' });
    await makeRight(db, organization.id, {
      unitId: unit.id,
      personId: former.id,
      validFrom: '2001-01-01',
      validTo: '2010-05-01',
    });
    const elsewhere = await holder('Teodor', 'Szukany', '72052468240');
    await signInClerk();

    const applicant = client();
    await apply(applicant, {
      imie: 'Genowefa',
      nazwisko: 'Kasztelan',
      adres: 'Kasztanowa 7 m. 3, 40-282 Katowice',
      email: 'genowefa@example.pl',
    });
    const link = /\/ebok\/aktywacja\/potwierdz\/[A-Za-z0-9_-]+/.exec((await mailbox()).at(-1)?.text ?? '')?.[0] ?? '';
    await pressLink(applicant, link);
    const [row] = await requestsFor('genowefa@example.pl');
    const base = `/panel/aktywacja/wnioski/${row?.id}`;

    const detail = await clerk.get(base);
    expect(detail.body).toContain(`value="${atAddress.id}" checked`);
    expect(detail.body).toContain('ul. Kasztanowa 7/3, 40-282 Katowice');
    expect(detail.body).toContain('zgodność: adres lokalu');
    // Only persons holding a right today: not the former holder with the same name, nor others.
    expect(detail.body).not.toContain(`value="${former.id}"`);
    expect(detail.body).not.toContain(`value="${elsewhere.id}"`);

    for (const query of ['Szukany', '8240', '72052468240', 'Testowa']) {
      const found = await clerk.get(`${base}?szukaj=${encodeURIComponent(query)}`);
      expect(found.body, query).toContain(`value="${elsewhere.id}"`);
      expect(found.body, query).toContain('zgodność: wyszukiwanie');
    }
    const nobody = await clerk.get(`${base}?szukaj=Kasztelan`);
    expect(nobody.body).not.toContain(`value="${former.id}"`);

    // A refused approval keeps the search and the person chosen.
    const refused = await clerk.post(`${base}/zatwierdz`, { osoba: String(elsewhere.id), szukaj: 'Szukany' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Wybierz dokument');
    expect(refused.body).toContain(`value="${elsewhere.id}" checked`);
    expect(refused.body).toContain('value="Szukany"');
    const approved = await clerk.post(`${base}/zatwierdz`, {
      osoba: String(atAddress.id),
      dokument: 'paszport',
    });
    const [decided] = await requestsFor('genowefa@example.pl');
    expect(decided).toMatchObject({ status: 'approved', personId: atAddress.id });
    expect(approved.headers.location).toBe(`/panel/aktywacja/wnioski?zatwierdzono=${decided?.id}`);
    // The queue says what happened and shows the generated login.
    const queue = await clerk.get(approved.headers.location as string);
    const [opened] = await t.database.db.select().from(accounts).where(eq(accounts.personId, atAddress.id));
    expect(queue.body).toContain(
      `Wniosek zatwierdzony (Genowefa Kasztelan) — login ${opened?.login} wysłany na adres genowefa@example.pl`,
    );
    expect((await mailbox()).map((m) => m.subject)).toEqual(
      expect.arrayContaining(['e-BOK: Twój login', 'e-BOK: hasło startowe']),
    );
  });

  it('refuses a scan over 10 MB, keeps what was typed and stores nothing', async () => {
    const applicant = client();
    const justOver = Buffer.concat([PDF, Buffer.alloc(MAX_SCAN_BYTES + 1 - PDF.length, 32)]);
    const refused = await apply(
      applicant,
      { nazwisko: 'Wielkoplikowa', email: 'duzy@example.pl' },
      { dowod: justOver },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Plik jest za duży: największy dozwolony rozmiar to 10 MB.');
    expect(refused.body).toContain('value="Wielkoplikowa"');
    // Far over the limit the upload is cut off while it streams in, and refused the same way.
    const farOver = Buffer.alloc(MAX_SCAN_BYTES + 3 * 1024 * 1024, 32);
    const cut = await apply(applicant, { nazwisko: 'Wielkoplikowa', email: 'duzy@example.pl' }, { formularz: farOver });
    expect(cut.statusCode).toBe(422);
    expect(cut.body).toContain('Plik jest za duży');
    expect(await requestsFor('duzy@example.pl')).toHaveLength(0);
    expect(await mailbox()).toHaveLength(0);
  });
});
