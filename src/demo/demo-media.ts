/**
 * Demo meters: mieszkaniec2's flat gets a cold and a hot water meter, their building a main
 * meter, each with monthly readings over two years up to the end of last month; a water tariff,
 * the rule that shares the building's difference by consumption, and the ledger's `ZW`
 * component as the water advances. The accountant can settle the last quarter of that building.
 */
import type { Db } from '../db/client.ts';
import { systemActor } from '../features/audit/audit.ts';
import { addMeter } from '../features/media/meters.ts';
import { insertReading } from '../features/media/queries.ts';
import { addDays } from '../features/media/rules/days.ts';
import { addWaterTariff, setSettlementRules } from '../features/media/settings.ts';
import { listPersonUnitRights } from '../features/units/holder-periods.ts';
import { findUnit } from '../features/units/queries.ts';
import { demoMemberPersons } from './demo-members.ts';

function monthEnds(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const ends: string[] = [];
  for (let i = count; i >= 1; i--) {
    const first = new Date(Date.UTC(y, m - 1 - i + 1, 1));
    ends.push(addDays(first.toISOString().slice(0, 10), -1));
  }
  return ends;
}

export async function loadMediaDemo(db: Db, organizationId: number, today: string): Promise<void> {
  const actor = systemActor(organizationId, 'demo');
  const members = await demoMemberPersons(db, { organizationId });
  const [right] = await listPersonUnitRights(db, { organizationId, personId: members.mieszkaniec2.id, today });
  if (!right) return;
  const unit = await findUnit(db, { organizationId, id: right.unitId });
  if (!unit) return;
  const start = monthEnds(today, 25)[0] as string;
  const meter = (unitId: number | null, medium: 'zimna_woda' | 'ciepla_woda', serial: string, place: string) =>
    addMeter(db, {
      actor,
      input: {
        unitId,
        buildingId: unitId === null ? unit.buildingId : null,
        medium,
        serial,
        place,
        decimals: 3,
        installedOn: start,
        initialReading: 0,
        legalisationUntil: '2030-12-31',
        rolloverAt: null,
      },
    });
  const cold = await meter(unit.id, 'zimna_woda', 'ZW-DEMO-1', 'łazienka');
  const hot = await meter(unit.id, 'ciepla_woda', 'CW-DEMO-1', 'łazienka');
  const main = await meter(null, 'zimna_woda', 'GL-DEMO-1', 'węzeł w piwnicy');
  let c = 0;
  let h = 0;
  let g = 0;
  // Sent at once: the database takes them in order, without a round trip between each.
  const written: Promise<unknown>[] = [];
  for (const [i, day] of monthEnds(today, 24).entries()) {
    c += 3_100 + ((i * 137) % 700);
    h += 1_400 + ((i * 91) % 400);
    g += 3_300 + ((i * 137) % 700);
    for (const [meterId, value, source] of [
      [cold.id, c, 'karta'],
      [hot.id, h, 'karta'],
      [main.id, g, 'import'],
    ] as const) {
      written.push(insertReading(db, { organizationId, meterId, readOn: day, value, source, enteredByLabel: 'demo' }));
    }
  }
  await Promise.all(written);
  await addWaterTariff(db, { actor, effectiveFrom: '2020-01-01', water: 58_200, sewage: 71_500 });
  await setSettlementRules(db, { actor, rule: 'consumption', advanceCode: 'ZW', hotAdvanceCode: 'CW' });
}
