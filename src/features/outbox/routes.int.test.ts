import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { renderMail } from '../../mail/templates.tsx';
import type { Organization } from '../organizations/queries.ts';
import { enqueueMail, senderFor } from './outbox.ts';

describe('the outbox pages (/panel/poczta)', () => {
  let t: TestApp;
  let organization: Organization;
  const now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db, { name: 'Spółdzielnia Mieszkaniowa „Gwiazda”' });
  });
  afterAll(async () => {
    await t.close();
  });

  const queue = (to: Organization, subject: string, extra: { sensitive?: boolean } = {}) =>
    enqueueMail(t.database.db, {
      organization: to,
      from: senderFor(to, undefined),
      to: 'jan.kowalski@example.com',
      purpose: 'test',
      now,
      mail: renderMail(to, { subject, paragraphs: ['Zażółć gęślą jaźń.'], highlight: ['login: jkowal'] }),
      ...extra,
    });

  it('lets administrators and BOK read the outbox, hiding sensitive bodies', async () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const { totpKey } = await t.app.secrets();
    const clerk = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['clerk'],
      totpSecret: secret,
      totpKey,
    });
    const editor = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['editor'],
      totpSecret: secret,
      totpKey,
    });
    const sensitive = await queue(organization, 'Poufne: hasło', { sensitive: true });
    const c = new TestClient(t.app, 'localhost', '10.3.0.2');
    await c.signIn('/panel', clerk.login, TEST_PASSWORD, { totpSecret: secret, now });
    const list = await c.get('/panel/poczta');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Poufne: hasło');
    expect(list.body).toContain('Serwer poczty (SMTP) nie jest skonfigurowany');
    const detail = await c.get(`/panel/poczta/${sensitive.id}`);
    expect(detail.body).toContain('zawiera poufne dane');
    expect(detail.body).not.toContain('jkowal');
    const e = new TestClient(t.app, 'localhost', '10.3.0.3');
    await e.signIn('/panel', editor.login, TEST_PASSWORD, {
      totpSecret: secret,
      now: new Date(now.getTime() + 30_000),
    });
    expect((await e.get('/panel/poczta')).statusCode).toBe(404);
    const other = await makeOrganization(t.database.db);
    const foreign = await queue(other, 'Obca');
    expect((await c.get(`/panel/poczta/${foreign.id}`)).statusCode).toBe(404);
  });

  it('filters by status, ignores an unknown one, and answers 404 for a malformed id', async () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const { totpKey } = await t.app.secrets();
    const admin = await makeAccount(t.database.db, organization.id, {
      kind: 'staff',
      roles: ['admin'],
      totpSecret: secret,
      totpKey,
    });
    await queue(organization, 'Czeka na wysłanie');
    const c = new TestClient(t.app, 'localhost', '10.3.0.4');
    await c.signIn('/panel', admin.login, TEST_PASSWORD, { totpSecret: secret, now });
    const pending = await c.get('/panel/poczta?stan=pending');
    expect(pending.body).toContain('Czeka na wysłanie');
    expect(pending.body).toMatch(/href="\/panel\/poczta\?stan=pending" aria-current="page"/);
    expect((await c.get('/panel/poczta?stan=sent')).body).not.toContain('Czeka na wysłanie');
    const odd = await c.get('/panel/poczta?stan=cokolwiek');
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('Czeka na wysłanie');
    expect((await c.get('/panel/poczta/abc')).statusCode).toBe(404);
  });
});
