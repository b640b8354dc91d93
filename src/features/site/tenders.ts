import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { type FileUpload, type SiteFile, storeFile } from '../../files/store.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { parseWarsawLocal } from '../../lib/warsaw-time.ts';
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
          message: 'Podaj termin składania ofert w formacie RRRR-MM-DD GG:MM, np. 2026-05-15 12:00.',
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

export async function createTender({
  db,
  organizationId,
  input,
}: {
  db: Db;
  organizationId: number;
  input: TenderInput;
}): Promise<Tender> {
  const values = parseInput(tenderInput, input);
  const rows = await db
    .insert(tenders)
    .values({ organizationId, ...values })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateTender({
  db,
  organizationId,
  id,
  input,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  input: TenderInput;
  now?: Date;
}): Promise<Tender> {
  const values = parseInput(tenderInput, input);
  const rows = await db
    .update(tenders)
    .set({ ...values, updatedAt: now })
    .where(and(eq(tenders.organizationId, organizationId), eq(tenders.id, id)))
    .returning();
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such tender');
  return row;
}

/** Adds a document (terms of reference, forms) to a tender. */
export async function addTenderDocument({
  db,
  organizationId,
  tenderId,
  upload,
}: {
  db: Db;
  organizationId: number;
  tenderId: number;
  upload: FileUpload;
}): Promise<SiteFile> {
  const rows = await db
    .select({ id: tenders.id })
    .from(tenders)
    .where(and(eq(tenders.organizationId, organizationId), eq(tenders.id, tenderId)));
  if (!rows[0]) throw new AppError('not_found', 'no such tender');
  return storeFile(db, { organizationId, upload, owner: { tenderId } });
}

/** Visible tenders: open ones (deadline not passed) soonest first, closed ones latest first. */
export async function listPublicTenders(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<{ open: Tender[]; closed: Tender[] }> {
  const visible = and(eq(tenders.organizationId, organizationId), eq(tenders.hidden, false));
  const [open, closed] = await Promise.all([
    db
      .select()
      .from(tenders)
      .where(and(visible, gte(tenders.deadline, now)))
      .orderBy(asc(tenders.deadline)),
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
export async function listAllTenders(db: Db, organizationId: number): Promise<Tender[]> {
  return db
    .select()
    .from(tenders)
    .where(eq(tenders.organizationId, organizationId))
    .orderBy(desc(tenders.deadline), desc(tenders.id));
}

export async function findTender(db: Db, organizationId: number, id: number): Promise<Tender> {
  const rows = await db
    .select()
    .from(tenders)
    .where(and(eq(tenders.organizationId, organizationId), eq(tenders.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such tender');
  return row;
}

/**
 * Closes a tender with its result: the result is published and, if the deadline is still ahead,
 * the deadline becomes now, so the tender moves to the closed ones.
 */
export async function closeTender({
  db,
  organizationId,
  id,
  result,
  now = new Date(),
}: {
  db: Db;
  organizationId: number;
  id: number;
  result: string;
  now?: Date;
}): Promise<Tender> {
  const values = parseInput(
    z.object({
      result: z
        .string({ error: 'Podaj wynik przetargu.' })
        .trim()
        .min(1, 'Podaj wynik przetargu.')
        .max(50_000, 'Wynik jest za długi.'),
    }),
    { result },
  );
  const current = await findTender(db, organizationId, id);
  const rows = await db
    .update(tenders)
    .set({ result: values.result, deadline: current.deadline > now ? now : current.deadline, updatedAt: now })
    .where(and(eq(tenders.organizationId, organizationId), eq(tenders.id, id)))
    .returning();
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such tender');
  return row;
}
