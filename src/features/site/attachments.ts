import type { Db } from '../../db/client.ts';
import { removeFile, type SiteFile } from '../../files/store.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';

/** What a file of the site belongs to: a news item, a section or a tender. */
export type AttachmentOwner = { newsId: number } | { sectionId: number } | { tenderId: number };

function subjectOf(owner: AttachmentOwner): { subjectType: string; subjectId: number } {
  if ('newsId' in owner) return { subjectType: 'news', subjectId: owner.newsId };
  if ('sectionId' in owner) return { subjectType: 'section', subjectId: owner.sectionId };
  return { subjectType: 'tender', subjectId: owner.tenderId };
}

/**
 * Removes a file from its news item, section or tender, with the audit row about the owner. Only
 * a file of that owner goes, so a forged id cannot remove a gazette issue or another page's file.
 */
export async function removeAttachment(
  db: Db,
  { actor, owner, fileId, now = new Date() }: { actor: Actor; owner: AttachmentOwner; fileId: number; now?: Date },
): Promise<SiteFile> {
  return db.transaction(async (tx) => {
    const file = await removeFile(tx, { organizationId: actor.organizationId, fileId, owner });
    await recordAudit(tx, {
      ...actor,
      action: 'site.file_removed',
      ...subjectOf(owner),
      detail: { fileId: file.id, name: file.name },
      at: now,
    });
    return file;
  });
}
