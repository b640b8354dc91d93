import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { letters } from '../correspondence/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { persons, units } from '../units/schema.ts';

// Debt reminders (upomnienia, wezwania do zapłaty): the stages an organization configures, and
// every reminder sent, per unit and holder, with the stage and the figures it carried.

const organizationId = () =>
  bigint({ mode: 'number' })
    .notNull()
    .references(() => organizations.id);

/**
 * The organization's stages, in order (level 1, 2, …). A holder period's debt reaches a stage
 * when its overdue principal is at least `min_overdue` and its oldest unpaid debt is at least
 * `min_days_overdue` days past its due date; the letter gives `pay_within_days` to pay.
 * An organization without rows uses the shipped defaults (rules/stages.ts).
 */
export const reminderStages = pgTable(
  'reminder_stages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    level: integer().notNull(),
    name: text().notNull(),
    minOverdue: bigint({ mode: 'number' }).notNull(),
    minDaysOverdue: integer().notNull(),
    payWithinDays: integer().notNull(),
    subject: text().notNull(),
    bodyMarkdown: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('reminder_stages_level').on(t.organizationId, t.level),
    check('reminder_stages_level_positive', sql`${t.level} >= 1`),
    check('reminder_stages_amount', sql`${t.minOverdue} >= 0`),
    check('reminder_stages_days', sql`${t.minDaysOverdue} >= 0 and ${t.payWithinDays} >= 1`),
  ],
);

/**
 * One reminder sent to one holder of one unit. "The debt" is the holder period's oldest unpaid
 * overdue entry on the day (`debt_entry_id`): a stage is sent once per debt and person, so a
 * second run sends nothing twice; once that debt is paid, a later one starts from the first stage.
 */
export const debtReminders = pgTable(
  'debt_reminders',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    /** The unit's address as the letter named it. */
    unitLabel: text().notNull(),
    /** First day of the holder period whose debt it is (null = since the ledger's start). */
    periodFrom: date({ mode: 'string' }),
    level: integer().notNull(),
    stageName: text().notNull(),
    debtEntryId: bigint({ mode: 'number' }).notNull(),
    /** The day of the figures. */
    asOf: date({ mode: 'string' }).notNull(),
    payBy: date({ mode: 'string' }).notNull(),
    principal: bigint({ mode: 'number' }).notNull(),
    interest: bigint({ mode: 'number' }).notNull(),
    total: bigint({ mode: 'number' }).notNull(),
    letterId: bigint({ mode: 'number' })
      .notNull()
      .references(() => letters.id),
    deliveryId: bigint({ mode: 'number' }),
    channel: text().$type<'email' | 'paper'>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdByLabel: text().notNull().default(''),
  },
  (t) => [
    unique('debt_reminders_once').on(t.organizationId, t.unitId, t.personId, t.debtEntryId, t.level),
    index('debt_reminders_unit').on(t.organizationId, t.unitId, t.createdAt),
    index('debt_reminders_person').on(t.organizationId, t.personId, t.createdAt),
  ],
);
