import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, makePerson, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { queryRows } from '../../db/client.ts';
import { auditLog } from '../audit/schema.ts';
import type { Organization } from '../organizations/queries.ts';
import { ADDRESS_FAILURE_LIMIT, ADDRESS_FAILURE_WINDOW_MS } from './address-failures.ts';
import { type Account, findAccount } from './queries.ts';
import { sessions } from './schema.ts';
import { sessionIdOf } from './sessions.ts';
import { totpCode } from './totp.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const GENERIC = 'Nieprawidłowy login lub hasło.';

describe('sign-in and sessions', () => {
  let t: TestApp;
  let organization: Organization;
  let now = new Date('2026-11-25T09:00:00Z');
  let totpKey: Buffer;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  let ip = 0;
  /** A client from its own address, so the per-address rate limit does not mix tests. */
  const client = (host = 'localhost') => new TestClient(t.app, host, `10.0.0.${++ip}`);

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db);
    totpKey = (await t.app.secrets()).totpKey;
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    now = new Date(now.getTime() + 3_600_000);
  });

  const member = (overrides: Parameters<typeof makeAccount>[2] = {}) =>
    makeAccount(t.database.db, organization.id, overrides);
  const staff = (overrides: Parameters<typeof makeAccount>[2] = {}) =>
    makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
      ...overrides,
    });
  const auditActions = async (account: Account) =>
    (
      await t.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.subjectType, 'account'), eq(auditLog.subjectId, String(account.id))))
    ).map((r) => r.action);

  it('signs a member in with a new session id and shows their page', async () => {
    const account = await member({ displayName: 'Halina Górska' });
    const c = client();
    c.cookies.set('osiedle-sesja', 'planted-by-an-attacker-0000000000000000000000');
    const response = await c.signIn('/ebok', account.login.toUpperCase(), TEST_PASSWORD);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/ebok');
    const cookie = response.cookies.find((k) => k.name === 'osiedle-sesja');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.value).not.toBe('planted-by-an-attacker-0000000000000000000000');
    const home = await c.get('/ebok');
    expect(home.body).toContain('Dzień dobry, Halina Górska');
    expect(await auditActions(account)).toContain('signin.success');
  });

  it('answers every failure with the same generic message', async () => {
    const account = await member();
    const disabled = await member({ status: 'disabled' });
    const staffAccount = await staff();
    for (const [login, password] of [
      [account.login, 'złe hasło złe hasło'],
      ['nie-ma-takiego-loginu', TEST_PASSWORD],
      [disabled.login, TEST_PASSWORD],
      [staffAccount.login, TEST_PASSWORD],
    ] as const) {
      const c = client();
      const response = await c.signIn('/ebok', login, password);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain(GENERIC);
      expect(response.body).toContain(`value="${login}"`);
      expect(response.body).not.toContain(password);
      expect(c.cookies.has('osiedle-sesja')).toBe(false);
    }
  });

  it('refuses over-long input before hashing, keeping the login', async () => {
    const c = client();
    const long = await c.signIn('/ebok', 'a'.repeat(101), 'x');
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Login może mieć najwyżej 100 znaków.');
    const longPassword = await c.signIn('/ebok', 'jan', 'x'.repeat(1025));
    expect(longPassword.statusCode).toBe(400);
    expect(longPassword.body).toContain('Hasło może mieć najwyżej 1024 znaki.');
    expect(longPassword.body).toContain('value="jan"');
  });

  it('throttles after five failures and locks for 15 minutes after ten', async () => {
    const account = await member();
    const c = client();
    for (let i = 0; i < 5; i++) await c.signIn('/ebok', account.login, 'zupełnie złe hasło');
    // Throttled: even the right password is refused, with the same message.
    expect((await c.signIn('/ebok', account.login, TEST_PASSWORD)).body).toContain(GENERIC);
    advance(31_000);
    expect((await c.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);

    const other = await member();
    const d = client();
    for (let i = 0; i < 10; i++) {
      await d.signIn('/ebok', other.login, 'zupełnie złe hasło');
      advance(10 * 60_000);
    }
    const locked = await findAccount(t.database.db, { organizationId: organization.id, id: other.id });
    expect(locked?.failedAttempts).toBe(10);
    expect(locked?.lockedUntil?.getTime()).toBe(now.getTime() - 10 * 60_000 + 15 * 60_000);
    expect(await auditActions(other)).toContain('account.locked');
    expect((await d.signIn('/ebok', other.login, TEST_PASSWORD)).statusCode).toBe(401);
    advance(6 * 60_000);
    expect((await d.signIn('/ebok', other.login, TEST_PASSWORD)).statusCode).toBe(303);
    expect((await findAccount(t.database.db, { organizationId: organization.id, id: other.id }))?.failedAttempts).toBe(
      0,
    );
  });

  it('limits failed sign-ins per address, never successful ones, without locking other addresses out', async () => {
    // Many members behind one address sign in again and again: never refused.
    const sharedIp = `10.0.1.${++ip}`;
    const account = await member();
    for (let i = 0; i < 40; i++) {
      const fresh = new TestClient(t.app, 'localhost', sharedIp);
      expect((await fresh.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);
    }
    // Failures are counted: at the limit the address waits, is told how long, and where to call.
    const c = client();
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
      expect((await c.signIn('/ebok', `nikt-${i}`, 'x')).statusCode).toBe(401);
    }
    const limited = await c.signIn('/ebok', account.login, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe(String(ADDRESS_FAILURE_WINDOW_MS / 1000));
    expect(limited.body).toContain('Zbyt wiele nieudanych prób logowania');
    expect(limited.body).toContain('Spróbuj ponownie za 15 minut.');
    expect(limited.body).toContain(`tel. ${organization.phone}`);
    expect(limited.body).toContain('href="/ebok">Wróć do logowania');
    expect((await client().signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);
    // Each limited route counts on its own: the same address may still ask for a new password.
    await c.get('/ebok/nie-pamietam-hasla');
    const reset = await c.post('/ebok/nie-pamietam-hasla', { login: account.login });
    expect(reset.statusCode).not.toBe(429);
    // After the window the address may try again.
    advance(ADDRESS_FAILURE_WINDOW_MS);
    expect((await c.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('lets a starting password do nothing but set a new password, once', async () => {
    const account = await member({ mustChangePassword: true, passwordExpiresAt: new Date(now.getTime() + 86_400_000) });
    const c = client();
    const response = await c.signIn('/ebok', account.login, TEST_PASSWORD);
    expect(response.headers.location).toBe('/ebok/konto/haslo');
    expect((await c.get('/ebok')).headers.location).toBe('/ebok/konto/haslo');
    expect((await c.get('/ebok/konto/sesje')).headers.location).toBe('/ebok/konto/haslo');
    const page = await c.get('/ebok/konto/haslo');
    expect(page.body).toContain('Zalogowano hasłem startowym');

    const weak = await c.post('/ebok/konto/haslo', { nowe: 'krótkie', powtorzone: 'krótkie' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('co najmniej 12 znaków');
    const mismatch = await c.post('/ebok/konto/haslo', {
      nowe: 'nowe hasło do ebok',
      powtorzone: 'inne hasło do ebok',
    });
    expect(mismatch.body).toContain('Powtórzone hasło różni się');
    const changed = await c.post('/ebok/konto/haslo', { nowe: 'nowe hasło do ebok', powtorzone: 'nowe hasło do ebok' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/ebok');
    expect((await c.get('/ebok')).body).toContain('Dzień dobry');

    expect((await client().signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await client().signIn('/ebok', account.login, 'nowe hasło do ebok')).headers.location).toBe('/ebok');
    expect(await auditActions(account)).toContain('password.changed');
  });

  it('answers a NUL character in a form or a query with the 400 page, not a server error', async () => {
    const c = client();
    await c.get('/ebok');
    const form = await c.post('/ebok/logowanie', { login: 'a\u0000b', haslo: 'x' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('lang="pl"');
    expect((await c.get('/szukaj?q=%00')).statusCode).toBe(400);
  });

  it('lets a starting password sign in once; a second sign-in with it is told to contact the cooperative', async () => {
    const account = await member({ mustChangePassword: true, passwordExpiresAt: new Date(now.getTime() + 86_400_000) });
    const first = client();
    expect((await first.signIn('/ebok', account.login, TEST_PASSWORD)).headers.location).toBe('/ebok/konto/haslo');
    expect(
      (await findAccount(t.database.db, { organizationId: organization.id, id: account.id }))?.temporaryPasswordUsedAt,
    ).toEqual(now);

    const second = await client().signIn('/ebok', account.login, TEST_PASSWORD);
    expect(second.statusCode).toBe(401);
    expect(second.body).toContain(
      'To hasło startowe zostało już użyte do logowania i nie działa ponownie. Skontaktuj się ze Spółdzielnią',
    );
    expect(second.headers['set-cookie']).toBeUndefined();
    // Without the right password nothing is told apart.
    expect((await client().signIn('/ebok', account.login, 'zupełnie inne hasło')).body).toContain(GENERIC);

    // The session of the one sign-in can still set the new password, and nothing else.
    expect((await first.get('/ebok/konto/sesje')).headers.location).toBe('/ebok/konto/haslo');
    await first.get('/ebok/konto/haslo');
    const changed = await first.post('/ebok/konto/haslo', {
      nowe: 'hasło startowe już minęło',
      powtorzone: 'hasło startowe już minęło',
    });
    expect(changed.headers.location).toBe('/ebok');
    expect(
      (await findAccount(t.database.db, { organizationId: organization.id, id: account.id }))?.temporaryPasswordUsedAt,
    ).toBeNull();
    expect((await client().signIn('/ebok', account.login, 'hasło startowe już minęło')).headers.location).toBe('/ebok');
    const failures = await t.database.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'signin.failure'), eq(auditLog.subjectId, String(account.id))));
    expect(failures.map((f) => f.detail?.reason)).toEqual(['temporary_password_used', 'wrong_password']);
  });

  it('lets only one of two simultaneous sign-ins use a starting password', async () => {
    const account = await member({ mustChangePassword: true, passwordExpiresAt: new Date(now.getTime() + 86_400_000) });
    const attempts = await Promise.all([
      client().signIn('/ebok', account.login, TEST_PASSWORD),
      client().signIn('/ebok', account.login, TEST_PASSWORD),
    ]);
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([303, 401]);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.accountId, account.id))).toHaveLength(1);
  });

  it('refuses a new password with the PESEL or the name of the person behind the account', async () => {
    const person = await makePerson(t.database.db, organization.id, {
      firstName: 'Bożydar',
      lastName: 'Wierzbicki',
      pesel: '72052468240',
    });
    const account = await member({
      personId: person.id,
      mustChangePassword: true,
      passwordExpiresAt: new Date(now.getTime() + 86_400_000),
    });
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    await c.get('/ebok/konto/haslo');
    const withPesel = await c.post('/ebok/konto/haslo', {
      nowe: 'moje 72052468240 haslo',
      powtorzone: 'moje 72052468240 haslo',
    });
    expect(withPesel.statusCode).toBe(422);
    expect(withPesel.body).toContain('numeru PESEL');
    const withName = await c.post('/ebok/konto/haslo', {
      nowe: 'wierzbicki na zawsze',
      powtorzone: 'wierzbicki na zawsze',
    });
    expect(withName.statusCode).toBe(422);
  });

  it('tells the owner of an expired starting password to contact the cooperative', async () => {
    const account = await member({ mustChangePassword: true, passwordExpiresAt: new Date(now.getTime() - 1000) });
    const response = await client().signIn('/ebok', account.login, TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Hasło startowe wygasło. Skontaktuj się ze Spółdzielnią');
  });

  it('asks staff for a TOTP code, refuses a replayed code and accepts a recovery code once', async () => {
    const account = await staff();
    const c = client();
    await c.get('/panel');
    const step = await c.post('/panel/logowanie', { login: account.login, haslo: TEST_PASSWORD });
    expect(step.headers.location).toBe('/panel/logowanie/kod');
    expect((await c.get('/panel/pracownicy')).statusCode).toBe(404); // clerk, and not even past the code
    expect((await c.get('/panel')).headers.location).toBe('/panel/logowanie/kod');
    await c.get('/panel/logowanie/kod');
    const wrong = await c.post('/panel/logowanie/kod', { kod: '000000' });
    expect(wrong.statusCode).toBe(401);
    const code = await totpCode(SECRET, now);
    const ok = await c.post('/panel/logowanie/kod', { kod: code });
    expect(ok.headers.location).toBe('/panel');
    expect((await c.get('/panel')).body).toContain('Panel pracownika');

    const replay = client();
    await replay.get('/panel');
    await replay.post('/panel/logowanie', { login: account.login, haslo: TEST_PASSWORD });
    await replay.get('/panel/logowanie/kod');
    expect((await replay.post('/panel/logowanie/kod', { kod: code })).statusCode).toBe(401);
  });

  it('forces a new staff member to change the password and enrol TOTP, then shows recovery codes', async () => {
    const account = await staff({
      totpSecret: undefined,
      mustChangePassword: true,
      passwordExpiresAt: new Date(now.getTime() + 86_400_000),
    });
    const c = client();
    const first = await c.signIn('/panel', account.login, TEST_PASSWORD);
    expect(first.headers.location).toBe('/panel/konto/haslo');
    await c.get('/panel/konto/haslo');
    const changed = await c.post('/panel/konto/haslo', {
      nowe: 'moje nowe hasło pracownika',
      powtorzone: 'moje nowe hasło pracownika',
    });
    expect(changed.headers.location).toBe('/panel/konto/weryfikacja-dwuetapowa');
    expect((await c.get('/panel')).headers.location).toBe('/panel/konto/weryfikacja-dwuetapowa');
    const enrol = await c.get('/panel/konto/weryfikacja-dwuetapowa');
    expect(enrol.body).toContain('data:image/png;base64,');
    const secret = /class="secret">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, '') ?? '';
    expect(secret).toHaveLength(32);
    // Reloading shows the same secret.
    expect((await c.get('/panel/konto/weryfikacja-dwuetapowa')).body).toContain(secret.slice(0, 4));
    expect((await c.post('/panel/konto/weryfikacja-dwuetapowa', { kod: '123456' })).statusCode).toBe(422);
    const done = await c.post('/panel/konto/weryfikacja-dwuetapowa', { kod: await totpCode(secret, now) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1] ?? '');
    expect(codes).toHaveLength(10);
    expect((await c.get('/panel')).body).toContain('Panel pracownika');

    // A recovery code works once instead of the app.
    const again = client();
    await again.get('/panel');
    await again.post('/panel/logowanie', { login: account.login, haslo: 'moje nowe hasło pracownika' });
    await again.get('/panel/logowanie/kod');
    expect((await again.post('/panel/logowanie/kod', { kod: (codes[0] ?? '').toUpperCase() })).headers.location).toBe(
      '/panel',
    );
    const third = client();
    await third.get('/panel');
    await third.post('/panel/logowanie', { login: account.login, haslo: 'moje nowe hasło pracownika' });
    await third.get('/panel/logowanie/kod');
    expect((await third.post('/panel/logowanie/kod', { kod: codes[0] ?? '' })).statusCode).toBe(401);
    expect(await auditActions(account)).toEqual(
      expect.arrayContaining(['password.changed', 'totp.enabled', 'signin.recovery_code_used']),
    );
  });

  it('ends a session after 15 idle minutes and after 8 hours whatever happens', async () => {
    const account = await member();
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    advance(14 * 60_000);
    expect((await c.get('/ebok/konto')).statusCode).toBe(200);
    advance(15 * 60_000);
    const idle = await c.get('/ebok/konto');
    expect(idle.statusCode).toBe(302);
    expect(idle.headers.location).toBe('/ebok?next=%2Febok%2Fkonto');

    const d = client();
    await d.signIn('/ebok', account.login, TEST_PASSWORD);
    for (let i = 0; i < 48; i++) {
      advance(10 * 60_000);
      const response = await d.get('/ebok/konto');
      if (i < 47) expect(response.statusCode).toBe(200);
      else expect(response.statusCode).toBe(302);
    }
  });

  it('deletes the session on sign-out, so the old cookie opens nothing', async () => {
    const account = await member();
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    const token = c.cookies.get('osiedle-sesja') ?? '';
    await c.get('/ebok');
    const out = await c.post('/wyloguj');
    expect(out.headers.location).toBe('/ebok?wylogowano=1');
    const rows = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sessionIdOf(token)));
    expect(rows).toHaveLength(0);
    const thief = client();
    thief.cookies.set('osiedle-sesja', token);
    expect((await thief.get('/ebok/konto')).statusCode).toBe(302);
  });

  it('lists active sessions and signs out the others; a password change ends them too', async () => {
    const account = await member();
    const a = client();
    const b = client();
    await a.signIn('/ebok', account.login, TEST_PASSWORD);
    await b.signIn('/ebok', account.login, TEST_PASSWORD);
    const list = await a.get('/ebok/konto/sesje');
    expect(list.body.match(/<tr>/g)?.length).toBe(3); // header + two sessions
    expect(list.body).toContain('ta sesja');
    const out = await a.post('/ebok/konto/sesje/wyloguj-pozostale');
    expect(out.headers.location).toBe('/ebok/konto/sesje?wylogowano=1');
    expect((await b.get('/ebok/konto')).statusCode).toBe(302);
    expect((await a.get('/ebok/konto')).statusCode).toBe(200);

    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    await a.get('/ebok/konto/haslo');
    const changed = await a.post('/ebok/konto/haslo', {
      obecne: TEST_PASSWORD,
      nowe: 'całkiem nowe hasło członka',
      powtorzone: 'całkiem nowe hasło członka',
    });
    expect(changed.headers.location).toBe('/ebok/konto?zmieniono=haslo');
    expect((await c.get('/ebok/konto')).statusCode).toBe(302);
    expect((await a.get('/ebok/konto?zmieniono=haslo')).body).toContain('Hasło zostało zmienione');
  });

  it('refuses a form without its CSRF token with a Polish page', async () => {
    const account = await member();
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    const response = await c.post('/wyloguj', {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Formularz wygasł');
    const forged = await c.post('/wyloguj', { _csrf: 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect((await c.get('/ebok/konto')).statusCode).toBe(200);
    const anonymous = await client().post('/ebok/logowanie', { login: 'x', haslo: 'y' }, { csrf: false });
    expect(anonymous.statusCode).toBe(403);
  });

  it('lets members turn TOTP on and off themselves', async () => {
    const account = await member();
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    const enrol = await c.get('/ebok/konto/weryfikacja-dwuetapowa');
    const secret = /class="secret">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, '') ?? '';
    await c.post('/ebok/konto/weryfikacja-dwuetapowa', { kod: await totpCode(secret, now) });
    const next = client();
    const step = await next.signIn('/ebok', account.login, TEST_PASSWORD);
    expect(step.headers.location).toBe('/ebok/logowanie/kod');
    await c.get('/ebok/konto');
    const wrong = await c.post('/ebok/konto/weryfikacja-dwuetapowa/wylacz', { haslo: 'nie to hasło' });
    expect(wrong.statusCode).toBe(422);
    const off = await c.post('/ebok/konto/weryfikacja-dwuetapowa/wylacz', { haslo: TEST_PASSWORD });
    expect(off.headers.location).toBe('/ebok/konto?zmieniono=2fa');
    expect((await client().signIn('/ebok', account.login, TEST_PASSWORD)).headers.location).toBe('/ebok');
  });

  it('shows members their own account history', async () => {
    const account = await member();
    await client().signIn('/ebok', account.login, 'złe hasło złe hasło');
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    const history = await c.get('/ebok/konto/historia');
    expect(history.body).toContain('Nieudana próba logowania');
    expect(history.body).toContain('Logowanie');
  });

  it('keeps organizations apart: a session of one is nothing on the other', async () => {
    const other = await makeOrganization(t.database.db, { hostname: 'inna.example.pl' });
    const account = await member();
    const c = client();
    await c.signIn('/ebok', account.login, TEST_PASSWORD);
    const onOther = new TestClient(t.app, 'inna.example.pl', '10.9.9.9');
    onOther.cookies.set('osiedle-sesja', c.cookies.get('osiedle-sesja') ?? '');
    expect((await onOther.get('/ebok/konto')).statusCode).toBe(302);
    // The login does not exist in the other organization.
    expect((await onOther.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(401);
    await makeAccount(t.database.db, other.id, { login: account.login });
    expect((await onOther.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('keeps the audit log append-only and writes no row for a failed change', async () => {
    const failure = (query: ReturnType<typeof sql>) =>
      queryRows(t.database.db, query).then(
        () => 'no error',
        (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`,
      );
    expect(await failure(sql`update audit_log set action = 'x'`)).toMatch(/append-only/);
    expect(await failure(sql`delete from audit_log`)).toMatch(/append-only/);
    const before = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log`);
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx
          .insert(auditLog)
          .values({ organizationId: organization.id, actorAccountId: null, action: 'test.partial' });
        await queryRows(tx, sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    const after = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
