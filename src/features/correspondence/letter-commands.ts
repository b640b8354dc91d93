/**
 * Writing letters: drafts, their recipients and attachments, planning and stopping a sending.
 * Sending itself is in sending.ts.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { deleteFileById, detectAllowedType, type FileUpload, storeFile } from '../../files/store.ts';
import { formatFileSize } from '../../lib/file-size.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import type { Actor } from '../audit/audit.ts';
import { findBuilding, findPersonsByIds, findUnitsWithAddress } from '../units/queries.ts';
import { previewRecipients } from './audience.ts';
import type { LetterForm } from './forms.ts';
import { type Letter, type LetterAttachment, lockLetter } from './letter-queries.ts';
import { assertDraft, assertFuture, MAX_ATTACHMENT_BYTES, parseLetterForm } from './letter-rules.ts';
import { type Audience, letterAttachments, letters } from './schema.ts';

interface DraftRef {
  organizationId: number;
  letterId: number;
}

/** Runs `work` on the organization's letter, locked, if it is still a draft (404 or a message otherwise). */
export function inDraft<T>(db: Db, ref: DraftRef, work: (tx: Db, letter: Letter) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const letter = await lockLetter(tx, ref);
    assertDraft(letter);
    return work(tx, letter);
  });
}

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

/** What may be typed on the letter form, and whether its author may pick units and persons. */
interface LetterFormInput {
  form: LetterForm;
  /** Picking units or persons needs the register (`letters.recipients`). */
  mayPickRecipients: boolean;
  now: Date;
}

/** A new letter, as a draft: attachments and the recipients' preview come next, then sending. */
export async function createLetter(
  db: Db,
  { actor, form, mayPickRecipients, now }: LetterFormInput & { actor: Actor },
): Promise<Letter> {
  const values = parseLetterForm(form, { mayPickRecipients });
  const organizationId = actor.organizationId;
  const audience = await settleAudience(db, { organizationId, audience: values.audience, now });
  const [letter] = await db
    .insert(letters)
    .values({
      organizationId,
      ...values,
      audience,
      state: 'draft',
      createdAt: now,
      createdByLabel: actor.actorLabel ?? '',
    })
    .returning();
  if (!letter) throw new Error('insert returned no row');
  return letter;
}

/** Changes a draft's subject, body or audience; a letter sent or scheduled stays as it is. */
export async function updateLetter(
  db: Db,
  { organizationId, letterId, form, mayPickRecipients, now }: DraftRef & LetterFormInput,
): Promise<Letter> {
  const values = parseLetterForm(form, { mayPickRecipients });
  return inDraft(db, { organizationId, letterId }, async (tx, letter) => {
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
export async function deleteLetter(db: Db, ref: DraftRef): Promise<void> {
  await inDraft(db, ref, async (tx, letter) => {
    const attachments = await tx
      .delete(letterAttachments)
      .where(eq(letterAttachments.letterId, letter.id))
      .returning({ fileId: letterAttachments.fileId });
    for (const { fileId } of attachments) await deleteFileById(tx, { organizationId: ref.organizationId, fileId });
    await tx.delete(letters).where(eq(letters.id, letter.id));
  });
}

/**
 * Adds units or persons, picked in the register, to a draft addressed to chosen units or persons.
 * An id that is not the organization's is refused with a message at the field.
 */
export async function addRecipients(db: Db, { ids, ...ref }: DraftRef & { ids: number[] }): Promise<Letter> {
  const { organizationId } = ref;
  return inDraft(db, ref, async (tx, letter) => {
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
export async function removeRecipient(db: Db, { id, ...ref }: DraftRef & { id: number }): Promise<void> {
  await inDraft(db, ref, async (tx, letter) => {
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

/** Attaches a PDF (type by content, at most 10 MB) to a draft. */
export async function addAttachment(
  db: Db,
  { upload, ...ref }: DraftRef & { upload: FileUpload },
): Promise<LetterAttachment> {
  const { organizationId, letterId } = ref;
  // Checked with the letter locked, so that it cannot be sent meanwhile.
  return inDraft(db, ref, async (tx) => {
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

/** Removes one attachment of a draft, with its file. */
export async function removeAttachment(
  db: Db,
  { attachmentId, ...ref }: DraftRef & { attachmentId: number },
): Promise<void> {
  await inDraft(db, ref, async (tx, letter) => {
    const [removed] = await tx
      .delete(letterAttachments)
      .where(and(eq(letterAttachments.letterId, letter.id), eq(letterAttachments.id, attachmentId)))
      .returning({ fileId: letterAttachments.fileId });
    if (!removed) throw new AppError('not_found', 'no such attachment');
    await deleteFileById(tx, { organizationId: ref.organizationId, fileId: removed.fileId });
  });
}

/** Plans a draft for `at` (checked by the form: `scheduleForm`); the dispatcher sends it then. */
export async function scheduleLetter(db: Db, { at, now, ...ref }: DraftRef & { at: Date; now: Date }): Promise<void> {
  assertFuture(at, now);
  await inDraft(db, ref, async (tx, letter) => {
    // Checked now too, so an empty audience is reported while the clerk is here.
    const rows = await previewRecipients(tx, {
      organizationId: letter.organizationId,
      audience: letter.audience,
      now,
    });
    if (rows.length === 0)
      throw new ValidationError([
        { field: '', message: 'Lista adresatów jest pusta — nic nie zaplanowano. Zmień adresatów listu.' },
      ]);
    await tx.update(letters).set({ state: 'scheduled', scheduledAt: at }).where(eq(letters.id, letter.id));
  });
}

/** Stops a scheduled sending: the letter is a draft again, to change or send later. */
export async function unscheduleLetter(db: Db, ref: DraftRef): Promise<void> {
  await db.transaction(async (tx) => {
    const letter = await lockLetter(tx, ref);
    if (letter.state !== 'scheduled')
      throw new ValidationError([{ field: '', message: 'Ten list nie czeka na zaplanowaną wysyłkę.' }]);
    await tx.update(letters).set({ state: 'draft', scheduledAt: null }).where(eq(letters.id, letter.id));
  });
}
