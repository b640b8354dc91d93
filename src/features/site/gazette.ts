import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { type FileUpload, fileUrl, type SiteFile, storeFile } from '../../files/store.ts';
import { parseDate } from '../../lib/dates.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { gazetteIssues, siteFiles } from './schema.ts';

/** The form of a new issue (its PDF comes as a file). */
export const gazetteInput = z.object({
  title: z
    .string({ error: 'Podaj tytuł wydania.' })
    .trim()
    .min(1, 'Podaj tytuł wydania.')
    .max(200, 'Tytuł może mieć najwyżej 200 znaków.'),
  issueDate: z.string({ error: 'Podaj datę wydania.' }).transform((text, ctx) => {
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: 'Podaj datę wydania w formacie DD.MM.RRRR, np. 01.06.2026.' });
    return z.NEVER;
  }),
});

export interface GazetteIssue {
  id: number;
  title: string;
  issueDate: string;
  url: string;
  size: number;
}

/** Adds an issue of the gazette: a PDF with its date. */
export async function addGazetteIssue(
  db: Db,
  {
    actor,
    input,
    upload,
    now = new Date(),
  }: { actor: Actor; input: z.output<typeof gazetteInput>; upload: FileUpload; now?: Date },
): Promise<SiteFile> {
  const organizationId = actor.organizationId;
  // One transaction: a refused file is not left behind.
  return db.transaction(async (tx) => {
    const file = await storeFile(tx, {
      organizationId,
      upload: { ...upload, title: input.title },
      owner: { documentDate: input.issueDate },
    });
    if (file.contentType !== 'application/pdf') {
      throw new ValidationError([{ field: 'file', message: 'Wydanie gazetki musi być plikiem PDF.' }]);
    }
    await tx
      .insert(gazetteIssues)
      .values({ organizationId, title: input.title, issueDate: input.issueDate, fileId: file.id });
    await recordAudit(tx, {
      ...actor,
      action: 'site.gazette_added',
      subjectType: 'file',
      subjectId: file.id,
      detail: { title: file.title, issueDate: file.documentDate, size: file.size },
      at: now,
    });
    return file;
  });
}

/** Issues newest first. */
export async function listGazetteIssues(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<GazetteIssue[]> {
  const rows = await db
    .select({
      id: gazetteIssues.id,
      title: gazetteIssues.title,
      issueDate: gazetteIssues.issueDate,
      key: siteFiles.key,
      name: siteFiles.name,
      size: siteFiles.size,
    })
    .from(gazetteIssues)
    .innerJoin(siteFiles, eq(siteFiles.id, gazetteIssues.fileId))
    .where(and(eq(gazetteIssues.organizationId, organizationId)))
    .orderBy(desc(gazetteIssues.issueDate), desc(gazetteIssues.id));
  return rows.map((r) => ({ id: r.id, title: r.title, issueDate: r.issueDate, url: fileUrl(r), size: r.size }));
}
