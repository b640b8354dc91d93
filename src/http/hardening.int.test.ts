import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestClient } from '../../test/support/test-client.ts';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { loadConfig } from '../config.ts';
import { randomToken } from '../lib/tokens.ts';
import { buildApp } from './app.ts';
import { loggerOptions } from './logger.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** Findings of the security probes (issue 21), each pinned by a test that failed before its fix. */
describe('hardening', () => {
  let t: TestApp;
  let member: TestClient;
  let accountant: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    const organization = await makeOrganization(t.database.db);
    const { totpKey } = await t.app.secrets();
    const memberAccount = await makeAccount(t.database.db, organization.id);
    const accountantAccount = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['accountant'],
      totpSecret: SECRET,
      totpKey,
    });
    member = new TestClient(t.app, 'localhost', '10.7.0.1');
    accountant = new TestClient(t.app, 'localhost', '10.7.0.2');
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
    await accountant.signIn('/panel', accountantAccount.login, TEST_PASSWORD, { totpSecret: SECRET });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a form sent from another site even with a valid token, and takes the same form from this one', async () => {
    await member.get('/ebok/konto/sesje');
    const form = (headers: Record<string, string> = {}) =>
      member.request({
        method: 'POST',
        url: '/ebok/konto/sesje/wyloguj-pozostale',
        payload: new URLSearchParams({ _csrf: member.lastCsrf ?? '' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'not a url' },
      // A page of another site that sends no referrer: Origin null, but the browser says cross-site.
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of foreign) {
      expect((await form(headers)).statusCode, JSON.stringify(headers)).toBe(403);
    }
    // Our own forms: Chromium sends Origin null (our pages send no referrer) and same-origin.
    expect((await form({ origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(303);
    expect((await form({ origin: 'http://localhost' })).statusCode).toBe(303);
    expect((await form()).statusCode).toBe(303);
  });

  it('sends personal downloads with private, no-store', async () => {
    const csv = await accountant.get('/panel/finanse/dluznicy.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('private, no-store');
    const page = await member.get('/ebok/finanse');
    expect(page.headers['cache-control']).toBe('private, no-store');
    // Public pages may be revalidated by browsers.
    expect((await new TestClient(t.app).get('/')).headers['cache-control']).not.toContain('no-store');
  });

  it('drops a next= that folds into another host before it reaches the sign-in form', async () => {
    const page = await new TestClient(t.app).get('/ebok?next=%2F.%2F%2Fevil.example');
    expect(page.statusCode).toBe(200);
    // Before the fix the hidden field held `//evil.example` (the POST re-checked it).
    expect(page.body).toContain('name="login"');
    expect(page.body).not.toMatch(/name="next"[^>]*evil|evil[^>]*name="next"/);
  });

  it('answers an overlong one-time code at the field, never with a server error', async () => {
    const long = '1'.repeat(25);
    const organization = await makeOrganization(t.database.db, { hostname: 'kody.example' });
    const { totpKey } = await t.app.secrets();
    const staff = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
    });
    const clerk = new TestClient(t.app, 'kody.example', '10.7.0.3');
    const first = await clerk.signIn('/panel', staff.login, TEST_PASSWORD);
    expect(first.headers.location).toBe('/panel/logowanie/kod');
    await clerk.get('/panel/logowanie/kod');
    const code = await clerk.post('/panel/logowanie/kod', { kod: long });
    expect(code.statusCode).toBe(422);
    expect(code.body).toContain('Kod jest nieprawidłowy');
    // Enrolment of the second factor, for members and staff alike.
    const enrolling = await makeAccount(t.database.db, organization.id);
    const newcomer = new TestClient(t.app, 'kody.example', '10.7.0.4');
    await newcomer.signIn('/ebok', enrolling.login, TEST_PASSWORD);
    await newcomer.get('/ebok/konto/weryfikacja-dwuetapowa');
    const enrolment = await newcomer.post('/ebok/konto/weryfikacja-dwuetapowa', { kod: long });
    expect(enrolment.statusCode).toBe(422);
    expect(enrolment.body).toContain('Kod jest nieprawidłowy');
  });

  it('tells anonymous callers of /readyz only whether the app is ready', async () => {
    const ready = await new TestClient(t.app).get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' });
  });
});

describe('request log', () => {
  it('never holds the secret token of an e-mailed link', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' });
    const database = await createTestDatabase();
    const app = await buildApp({
      config,
      gate: { database },
      logger: { ...(loggerOptions('info') as object), stream },
    });
    await app.ready();
    try {
      await makeOrganization(database.db);
      const token = randomToken();
      for (const url of [
        `/ebok/aktywacja/potwierdz/${token}`,
        `/ebok/nowe-haslo/${token}`,
        `/korespondencja/potwierdz/${token}`,
        `/ebok/konto/email/${token}`,
      ]) {
        await app.inject({ method: 'GET', url, headers: { host: 'localhost' } });
        await app.inject({ method: 'POST', url, headers: { host: 'localhost' }, payload: {} });
      }
      const log = lines.join('');
      expect(log).toContain('/ebok/nowe-haslo/[ukryte]');
      expect(log).not.toContain(token);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
