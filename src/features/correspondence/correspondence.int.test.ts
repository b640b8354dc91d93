import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeBuilding, makeOrganization, makePerson, makeRight, makeUnit } from '../../../test/support/factories.ts';
import { onePagePdf } from '../../../test/support/pdf.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { outboxMessages } from '../../mail/schema.ts';
import { createTransport, drainOutbox, type MailWorkerOptions } from '../../mail/worker.ts';
import { systemActor } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { resolveAudience } from './audience.ts';
import { confirmConsent, consentHistory, effectiveConsents, requestConsent, withdrawConsent } from './consents.ts';
import { countUnread, letterReport, listPrintQueue, markPrinted, openLetter } from './deliveries.ts';
import { onlineConsentForm, scheduleForm } from './forms.ts';
import { addAttachment, addRecipients, createLetter, scheduleLetter } from './letter-commands.ts';
import { listAttachmentFiles } from './letter-queries.ts';
import { printQueuePdf } from './print.ts';
import { deliveries } from './schema.ts';
import { dispatchDueLetters, sendLetter } from './sending.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('electronic correspondence', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let org: Organization;
  let now = new Date('2026-11-25T10:00:00Z');
  let worker: MailWorkerOptions;
  const silent = { info() {}, warn() {}, error() {} };
  const ctx = () => ({
    organization: org,
    now,
    mailFrom: undefined,
    baseUrl: 'http://sm.test',
    actor: systemActor(org.id, 'bok'),
  });
  const declared = () => ({ ...ctx(), via: 'office' as const });

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    smtp = await startTestSmtpServer();
    org = await makeOrganization(t.database.db);
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

  const tokenFrom = (text: string) => /\/korespondencja\/potwierdz\/([A-Za-z0-9_-]+)/.exec(text)?.[1] as string;

  async function consentFor(personId: number, email: string) {
    await requestConsent(t.database.db, { ...declared(), personId, method: 'online', textVersion: 1, email });
    await drainOutbox(worker);
    const mail = smtp.messages.find((m) => m.to && JSON.stringify(m.to).includes(email));
    const result = await confirmConsent(t.database.db, {
      organizationId: org.id,
      token: tokenFrom(mail?.text ?? ''),
      now,
    });
    expect(result.kind).toBe('confirmed');
    smtp.messages.length = 0;
  }

  it('a consent takes effect only after its link is clicked, once, within 48 hours; withdrawal keeps history', async () => {
    const person = await makePerson(t.database.db, org.id);
    await requestConsent(t.database.db, {
      ...declared(),
      personId: person.id,
      method: 'desk',
      textVersion: 1,
      email: 'anna@example.com',
    });
    expect((await effectiveConsents(t.database.db, { organizationId: org.id, personIds: [person.id] })).size).toBe(0);
    await drainOutbox(worker);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toContain('Potwierdź adres');
    const token = tokenFrom(mail?.text ?? '');
    const later = new Date(now.getTime() + 49 * 3_600_000);
    expect((await confirmConsent(t.database.db, { organizationId: org.id, token, now: later })).kind).toBe('expired');
    expect((await effectiveConsents(t.database.db, { organizationId: org.id, personIds: [person.id] })).size).toBe(0);

    await requestConsent(t.database.db, {
      ...declared(),
      personId: person.id,
      method: 'online',
      textVersion: 2,
      email: 'anna@example.com',
    });
    await drainOutbox(worker);
    const second = tokenFrom(smtp.messages[1]?.text ?? '');
    expect((await confirmConsent(t.database.db, { organizationId: org.id, token: second, now })).kind).toBe(
      'confirmed',
    );
    expect((await confirmConsent(t.database.db, { organizationId: org.id, token: second, now })).kind).toBe('invalid');
    expect(
      (await effectiveConsents(t.database.db, { organizationId: org.id, personIds: [person.id] })).get(person.id)
        ?.email,
    ).toBe('anna@example.com');

    await withdrawConsent(t.database.db, { ...declared(), personId: person.id });
    expect((await effectiveConsents(t.database.db, { organizationId: org.id, personIds: [person.id] })).size).toBe(0);
    const history = await consentHistory(t.database.db, { organizationId: org.id, personId: person.id });
    expect(history.map((c) => c.state)).toEqual(['withdrawn', 'expired']);
    expect(history[0]?.textVersion).toBe(2);
  });

  it('refuses a malformed address in Polish', () => {
    const parsed = onlineConsentForm.safeParse({ accept: 'tak', email: 'nie-adres' });
    expect(parsed.error?.issues).toMatchObject([
      { path: ['email'], message: expect.stringContaining('poprawny adres') },
    ]);
  });

  it('resolves audiences to current holders, one per person', async () => {
    const building = await makeBuilding(t.database.db, org.id);
    const unitA = await makeUnit(t.database.db, org.id, { buildingId: building.id });
    const unitB = await makeUnit(t.database.db, org.id, { buildingId: building.id });
    const holder = await makePerson(t.database.db, org.id);
    const former = await makePerson(t.database.db, org.id);
    await makeRight(t.database.db, org.id, { unitId: unitA.id, personId: holder.id });
    await makeRight(t.database.db, org.id, { unitId: unitB.id, personId: former.id, validTo: '2020-01-01' });
    await makeRight(t.database.db, org.id, { unitId: unitB.id, personId: holder.id, validFrom: '2020-01-01' });
    const asOf = '2026-11-25';
    const inBuilding = await resolveAudience(t.database.db, {
      organizationId: org.id,
      audience: { kind: 'building', buildingId: building.id },
      asOf,
    });
    expect(inBuilding.map((r) => r.personId)).toEqual([holder.id]);
    expect(inBuilding[0]?.postalAddress).toContain('40-282 Katowice');
    const units = await resolveAudience(t.database.db, {
      organizationId: org.id,
      audience: { kind: 'units', unitIds: [unitB.id] },
      asOf,
    });
    expect(units.map((r) => r.personId)).toEqual([holder.id]);
    const chosen = await resolveAudience(t.database.db, {
      organizationId: org.id,
      audience: { kind: 'persons', personIds: [former.id] },
      asOf,
    });
    expect(chosen.map((r) => r.personId)).toEqual([former.id]);
  });

  it('sends e-mail to confirmed consents and paper to the rest; retries; a permanent failure goes to paper', async () => {
    const building = await makeBuilding(t.database.db, org.id);
    const people = [];
    for (let i = 0; i < 4; i++) {
      const unit = await makeUnit(t.database.db, org.id, { buildingId: building.id });
      const person = await makePerson(t.database.db, org.id);
      await makeRight(t.database.db, org.id, { unitId: unit.id, personId: person.id });
      people.push(person);
    }
    const [a, b, c, d] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
    await consentFor(a.id, 'a@example.com');
    await consentFor(b.id, 'b@example.com');
    await consentFor(c.id, 'c@example.com');
    // d: consent waiting for its link has no effect
    await requestConsent(t.database.db, {
      ...declared(),
      personId: d.id,
      method: 'online',
      textVersion: 1,
      email: 'd@example.com',
    });
    await drainOutbox(worker);
    smtp.messages.length = 0;

    await expect(
      createLetter(t.database.db, {
        actor: systemActor(org.id, 'bok'),
        mayPickRecipients: true,
        now,
        form: { subject: '', body: '', audience: 'all' },
      }),
    ).rejects.toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ field: 'subject', message: 'Podaj temat listu.' })]),
    });

    const letter = await createLetter(t.database.db, {
      actor: systemActor(org.id, 'bok'),
      mayPickRecipients: true,
      now,
      form: {
        subject: 'Przegląd instalacji gazowej',
        body: '## Termin\n\nPrzegląd odbędzie się **1 grudnia**.',
        audience: 'building',
        buildingId: String(building.id),
      },
    });
    await expect(
      addAttachment(t.database.db, {
        organizationId: org.id,
        letterId: letter.id,
        upload: { fileName: 'x.pdf', data: Buffer.from('not a pdf') },
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'file', message: 'Załącznik musi być plikiem PDF.' }] });
    await expect(
      addAttachment(t.database.db, {
        organizationId: org.id,
        letterId: letter.id,
        upload: { fileName: 'x.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) },
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'file', message: expect.stringContaining('10 MB') }] });
    await addAttachment(t.database.db, {
      organizationId: org.id,
      letterId: letter.id,
      upload: { fileName: 'harmonogram.pdf', data: await onePagePdf('Harmonogram wymiany wodomierzy.') },
    });

    const result = await sendLetter(t.database.db, { ...ctx(), letterId: letter.id });
    expect(result).toEqual({ email: 3, paper: 1 });
    await expect(sendLetter(t.database.db, { ...ctx(), letterId: letter.id })).rejects.toMatchObject({
      code: 'invalid_input',
    });

    smtp.failNext(1, 451); // a: temporary
    await drainOutbox(worker);
    expect(smtp.messages).toHaveLength(2);
    now = new Date(now.getTime() + 31_000);
    smtp.failNext(0, 451);
    // c was accepted; b and a: make one of the retried fail for good
    const rows = await t.database.db.select().from(deliveries).where(eq(deliveries.letterId, letter.id));
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(2);
    smtp.failNext(1, 550);
    await drainOutbox(worker);
    const after = await t.database.db.select().from(deliveries).where(eq(deliveries.letterId, letter.id));
    const bounced = after.filter((r) => r.emailError);
    expect(bounced).toHaveLength(1);
    expect(bounced[0]).toMatchObject({ channel: 'paper', state: 'to_print' });
    const received = smtp.messages[0];
    expect(received?.subject).toBe('Przegląd instalacji gazowej');
    expect(received?.html).toContain('<strong>1 grudnia</strong>');
    expect(received?.text).toContain(`/ebok/korespondencja/${letter.id}`);
    expect(received?.attachments.map((x) => x.filename)).toEqual(['harmonogram.pdf']);
    expect(received?.messageId).toMatch(new RegExp(`^<letter-${letter.id}\\.person-\\d+@`));
    const outbox = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.purpose, 'correspondence.letter'));
    expect(outbox.every((m) => m.attachmentFileIds?.length === 1)).toBe(true);

    // read time: first opening counts
    expect(await countUnread(t.database.db, { organizationId: org.id, personId: d.id })).toBe(1);
    const first = await openLetter(t.database.db, { organizationId: org.id, personId: d.id, letterId: letter.id, now });
    await openLetter(t.database.db, {
      organizationId: org.id,
      personId: d.id,
      letterId: letter.id,
      now: new Date(now.getTime() + 60_000),
    });
    const [reread] = await t.database.db.select().from(deliveries).where(eq(deliveries.id, first.delivery.id));
    expect(reread?.readAt?.toISOString()).toBe(now.toISOString());
    expect(await countUnread(t.database.db, { organizationId: org.id, personId: d.id })).toBe(0);
    const stranger = await makePerson(t.database.db, org.id);
    await expect(
      openLetter(t.database.db, { organizationId: org.id, personId: stranger.id, letterId: letter.id, now }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const report = await letterReport(t.database.db, { organizationId: org.id, letterId: letter.id });
    expect(report.total).toBe(4);
    expect(report.read).toBe(1);
    expect(report.bounced).toBe(1);

    // print queue: d (no consent) and the bounced one
    const queue = (await listPrintQueue(t.database.db, { organizationId: org.id })).filter(
      (q) => q.letter.id === letter.id,
    );
    expect(queue).toHaveLength(2);
    const pdf = await printQueuePdf({
      organization: org,
      items: queue,
      attachments: new Map([
        [letter.id, await listAttachmentFiles(t.database.db, { organizationId: org.id, letterId: letter.id })],
      ]),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Each paper letter is followed by the attachment's pages: letter + attachment, twice.
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(4);
    expect(
      await markPrinted(t.database.db, {
        actor: systemActor(org.id, 'bok'),
        deliveryIds: queue.map((q) => q.delivery.id),
        now,
      }),
    ).toBe(2);
    expect(
      (await listPrintQueue(t.database.db, { organizationId: org.id })).filter((q) => q.letter.id === letter.id),
    ).toHaveLength(0);
  });

  it('an empty audience sends nothing; a scheduled letter goes out when due', async () => {
    const empty = await createLetter(t.database.db, {
      actor: systemActor(org.id, 'bok'),
      mayPickRecipients: true,
      now,
      form: { subject: 'Nikt', body: 'Treść', audience: 'units' },
    });
    await expect(sendLetter(t.database.db, { ...ctx(), letterId: empty.id })).rejects.toMatchObject({
      fields: [{ message: expect.stringContaining('pusta') }],
    });
    const person = await makePerson(t.database.db, org.id);
    const planned = await createLetter(t.database.db, {
      actor: systemActor(org.id, 'bok'),
      mayPickRecipients: true,
      now,
      form: { subject: 'Plan', body: 'Treść', audience: 'persons' },
    });
    await addRecipients(t.database.db, { organizationId: org.id, letterId: planned.id, ids: [person.id] });
    await scheduleLetter(t.database.db, {
      organizationId: org.id,
      letterId: planned.id,
      at: scheduleForm.parse({ at: '2026-11-25 12:00' }).at,
      now,
    });
    expect(
      await dispatchDueLetters(t.database.db, { now, mailFrom: undefined, baseUrlOf: () => 'http://sm.test' }),
    ).toBe(0);
    const due = new Date('2026-11-25T11:00:01Z');
    expect(
      await dispatchDueLetters(t.database.db, { now: due, mailFrom: undefined, baseUrlOf: () => 'http://sm.test' }),
    ).toBe(1);
    expect(await countUnread(t.database.db, { organizationId: org.id, personId: person.id })).toBe(1);
  });
});
