import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestClient } from '../../test/support/test-client.ts';
import { can, isCapability, rolesWith } from '../policy.ts';
import type { Access } from './auth.ts';

const editorRoles = { kind: 'staff' as const, roles: ['editor' as const] };
/** Whether staff may be refused this route for lacking a capability the editor lacks. */
const closedToEditors = (access: Access) => isCapability(access) && !can(editorRoles, access);
const forStaff = (access: Access) => access === 'staff' || isCapability(access);

const SECRET = 'JBSWY3DPEHPK3PXP';

/** A concrete URL for a route pattern (ids, `:id` or `:fileId`, that exist nowhere). */
const concrete = (url: string) => url.replace(/:(id|[a-zA-Z]+Id)\b/g, '999999').replace(/:[a-zA-Z]+/g, 'x');

/**
 * Walks every registered route, so that a new route that forgets its guard or its CSRF check
 * fails here. (Registering a route without an access level already fails at start-up.)
 */
describe('every route is guarded', () => {
  let t: TestApp;
  let member: TestClient;
  let editor: TestClient;
  let admin: TestClient;
  let routes: { method: string; url: string; access: Access }[];

  beforeAll(async () => {
    t = await createTestApp();
    const organization = await makeOrganization(t.database.db);
    const { totpKey } = await t.app.secrets();
    const memberAccount = await makeAccount(t.database.db, organization.id);
    const editorAccount = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['editor'],
      totpSecret: SECRET,
      totpKey,
    });
    const adminAccount = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['admin', 'clerk', 'accountant', 'editor'],
      totpSecret: SECRET,
      totpKey,
    });
    member = new TestClient(t.app, 'localhost', '10.2.0.1');
    editor = new TestClient(t.app, 'localhost', '10.2.0.2');
    admin = new TestClient(t.app, 'localhost', '10.2.0.3');
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
    await editor.signIn('/panel', editorAccount.login, TEST_PASSWORD, { totpSecret: SECRET });
    await admin.signIn('/panel', adminAccount.login, TEST_PASSWORD, {
      totpSecret: SECRET,
      now: new Date(Date.now() + 30_000),
    });
    routes = t.app.routeList;
  });
  afterAll(async () => {
    await t.close();
  });

  it('has routes of every kind to check', () => {
    const levels = new Set<string>(routes.map((r) => (isCapability(r.access) ? 'capability' : r.access)));
    for (const level of ['public', 'session', 'member', 'staff', 'capability']) expect(levels, level).toContain(level);
  });

  it('sends anonymous visitors of non-public pages to sign-in (or 404), never the page', async () => {
    const anonymous = new TestClient(t.app, 'localhost', '10.2.0.9');
    for (const route of routes.filter((r) => r.method === 'GET' && r.access !== 'public')) {
      const response = await anonymous.get(concrete(route.url));
      expect([302, 404], `${route.url}`).toContain(response.statusCode);
      if (response.statusCode === 302) expect(String(response.headers.location)).toMatch(/^\/(ebok|panel)(\?next=|$)/);
    }
  });

  it('refuses the wrong kind of account and staff without the role', async () => {
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const url = concrete(route.url);
      if (route.access === 'member') {
        expect((await admin.get(url)).statusCode, url).toBe(404);
      } else if (forStaff(route.access)) {
        expect((await member.get(url)).statusCode, url).toBe(404);
        if (closedToEditors(route.access)) expect((await editor.get(url)).statusCode, url).toBe(404);
      }
    }
  });

  it('keeps the register away from editors: recipients of letters, delivery lists, the print queue', async () => {
    // Pinned here, so that widening these routes' roles by mistake fails a test.
    const registerOnly = [
      'GET /panel/korespondencja/:id/raport.csv',
      'GET /panel/korespondencja/druk',
      'GET /panel/korespondencja/druk.pdf',
      'POST /panel/korespondencja/druk/potwierdz',
      'POST /panel/korespondencja/:id/adresaci',
      'POST /panel/korespondencja/:id/adresaci/usun',
      'GET /panel/korespondencja/zgody',
      'GET /panel/korespondencja/zgody/:id',
      'POST /panel/korespondencja/zgody/:id',
      'POST /panel/korespondencja/zgody/:id/wycofaj',
      'GET /panel/korespondencja/skany',
      'GET /panel/korespondencja/skany/:id',
      'GET /panel/korespondencja/skany/:id/plik',
      'GET /panel/korespondencja/skany/:id/dowod',
      'POST /panel/korespondencja/skany/:id/przyjmij',
      'POST /panel/korespondencja/skany/:id/odrzuc',
      'GET /panel/rejestr',
    ];
    for (const key of registerOnly) {
      const access = routes.find((r) => `${r.method} ${r.url}` === key)?.access ?? 'public';
      expect(isCapability(access), key).toBe(true);
      const roles = isCapability(access) ? rolesWith(access) : [];
      expect(roles, key).toContain('clerk');
      expect(roles, key).not.toContain('editor');
    }
    for (const url of ['/panel/korespondencja/999999/raport.csv', '/panel/korespondencja/druk'])
      expect((await editor.get(url)).statusCode, url).toBe(404);
    expect((await editor.get('/panel/korespondencja')).statusCode).toBe(200);
  });

  const unsafeRoutes = () => routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));

  /** Sends a form with the client's valid CSRF token, so that only the route's guard can refuse it. */
  const postWithToken = (client: TestClient, method: string, url: string) =>
    client.request({
      method: method as 'POST',
      url,
      payload: new URLSearchParams({ _csrf: client.lastCsrf ?? '', a: 'b' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('sends anonymous state-changing requests to sign-in, even with a valid CSRF token', async () => {
    const anonymous = new TestClient(t.app, 'localhost', '10.2.0.10');
    await anonymous.get('/ebok/nie-pamietam-hasla');
    expect(anonymous.lastCsrf).toBeDefined();
    // The token is good: a public form takes it.
    const control = await anonymous.post('/ebok/nie-pamietam-hasla', { login: 'ktokolwiek' });
    expect(control.statusCode).toBe(200);
    const guarded = unsafeRoutes().filter((r) => r.access !== 'public');
    expect(guarded.length).toBeGreaterThan(20);
    for (const route of guarded) {
      const response = await postWithToken(anonymous, route.method, concrete(route.url));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(303);
      expect(String(response.headers.location), `${route.method} ${route.url}`).toMatch(/^\/(ebok|panel)$/);
    }
  });

  it('refuses state-changing requests of the wrong kind of account and of staff without the role', async () => {
    // Each client's token is good: a harmless request of its own is accepted.
    for (const [client, section] of [
      [member, '/ebok'],
      [editor, '/panel'],
      [admin, '/panel'],
    ] as const) {
      await client.get(`${section}/konto/sesje`);
      const own = await postWithToken(client, 'POST', `${section}/konto/sesje/wyloguj-pozostale`);
      expect(own.statusCode, section).toBe(303);
    }
    let checked = 0;
    for (const route of unsafeRoutes()) {
      const url = concrete(route.url);
      const refuse = async (client: TestClient) => {
        const response = await postWithToken(client, route.method, url);
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
        checked++;
      };
      if (route.access === 'member') {
        await refuse(admin);
      } else if (forStaff(route.access)) {
        await refuse(member);
        if (closedToEditors(route.access)) await refuse(editor);
      }
    }
    expect(checked).toBeGreaterThan(20);
    // Nothing was changed on the way: all three are still signed in.
    expect((await member.get('/ebok/konto')).statusCode).toBe(200);
    expect((await editor.get('/panel/konto')).statusCode).toBe(200);
    expect((await admin.get('/panel/pracownicy')).statusCode).toBe(200);
  });

  it('refuses every state-changing request without a CSRF token', async () => {
    const unsafe = unsafeRoutes();
    expect(unsafe.length).toBeGreaterThan(5);
    for (const route of unsafe) {
      const client = route.access === 'member' || route.url.startsWith('/ebok') ? member : admin;
      const response = await client.request({
        method: route.method as 'POST',
        url: concrete(route.url),
        payload: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    // Still signed in: the refused requests changed nothing.
    expect((await member.get('/ebok/konto')).statusCode).toBe(200);
    expect((await admin.get('/panel/pracownicy')).statusCode).toBe(200);
  });
});
