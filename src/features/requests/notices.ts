/**
 * Building notices (komunikaty): staff publish an incident or planned works for chosen buildings;
 * members of those buildings see it on their e-BOK home while it lasts, and the public site shows
 * the ones marked public. Also the organization's emergency numbers.
 */
import { and, arrayOverlaps, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { preparedQuery, type ValueOrPlaceholder } from '../../db/prepared.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { buildingNotices } from './schema.ts';

export type BuildingNotice = typeof buildingNotices.$inferSelect;

export const noticeKindLabels = { awaria: 'Awaria', prace: 'Planowane prace' } as const;

export interface NoticeInput {
  kind: 'awaria' | 'prace';
  title: string;
  body: string;
  buildingIds: number[];
  public: boolean;
  shownFrom: Date;
  shownUntil: Date;
}

/** Publishes a notice for buildings of the organization (`known` are its building ids). */
export async function publishNotice(
  db: Db,
  { actor, input, known, now }: { actor: Actor; input: NoticeInput; known: number[]; now: Date },
): Promise<BuildingNotice> {
  const errors = [];
  const buildingIds = [...new Set(input.buildingIds)];
  if (buildingIds.length === 0 || buildingIds.some((id) => !known.includes(id))) {
    errors.push({ field: 'buildingIds', message: 'Wybierz co najmniej jeden budynek, którego dotyczy komunikat.' });
  }
  if (input.shownUntil <= now) {
    errors.push({ field: 'shownUntil', message: 'Koniec już minął: podaj przyszłą datę i godzinę.' });
  } else if (input.shownUntil <= input.shownFrom) {
    errors.push({ field: 'shownUntil', message: 'Koniec musi być później niż początek.' });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .insert(buildingNotices)
      .values({
        organizationId: actor.organizationId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        buildingIds,
        public: input.public,
        shownFrom: input.shownFrom,
        shownUntil: input.shownUntil,
        createdBy: actor.actorAccountId,
        createdAt: now,
      })
      .returning();
    if (!notice) throw new Error('insert returned no row');
    await recordAudit(tx, {
      ...actor,
      action: 'notice.published',
      subjectType: 'notice',
      subjectId: notice.id,
      detail: { buildings: buildingIds.length, public: input.public },
      at: now,
    });
    return notice;
  });
}

/** Ends a notice now (it disappears from e-BOK and the site). */
export async function withdrawNotice(
  db: Db,
  { actor, noticeId, now }: { actor: Actor; noticeId: number; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(buildingNotices)
      .set({ withdrawnAt: now })
      .where(
        and(
          eq(buildingNotices.organizationId, actor.organizationId),
          eq(buildingNotices.id, noticeId),
          isNull(buildingNotices.withdrawnAt),
        ),
      )
      .returning({ id: buildingNotices.id });
    if (rows.length === 0) throw new AppError('not_found', 'no such notice');
    await recordAudit(tx, {
      ...actor,
      action: 'notice.withdrawn',
      subjectType: 'notice',
      subjectId: noticeId,
      at: now,
    });
  });
}

const shownAt = (organizationId: ValueOrPlaceholder<number>, now: ValueOrPlaceholder<Date>) =>
  and(
    eq(buildingNotices.organizationId, organizationId),
    gt(buildingNotices.shownUntil, now),
    lte(buildingNotices.shownFrom, now),
    isNull(buildingNotices.withdrawnAt),
  );

/** Notices shown now to members of these buildings (a member's buildings today), newest first. */
export async function listNoticesForBuildings(
  db: Db,
  { organizationId, buildingIds, now }: { organizationId: number; buildingIds: number[]; now: Date },
): Promise<BuildingNotice[]> {
  if (buildingIds.length === 0) return [];
  return noticesForBuildings(db, { organizationId, now, buildingIds });
}

/** Read on every e-BOK start page: prepared (db/prepared.ts). */
const noticesForBuildings = preparedQuery((db) =>
  db
    .select()
    .from(buildingNotices)
    .where(
      and(
        shownAt(sql.placeholder('organizationId'), sql.placeholder('now')),
        arrayOverlaps(buildingNotices.buildingIds, sql.placeholder('buildingIds')),
      ),
    )
    .orderBy(desc(buildingNotices.shownFrom), desc(buildingNotices.id))
    .limit(20),
);

/** Public notices shown now on the site. */
export async function listPublicNotices(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<BuildingNotice[]> {
  return db
    .select()
    .from(buildingNotices)
    .where(and(shownAt(organizationId, now), eq(buildingNotices.public, true)))
    .orderBy(desc(buildingNotices.shownFrom), desc(buildingNotices.id))
    .limit(20);
}

/** Staff's list: current and coming notices first, then the last ended ones. */
export async function listNoticesForStaff(
  db: Db,
  { organizationId, now }: { organizationId: number; now: Date },
): Promise<BuildingNotice[]> {
  return db
    .select()
    .from(buildingNotices)
    .where(eq(buildingNotices.organizationId, organizationId))
    .orderBy(
      sql`(${buildingNotices.shownUntil} > ${now} and ${buildingNotices.withdrawnAt} is null) desc`,
      desc(buildingNotices.shownFrom),
      desc(buildingNotices.id),
    )
    .limit(100);
}

/** Emergency numbers typed one per line as `Pogotowie techniczne: 32 123 45 67`. */
export const emergencyPhonesInput = z.object({
  phones: z
    .string()
    .max(2000, 'Najwyżej 2000 znaków.')
    .optional()
    .default('')
    .transform((text, ctx) => {
      const entries: { label: string; phone: string }[] = [];
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      for (const [index, line] of lines.entries()) {
        const at = line.lastIndexOf(':');
        const label = at > 0 ? line.slice(0, at).trim() : '';
        const phone = at > 0 ? line.slice(at + 1).trim() : '';
        if (!label || !/^\+?[\d][\d -]{1,19}$/.test(phone)) {
          ctx.addIssue({
            code: 'custom',
            message: `Wiersz ${index + 1}: wpisz nazwę i numer po dwukropku, np. „Pogotowie gazowe: 992”.`,
          });
          return z.NEVER;
        }
        entries.push({ label: label.slice(0, 80), phone });
      }
      if (entries.length > 10) {
        ctx.addIssue({ code: 'custom', message: 'Podaj najwyżej 10 numerów.' });
        return z.NEVER;
      }
      return entries;
    }),
});

export async function setEmergencyPhones(
  db: Db,
  {
    actor,
    organization,
    phones,
    now,
  }: { actor: Actor; organization: Organization; phones: { label: string; phone: string }[]; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await updateOrganizationSettings(tx, organization.id, { emergencyPhones: phones });
    await recordAudit(tx, {
      ...actor,
      action: 'organization.emergency_phones',
      subjectType: 'organization',
      subjectId: organization.id,
      detail: { from: organization.settings.emergencyPhones ?? [], to: phones },
      at: now,
    });
  });
}
