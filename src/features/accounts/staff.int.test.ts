import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { auditLog } from '../audit/schema.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { type Account, findAccount, findAccountByLogin } from './queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('staff management and the audit log', () => {
  let t: TestApp;
  let organization: Organization;
  let admin: Account;
  let adminClient: TestClient;
  let now = new Date('2026-11-25T09:00:00Z');
  let ip = 0;
  const client = () => new TestClient(t.app, 'localhost', `10.1.0.${++ip}`);

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db);
    const { totpKey } = await t.app.secrets();
    admin = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      login: 'szefowa',
      displayName: 'Szefowa Administracji',
      roles: ['admin'],
      totpSecret: SECRET,
      totpKey,
    });
    adminClient = client();
    expect(
      (await adminClient.signIn('/panel', 'szefowa', TEST_PASSWORD, { totpSecret: SECRET, now })).headers.location,
    ).toBe('/panel');
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds a staff member whose starting password works once and forces a change', async () => {
    await adminClient.get('/panel/pracownicy');
    const bad = await adminClient.post('/panel/pracownicy', { login: 'a b', displayName: '', email: 'zły', roles: [] });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Login może zawierać tylko litery');
    expect(bad.body).toContain('Podaj imię i nazwisko.');
    expect(bad.body).toContain('Nieprawidłowy adres e-mail.');
    expect(bad.body).toContain('Wybierz co najmniej jedną rolę.');
    expect(bad.body).toContain('value="a b"');

    const created = await adminClient.post('/panel/pracownicy', {
      login: 'nowa.ksiegowa',
      displayName: 'Nowa Księgowa',
      email: 'ksiegowa@example.pl',
      roles: ['accountant', 'clerk'],
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const password = /Hasło startowe<\/dt><dd class="secret">([^<]+)</.exec(created.body)?.[1] ?? '';
    expect(password).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    const account = await findAccountByLogin(t.database.db, {
      organizationId: organization.id,
      login: 'nowa.ksiegowa',
    });
    expect(account?.roles).toEqual(['accountant', 'clerk']);
    expect(account?.mustChangePassword).toBe(true);
    expect(account?.passwordHash).not.toContain(password);

    const duplicate = await adminClient.post('/panel/pracownicy', {
      login: 'NOWA.KSIEGOWA',
      displayName: 'Ktoś',
      roles: ['clerk'],
    });
    expect(duplicate.body).toContain('Ten login jest już zajęty.');

    const c = client();
    expect((await c.signIn('/panel', 'nowa.ksiegowa', password)).headers.location).toBe('/panel/konto/haslo');
  });

  it('changes roles, disables, enables and unlocks, ending sessions where privileges change', async () => {
    const clerk = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey: (await t.app.secrets()).totpKey,
    });
    const clerkClient = client();
    now = new Date(now.getTime() + 60_000);
    await clerkClient.signIn('/panel', clerk.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    expect((await clerkClient.get('/panel/konto')).statusCode).toBe(200);

    await adminClient.get(`/panel/pracownicy/${clerk.id}`);
    expect(
      (await adminClient.post(`/panel/pracownicy/${clerk.id}/role`, { roles: ['clerk', 'editor'] })).statusCode,
    ).toBe(303);
    expect((await findAccount(t.database.db, { organizationId: organization.id, id: clerk.id }))?.roles).toEqual([
      'clerk',
      'editor',
    ]);
    expect((await clerkClient.get('/panel/konto')).statusCode).toBe(302);

    await adminClient.get(`/panel/pracownicy/${clerk.id}`);
    await adminClient.post(`/panel/pracownicy/${clerk.id}/wylacz`);
    expect((await findAccount(t.database.db, { organizationId: organization.id, id: clerk.id }))?.status).toBe(
      'disabled',
    );
    now = new Date(now.getTime() + 60_000);
    expect((await client().signIn('/panel', clerk.login, TEST_PASSWORD, { totpSecret: SECRET, now })).statusCode).toBe(
      401,
    );
    await adminClient.get(`/panel/pracownicy/${clerk.id}`);
    await adminClient.post(`/panel/pracownicy/${clerk.id}/wlacz`);

    const locked = client();
    for (let i = 0; i < 10; i++) await locked.signIn('/panel', clerk.login, 'całkiem złe hasło');
    const page = await adminClient.get(`/panel/pracownicy/${clerk.id}`);
    expect(page.body).toContain('zablokowane do');
    await adminClient.post(`/panel/pracownicy/${clerk.id}/odblokuj`);
    now = new Date(now.getTime() + 60_000);
    expect(
      (await client().signIn('/panel', clerk.login, TEST_PASSWORD, { totpSecret: SECRET, now })).headers.location,
    ).toBe('/panel');

    await adminClient.get(`/panel/pracownicy/${clerk.id}`);
    await adminClient.post(`/panel/pracownicy/${clerk.id}/reset-2fa`);
    const afterReset = await findAccount(t.database.db, { organizationId: organization.id, id: clerk.id });
    expect(afterReset?.totpEnabledAt).toBeNull();
    expect((await client().signIn('/panel', clerk.login, TEST_PASSWORD)).headers.location).toBe(
      '/panel/konto/weryfikacja-dwuetapowa',
    );

    const actions = (
      await t.database.db
        .select({ action: auditLog.action, actor: auditLog.actorAccountId })
        .from(auditLog)
        .where(and(eq(auditLog.subjectType, 'account'), eq(auditLog.subjectId, String(clerk.id))))
    ).filter((row) => row.actor === admin.id);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'account.roles_changed',
        'account.disabled',
        'account.enabled',
        'account.unlocked',
        'account.totp_reset',
      ]),
    );
  });

  it('does not let an administrator lock themselves out, and writes no audit row for it', async () => {
    await adminClient.get(`/panel/pracownicy/${admin.id}`);
    const response = await adminClient.post(`/panel/pracownicy/${admin.id}/wylacz`);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Nie możesz wyłączyć własnego konta.');
    const roles = await adminClient.post(`/panel/pracownicy/${admin.id}/role`, { roles: ['clerk'] });
    expect(roles.body).toContain('Nie możesz odebrać sobie roli administratora.');
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectType, 'account'),
          eq(auditLog.subjectId, String(admin.id)),
          eq(auditLog.action, 'account.disabled'),
        ),
      );
    expect(rows).toHaveLength(0);
  });

  it('lets administrators browse and filter the audit log', async () => {
    const all = await adminClient.get('/panel/dziennik');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Dziennik zdarzeń');
    expect(all.body).toContain('Zmiana uprawnień');
    const filtered = await adminClient.get('/panel/dziennik?zdarzenie=account.disabled');
    expect(filtered.body).toContain('Konto wyłączone');
    expect(filtered.body).not.toContain('Zmiana uprawnień</td>');
    const empty = await adminClient.get('/panel/dziennik?od=2001-01-01&do=2001-01-02');
    expect(empty.body).toContain('Znaleziono wpisów: 0.');
  });

  it('shows what each entry is about and filters by account, also by a login that does not exist', async () => {
    await makeAccount(t.database.db, organization.id, { login: 'mieszkanka.audyt' });
    await client().signIn('/ebok', 'mieszkanka.audyt', 'to nie jest jej hasło');
    await client().signIn('/ebok', 'nie-ma-takiego', 'to nie jest niczyje hasło');
    const failures = await adminClient.get('/panel/dziennik?zdarzenie=signin.failure');
    expect(failures.body).toContain('Czego dotyczy');
    expect(failures.body).toMatch(/<a href="\/panel\/dziennik\?konto=\d+">konto mieszkanka.audyt<\/a>/);
    expect(failures.body).toContain('login „nie-ma-takiego” (nie ma takiego konta)');

    const byAccount = await adminClient.get('/panel/dziennik?login=Mieszkanka.Audyt');
    expect(byAccount.body).toContain('Znaleziono wpisów: 1.');
    expect(byAccount.body).toContain('Nieudana próba logowania');
    expect(byAccount.body).toContain('value="Mieszkanka.Audyt"');
    const byUnknown = await adminClient.get('/panel/dziennik?login=nie-ma-takiego');
    expect(byUnknown.body).toContain('Znaleziono wpisów: 1.');
    expect(byUnknown.body).toContain('(nie ma takiego konta)');
    // A link from a staff member's page names the account in the filter.
    const byId = await adminClient.get(`/panel/dziennik?konto=${admin.id}`);
    expect(byId.body).toContain('value="szefowa"');
    expect(byId.body).not.toContain('mieszkanka.audyt');
  });

  it("gives a new staff member's starting password the organization's validity", async () => {
    await updateOrganizationSettings(t.database.db, organization.id, { temporaryPasswordDays: 3 });
    await adminClient.get('/panel/pracownicy');
    const created = await adminClient.post('/panel/pracownicy', {
      login: 'krotko.wazne',
      displayName: 'Krótko Ważne',
      roles: ['editor'],
    });
    expect(created.statusCode).toBe(200);
    const account = await findAccountByLogin(t.database.db, { organizationId: organization.id, login: 'krotko.wazne' });
    expect(account?.passwordExpiresAt).toEqual(new Date(now.getTime() + 3 * 86_400_000));
    await updateOrganizationSettings(t.database.db, organization.id, { temporaryPasswordDays: 14 });
  });

  it('answers 404 for a staff member of another organization or a member account', async () => {
    const other = await makeOrganization(t.database.db);
    const foreign = await makeAccount(t.database.db, other.id, { kind: 'staff', roles: ['clerk'] });
    expect((await adminClient.get(`/panel/pracownicy/${foreign.id}`)).statusCode).toBe(404);
    const memberAccount = await makeAccount(t.database.db, organization.id);
    expect((await adminClient.get(`/panel/pracownicy/${memberAccount.id}`)).statusCode).toBe(404);
    expect((await adminClient.get('/panel/pracownicy/abc')).statusCode).toBe(404);
  });
});
