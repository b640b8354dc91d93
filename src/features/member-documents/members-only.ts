/** Members-only documents: publish, withdraw, list for a member, download with an audit row. */
import { and, arrayOverlaps, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { type FileUpload, findFilesByIds, storeFile } from '../../files/store.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { memberDocuments } from './schema.ts';

export type MemberDocument = typeof memberDocuments.$inferSelect;

export async function publishMemberDocument(
  db: Db,
  {
    actor,
    title,
    upload,
    buildingIds,
    known,
    now,
  }: { actor: Actor; title: string; upload: FileUpload; buildingIds: number[]; known: number[]; now: Date },
): Promise<MemberDocument> {
  if (buildingIds.some((id) => !known.includes(id))) {
    throw new ValidationError([{ field: 'buildingIds', message: 'Wybierz budynki z listy.' }]);
  }
  return db.transaction(async (tx) => {
    const file = await storeFile(tx, {
      organizationId: actor.organizationId,
      upload: { ...upload, title },
      owner: { private: true },
    });
    const [document] = await tx
      .insert(memberDocuments)
      .values({
        organizationId: actor.organizationId,
        title,
        fileId: file.id,
        fileName: file.name,
        contentType: file.contentType,
        size: file.size,
        buildingIds: [...new Set(buildingIds)],
        publishedAt: now,
        createdBy: actor.actorAccountId,
      })
      .returning();
    if (!document) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'member_document.published',
      subjectType: 'member_document',
      subjectId: document.id,
      detail: { title, buildings: buildingIds.length },
      at: now,
    });
    return document;
  });
}

export async function withdrawMemberDocument(
  db: Db,
  { actor, documentId, now }: { actor: Actor; documentId: number; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(memberDocuments)
      .set({ withdrawnAt: now })
      .where(
        and(
          eq(memberDocuments.organizationId, actor.organizationId),
          eq(memberDocuments.id, documentId),
          isNull(memberDocuments.withdrawnAt),
        ),
      )
      .returning({ id: memberDocuments.id });
    if (rows.length === 0) throw new AppError('not_found', 'no such document');
    await recordAudit(tx, {
      ...actor,
      action: 'member_document.withdrawn',
      subjectType: 'member_document',
      subjectId: documentId,
      at: now,
    });
  });
}

/** What a member may read: published, not withdrawn, for everyone or for one of their buildings. */
const visibleTo = (organizationId: number, buildingIds: number[], now: Date) =>
  and(
    eq(memberDocuments.organizationId, organizationId),
    isNull(memberDocuments.withdrawnAt),
    lte(memberDocuments.publishedAt, now),
    or(
      sql`cardinality(${memberDocuments.buildingIds}) = 0`,
      buildingIds.length > 0 ? arrayOverlaps(memberDocuments.buildingIds, buildingIds) : sql`false`,
    ),
  );

export async function listMemberDocuments(
  db: Db,
  { organizationId, buildingIds, now }: { organizationId: number; buildingIds: number[]; now: Date },
): Promise<MemberDocument[]> {
  return db
    .select()
    .from(memberDocuments)
    .where(visibleTo(organizationId, buildingIds, now))
    .orderBy(desc(memberDocuments.publishedAt), desc(memberDocuments.id))
    .limit(200);
}

export async function listMemberDocumentsForStaff(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<MemberDocument[]> {
  return db
    .select()
    .from(memberDocuments)
    .where(eq(memberDocuments.organizationId, organizationId))
    .orderBy(desc(memberDocuments.publishedAt), desc(memberDocuments.id))
    .limit(200);
}

/** A member's download: only a document they may see (else 404), recorded in the audit log. */
export async function downloadMemberDocument(
  db: Db,
  { actor, documentId, buildingIds, now }: { actor: Actor; documentId: number; buildingIds: number[]; now: Date },
): Promise<{ name: string; contentType: string; data: Buffer }> {
  const rows = await db
    .select()
    .from(memberDocuments)
    .where(and(visibleTo(actor.organizationId, buildingIds, now), eq(memberDocuments.id, documentId)));
  const document = rows[0];
  const [file] = document ? await findFilesByIds(db, [document.fileId]) : [];
  if (!document || !file) throw new AppError('not_found', 'no such document');
  await recordAudit(db, {
    ...actor,
    action: 'member_document.downloaded',
    subjectType: 'member_document',
    subjectId: document.id,
    detail: { title: document.title },
    at: now,
  });
  return file;
}
