import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { feeComponents } from '../ledger/schema.ts';
import { organizations } from '../organizations/schema.ts';

/** Which units a fee plan changes: all of the organization's, some buildings', some units. */
export type PlanScope =
  | { kind: 'all' }
  | { kind: 'buildings'; buildingIds: number[] }
  | { kind: 'units'; unitIds: number[] };

/** `draft` while the accountant prepares it; later states come with sending. */
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
