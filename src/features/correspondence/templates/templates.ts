/**
 * Saved letter templates: written once, picked when a new letter is started (its subject and body
 * are copied into the new letter's form). Each organization has its own; every change is audited.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { AppError, ValidationError } from '../../../errors.ts';
import { requiredText } from '../../../http/fields.ts';
import { type Actor, recordAudit } from '../../audit/audit.ts';
import { letterTemplates } from './schema.ts';

export type LetterTemplate = typeof letterTemplates.$inferSelect;

/** The template form: a name to pick it by, the letter's subject and body. */
export const templateForm = z.object({
  name: requiredText('Podaj nazwę szablonu, np. „Przypomnienie o odczycie”.', 120),
  subject: requiredText('Podaj temat listu.', 200),
  body: z
    .string({ error: 'Wpisz treść listu.' })
    .trim()
    .min(1, 'Wpisz treść listu.')
    .max(20_000, 'Treść może mieć najwyżej 20 000 znaków.'),
});
export type TemplateForm = z.output<typeof templateForm>;

/** The organization's templates by name. */
export async function listTemplates(db: Db, { organizationId }: { organizationId: number }): Promise<LetterTemplate[]> {
  return db
    .select()
    .from(letterTemplates)
    .where(eq(letterTemplates.organizationId, organizationId))
    .orderBy(asc(letterTemplates.name), asc(letterTemplates.id));
}

/** One template of the organization; `not_found` for another organization's or a deleted one. */
export async function findTemplate(
  db: Db,
  { organizationId, templateId }: { organizationId: number; templateId: number },
): Promise<LetterTemplate> {
  const rows = await db
    .select()
    .from(letterTemplates)
    .where(and(eq(letterTemplates.organizationId, organizationId), eq(letterTemplates.id, templateId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no such template');
  return row;
}

async function refuseTakenName(db: Db, organizationId: number, name: string, exceptId?: number): Promise<void> {
  const rows = await db
    .select({ id: letterTemplates.id })
    .from(letterTemplates)
    .where(
      and(
        eq(letterTemplates.organizationId, organizationId),
        eq(letterTemplates.name, name),
        exceptId === undefined ? undefined : ne(letterTemplates.id, exceptId),
      ),
    )
    .limit(1);
  if (rows.length > 0) {
    throw new ValidationError([{ field: 'name', message: `Szablon o nazwie „${name}” już jest: wybierz inną nazwę.` }]);
  }
}

export async function createTemplate(
  db: Db,
  { actor, form, now = new Date() }: { actor: Actor; form: TemplateForm; now?: Date },
): Promise<LetterTemplate> {
  return db.transaction(async (tx) => {
    await refuseTakenName(tx, actor.organizationId, form.name);
    const rows = await tx
      .insert(letterTemplates)
      .values({
        organizationId: actor.organizationId,
        name: form.name,
        subject: form.subject,
        bodyMarkdown: form.body,
        createdAt: now,
        updatedAt: now,
        updatedByLabel: actor.actorLabel ?? '',
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'correspondence.template_created',
      subjectType: 'letter_template',
      subjectId: row.id,
      detail: { name: row.name, subject: row.subject },
      at: now,
    });
    return row;
  });
}

export async function updateTemplate(
  db: Db,
  { actor, templateId, form, now = new Date() }: { actor: Actor; templateId: number; form: TemplateForm; now?: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findTemplate(tx, { organizationId: actor.organizationId, templateId });
    await refuseTakenName(tx, actor.organizationId, form.name, templateId);
    await tx
      .update(letterTemplates)
      .set({
        name: form.name,
        subject: form.subject,
        bodyMarkdown: form.body,
        updatedAt: now,
        updatedByLabel: actor.actorLabel ?? '',
      })
      .where(and(eq(letterTemplates.organizationId, actor.organizationId), eq(letterTemplates.id, templateId)));
    await recordAudit(tx, {
      ...actor,
      action: 'correspondence.template_updated',
      subjectType: 'letter_template',
      subjectId: templateId,
      detail: {
        from: { name: before.name, subject: before.subject },
        to: { name: form.name, subject: form.subject },
        bodyChanged: before.bodyMarkdown !== form.body,
      },
      at: now,
    });
  });
}

export async function deleteTemplate(
  db: Db,
  { actor, templateId, now = new Date() }: { actor: Actor; templateId: number; now?: Date },
): Promise<LetterTemplate> {
  return db.transaction(async (tx) => {
    const before = await findTemplate(tx, { organizationId: actor.organizationId, templateId });
    await tx
      .delete(letterTemplates)
      .where(and(eq(letterTemplates.organizationId, actor.organizationId), eq(letterTemplates.id, templateId)));
    await recordAudit(tx, {
      ...actor,
      action: 'correspondence.template_deleted',
      subjectType: 'letter_template',
      subjectId: templateId,
      detail: { name: before.name, subject: before.subject },
      at: now,
    });
    return before;
  });
}
