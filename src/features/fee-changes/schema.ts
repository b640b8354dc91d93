import { sql } from 'drizzle-orm';
import { bigint, check, date, index, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { deliveries } from '../correspondence/schema.ts';
import { feeComponents, feeRates } from '../ledger/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { persons, units } from '../units/schema.ts';

/** Which units a fee plan changes: all of the organization's, some buildings', some units. */
export type PlanScope =
  | { kind: 'all' }
  | { kind: 'buildings'; buildingIds: number[] }
  | { kind: 'units'; unitIds: number[] };

/** `draft` while the accountant prepares it; `sent` once its notices went out; `withdrawn`. */
export type PlanState = 'draft' | 'sent' | 'withdrawn';

/**
 * A fee change as a plan (zmiana opłat): new rates of chosen components from a month, for a
 * scope, with the written justification the statute requires (u.s.m. art. 4 ust. 7). A plan is
 * changed only while a draft; once its notices went out it must be withdrawn and sent again.
 */
export const feePlans = pgTable(
  'fee_plans',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    /** `YYYY-MM`: the month the new rates are planned from. */
    month: text().notNull(),
    scope: jsonb().$type<PlanScope>().notNull(),
    justification: text().notNull(),
    state: text().$type<PlanState>().notNull().default('draft'),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByLabel: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the notices were sent (then the plan is never edited again). */
    sentAt: timestamp({ withTimezone: true }),
    /** The personalised letter that carried the notices. */
    letterId: bigint({ mode: 'number' }),
  },
  (t) => [
    index('fee_plans_org').on(t.organizationId, t.id),
    check('fee_plans_month', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** A plan's new rate of one component, in ten-thousandths of a złoty (like fee_rates). */
export const feePlanRates = pgTable(
  'fee_plan_rates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    planId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feePlans.id, { onDelete: 'cascade' }),
    componentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feeComponents.id),
    rate: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    unique('fee_plan_rates_plan_component').on(t.planId, t.componentId),
    check('fee_plan_rates_rate', sql`${t.rate} >= 0`),
  ],
);

/**
 * One holder's notice of a sent plan: the delivery of the personalised letter to one person for
 * one unit, the unit's whole monthly fee before and after (for e-BOK), and, for paper, the day
 * the clerk marked it handed over or posted. An e-mail's delivery day is when the outbox handed
 * it to the SMTP server (the delivery's `sent_at`).
 */
export const feeNotices = pgTable(
  'fee_notices',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    planId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feePlans.id),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    deliveryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => deliveries.id),
    /** The unit's whole monthly fee (grosze) on the planned month, without and with the change. */
    oldTotal: bigint({ mode: 'number' }).notNull(),
    newTotal: bigint({ mode: 'number' }).notNull(),
    /** Paper: the day the clerk handed the notice over or posted it. */
    postedOn: date({ mode: 'string' }),
    postedAt: timestamp({ withTimezone: true }),
    postedByLabel: text(),
  },
  (t) => [
    unique('fee_notices_plan_person_unit').on(t.planId, t.personId, t.unitId),
    index('fee_notices_unit').on(t.organizationId, t.unitId),
    index('fee_notices_person').on(t.organizationId, t.personId),
  ],
);

/**
 * The ledger's rate rows a sent plan wrote: `new` (the plan's rates at the scope's level from the
 * planned month) and `hold` (a unit's old rate from the planned month until the day before its
 * first lawful month, open while a holder's notice is not yet delivered; `ended` once its end is set).
 */
export const feePlanLedgerRates = pgTable(
  'fee_plan_ledger_rates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    planId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feePlans.id),
    rateId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feeRates.id, { onDelete: 'cascade' }),
    role: text().$type<'new' | 'hold' | 'ended'>().notNull(),
    unitId: bigint({ mode: 'number' }),
    componentId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [index('fee_plan_ledger_rates_plan').on(t.planId)],
);

/**
 * The court's final word on a contested fee change: `change_upheld` (powództwo oddalone: the change
 * was justified), `change_annulled` (powództwo uwzględnione: the change does not bind the holder),
 * `discontinued` (pozew cofnięty, postępowanie umorzone: the change stands as if never contested).
 */
export type ContestOutcome = 'change_upheld' | 'change_annulled' | 'discontinued';

/**
 * A holder contesting a sent fee change in court (u.s.m. art. 4 ust. 8): until the case is finally
 * decided the unit is charged the old rates of the plan's components that depend on the
 * cooperative (own costs); media follow the new rates (TK K 64/07). Recorded by the accountant
 * with the day the suit was filed and the court's document; closed with the outcome, which says
 * whether the difference for the months charged at the old rates is charged.
 */
export const feeContests = pgTable(
  'fee_contests',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    planId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feePlans.id),
    unitId: bigint({ mode: 'number' })
      .notNull()
      .references(() => units.id),
    personId: bigint({ mode: 'number' })
      .notNull()
      .references(() => persons.id),
    /** The day the suit was filed with the court. */
    filedOn: date({ mode: 'string' }).notNull(),
    /** The court and the case reference (sygnatura akt) of the suit. */
    court: text().notNull(),
    caseNumber: text().notNull().default(''),
    /** `YYYY-MM`: the first month charged at the old rates because of the suit. */
    fromMonth: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedByLabel: text().notNull(),
    outcome: text().$type<ContestOutcome>(),
    /** The day the judgement became final (prawomocność). */
    finalOn: date({ mode: 'string' }),
    /** The difference charged on closing (grosze, 0 when none). */
    difference: bigint({ mode: 'number' }),
    closedAt: timestamp({ withTimezone: true }),
    closedByLabel: text(),
  },
  (t) => [
    index('fee_contests_plan').on(t.organizationId, t.planId),
    index('fee_contests_unit').on(t.organizationId, t.unitId),
    // One open contest of a plan per unit (co-holders suing together are one contest).
    uniqueIndex('fee_contests_open').on(t.planId, t.unitId).where(sql`${t.outcome} is null`),
    check('fee_contests_from_month', sql`${t.fromMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check(
      'fee_contests_outcome',
      sql`${t.outcome} is null or ${t.outcome} in ('change_upheld', 'change_annulled', 'discontinued')`,
    ),
  ],
);

/**
 * The ledger's rate rows a contest wrote: the unit's old rate of each own-cost component of the
 * plan from the contest's first month. A later plan changing the component ends the row the day
 * before its month (`endedByPlanId`, reopened if that plan is withdrawn).
 */
export const feeContestRates = pgTable(
  'fee_contest_rates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: bigint({ mode: 'number' })
      .notNull()
      .references(() => organizations.id),
    contestId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feeContests.id),
    rateId: bigint({ mode: 'number' })
      .notNull()
      .references(() => feeRates.id, { onDelete: 'cascade' }),
    componentId: bigint({ mode: 'number' }).notNull(),
    endedByPlanId: bigint({ mode: 'number' }),
  },
  (t) => [index('fee_contest_rates_contest').on(t.contestId)],
);
