/**
 * One computation, however it is read: the settlement of every building at once (a few
 * statements for all units, only the readings the computation uses) gives every unit the same
 * lines as the settlement computed from all of its readings of the year before, building by
 * building. Random meters, readings (gaps, missing closings, rejected ones, turnovers), main
 * meters, holder changes with and without a handover reading.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { recordHolderChange } from '../units/rights.ts';
import {
  insertMeter,
  insertReading,
  insertWaterTariff,
  listReadingsOfMeters,
  meterLives,
  saveMediaSettings,
} from './queries.ts';
import { addDays } from './rules/days.ts';
import { computeSettlement, readForSettlements, settleBuilding } from './settlement.ts';

const FROM = '2026-01-01';
const TO = '2026-03-31';

const readingArb = fc.record({
  /** Days after the previous reading. */
  gap: fc.integer({ min: 20, max: 75 }),
  used: fc.integer({ min: 0, max: 9_000 }),
  rejected: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const unitArb = fc.record({
  meters: fc.array(
    fc.record({
      installedOn: fc.constantFrom('2024-06-01', '2025-09-15', '2026-02-01'),
      readings: fc.array(readingArb, { minLength: 0, maxLength: 10 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  change: fc.option(fc.record({ day: fc.integer({ min: 5, max: 80 }), handover: fc.boolean() }), { nil: undefined }),
});
const scenarioArb = fc.record({
  buildings: fc.array(fc.array(unitArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  main: fc.boolean(),
  rule: fc.constantFrom('consumption', 'persons', 'area', 'none'),
});

function attempt<T>(f: () => T): T | { stopped: string[] } {
  try {
    return f();
  } catch (error) {
    if (error instanceof ValidationError) return { stopped: error.fieldErrors.map((e) => e.message) };
    throw error;
  }
}

describe('the settlement of every building equals the settlement from all readings', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('gives every unit the same lines, for random readings and holders', async () => {
    const seen = { settled: 0, stopped: 0, estimated: 0, byReading: 0, byDays: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const db = database.db;
        const org = (await makeOrganization(db)).id;
        const actor = testActorIn(org);
        await saveMediaSettings(db, {
          organizationId: org,
          windowStartDay: 25,
          windowEndDay: 5,
          windowMonths: [],
          differenceRule: scenario.rule,
          waterAdvanceCode: 'WODA',
          hotWaterAdvanceCode: 'CW',
          monthlyCaps: {},
        });
        await insertWaterTariff(db, {
          organizationId: org,
          effectiveFrom: '2024-01-01',
          water: 50_000,
          sewage: 70_000,
        });
        await insertWaterTariff(db, {
          organizationId: org,
          effectiveFrom: '2026-02-10',
          water: 55_000,
          sewage: 72_000,
        });
        const buildingIds: number[] = [];
        let serial = 0;
        for (const unitsOfBuilding of scenario.buildings) {
          const buildingId = (await makeBuilding(db, org)).id;
          buildingIds.push(buildingId);
          const readAll = async (
            meterId: number,
            installedOn: string,
            readings: { gap: number; used: number; rejected: boolean }[],
            handoverOn?: string,
          ) => {
            let day = installedOn;
            let value = 0;
            const read = (readOn: string, v: number, rejected = false) =>
              insertReading(db, {
                organizationId: org,
                meterId,
                readOn,
                value: v,
                source: 'karta',
                enteredByLabel: 'test',
                review: rejected ? 'rejected' : 'ok',
              });
            let handedOver = handoverOn === undefined || handoverOn <= installedOn;
            for (const r of readings) {
              const next = addDays(day, r.gap);
              if (!handedOver && handoverOn !== undefined && next >= handoverOn) {
                if (next > handoverOn) await read(handoverOn, value);
                handedOver = true;
              }
              day = next;
              value += r.used;
              await read(day, value, r.rejected);
            }
            if (!handedOver && handoverOn !== undefined) await read(handoverOn, value);
          };
          if (scenario.main) {
            const main = await insertMeter(db, {
              organizationId: org,
              buildingId,
              unitId: null,
              medium: 'zimna_woda',
              serial: `GL-${++serial}`,
              installedOn: '2024-06-01',
            });
            await readAll(
              main.id,
              '2024-06-01',
              Array.from({ length: 30 }, () => ({ gap: 30, used: 20_000, rejected: false })),
            );
          }
          for (const u of unitsOfBuilding) {
            const unitId = (await makeUnit(db, org, { buildingId })).id;
            const first = await makePerson(db, org, { lastName: 'Pierwsza' });
            await makeRight(db, org, { unitId, personId: first.id, validFrom: '2020-01-01' });
            const changeDay = u.change ? addDays(FROM, u.change.day) : undefined;
            if (changeDay) {
              const second = await makePerson(db, org, { lastName: 'Druga' });
              await recordHolderChange(db, {
                actor,
                input: { unitId, date: changeDay, newHolders: [{ personId: second.id, kind: 'własnościowe' }] },
              });
            }
            for (const m of u.meters) {
              const meter = await insertMeter(db, {
                organizationId: org,
                buildingId,
                unitId,
                medium: 'zimna_woda',
                serial: `W-${++serial}`,
                installedOn: m.installedOn,
              });
              await readAll(meter.id, m.installedOn, m.readings, u.change?.handover ? changeDay : undefined);
            }
          }
        }
        const input = { organizationId: org, buildingIds, medium: 'zimna_woda' as const, from: FROM, to: TO };
        const batched = await readForSettlements(db, input);
        // The reference: every meter with all of its readings since the look-back day.
        const all = await listReadingsOfMeters(db, {
          organizationId: org,
          meterIds: batched.meters.map((m) => m.id),
          since: addDays(FROM, -400),
          until: TO,
        });
        const full = { ...batched, lives: new Map(meterLives(batched.meters, all).map((l) => [l.meterId, l])) };
        for (const buildingId of buildingIds) {
          const run = { buildingId, medium: 'zimna_woda' as const, periodFrom: FROM, periodTo: TO };
          const fromBatch = attempt(() => settleBuilding(batched, run));
          expect(fromBatch).toEqual(attempt(() => settleBuilding(full, run)));
          const alone = await computeSettlement(db, { organizationId: org, input: run }).catch((error) => {
            if (error instanceof ValidationError) return { stopped: error.fieldErrors.map((e) => e.message) };
            throw error;
          });
          expect(fromBatch).toEqual(alone);
          if ('stopped' in fromBatch) seen.stopped++;
          else {
            seen.settled++;
            for (const line of fromBatch.lines) {
              if (line.estimated) seen.estimated++;
              if (line.byReading) seen.byReading++;
              else if (line.from !== FROM || line.to !== TO) seen.byDays++;
            }
          }
        }
      }),
      { numRuns: 20 },
    );
    // The random cases reach every path: settled and stopped runs, estimates, both splits.
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });
});
