/** The organization's media settings and water tariffs, changed by staff with an audit row. */
import type { Db } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { findMediaSettings, insertWaterTariff, saveMediaSettings } from './queries.ts';
import type { DifferenceRule } from './rules/shares.ts';

export async function setReadingWindow(
  db: Db,
  { actor, startDay, endDay, months }: { actor: Actor; startDay: number; endDay: number; months: number[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findMediaSettings(tx, { organizationId: actor.organizationId });
    const { updatedAt: _, ...rest } = current;
    await saveMediaSettings(tx, { ...rest, windowStartDay: startDay, windowEndDay: endDay, windowMonths: months });
    await recordAudit(tx, { ...actor, action: 'media.window', detail: { startDay, endDay, months } });
  });
}

export async function setSettlementRules(
  db: Db,
  {
    actor,
    rule,
    advanceCode,
    hotAdvanceCode,
  }: { actor: Actor; rule: DifferenceRule; advanceCode: string; hotAdvanceCode: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findMediaSettings(tx, { organizationId: actor.organizationId });
    const { updatedAt: _, ...rest } = current;
    await saveMediaSettings(tx, {
      ...rest,
      differenceRule: rule,
      waterAdvanceCode: advanceCode,
      hotWaterAdvanceCode: hotAdvanceCode,
    });
    await recordAudit(tx, {
      ...actor,
      action: 'media.settlement_rules',
      detail: { rule, advanceCode, hotAdvanceCode },
    });
  });
}

export async function addWaterTariff(
  db: Db,
  { actor, effectiveFrom, water, sewage }: { actor: Actor; effectiveFrom: string; water: number; sewage: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await insertWaterTariff(tx, { organizationId: actor.organizationId, effectiveFrom, water, sewage });
    await recordAudit(tx, {
      ...actor,
      action: 'media.tariff',
      subjectType: 'water_tariff',
      subjectId: row.id,
      detail: { effectiveFrom, water, sewage },
    });
  });
}
