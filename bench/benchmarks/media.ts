/**
 * Meters and water settlements at scale (issue 17), on PostgreSQL with generated data.
 *
 * - `media.settlement_vs_copy`: settlement lines per second of a quarterly water settlement of
 *   every building (previewSettlementsOfBuildings per medium: one set of reads for all buildings;
 *   then postSettlements of every run in one transaction: ledger entries and settlement rows
 *   booked) ÷ rows per second of COPY of the same rows into the real tables (ledger_entries with
 *   its indexes, foreign keys and totals trigger, and media_settlements), as the bank benchmark
 *   measures its baseline; three quarters, each followed by its COPY, medians. Goal ≥ 0.3.
 * - `media.meters_page_13y_vs_1y`: p50 of what the e-BOK meters page reads (its default period,
 *   the last 12 months: the unit's meters, their readings in the period and the one before) for
 *   a unit with 13 years of monthly readings ÷ a unit with one year; 500 samples of each in turns
 *   after a warm-up. Goal ≤ 1.5.
 *
 * Data: BENCH_MEDIA_UNITS (10,000) units in buildings of 100, 4 meters each (2 cold, 2 hot water)
 * and a main meter per building, monthly readings from 2013-01 to 2025-12 (13 years), generated
 * server-side with INSERT … SELECT generate_series. Needs DATABASE_URL; creates its own database
 * and drops it.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { copyFrom } from '../lib/pg-copy.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { median } from '../lib/stats.ts';

type ClientModule = typeof import('../../src/db/client.ts');
type MigrateModule = typeof import('../../src/db/migrate.ts');
type SettlementModule = typeof import('../../src/features/media/settlement.ts');
type MemberUnitsModule = typeof import('../../src/features/media/member-units.ts');
type HistoryPeriodModule = typeof import('../../src/features/media/rules/history-period.ts');
const dist = (path: string) => import(join(projectRoot, 'dist', path));

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function generate(client: pg.Client, units: number): Promise<{ org: number; buildings: number[] }> {
  const org = Number(
    (
      await client.query<{ id: string }>(
        `insert into organizations (name, short_name, slug, street, postcode, city)
         values ('SM Benchmark', 'SM Benchmark', 'bench', 'ul. Benchmarkowa 1', '40-000', 'Katowice') returning id`,
      )
    ).rows[0]?.id,
  );
  const buildingCount = Math.max(1, Math.ceil(units / 100));
  await client.query(
    `insert into buildings (organization_id, street, number, postcode, city, search_address)
     select $1, 'ul. Benchmarkowa', g::text, '40-000', 'Katowice', 'ul benchmarkowa ' || g from generate_series(1, $2) g`,
    [org, buildingCount],
  );
  await client.query(
    `insert into units (organization_id, building_id, number, kind, usable_area)
     select $1, b.id, g::text, 'mieszkalny', 30 + (g % 50) + 0.25
     from buildings b, generate_series(1, 100) g where b.organization_id = $1 and (b.number::int - 1) * 100 + g <= $2`,
    [org, units],
  );
  // Four meters per unit: cold and hot water in the bathroom and the kitchen; a main meter per building.
  await client.query(
    `insert into meters (organization_id, building_id, unit_id, medium, serial, place, installed_on, initial_reading)
     select $1, u.building_id, u.id, m.medium, m.medium || '-' || u.id || '-' || m.place, m.place, '2012-12-31', 0
     from units u, (values ('zimna_woda', 'lazienka'), ('zimna_woda', 'kuchnia'), ('ciepla_woda', 'lazienka'), ('ciepla_woda', 'kuchnia')) m(medium, place)
     where u.organization_id = $1`,
    [org],
  );
  await client.query(
    `insert into meters (organization_id, building_id, unit_id, medium, serial, place, installed_on, initial_reading)
     select $1, id, null, 'zimna_woda', 'GL-' || id, 'piwnica', '2012-12-31', 0 from buildings where organization_id = $1`,
    [org],
  );
  // Monthly readings 2013-01 … 2025-12 on the last day of each month: steady consumption with noise.
  await client.query(
    `insert into readings (organization_id, meter_id, read_on, value, source, entered_by_label)
     select $1, m.id, (date '2013-01-01' + (k || ' month')::interval - interval '1 day')::date,
            k * (case when m.unit_id is null then 330000 else 1500 + (m.id % 7) * 100 end), 'import', 'bench'
     from meters m, generate_series(1, 156) k where m.organization_id = $1`,
    [org],
  );
  await client.query(
    `insert into water_tariffs (organization_id, effective_from, water, sewage) values ($1, '2013-01-01', 58200, 71500)`,
    [org],
  );
  const buildings = (
    await client.query<{ id: string }>('select id from buildings where organization_id = $1 order by id', [org])
  ).rows.map((r) => Number(r.id));
  return { org, buildings };
}

export const media: Benchmark = {
  name: 'media',
  description: 'water settlement of every building vs COPY, e-BOK meters page 13 years ÷ 1 year; needs DATABASE_URL',
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) throw new Error('media needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    const units = Math.round(positiveNumber(process.env, 'BENCH_MEDIA_UNITS', 10_000));
    const name = `osiedle_bench_media_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dbUrl = withDatabase(url, name);
    const client = new pg.Client({ connectionString: dbUrl });
    const database = await ((await dist('db/client.js')) as ClientModule).openDatabase({ url: dbUrl, poolSize: 2 });
    try {
      await ((await dist('db/migrate.js')) as MigrateModule).migrateDatabase(database);
      await client.connect();
      progress(`media: generating ${units} units × 4 meters × 156 monthly readings`);
      const started = performance.now();
      const { org, buildings } = await generate(client, units);
      await client.query('vacuum analyze');
      const readings = Number((await client.query<{ n: string }>('select count(*) as n from readings')).rows[0]?.n);
      progress(`media: ${readings} readings in ${round((performance.now() - started) / 1000, 1)} s`);
      report({ name: 'media.readings', value: readings, unit: 'rows' });

      const settlement = (await dist('features/media/settlement.js')) as SettlementModule;
      const actor = { organizationId: org, actorAccountId: null, actorLabel: 'bench' };
      const copyField = (v: unknown) =>
        v === null
          ? '\\N'
          : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      const copyText = (list: Record<string, unknown>[], fields: (r: Record<string, unknown>) => unknown[]) =>
        `${list.map((r) => fields(r).map(copyField).join('\t')).join('\n')}\n`;

      /** One quarter's water settlement of every building, both media: lines per second. */
      const settle = async (periodFrom: string, periodTo: string) => {
        let lines = 0;
        const t0 = performance.now();
        // Every building at once per medium: the reads are shared (previewSettlementsOfBuildings);
        // then every run of both media is posted in one transaction (postSettlements).
        const runIds: number[] = [];
        for (const medium of ['zimna_woda', 'ciepla_woda'] as const) {
          const runs = await settlement.previewSettlementsOfBuildings(database.db, {
            actor,
            buildingIds: buildings,
            medium,
            periodFrom,
            periodTo,
          });
          for (const run of runs) {
            runIds.push(run.id);
            lines += (run.report as { lines: unknown[] }).lines.length;
          }
        }
        const previewed = performance.now();
        const posted = await settlement.postSettlements(database.db, {
          actor,
          runIds,
          bookingDate: '2026-01-15',
          dueDate: '2026-01-31',
          now: new Date(),
        });
        const done = performance.now();
        if (posted.length !== runIds.length) throw new Error(`posted ${posted.length} of ${runIds.length} runs`);
        progress(
          `media: ${periodFrom}–${periodTo}: ${lines} settlement lines in ${round((done - t0) / 1000, 3)} s ` +
            `(preview ${round((previewed - t0) / 1000, 3)} s, post ${round((done - previewed) / 1000, 3)} s)`,
        );
        return { lines, rate: lines / ((done - t0) / 1000) };
      };

      // Baseline, as the bank benchmark's: COPY of the very rows a settlement wrote into the real
      // tables, in one transaction (only the COPYs and the commit are timed): its ledger entries
      // into ledger_entries (every index, foreign key and the totals trigger) and its settlement
      // rows into media_settlements (each pointing at the settlement's own entry: any entry costs
      // the same foreign-key check).
      const lastIds = async () => {
        const { rows } = await client.query<{ entry: string; settled: string }>(
          `select (select coalesce(max(id), 0) from ledger_entries)::text as entry,
                  (select coalesce(max(id), 0) from media_settlements)::text as settled`,
        );
        return { entry: Number(rows[0]?.entry), settled: Number(rows[0]?.settled) };
      };
      const copySame = async (since: { entry: number; settled: number }, lines: number) => {
        const { rows: entryRows } = await client.query<Record<string, unknown>>(
          `select unit_id, booking_date::text, value_date::text, kind, amount, description, due_date::text, source,
             source_ref
           from ledger_entries where organization_id = $1 and id > $2 order by id`,
          [org, since.entry],
        );
        const { rows: settledRows } = await client.query<Record<string, unknown>>(
          `select unit_id, medium, period_from::text, period_to::text, consumption_thousandths, consumption_unit,
             price, cost, advances, result, ledger_entry_id, source_ref
           from media_settlements where organization_id = $1 and id > $2 order by id`,
          [org, since.settled],
        );
        if (entryRows.length !== lines || settledRows.length !== lines)
          throw new Error(
            `a settlement wrote ${entryRows.length} entries and ${settledRows.length} rows for ${lines} lines`,
          );
        const entriesText = copyText(entryRows, (r) => [
          org,
          r.unit_id,
          r.booking_date,
          r.value_date,
          r.kind,
          r.amount,
          r.description,
          r.due_date,
          r.source,
          `copy:${String(r.source_ref)}`,
        ]);
        const settledText = copyText(settledRows, (r) => [
          org,
          r.unit_id,
          r.medium,
          r.period_from,
          r.period_to,
          r.consumption_thousandths,
          r.consumption_unit,
          r.price,
          r.cost,
          r.advances,
          r.result,
          r.ledger_entry_id,
          `copy:${String(r.source_ref)}`,
        ]);
        await client.query('begin');
        const c0 = performance.now();
        await copyFrom(
          client,
          `copy ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, due_date,
             source, source_ref) from stdin`,
          entriesText,
        );
        await copyFrom(
          client,
          `copy media_settlements (organization_id, unit_id, medium, period_from, period_to, consumption_thousandths,
             consumption_unit, price, cost, advances, result, ledger_entry_id, source_ref) from stdin`,
          settledText,
        );
        await client.query('commit');
        const seconds = (performance.now() - c0) / 1000;
        progress(`media: COPY of the same ${lines} entries and settlement rows ${round(seconds, 3)} s`);
        return lines / seconds;
      };

      // Three quarters, each settled and then its rows copied (so both meet the same load); the
      // medians are compared (the first settlement also pays for compiling the code).
      const settleRates: number[] = [];
      const copyRates: number[] = [];
      for (const [from, to] of [
        ['2025-04-01', '2025-06-30'],
        ['2025-07-01', '2025-09-30'],
        ['2025-10-01', '2025-12-31'],
      ] as const) {
        const since = await lastIds();
        const { lines, rate } = await settle(from, to);
        settleRates.push(rate);
        copyRates.push(await copySame(since, lines));
      }
      report({
        name: 'media.settlement_vs_copy',
        value: median(settleRates),
        unit: 'rows/s',
        baseline: median(copyRates),
      });

      const members = (await dist('features/media/member-units.js')) as MemberUnitsModule;
      const historyRules = (await dist('features/media/rules/history-period.js')) as HistoryPeriodModule;
      const unit13 = Number(
        (await client.query<{ id: string }>('select min(id) as id from units where organization_id = $1', [org]))
          .rows[0]?.id,
      );
      // A unit with one year of readings: its meters' older readings removed.
      const unit1 = Number(
        (await client.query<{ id: string }>('select max(id) as id from units where organization_id = $1', [org]))
          .rows[0]?.id,
      );
      await client.query(
        `delete from readings where read_on < '2025-01-01' and meter_id in (select id from meters where unit_id = $1)`,
        [unit1],
      );
      await client.query(`update meters set installed_on = '2024-12-31' where unit_id = $1`, [unit1]);
      await client.query('analyze readings');
      // What the page reads (routes/member.tsx): the unit's meters, the years to choose from, and
      // the default period's readings (the last 12 months, as on the day of the newest readings).
      const today = '2025-12-31';
      const pageData = async (unitId: number) => {
        const meters = await members.unitMeterList(database.db, { organizationId: org, unitId });
        const years = historyRules.historyYears(
          meters.map((m) => m.installedOn),
          today,
        );
        const period = historyRules.historyPeriod(undefined, years, today);
        return members.unitMetersInPeriod(database.db, {
          organizationId: org,
          meters,
          from: period.from,
          to: period.to,
        });
      };
      const shown = async (unitId: number) =>
        (await pageData(unitId)).reduce((sum, item) => sum + item.readings.length, 0);
      progress(
        `media: meters page shows ${await shown(unit13)} readings (13 years) and ${await shown(unit1)} (1 year)`,
      );
      const once = async (unitId: number) => {
        const s = performance.now();
        await pageData(unitId);
        return performance.now() - s;
      };
      // Warm-up, then the two units in turns (so both meet the same load), medians of each.
      for (let i = 0; i < 100; i++) await once(i % 2 === 0 ? unit13 : unit1);
      const samples13: number[] = [];
      const samples1: number[] = [];
      for (let i = 0; i < 500; i++) {
        samples13.push(await once(unit13));
        samples1.push(await once(unit1));
      }
      const t13 = median(samples13);
      const t1 = median(samples1);
      progress(`media: meters page data p50 ${round(t13, 2)} ms (13 years) vs ${round(t1, 2)} ms (1 year)`);
      report({ name: 'media.meters_page_13y_vs_1y', value: t13, unit: 'ms', baseline: t1 });
    } finally {
      await client.end().catch(() => {});
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    }
  },
};
