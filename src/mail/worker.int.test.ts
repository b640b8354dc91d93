import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization } from '../../test/support/factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp-server.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestClient } from '../../test/support/test-client.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { enqueueMail, senderFor } from '../features/outbox/outbox.ts';
import { findOutboxMessage } from '../features/outbox/queries.ts';
import { outboxMessages } from '../features/outbox/schema.ts';
import { renderMail } from './templates.tsx';
import { createTransport, drainOutbox, type MailWorkerOptions } from './worker.ts';

describe('the outbox and its worker', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let organization: Organization;
  let now = new Date('2026-11-25T10:00:00Z');
  let worker: MailWorkerOptions;
  const silent = { info() {}, warn() {}, error() {} };

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    smtp = await startTestSmtpServer();
    organization = await makeOrganization(t.database.db, { name: 'Spółdzielnia Mieszkaniowa „Gwiazda”' });
    worker = { db: t.database.db, transport: createTransport(smtp.url), log: silent, clock: () => now };
  });
  afterAll(async () => {
    worker.transport.close();
    await smtp.close();
    await t.close();
  });
  beforeEach(() => {
    smtp.messages.length = 0;
  });

  const queue = (subject: string, extra: { sensitive?: boolean } = {}) =>
    enqueueMail(t.database.db, {
      organization,
      from: senderFor(organization, undefined),
      to: 'jan.kowalski@example.com',
      purpose: 'test',
      now,
      mail: renderMail(organization, { subject, paragraphs: ['Zażółć gęślą jaźń.'], highlight: ['login: jkowal'] }),
      ...extra,
    });

  it('sends a Polish message in text and HTML with the organization in the footer', async () => {
    const queued = await queue('Wiadomość próbna — żółw');
    expect(await drainOutbox(worker)).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('Wiadomość próbna — żółw');
    expect(mail?.messageId).toBe(queued.messageId);
    expect(mail?.text).toContain('Zażółć gęślą jaźń.');
    expect(mail?.text).toContain('Spółdzielnia Mieszkaniowa „Gwiazda”');
    expect(mail?.html).toContain('Zażółć gęślą jaźń.');
    expect(mail?.from?.text).toContain(organization.email);
    expect((await findOutboxMessage(t.database.db, { organizationId: organization.id, id: queued.id }))?.status).toBe(
      'sent',
    );
    expect(await drainOutbox(worker)).toBe(0);
  });

  it('retries a temporary failure later and sends it once', async () => {
    const queued = await queue('Ponowienie');
    smtp.failNext(1, 451);
    await drainOutbox(worker);
    const waiting = await findOutboxMessage(t.database.db, { organizationId: organization.id, id: queued.id });
    expect(waiting?.status).toBe('pending');
    expect(waiting?.lastError).toContain('Try again later');
    expect(await drainOutbox(worker)).toBe(0); // not due yet
    now = new Date(now.getTime() + 31_000);
    await drainOutbox(worker);
    expect(smtp.messages).toHaveLength(1);
    expect((await findOutboxMessage(t.database.db, { organizationId: organization.id, id: queued.id }))?.attempts).toBe(
      2,
    );
  });

  it('gives up on a permanent failure', async () => {
    const queued = await queue('Nie ma takiej skrzynki');
    smtp.failNext(1, 550);
    await drainOutbox(worker);
    const failed = await findOutboxMessage(t.database.db, { organizationId: organization.id, id: queued.id });
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toContain('Mailbox unavailable');
  });

  it('takes over a message left mid-sending by a dead worker, once its lock expires', async () => {
    const queued = await queue('Po awarii');
    await t.database.db
      .update(outboxMessages)
      .set({ status: 'sending', lockedUntil: new Date(now.getTime() + 60_000), attempts: 1 })
      .where(eq(outboxMessages.id, queued.id));
    expect(await drainOutbox(worker)).toBe(0);
    now = new Date(now.getTime() + 61_000);
    expect(await drainOutbox(worker)).toBe(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Po awarii']);
  });

  it('never sends a message twice when workers run together', async () => {
    for (let i = 0; i < 30; i++) await queue(`Równolegle ${i}`);
    await Promise.all([drainOutbox(worker), drainOutbox(worker), drainOutbox(worker)]);
    expect(smtp.messages).toHaveLength(30);
    expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(30);
  });

  it('blanks the body of a sensitive message once sent', async () => {
    const queued = await queue('Hasło startowe', { sensitive: true });
    await drainOutbox(worker);
    expect(smtp.messages[0]?.text).toContain('login: jkowal');
    const stored = await findOutboxMessage(t.database.db, { organizationId: organization.id, id: queued.id });
    expect(stored?.textBody).not.toContain('jkowal');
    expect(stored?.htmlBody).not.toContain('jkowal');
  });

  it('tells the owner by e-mail when failed sign-ins lock the account', async () => {
    const account = await makeAccount(t.database.db, organization.id, { activationEmail: 'wlasciciel@example.com' });
    const c = new TestClient(t.app, 'localhost', '10.3.0.1');
    for (let i = 0; i < 10; i++) {
      await c.signIn('/ebok', account.login, 'zupełnie złe hasło');
      now = new Date(now.getTime() + 10 * 60_000);
    }
    await drainOutbox(worker);
    const notice = smtp.messages.find((m) => m.subject === 'Logowanie do Twojego konta zostało wstrzymane');
    expect(notice?.to && 'text' in notice.to ? notice.to.text : '').toBe('wlasciciel@example.com');
    expect(notice?.text).toContain(`na konto ${account.login}`);
  });
});
