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
import { insertResetRequest, listPendingResetRequests } from '../accounts/reset-requests.ts';
import type { Organization } from '../organizations/queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-10T10:00:00Z');

/** The count and the age line of one queue on the desk, read from the page. */
function queueOf(html: string, key: string): { count: number; age: string } | undefined {
  const match = new RegExp(
    `data-queue="${key.replace('.', '\\.')}"><a href="[^"]+"><span class="desk-count">(\\d+)</span>.*?<span class="desk-age">(.*?)</span></li>`,
  ).exec(html);
  if (!match) return undefined;
  return { count: Number(match[1]), age: (match[2] ?? '').replace(/<[^>]+>/g, '') };
}

describe('the clerk’s desk (/panel)', () => {
  let t: TestApp;
  let org: Organization;
  let now = NOW;
  let clerk: TestClient;
  let accountant: TestClient;
  let memberLogin: string;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    const db = t.database.db;
    org = await makeOrganization(db);
    const other = await makeOrganization(db);
    const { totpKey } = await t.app.secrets();
    const clerkAccount = await makeAccount(db, org.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: SECRET,
      totpKey,
    });
    const accountantAccount = await makeAccount(db, org.id, {
      kind: 'staff',
      roles: ['accountant'],
      totpSecret: SECRET,
      totpKey,
    });
    memberLogin = (await makeAccount(db, org.id, { activationEmail: 'czlonek@example.pl' })).login;
    // A request in another organization is not this desk's work.
    const stranger = await makeAccount(db, other.id, { activationEmail: 'obcy@example.pl' });
    await insertResetRequest(db, {
      organizationId: other.id,
      typed: stranger.login,
      accountId: stranger.id,
      ip: null,
      at: NOW,
    });
    clerk = new TestClient(t.app, 'localhost', '10.6.0.1');
    accountant = new TestClient(t.app, 'localhost', '10.6.0.2');
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
    now = new Date(NOW.getTime() + 30_000);
    await accountant.signIn('/panel', accountantAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now });
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows each queue with its count and the age of its oldest item, as work arrives and is done', async () => {
    const empty = await clerk.get('/panel');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Sprawy do załatwienia');
    expect(empty.body).toContain('Nic nie czeka.');
    for (const key of [
      'activation.requests',
      'accounts.password_requests',
      'correspondence.consent_scans',
      'correspondence.print',
    ]) {
      expect(queueOf(empty.body, key)).toEqual({ count: 0, age: 'nic nie czeka' });
    }
    // The back office has its own shell: no public menu, the staff menu by capability.
    expect(empty.body).not.toContain('Menu główne');
    expect(empty.body).toContain('href="/panel/aktywacja"');

    // A member asks for a new password: the queue counts it.
    const member = new TestClient(t.app, 'localhost', '10.6.0.3');
    await member.get('/ebok/nie-pamietam-hasla');
    await member.post('/ebok/nie-pamietam-hasla', { login: memberLogin });
    now = new Date(NOW.getTime() + 10 * 60_000);
    const waiting = await clerk.get('/panel');
    expect(queueOf(waiting.body, 'accounts.password_requests')).toEqual({
      count: 1,
      age: 'najstarsza czeka od 9 minut',
    });
    expect(waiting.body).toContain('href="/panel/hasla"');
    expect(waiting.body).not.toContain('Nic nie czeka.');

    // The clerk closes it: the desk is empty again, and the queue says what happened.
    const [pending] = await listPendingResetRequests(t.database.db, { organizationId: org.id });
    await clerk.get('/panel/hasla');
    const closed = await clerk.post(`/panel/hasla/${pending?.request.id}/zamknij`);
    expect(closed.statusCode).toBe(303);
    expect((await clerk.get(closed.headers.location as string)).body).toContain('zamknięta bez nowego hasła');
    expect(queueOf((await clerk.get('/panel')).body, 'accounts.password_requests')?.count).toBe(0);
  });

  it('shows staff only the queues their roles work on', async () => {
    const page = await accountant.get('/panel');
    expect(page.statusCode).toBe(200);
    expect(queueOf(page.body, 'accounts.password_requests')).toBeUndefined();
    expect(queueOf(page.body, 'activation.requests')).toBeUndefined();
    // The accountant's own queues: bank credits to explain, certificates to decide.
    expect(queueOf(page.body, 'bank.unmatched')?.count).toBe(0);
    expect(page.body).not.toContain('href="/panel/aktywacja"');
    expect(page.body).toContain('href="/panel/finanse"');
  });

  it('finds a person at the desk by unit address, login and PESEL tail, with address, e-BOK status and next steps', async () => {
    const db = t.database.db;
    const building = await makeBuilding(db, org.id, { street: 'ul. Ignacego Paderewskiego', number: '65' });
    const flat = await makeUnit(db, org.id, { buildingId: building.id, number: '12' });
    const holder = await makePerson(db, org.id, { firstName: 'Paulina', lastName: 'Kowalczyk', pesel: '56031410130' });
    await makeRight(db, org.id, { unitId: flat.id, personId: holder.id, validFrom: '2001-10-01' });
    const byAddress = await clerk.get('/panel/aktywacja?q=Paderewskiego+65%2F12');
    expect(byAddress.statusCode).toBe(200);
    expect(byAddress.body).toContain('Kowalczyk Paulina');
    expect(byAddress.body).toContain('ul. Ignacego Paderewskiego 65/12');
    expect(byAddress.body).toContain('<strong>brak konta</strong>');
    expect(byAddress.body).toContain(`href="/panel/aktywacja/osoba/${holder.id}#aktywuj"`);
    expect(byAddress.body).toContain(`href="/panel/korespondencja/zgody/${holder.id}"`);
    expect((await clerk.get('/panel/aktywacja?q=0130')).body).toContain('Kowalczyk Paulina');

    // The register's person page offers opening the account.
    const personPage = await clerk.get(`/panel/rejestr/osoby/${holder.id}`);
    expect(personPage.body).toContain('Osoba nie ma konta w e-BOK.');
    expect(personPage.body).toContain(`href="/panel/aktywacja/osoba/${holder.id}#aktywuj"`);

    const account = await makeAccount(db, org.id, { login: 'pkowalczyk', personId: holder.id });
    const byLogin = await clerk.get('/panel/aktywacja?q=pkowalczyk');
    expect(byLogin.body).toContain('Kowalczyk Paulina');
    expect(byLogin.body).toContain(`login <strong>${account.login}</strong>`);
    expect(byLogin.body).toContain(`href="/panel/aktywacja/osoba/${holder.id}#konto"`);
  });
});
