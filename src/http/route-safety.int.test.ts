import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestClient } from '../../test/support/test-client.ts';
import type { Access } from './auth.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** A concrete URL for a route pattern (ids that exist nowhere). */
const concrete = (url: string) => url.replace(/:id\b/g, '999999').replace(/:[a-zA-Z]+/g, 'x');

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
    const levels = new Set<string>(routes.map((r) => (Array.isArray(r.access) ? 'roles' : String(r.access))));
    for (const level of ['public', 'session', 'member', 'staff', 'roles']) expect(levels, level).toContain(level);
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
      } else if (route.access === 'staff' || Array.isArray(route.access)) {
        expect((await member.get(url)).statusCode, url).toBe(404);
        if (Array.isArray(route.access) && !route.access.includes('editor')) {
          expect((await editor.get(url)).statusCode, url).toBe(404);
        }
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
      'GET /panel/korespondencja/zgody',
      'GET /panel/korespondencja/skany',
      'GET /panel/rejestr',
    ];
    for (const key of registerOnly) {
      const route = routes.find((r) => `${r.method} ${r.url}` === key);
      expect(route?.access, key).toEqual(expect.arrayContaining(['clerk']));
      expect(route?.access, key).not.toContain('editor');
    }
    for (const url of ['/panel/korespondencja/999999/raport.csv', '/panel/korespondencja/druk'])
      expect((await editor.get(url)).statusCode, url).toBe(404);
    expect((await editor.get('/panel/korespondencja')).statusCode).toBe(200);
  });

  it('refuses every state-changing request without a CSRF token', async () => {
    const unsafe = routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
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
