/**
 * Demo meters: mieszkaniec2's flat gets a cold and a hot water meter, their building a main
 * meter, each with monthly readings over two years up to the end of last month; a water tariff,
 * the rule that shares the building's difference by consumption, and the ledger's `ZW`
 * component as the water advances. The accountant can settle the last quarter of that building.
 */
import type { Db } from '../db/client.ts';
import { readTogether } from '../db/together.ts';
import { systemActor } from '../features/audit/audit.ts';
import { addMeter } from '../features/media/meters.ts';
import { findMeterBySerial, insertReadings } from '../features/media/queries.ts';
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

/** Month ends after `installed`, up to the end of the month before `upTo`'s, numbered from the first. */
function readingDays(installed: string, upTo: string): { index: number; day: string }[] {
  const ends = monthEnds(upTo, 240);
  return ends.filter((day) => day > installed).map((day, index) => ({ index, day }));
}

/**
 * The meters' monthly readings from their installation up to the end of last month, or (with
 * `after`) only those after that day. Each month's consumption depends only on its number since
 * installation, so a later start adds exactly the months that passed.
 */
async function writeReadings(
  db: Db,
  {
    organizationId,
    meters,
    installed,
    upTo,
    after = installed,
  }: {
    organizationId: number;
    meters: { cold: number; hot: number; main: number };
    installed: string;
    upTo: string;
    after?: string;
  },
): Promise<void> {
  let c = 0;
  let h = 0;
  let g = 0;
  // One statement: no round trip between readings (and never two statements at once on start-up's
  // one connection, which node-postgres 9 refuses).
  const written: Parameters<typeof insertReadings>[1] = [];
  for (const { index: i, day } of readingDays(installed, upTo)) {
    c += 3_100 + ((i * 137) % 700);
    h += 1_400 + ((i * 91) % 400);
    g += 3_300 + ((i * 137) % 700);
    if (day <= after) continue;
    for (const [meterId, value, source] of [
      [meters.cold, c, 'karta'],
      [meters.hot, h, 'karta'],
      [meters.main, g, 'import'],
    ] as const) {
      written.push({ organizationId, meterId, readOn: day, value, source, enteredByLabel: 'demo' });
    }
  }
  await insertReadings(db, written);
}

/** Adds the readings of the month ends since the demo was made (`madeFor`) up to the end of last month. */
export async function addMediaReadingsDemo(
  db: Db,
  { organizationId, madeFor, today }: { organizationId: number; madeFor: string; today: string },
): Promise<void> {
  const find = (medium: 'zimna_woda' | 'ciepla_woda', serial: string) =>
    findMeterBySerial(db, { organizationId, medium, serial });
  const [cold, hot, main] = await readTogether(db, [
    () => find('zimna_woda', 'ZW-DEMO-1'),
    () => find('ciepla_woda', 'CW-DEMO-1'),
    () => find('zimna_woda', 'GL-DEMO-1'),
  ]);
  if (!cold || !hot || !main) return;
  const madeUpTo = monthEnds(madeFor, 1)[0] as string;
  await writeReadings(db, {
    organizationId,
    meters: { cold: cold.id, hot: hot.id, main: main.id },
    installed: cold.installedOn,
    upTo: today,
    after: madeUpTo,
  });
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
  await writeReadings(db, {
    organizationId,
    meters: { cold: cold.id, hot: hot.id, main: main.id },
    installed: start,
    upTo: today,
  });
  await addWaterTariff(db, { actor, effectiveFrom: '2020-01-01', water: 58_200, sewage: 71_500 });
  await setSettlementRules(db, { actor, rule: 'consumption', advanceCode: 'ZW', hotAdvanceCode: 'CW' });
}
