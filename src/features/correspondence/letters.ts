import { and, asc, desc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { deleteFileById, detectAllowedType, type FileUpload, findFilesByIds, storeFile } from '../../files/store.ts';
import { parseDate } from '../../lib/dates.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { formatFileSize } from '../../lib/file-size.ts';
import { formatCalendarDate, formatMoney } from '../../lib/format.ts';
import { markdownToSafeHtml } from '../../lib/markdown.ts';
import { polishPlural } from '../../lib/plural.ts';
import { parseWarsawLocal, warsawDate } from '../../lib/warsaw-time.ts';
import { enqueueMails, messageIdDomain, senderFor } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/templates.tsx';
import { type RequestOrigin, recordAudit } from '../audit/audit.ts';
import { parseMoney } from '../ledger/rules/money.ts';
import type { Organization } from '../organizations/queries.ts';
import { organizations } from '../organizations/schema.ts';
import { type Building, findBuilding, findPersonsByIds, findUnitsWithAddress } from '../units/queries.ts';
import { type Recipient, resolveAudience } from './audience.ts';
import { chooseChannel } from './channel.ts';
import { effectiveConsents } from './consents.ts';
import { type Audience, deliveries, letterAttachments, letters } from './schema.ts';

export type Letter = typeof letters.$inferSelect;
export type LetterAttachment = typeof letterAttachments.$inferSelect;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const letterInput = z
  .object({
    subject: z
      .string({ error: 'Podaj temat listu.' })
      .trim()
      .min(1, 'Podaj temat listu.')
      .max(200, 'Temat jest za długi (najwyżej 200 znaków).'),
    body: z
      .string({ error: 'Wpisz treść listu.' })
      .trim()
      .min(1, 'Wpisz treść listu.')
      .max(100_000, 'Treść jest za długa.'),
    audience: z.enum(['all', 'building', 'units', 'persons', 'debtors'], { error: 'Wybierz adresatów.' }),
    buildingId: z.string().optional(),
    debtorsDay: z.string().optional(),
    debtorsThreshold: z.string().optional(),
  })
  .transform((v, ctx): { subject: string; bodyMarkdown: string; audience: Audience } | typeof z.NEVER => {
    let audience: Audience | undefined;
    switch (v.audience) {
      case 'all':
        audience = { kind: 'all' };
        break;
      case 'building': {
        const id = Number(v.buildingId);
        if (!Number.isSafeInteger(id) || id <= 0)
          ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'Wybierz budynek.' });
        else audience = { kind: 'building', buildingId: id };
        break;
      }
      // Chosen on the draft's page, by a search of the register.
      case 'units':
        audience = { kind: 'units', unitIds: [] };
        break;
      case 'persons':
        audience = { kind: 'persons', personIds: [] };
        break;
      case 'debtors': {
        const day = parseDate(v.debtorsDay ?? '');
        if (!day.ok)
          ctx.addIssue({
            code: 'custom',
            path: ['debtorsDay'],
            message: `Podaj dzień, na który liczy się zadłużenie: ${day.message}.`,
          });
        const threshold = (v.debtorsThreshold ?? '').trim()
          ? parseMoney(v.debtorsThreshold ?? '')
          : ({ ok: false, message: 'Podaj próg zadłużenia w złotych, np. 100,00.' } as const);
        if (!threshold.ok) ctx.addIssue({ code: 'custom', path: ['debtorsThreshold'], message: threshold.message });
        if (day.ok && threshold.ok) audience = { kind: 'debtors', asOf: day.value, threshold: threshold.value };
        break;
      }
    }
    if (!audience) return z.NEVER;
    return { subject: v.subject, bodyMarkdown: v.body, audience };
  });

export type LetterInput = z.input<typeof letterInput>;

/**
 * Checks what the form cannot: the building is the organization's, the debtors' day is not in the
 * future. Chosen units or persons stay when the kind is unchanged (they are picked separately).
 */
async function settleAudience(
  db: Db,
  {
    organizationId,
    audience,
    previous,
    now,
  }: { organizationId: number; audience: Audience; previous?: Audience; now: Date },
): Promise<Audience> {
  if (audience.kind === 'building' && !(await findBuilding(db, { organizationId, id: audience.buildingId })))
    throw new ValidationError([{ field: 'buildingId', message: 'Wybierz budynek z listy.' }]);
  if (audience.kind === 'debtors' && audience.asOf > warsawDate(now))
    throw new ValidationError([
      { field: 'debtorsDay', message: 'Dzień zadłużenia nie może być późniejszy niż dzisiejszy.' },
    ]);
  if (previous?.kind === 'units' && audience.kind === 'units') return previous;
  if (previous?.kind === 'persons' && audience.kind === 'persons') return previous;
  return audience;
}

/** The body for e-mail's text part: the Markdown source, which reads well as text, lightly cleaned. */
export function plainTextOf(markdown: string): string {
  return markdown
    .replace(/\r\n/g, '\n')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .trim();
}

export function letterHtml(letter: Pick<Letter, 'bodyMarkdown'>): string {
  return markdownToSafeHtml(letter.bodyMarkdown);
}

/** A new letter, as a draft: attachments and the recipients' preview come next, then sending. */
export async function createLetter({
  db,
  organizationId,
  actorLabel,
  input,
  now,
}: {
  db: Db;
  organizationId: number;
  actorLabel: string;
  input: LetterInput;
  now: Date;
}): Promise<Letter> {
  const values = parseInput(letterInput, input);
  const audience = await settleAudience(db, { organizationId, audience: values.audience, now });
  const [letter] = await db
    .insert(letters)
    .values({ organizationId, ...values, audience, state: 'draft', createdAt: now, createdByLabel: actorLabel })
    .returning();
  if (!letter) throw new Error('insert returned no row');
  return letter;
}

/** Changes a draft's subject, body or audience; a letter sent or scheduled stays as it is. */
export async function updateLetter({
  db,
  organizationId,
  letterId,
  input,
  now,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
  input: LetterInput;
  now: Date;
}): Promise<Letter> {
  const values = parseInput(letterInput, input);
  return inDraft(db, organizationId, letterId, async (tx, letter) => {
    const audience = await settleAudience(tx, {
      organizationId,
      audience: values.audience,
      previous: letter.audience,
      now,
    });
    const [updated] = await tx
      .update(letters)
      .set({ ...values, audience })
      .where(eq(letters.id, letter.id))
      .returning();
    if (!updated) throw new Error('update returned no row');
    return updated;
  });
}

/** Deletes a draft with its attachments' files; nothing was sent, so nothing else refers to it. */
export async function deleteLetter({
  db,
  organizationId,
  letterId,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
}): Promise<void> {
  await inDraft(db, organizationId, letterId, async (tx, letter) => {
    const attachments = await tx
      .delete(letterAttachments)
      .where(eq(letterAttachments.letterId, letter.id))
      .returning({ fileId: letterAttachments.fileId });
    for (const { fileId } of attachments) await deleteFileById(tx, { organizationId, fileId });
    await tx.delete(letters).where(eq(letters.id, letter.id));
  });
}

/** Removes one attachment of a draft, with its file. */
export async function removeAttachment({
  db,
  organizationId,
  letterId,
  attachmentId,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
  attachmentId: number;
}): Promise<void> {
  await inDraft(db, organizationId, letterId, async (tx, letter) => {
    const [removed] = await tx
      .delete(letterAttachments)
      .where(and(eq(letterAttachments.letterId, letter.id), eq(letterAttachments.id, attachmentId)))
      .returning({ fileId: letterAttachments.fileId });
    if (!removed) throw new AppError('not_found', 'no such attachment');
    await deleteFileById(tx, { organizationId, fileId: removed.fileId });
  });
}

/**
 * Adds units or persons, picked in the register, to a draft addressed to chosen units or persons.
 * An id that is not the organization's is refused with a message at the field.
 */
export async function addRecipients({
  db,
  organizationId,
  letterId,
  ids,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
  ids: number[];
}): Promise<Letter> {
  return inDraft(db, organizationId, letterId, async (tx, letter) => {
    const audience = letter.audience;
    if (audience.kind !== 'units' && audience.kind !== 'persons')
      throw new ValidationError([{ field: '', message: 'Ten list nie jest adresowany do wybranych lokali ani osób.' }]);
    const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
    const field = audience.kind === 'units' ? 'unitId' : 'personId';
    const found = new Set(
      audience.kind === 'units'
        ? (await findUnitsWithAddress(tx, { organizationId, ids: wanted })).map((u) => u.id)
        : (await findPersonsByIds(tx, { organizationId, ids: wanted })).map((p) => p.id),
    );
    const unknown = wanted.filter((id) => !found.has(id)).slice(0, 5);
    const units = audience.kind === 'units';
    if (wanted.length === 0)
      throw new ValidationError([
        { field, message: units ? 'Wybierz lokal z wyników wyszukiwania.' : 'Wybierz osobę z wyników wyszukiwania.' },
      ]);
    if (unknown.length > 0)
      throw new ValidationError([
        {
          field,
          message: units
            ? `Nie ma w rejestrze spółdzielni lokalu o numerze identyfikacyjnym ${unknown.join(', ')}. Wyszukaj lokal i wybierz go z listy.`
            : `Nie ma w rejestrze spółdzielni osoby o numerze identyfikacyjnym ${unknown.join(', ')}. Wyszukaj osobę i wybierz ją z listy.`,
        },
      ]);
    const next: Audience =
      audience.kind === 'units'
        ? { kind: 'units', unitIds: [...new Set([...audience.unitIds, ...found])] }
        : { kind: 'persons', personIds: [...new Set([...audience.personIds, ...found])] };
    const [updated] = await tx.update(letters).set({ audience: next }).where(eq(letters.id, letter.id)).returning();
    if (!updated) throw new Error('update returned no row');
    return updated;
  });
}

/** Takes a unit or a person off a draft's chosen recipients. */
export async function removeRecipient({
  db,
  organizationId,
  letterId,
  id,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
  id: number;
}): Promise<void> {
  await inDraft(db, organizationId, letterId, async (tx, letter) => {
    const audience = letter.audience;
    const next: Audience | undefined =
      audience.kind === 'units'
        ? { kind: 'units', unitIds: audience.unitIds.filter((u) => u !== id) }
        : audience.kind === 'persons'
          ? { kind: 'persons', personIds: audience.personIds.filter((p) => p !== id) }
          : undefined;
    if (next) await tx.update(letters).set({ audience: next }).where(eq(letters.id, letter.id));
  });
}

export async function findLetter(db: Db, organizationId: number, id: number): Promise<Letter> {
  const rows = await db
    .select()
    .from(letters)
    .where(and(eq(letters.organizationId, organizationId), eq(letters.id, id)));
  if (!rows[0]) throw new AppError('not_found', 'no such letter');
  return rows[0];
}

/** Runs `work` on the organization's letter, locked, if it is still a draft (404 or a message otherwise). */
function inDraft<T>(
  db: Db,
  organizationId: number,
  letterId: number,
  work: (tx: Db, letter: Letter) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const letter = await lockLetter(tx, organizationId, letterId);
    assertDraft(letter);
    return work(tx, letter);
  });
}

export async function listLetters(db: Db, organizationId: number): Promise<Letter[]> {
  return db
    .select()
    .from(letters)
    .where(eq(letters.organizationId, organizationId))
    .orderBy(desc(letters.id))
    .limit(200);
}

export async function listAttachments(db: Db, organizationId: number, letterId: number): Promise<LetterAttachment[]> {
  return db
    .select()
    .from(letterAttachments)
    .where(and(eq(letterAttachments.organizationId, organizationId), eq(letterAttachments.letterId, letterId)))
    .orderBy(asc(letterAttachments.id));
}

/** A letter's attachments with their content, in order (for the print queue). */
export async function listAttachmentFiles(
  db: Db,
  organizationId: number,
  letterId: number,
): Promise<{ name: string; data: Buffer }[]> {
  const attachments = await listAttachments(db, organizationId, letterId);
  const files = new Map(
    (
      await findFilesByIds(
        db,
        attachments.map((a) => a.fileId),
      )
    ).map((f) => [f.id, f]),
  );
  return attachments.flatMap((a) => {
    const file = files.get(a.fileId);
    return file ? [{ name: a.name, data: file.data }] : [];
  });
}

function assertDraft(letter: Letter) {
  if (letter.state !== 'draft')
    throw new ValidationError([
      { field: '', message: 'List został już wysłany lub zaplanowany; nie można go zmienić.' },
    ]);
}

/** Attaches a PDF (type by content, at most 10 MB) to a draft. */
export async function addAttachment({
  db,
  organizationId,
  letterId,
  upload,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
  upload: FileUpload;
}): Promise<LetterAttachment> {
  // Checked with the letter locked, so that it cannot be sent meanwhile.
  return inDraft(db, organizationId, letterId, async (tx) => {
    if (upload.data.length === 0)
      throw new ValidationError([{ field: 'file', message: 'Wybierz plik PDF do załączenia.' }]);
    if (upload.data.length > MAX_ATTACHMENT_BYTES) {
      throw new ValidationError([
        {
          field: 'file',
          message: `Załącznik jest za duży (${formatFileSize(upload.data.length)}); największy dozwolony rozmiar to 10 MB.`,
        },
      ]);
    }
    if ((await detectAllowedType(upload.data, upload.fileName)) !== 'application/pdf') {
      throw new ValidationError([{ field: 'file', message: 'Załącznik musi być plikiem PDF.' }]);
    }
    const file = await storeFile(tx, { organizationId, upload, owner: { private: true } });
    const [attachment] = await tx
      .insert(letterAttachments)
      .values({ organizationId, letterId, fileId: file.id, name: file.name, size: file.size })
      .returning();
    if (!attachment) throw new Error('insert returned no row');
    return attachment;
  });
}

export interface PreviewRow extends Recipient {
  channel: 'email' | 'paper';
  /** The confirmed address the e-mail goes to. */
  consentEmail: string | undefined;
}

/** Who the letter would reach now and by which channel (nothing is written). */
export async function previewRecipients(
  db: Db,
  { organizationId, audience, now }: { organizationId: number; audience: Audience; now: Date },
): Promise<PreviewRow[]> {
  const recipients = await resolveAudience(db, { organizationId, audience, asOf: warsawDate(now) });
  const consents = await effectiveConsents(
    db,
    organizationId,
    recipients.map((r) => r.personId),
  );
  return recipients.map((r) => {
    const channel = chooseChannel(consents.get(r.personId));
    return { ...r, channel: channel.kind, consentEmail: channel.kind === 'email' ? channel.email : undefined };
  });
}

export interface SendContext {
  db: Db;
  organization: Organization;
  now: Date;
  mailFrom: string | undefined;
  baseUrl: string;
  actor: { accountId: number | null; label: string };
  origin?: RequestOrigin | undefined;
}

/** Message-ID of a delivery: the same on every retry, so a receiver can drop a second copy. */
export function deliveryMessageId(letterId: number, personId: number, from: string): string {
  return `<letter-${letterId}.person-${personId}@${messageIdDomain(from)}>`;
}

const CHUNK = 1000;

/**
 * Sends a letter: one delivery per person, e-mail (through the outbox) where a confirmed consent
 * covers a confirmed address, paper otherwise. All deliveries and messages are written in one
 * transaction with the letter's state, so a crash leaves either all of them or none.
 */
async function sendLocked(context: SendContext, letter: Letter): Promise<{ email: number; paper: number }> {
  const { db, organization, now } = context;
  const rows = await previewRecipients(db, { organizationId: organization.id, audience: letter.audience, now });
  if (rows.length === 0) {
    throw new ValidationError([
      { field: '', message: 'Lista adresatów jest pusta — nic nie wysłano. Zmień adresatów listu.' },
    ]);
  }
  const attachments = await listAttachments(db, organization.id, letter.id);
  const from = senderFor(organization, context.mailFrom);
  const body = { html: letterHtml(letter), text: plainTextOf(letter.bodyMarkdown) };
  const link = `${context.baseUrl}/ebok/korespondencja/${letter.id}`;
  const mail = renderMail(organization, {
    subject: letter.subject,
    paragraphs: [],
    body,
    link: { href: link, label: 'Przeczytaj list w e-BOK' },
  });
  const emails = rows.filter((r) => r.channel === 'email');
  const outboxIds = new Map<number, number>();
  for (let i = 0; i < emails.length; i += CHUNK) {
    const chunk = emails.slice(i, i + CHUNK);
    const queued = await enqueueMails(
      db,
      chunk.map((r) => ({
        organization,
        from,
        to: r.consentEmail as string,
        mail,
        purpose: 'correspondence.letter',
        now,
        attachmentFileIds: attachments.map((a) => a.fileId),
        messageId: deliveryMessageId(letter.id, r.personId, from),
      })),
    );
    const byMessageId = new Map(queued.map((m) => [m.messageId, m.id]));
    for (const r of chunk)
      outboxIds.set(r.personId, byMessageId.get(deliveryMessageId(letter.id, r.personId, from)) as number);
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
  await recordAudit(db, {
    organizationId: organization.id,
    actorAccountId: context.actor.accountId,
    action: 'correspondence.letter_sent',
    subjectType: 'letter',
    subjectId: letter.id,
    origin: context.origin,
    detail: {
      email: emails.length,
      paper: rows.length - emails.length,
      ...(context.actor.accountId ? {} : { actor: context.actor.label }),
    },
  });
  return { email: emails.length, paper: rows.length - emails.length };
}

async function lockLetter(db: Db, organizationId: number, id: number): Promise<Letter> {
  const rows = await db
    .select()
    .from(letters)
    .where(and(eq(letters.organizationId, organizationId), eq(letters.id, id)))
    .for('update');
  if (!rows[0]) throw new AppError('not_found', 'no such letter');
  return rows[0];
}

/** Sends a draft now. */
export async function sendLetter(context: SendContext & { letterId: number }) {
  return inDraft(context.db, context.organization.id, context.letterId, async (tx, letter) => {
    return sendLocked({ ...context, db: tx }, letter);
  });
}

/** Plans a draft for later (`RRRR-MM-DD GG:MM`, Warsaw time); the dispatcher sends it then. */
export async function scheduleLetter(
  context: Pick<SendContext, 'db' | 'organization' | 'now'> & { letterId: number; input: { at?: string | undefined } },
) {
  const at = parseWarsawLocal((context.input.at ?? '').trim().replace(' ', 'T'));
  if (!at) throw new ValidationError([{ field: 'at', message: 'Podaj datę i godzinę wysyłki, np. 2026-12-01 09:00.' }]);
  if (at <= context.now)
    throw new ValidationError([{ field: 'at', message: 'Termin wysyłki musi być w przyszłości.' }]);
  return inDraft(context.db, context.organization.id, context.letterId, async (tx, letter) => {
    // Checked now too, so an empty audience is reported while the clerk is here.
    const rows = await previewRecipients(tx, {
      organizationId: letter.organizationId,
      audience: letter.audience,
      now: context.now,
    });
    if (rows.length === 0)
      throw new ValidationError([
        { field: '', message: 'Lista adresatów jest pusta — nic nie zaplanowano. Zmień adresatów listu.' },
      ]);
    await tx.update(letters).set({ state: 'scheduled', scheduledAt: at }).where(eq(letters.id, letter.id));
  });
}

/** Stops a scheduled sending: the letter is a draft again, to change or send later. */
export async function unscheduleLetter({
  db,
  organizationId,
  letterId,
}: {
  db: Db;
  organizationId: number;
  letterId: number;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const letter = await lockLetter(tx, organizationId, letterId);
    if (letter.state !== 'scheduled')
      throw new ValidationError([{ field: '', message: 'Ten list nie czeka na zaplanowaną wysyłkę.' }]);
    await tx.update(letters).set({ state: 'draft', scheduledAt: null }).where(eq(letters.id, letter.id));
  });
}

/**
 * Sends scheduled letters whose time has come; any number of processes may run it (SKIP LOCKED).
 * A letter whose audience became empty goes back to a draft.
 */
export async function dispatchDueLetters({
  db,
  now,
  mailFrom,
  baseUrlOf,
}: {
  db: Db;
  now: Date;
  mailFrom: string | undefined;
  baseUrlOf: (organization: Organization) => string;
}): Promise<number> {
  let sent = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ letter: letters, organization: organizations })
        .from(letters)
        .innerJoin(organizations, eq(organizations.id, letters.organizationId))
        .where(and(eq(letters.state, 'scheduled'), lte(letters.scheduledAt, now)))
        .orderBy(asc(letters.scheduledAt))
        .limit(1)
        .for('update', { of: letters, skipLocked: true });
      const row = rows[0];
      if (!row) return false;
      try {
        await tx.transaction(async (inner) =>
          sendLocked(
            {
              db: inner,
              organization: row.organization,
              now,
              mailFrom,
              baseUrl: baseUrlOf(row.organization),
              actor: { accountId: null, label: 'harmonogram' },
            },
            row.letter,
          ),
        );
        sent++;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await tx.update(letters).set({ state: 'draft', scheduledAt: null }).where(eq(letters.id, row.letter.id));
      }
      return true;
    });
    if (!done) return sent;
  }
}

/** How a building is named to staff: `ul. Paderewskiego 65, Katowice`. */
export const buildingLabel = (building: Pick<Building, 'street' | 'number' | 'city'>) =>
  `${building.street} ${building.number}, ${building.city}`;

/** The audience in words; `buildings` names the building of a building audience. */
export function audienceLabel(
  audience: Audience,
  buildings: Pick<Building, 'id' | 'street' | 'number' | 'city'>[],
): string {
  switch (audience.kind) {
    case 'all':
      return 'wszyscy obecni posiadacze lokali';
    case 'building': {
      const building = buildings.find((b) => b.id === audience.buildingId);
      return `posiadacze lokali w budynku ${building ? buildingLabel(building) : '(usunięty z rejestru)'}`;
    }
    case 'units': {
      const n = audience.unitIds.length;
      if (n === 0) return 'wybrane lokale (jeszcze nie wybrano)';
      return `${n} ${polishPlural(n, { one: 'wybrany lokal', few: 'wybrane lokale', many: 'wybranych lokali' })}`;
    }
    case 'persons': {
      const n = audience.personIds.length;
      if (n === 0) return 'wybrane osoby (jeszcze nie wybrano)';
      return `${n} ${polishPlural(n, { one: 'wybrana osoba', few: 'wybrane osoby', many: 'wybranych osób' })}`;
    }
    case 'debtors':
      return `posiadacze lokali z zadłużeniem powyżej ${formatMoney(audience.threshold)} na dzień ${formatCalendarDate(audience.asOf)}`;
  }
}

/** Base address of links in mail sent without a request: the organization's host, else the installation's. */
export function mailBaseUrl(organization: Organization, publicUrl: string): string {
  return organization.hostname ? `https://${organization.hostname}` : publicUrl;
}
