/** The reminders' SQL: the organization's stages and the reminders sent. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { defaultStages } from './rules/letters.ts';
import type { Stage } from './rules/stages.ts';
import { debtReminders, reminderStages } from './schema.ts';

export type DebtReminder = typeof debtReminders.$inferSelect;

/** The organization's stages by level; the shipped ones while it has saved none. */
export async function loadStages(db: Db, { organizationId }: { organizationId: number }): Promise<Stage[]> {
  const rows = await db
    .select()
    .from(reminderStages)
    .where(eq(reminderStages.organizationId, organizationId))
    .orderBy(asc(reminderStages.level));
  if (rows.length === 0) return defaultStages.map((s) => ({ ...s }));
  return rows.map((r) => ({
    level: r.level,
    name: r.name,
    minOverdue: r.minOverdue,
    minDaysOverdue: r.minDaysOverdue,
    payWithinDays: r.payWithinDays,
    subject: r.subject,
    bodyMarkdown: r.bodyMarkdown,
  }));
}

/** Replaces the organization's stages (the caller checked them and audits the change). */
export async function replaceStages(
  db: Db,
  { organizationId, stages, now }: { organizationId: number; stages: readonly Stage[]; now: Date },
): Promise<void> {
  await db.delete(reminderStages).where(eq(reminderStages.organizationId, organizationId));
  await db.insert(reminderStages).values(stages.map((s) => ({ ...s, organizationId, updatedAt: now })));
}

/** Serialises reminder runs of one organization (the transaction's end releases it). */
export async function lockReminderRuns(db: Db, { organizationId }: { organizationId: number }): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(15015, ${organizationId}::int)`);
}

/** The reminders sent for these units, oldest first (to tell which stage each debt has had). */
export async function listRemindersOfUnits(
  db: Db,
  { organizationId, unitIds }: { organizationId: number; unitIds: readonly number[] },
): Promise<DebtReminder[]> {
  if (unitIds.length === 0) return [];
  const rows: DebtReminder[] = [];
  // In chunks: a debtors list may name thousands of units.
  for (let i = 0; i < unitIds.length; i += 1000) {
    rows.push(
      ...(await db
        .select()
        .from(debtReminders)
        .where(
          and(
            eq(debtReminders.organizationId, organizationId),
            inArray(debtReminders.unitId, unitIds.slice(i, i + 1000)),
          ),
        )
        .orderBy(asc(debtReminders.id))),
    );
  }
  return rows;
}

/** A unit's reminders, newest first (the staff unit account). */
export async function listUnitReminders(
  db: Db,
  { organizationId, unitId }: { organizationId: number; unitId: number },
): Promise<DebtReminder[]> {
  return db
    .select()
    .from(debtReminders)
    .where(and(eq(debtReminders.organizationId, organizationId), eq(debtReminders.unitId, unitId)))
    .orderBy(desc(debtReminders.createdAt), desc(debtReminders.id));
}

/** The reminders addressed to a person, newest first (e-BOK). */
export async function listPersonReminders(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<DebtReminder[]> {
  return db
    .select()
    .from(debtReminders)
    .where(and(eq(debtReminders.organizationId, organizationId), eq(debtReminders.personId, personId)))
    .orderBy(desc(debtReminders.createdAt), desc(debtReminders.id));
}

/** Records sent reminders; one already recorded for the same debt, person and stage is kept as it was. */
export async function insertReminders(db: Db, rows: readonly (typeof debtReminders.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(debtReminders)
    .values([...rows])
    .onConflictDoNothing()
    .returning({ id: debtReminders.id });
  return inserted.length;
}
