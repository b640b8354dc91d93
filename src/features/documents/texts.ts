import { and, desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { parseDate } from '../../lib/dates.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { defaultConsent, defaultEbokTerms } from './default-texts.ts';
import { documentTexts } from './schema.ts';

export type DocumentTextKind = 'ebok_terms' | 'consent';

export interface DocumentText {
  kind: DocumentTextKind;
  version: number;
  body: string;
  effectiveFrom: string;
}

/** Version 1 applies from this date when the organization never saved its own. */
const DEFAULT_EFFECTIVE_FROM = '2013-01-01';

function withName(body: string, organizationName: string): string {
  return body.replaceAll('{nazwa}', organizationName);
}

/** The current version of a document text: the latest saved, or the built-in version 1. */
export async function currentDocumentText(
  db: Db,
  {
    organizationId,
    organizationName,
    kind,
  }: { organizationId: number; organizationName: string; kind: DocumentTextKind },
): Promise<DocumentText> {
  const rows = await db
    .select()
    .from(documentTexts)
    .where(and(eq(documentTexts.organizationId, organizationId), eq(documentTexts.kind, kind)))
    .orderBy(desc(documentTexts.version))
    .limit(1);
  const row = rows[0];
  if (row)
    return { kind, version: row.version, body: withName(row.body, organizationName), effectiveFrom: row.effectiveFrom };
  const body = kind === 'ebok_terms' ? defaultEbokTerms : defaultConsent;
  return { kind, version: 1, body: withName(body, organizationName), effectiveFrom: DEFAULT_EFFECTIVE_FROM };
}

/** A new version of a document text, as the editor types it. */
export const documentTextInput = z.object({
  body: z
    .string({ error: 'Podaj treść.' })
    .trim()
    .min(50, 'Treść jest za krótka (co najmniej 50 znaków).')
    .max(100_000, 'Treść jest za długa.'),
  effectiveFrom: z.string({ error: 'Podaj datę obowiązywania.' }).transform((text, ctx) => {
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: 'Podaj datę w formacie DD.MM.RRRR, np. 01.01.2026.' });
    return z.NEVER;
  }),
});

/** Saves a new version of a document text (never changes an old one: signed forms refer to it). */
export async function saveDocumentText(
  db: Db,
  {
    actor,
    kind,
    input,
    now = new Date(),
  }: { actor: Actor; kind: DocumentTextKind; input: z.output<typeof documentTextInput>; now?: Date },
): Promise<DocumentText> {
  const organizationId = actor.organizationId;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ version: max(documentTexts.version) })
      .from(documentTexts)
      .where(and(eq(documentTexts.organizationId, organizationId), eq(documentTexts.kind, kind)));
    // The built-in text is version 1, so the first saved one is version 2.
    const version = Math.max(rows[0]?.version ?? 1, 1) + 1;
    await tx
      .insert(documentTexts)
      .values({ organizationId, kind, version, body: input.body, effectiveFrom: input.effectiveFrom });
    await recordAudit(tx, {
      ...actor,
      action: 'document.text_saved',
      subjectType: 'document',
      subjectId: kind,
      detail: { version, effectiveFrom: input.effectiveFrom },
      at: now,
    });
    return { kind, version, body: input.body, effectiveFrom: input.effectiveFrom };
  });
}

/** Every version of a document text, newest first; the built-in version 1 is last. */
export async function listDocumentTextVersions(
  db: Db,
  {
    organizationId,
    organizationName,
    kind,
  }: { organizationId: number; organizationName: string; kind: DocumentTextKind },
): Promise<(DocumentText & { savedAt: Date | undefined })[]> {
  const rows = await db
    .select()
    .from(documentTexts)
    .where(and(eq(documentTexts.organizationId, organizationId), eq(documentTexts.kind, kind)))
    .orderBy(desc(documentTexts.version));
  const builtIn = kind === 'ebok_terms' ? defaultEbokTerms : defaultConsent;
  return [
    ...rows.map((row) => ({
      kind,
      version: row.version,
      body: withName(row.body, organizationName),
      effectiveFrom: row.effectiveFrom,
      savedAt: row.createdAt as Date | undefined,
    })),
    {
      kind,
      version: 1,
      body: withName(builtIn, organizationName),
      effectiveFrom: DEFAULT_EFFECTIVE_FROM,
      savedAt: undefined,
    },
  ];
}
