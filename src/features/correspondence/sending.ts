/** Sending a letter: now, or when its time comes (the dispatcher). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { type Actor, recordAudit, systemActor } from '../audit/audit.ts';
import { findOrganizationById, type Organization } from '../organizations/queries.ts';
import { enqueueMails, senderFor } from '../outbox/outbox.ts';
import { previewRecipients } from './audience.ts';
import { inDraft } from './letter-commands.ts';
import { type Letter, listAttachments, lockNextDueLetter } from './letter-queries.ts';
import { deliveryMessageId, letterMail, type MailSettings } from './mail.ts';
import { isPersonal } from './personal/fields.ts';
import { sendLetterWithFields } from './personal/send.ts';
import { deliveries, letters } from './schema.ts';

const CHUNK = 1000;

interface Sending extends MailSettings {
  organization: Organization;
  actor: Actor;
  now: Date;
}

/**
 * Sends a letter: one delivery per person, e-mail (through the outbox) where a confirmed consent
 * covers a confirmed address, paper otherwise. All deliveries and messages are written in one
 * transaction with the letter's state, so a crash leaves either all of them or none.
 */
async function sendLocked(db: Db, sending: Sending, letter: Letter): Promise<{ email: number; paper: number }> {
  if (isPersonal(letter.bodyMarkdown)) return sendPersonalLocked(db, sending, letter);
  const { organization, now } = sending;
  const rows = await previewRecipients(db, { organizationId: organization.id, audience: letter.audience, now });
  if (rows.length === 0) {
    throw new ValidationError([
      { field: '', message: 'Lista adresatów jest pusta — nic nie wysłano. Zmień adresatów listu.' },
    ]);
  }
  const attachments = await listAttachments(db, { organizationId: organization.id, letterId: letter.id });
  const from = senderFor(organization, sending.mailFrom);
  const mail = letterMail(organization, letter, sending.baseUrl);
  const emails = rows.filter((r) => r.channel === 'email');
  const outboxIds = new Map<number, number>();
  for (let i = 0; i < emails.length; i += CHUNK) {
    const chunk = emails.slice(i, i + CHUNK);
    const queued = await enqueueMails(
      db,
      chunk.flatMap((r) =>
        r.consentEmail
          ? [
              {
                organization,
                from,
                to: r.consentEmail,
                mail,
                purpose: 'correspondence.letter',
                now,
                attachmentFileIds: attachments.map((a) => a.fileId),
                messageId: deliveryMessageId(letter.id, r.personId, from),
              },
            ]
          : [],
      ),
    );
    const byMessageId = new Map(queued.map((m) => [m.messageId, m.id]));
    for (const r of chunk) {
      const outboxId = byMessageId.get(deliveryMessageId(letter.id, r.personId, from));
      if (outboxId !== undefined) outboxIds.set(r.personId, outboxId);
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(deliveries).values(
      rows.slice(i, i + CHUNK).map((r) => ({
        organizationId: organization.id,
        letterId: letter.id,
        personId: r.personId,
        recipientName: r.name,
        postalAddress: r.postalAddress,
        channel: r.channel,
        email: r.consentEmail ?? null,
        state: r.channel === 'email' ? ('queued' as const) : ('to_print' as const),
        outboxMessageId: outboxIds.get(r.personId) ?? null,
        createdAt: now,
      })),
    );
  }
  await db.update(letters).set({ state: 'sent', sentAt: now }).where(eq(letters.id, letter.id));
  const counts = { email: emails.length, paper: rows.length - emails.length };
  await recordAudit(db, {
    ...sending.actor,
    action: 'correspondence.letter_sent',
    subjectType: 'letter',
    subjectId: letter.id,
    detail: counts,
  });
  return counts;
}

/** A letter with fields: one delivery per recipient and unit, those lacking data left out (personal/). */
async function sendPersonalLocked(db: Db, sending: Sending, letter: Letter): Promise<{ email: number; paper: number }> {
  const { email, paper, skipped } = await sendLetterWithFields(db, sending, letter);
  if (email + paper === 0) {
    throw new ValidationError([
      {
        field: '',
        message: skipped
          ? 'Żaden adresat nie ma wszystkich danych, których wymagają pola listu — nic nie wysłano.'
          : 'Lista adresatów jest pusta — nic nie wysłano. Zmień adresatów listu.',
      },
    ]);
  }
  await db.update(letters).set({ state: 'sent', sentAt: sending.now }).where(eq(letters.id, letter.id));
  await recordAudit(db, {
    ...sending.actor,
    action: 'correspondence.letter_sent',
    subjectType: 'letter',
    subjectId: letter.id,
    detail: { email, paper, skipped },
  });
  return { email, paper };
}

/** What the sender confirmed on the page: "Wysłać do 412 osób: 305 e-mail, 107 papier?". */
export interface SendConfirmation {
  checked: boolean;
  email: number;
  paper: number;
}

/**
 * Sends a draft now. With a confirmation (the page's), the sender must have ticked it, and the
 * counts they saw must still be the counts: a list whose audience changed meanwhile is not sent.
 */
export async function sendLetter(
  db: Db,
  { letterId, confirmation, ...sending }: Sending & { letterId: number; confirmation?: SendConfirmation },
): Promise<{ email: number; paper: number }> {
  return inDraft(db, { organizationId: sending.organization.id, letterId }, async (tx, letter) => {
    if (confirmation) {
      const rows = await previewRecipients(tx, {
        organizationId: sending.organization.id,
        audience: letter.audience,
        now: sending.now,
      });
      const email = rows.filter((r) => r.channel === 'email').length;
      checkConfirmation(confirmation, { email, paper: rows.length - email });
    }
    return sendLocked(tx, sending, letter);
  });
}

/** The rule of the confirmation, apart for its test: ticked, and for the counts shown. */
export function checkConfirmation(confirmation: SendConfirmation, now: { email: number; paper: number }): void {
  if (now.email + now.paper === 0) return; // sendLocked says the list is empty
  if (!confirmation.checked) {
    throw new ValidationError([
      { field: 'potwierdzam', message: 'Zaznacz, że chcesz wysłać list do podanej liczby osób.' },
    ]);
  }
  if (confirmation.email !== now.email || confirmation.paper !== now.paper) {
    throw new ValidationError([
      {
        field: 'potwierdzam',
        message: `Lista adresatów zmieniła się: teraz ${now.email + now.paper} (${now.email} e-mail, ${now.paper} papier). Sprawdź ją i potwierdź ponownie.`,
      },
    ]);
  }
}

/**
 * Sends scheduled letters whose time has come; any number of processes may run it (SKIP LOCKED).
 * A letter whose audience became empty goes back to a draft.
 */
export async function dispatchDueLetters(
  db: Db,
  {
    now,
    mailFrom,
    baseUrlOf,
  }: { now: Date; mailFrom: string | undefined; baseUrlOf: (organization: Organization) => string },
): Promise<number> {
  let sent = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const letter = await lockNextDueLetter(tx, { now });
      if (!letter) return false;
      const organization = await findOrganizationById(tx, { organizationId: letter.organizationId });
      if (!organization) throw new Error(`letter ${letter.id} belongs to no organization`);
      try {
        await tx.transaction(async (inner) =>
          sendLocked(
            inner,
            {
              organization,
              now,
              mailFrom,
              baseUrl: baseUrlOf(organization),
              actor: systemActor(organization.id, 'harmonogram'),
            },
            letter,
          ),
        );
        sent++;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await tx.update(letters).set({ state: 'draft', scheduledAt: null }).where(eq(letters.id, letter.id));
      }
      return true;
    });
    if (!done) return sent;
  }
}
