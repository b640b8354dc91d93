/** Reading and writing fee plans; every query is limited to one organization. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { holderNamesOn } from '../units/holder-periods.ts';
import { unitAddresses, unitLabel } from '../units/unit-facts.ts';
import { feePlanLedgerRates, feePlanRates, feePlans } from './schema.ts';

export type FeePlan = typeof feePlans.$inferSelect;
export type FeePlanRate = typeof feePlanRates.$inferSelect;

export async function findPlan(
  db: Db,
  { organizationId, planId, lock = false }: { organizationId: number; planId: number; lock?: boolean },
): Promise<FeePlan> {
  const query = db
    .select()
    .from(feePlans)
    .where(and(eq(feePlans.organizationId, organizationId), eq(feePlans.id, planId)));
  const rows = lock ? await query.for('update') : await query;
  if (!rows[0]) throw new AppError('not_found', 'no such fee plan');
  return rows[0];
}

export async function listPlans(db: Db, { organizationId }: { organizationId: number }): Promise<FeePlan[]> {
  return db.select().from(feePlans).where(eq(feePlans.organizationId, organizationId)).orderBy(desc(feePlans.id));
}

export async function listPlanRates(
  db: Db,
  { organizationId, planId }: { organizationId: number; planId: number },
): Promise<FeePlanRate[]> {
  return db
    .select()
    .from(feePlanRates)
    .where(and(eq(feePlanRates.organizationId, organizationId), eq(feePlanRates.planId, planId)))
    .orderBy(asc(feePlanRates.componentId));
}

/** Labels (`street building/unit`) and the holders' names on `asOf` of units already limited to one organization. */
export async function unitLabelsAndHolders(
  db: Db,
  { unitIds, asOf }: { unitIds: number[]; asOf: string },
): Promise<Map<number, { label: string; holders: string }>> {
  if (unitIds.length === 0) return new Map();
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`select ua.unit_id::text, ua.street, ua.building_number, ua.number,
               ${holderNamesOn(sql`ua.unit_id`, asOf)} as holders
        from ${unitAddresses()} ua
        where ua.unit_id = any(${sql.param(unitIds.map(String))}::text[]::bigint[])`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.unit_id),
      {
        label: unitLabel({
          street: String(r.street),
          buildingNumber: String(r.building_number),
          number: String(r.number),
        }),
        holders: r.holders ?? '',
      },
    ]),
  );
}

/** The ids of the ledger's rate rows a sent plan wrote (its own figures leave them out). */
export async function planLedgerRateIds(
  db: Db,
  { organizationId, planId }: { organizationId: number; planId: number },
): Promise<Set<number>> {
  const rows = await db
    .select({ rateId: feePlanLedgerRates.rateId })
    .from(feePlanLedgerRates)
    .where(and(eq(feePlanLedgerRates.organizationId, organizationId), eq(feePlanLedgerRates.planId, planId)));
  return new Set(rows.map((r) => r.rateId));
}
