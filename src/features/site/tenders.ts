import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { AppError } from '../../errors.ts';
import { type FileUpload, type SiteFile, storeFile } from '../../files/store.ts';
import { parseWarsawLocal } from '../../lib/warsaw-time.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { tenders } from './schema.ts';

export type Tender = typeof tenders.$inferSelect;

export const tenderInput = z.object({
  title: z
    .string({ error: 'Podaj tytuł przetargu.' })
    .trim()
    .min(1, 'Podaj tytuł przetargu.')
    .max(300, 'Tytuł może mieć najwyżej 300 znaków.'),
  description: z.string().max(200_000, 'Opis jest za długi.').optional().default(''),
  /** `YYYY-MM-DD HH:MM`, Warsaw time. */
  deadline: z
    .string({ error: 'Podaj termin składania ofert.' })
    .trim()
    .transform((v, ctx) => {
      const instant = parseWarsawLocal(v);
      if (!instant) {
        ctx.addIssue({
          code: 'custom',
          message: 'Podaj termin składania ofert w formacie DD.MM.RRRR GG:MM, np. 15.05.2026 12:00.',
        });
        return z.NEVER;
      }
      return instant;
    }),
  /** Markdown; empty while undecided. */
  result: z
    .string()
    .max(50_000, 'Wynik jest za długi.')
    .optional()
    .transform((v) => (v?.trim() ? v : null)),
});
export type TenderInput = z.input<typeof tenderInput>;

export type TenderValues = z.output<typeof tenderInput>;

/** What a tender's audit rows say about it. */
function described(tender: Tender) {
  return { title: tender.title, deadline: tender.deadline.toISOString() };
}

export async function createTender(
  db: Db,
  { actor, input, now = new Date() }: { actor: Actor; input: TenderValues; now?: Date },
): Promise<Tender> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(tenders)
      .values({ organizationId: actor.organizationId, ...input })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'site.tender_created',
      subjectType: 'tender',
      subjectId: row.id,
      detail: described(row),
      at: now,
    });
    return row;
  });
}

export async function updateTender(
  db: Db,
  { actor, id, input, now = new Date() }: { actor: Actor; id: number; input: TenderValues; now?: Date },
): Promise<Tender> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(tenders)
      .set({ ...input, updatedAt: now })
      .where(and(eq(tenders.organizationId, actor.organizationId), eq(tenders.id, id)))
      .returning();
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'no such tender');
    await recordAudit(tx, {
      ...actor,
      action: 'site.tender_updated',
      subjectType: 'tender',
      subjectId: row.id,
      detail: described(row),
      at: now,
    });
    return row;
  });
}

/** Adds a document (terms of reference, forms) to a tender. */
export async function addTenderDocument(
  db: Db,
  { actor, tenderId, upload, now = new Date() }: { actor: Actor; tenderId: number; upload: FileUpload; now?: Date },
): Promise<SiteFile> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    await findTender(tx, { organizationId, id: tenderId });
    const file = await storeFile(tx, { organizationId, upload, owner: { tenderId } });
    await recordAudit(tx, {
      ...actor,
      action: 'site.file_added',
      subjectType: 'tender',
      subjectId: tenderId,
      detail: { fileId: file.id, name: file.name, contentType: file.contentType, size: file.size },
      at: now,
    });
    return file;
  });
}

/** Visible tenders: open ones (deadline not passed) soonest first, closed ones latest first. */
export async function listPublicTenders(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<{ open: Tender[]; closed: Tender[] }> {
  const visible = and(eq(tenders.organizationId, organizationId), eq(tenders.hidden, false));
  const [open, closed] = await readTogether(db, [
    () =>
      db
        .select()
        .from(tenders)
        .where(and(visible, gte(tenders.deadline, now)))
        .orderBy(asc(tenders.deadline)),
    () =>
      db
        .select()
        .from(tenders)
        .where(and(visible, lt(tenders.deadline, now)))
        .orderBy(desc(tenders.deadline))
        .limit(50),
  ]);
  return { open, closed };
}

/** Every tender (hidden ones too) for the editor, latest deadline first. */
export async function listAllTenders(db: Db, { organizationId }: { organizationId: number }): Promise<Tender[]> {
  return db
    .select()
    .from(tenders)
    .where(eq(tenders.organizationId, organizationId))
    .orderBy(desc(tenders.deadline), desc(tenders.id));
}

export async function findTender(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<Tender> {
  const rows = await db
    .select()
    .from(tenders)
    .where(and(eq(tenders.organizationId, organizationId), eq(tenders.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such tender');
  return row;
}

/** The closing form: the tender's result, published at once (Markdown). */
export const closeTenderInput = z.object({
  closeResult: z
    .string({ error: 'Podaj wynik przetargu.' })
    .trim()
    .min(1, 'Podaj wynik przetargu.')
    .max(50_000, 'Wynik jest za długi.'),
});

/**
 * Closes a tender with its result: the result is published and, if the deadline is still ahead,
 * the deadline becomes now, so the tender moves to the closed ones.
 */
export async function closeTender(
  db: Db,
  { actor, id, result, now = new Date() }: { actor: Actor; id: number; result: string; now?: Date },
): Promise<Tender> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const current = await findTender(tx, { organizationId, id });
    const rows = await tx
      .update(tenders)
      .set({ result, deadline: current.deadline > now ? now : current.deadline, updatedAt: now })
      .where(and(eq(tenders.organizationId, organizationId), eq(tenders.id, id)))
      .returning();
    const row = rows[0];
    if (!row) throw new AppError('not_found', 'no such tender');
    await recordAudit(tx, {
      ...actor,
      action: 'site.tender_closed',
      subjectType: 'tender',
      subjectId: row.id,
      detail: described(row),
      at: now,
    });
    return row;
  });
}
