/** Reading letters and their attachments; every query is limited to one organization. */
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findFilesByIds } from '../../files/store.ts';
import { letterAttachments, letters } from './schema.ts';

export type Letter = typeof letters.$inferSelect;
export type LetterAttachment = typeof letterAttachments.$inferSelect;

/** The organization's letter (404 otherwise). */
export async function findLetter(
  db: Db,
  { organizationId, letterId }: { organizationId: number; letterId: number },
): Promise<Letter> {
  const rows = await db
    .select()
    .from(letters)
    .where(and(eq(letters.organizationId, organizationId), eq(letters.id, letterId)));
  if (!rows[0]) throw new AppError('not_found', 'no such letter');
  return rows[0];
}

/** The organization's letter, locked until the transaction ends (404 otherwise). */
export async function lockLetter(
  db: Db,
  { organizationId, letterId }: { organizationId: number; letterId: number },
): Promise<Letter> {
  const rows = await db
    .select()
    .from(letters)
    .where(and(eq(letters.organizationId, organizationId), eq(letters.id, letterId)))
    .for('update');
  if (!rows[0]) throw new AppError('not_found', 'no such letter');
  return rows[0];
}

/**
 * The scheduled letter due longest ago, locked; letters another process holds are skipped, so
 * any number of dispatchers may run.
 */
export async function lockNextDueLetter(db: Db, { now }: { now: Date }): Promise<Letter | undefined> {
  const rows = await db
    .select()
    .from(letters)
    .where(and(eq(letters.state, 'scheduled'), lte(letters.scheduledAt, now)))
    .orderBy(asc(letters.scheduledAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return rows[0];
}

/** The newest 200 letters. */
export async function listLetters(db: Db, { organizationId }: { organizationId: number }): Promise<Letter[]> {
  return db
    .select()
    .from(letters)
    .where(eq(letters.organizationId, organizationId))
    .orderBy(desc(letters.id))
    .limit(200);
}

export async function listAttachments(
  db: Db,
  { organizationId, letterId }: { organizationId: number; letterId: number },
): Promise<LetterAttachment[]> {
  return db
    .select()
    .from(letterAttachments)
    .where(and(eq(letterAttachments.organizationId, organizationId), eq(letterAttachments.letterId, letterId)))
    .orderBy(asc(letterAttachments.id));
}

/** A letter's attachments with their content, in order (for the print queue). */
export async function listAttachmentFiles(
  db: Db,
  { organizationId, letterId }: { organizationId: number; letterId: number },
): Promise<{ name: string; data: Buffer }[]> {
  const attachments = await listAttachments(db, { organizationId, letterId });
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
