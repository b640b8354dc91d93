import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBuilding, makeOrganization, makePerson, makeRight, makeUnit } from '../../../test/support/factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { claimDueMessages } from '../../mail/outbox.ts';
import { createTransport, drainOutbox } from '../../mail/worker.ts';
import { systemActor } from '../audit/audit.ts';
import { createLetter } from './letter-commands.ts';
import { consents } from './schema.ts';
import { sendLetter } from './sending.ts';

/**
 * A worker that dies mid-mailing: messages it had claimed stay `sending` until their lock runs
 * out, then another worker sends them. Every letter arrives; the only copy twice is one the SMTP
 * server accepted before the crash, and it carries the same Message-ID.
 */
describe('a crash in the middle of a mailing', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let now = new Date('2026-11-25T10:00:00Z');
  const silent = { info() {}, warn() {}, error() {} };

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  it('delivers every letter once, except the one accepted just before the crash', async () => {
    const db = t.database.db;
    const organization = await makeOrganization(db);
    const building = await makeBuilding(db, organization.id);
    for (let i = 0; i < 30; i++) {
      const unit = await makeUnit(db, organization.id, { buildingId: building.id });
      const person = await makePerson(db, organization.id);
      await makeRight(db, organization.id, { unitId: unit.id, personId: person.id });
      await db.insert(consents).values({
        organizationId: organization.id,
        personId: person.id,
        email: `osoba${i}@example.com`,
        method: 'desk',
        textVersion: 1,
        state: 'given',
        recordedAt: now,
        recordedByLabel: 'test',
        addressConfirmedAt: now,
      });
    }
    const actor = systemActor(organization.id, 'bok');
    const letter = await createLetter(db, {
      actor,
      mayPickRecipients: true,
      now,
      form: { subject: 'Zebranie', body: 'Zapraszamy.', audience: 'building', buildingId: String(building.id) },
    });
    await sendLetter(db, {
      organization,
      now,
      mailFrom: undefined,
      baseUrl: 'http://sm.test',
      actor,
      letterId: letter.id,
    });

    // Worker 1 claims 10 messages, gets one accepted by the server, and dies before writing it down.
    const claimed = await claimDueMessages(db, { now, limit: 10, lockMs: 60_000 });
    const transport = createTransport(smtp.url);
    const first = claimed[0];
    if (!first) throw new Error('nothing claimed');
    await transport.sendMail({
      from: first.fromAddress,
      to: first.toAddress,
      subject: first.subject,
      text: first.textBody,
      messageId: first.messageId,
    });

    // Worker 2 starts: it sends the 20 unclaimed now, and the dead worker's 10 once their lock expires.
    const worker = { db, transport, log: silent, clock: () => now };
    await drainOutbox(worker);
    expect(smtp.messages).toHaveLength(21);
    now = new Date(now.getTime() + 61_000);
    await drainOutbox(worker);
    transport.close();

    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(30); // nothing lost
    expect(ids.length - new Set(ids).size).toBe(1); // one duplicate: the accepted-before-crash one
    expect(ids.filter((id) => id === first.messageId)).toHaveLength(2);
  });
});
