/**
 * Debt as the law counts it (issue 15), on PostgreSQL with the ledger benchmark's data.
 *
 * - `debt.interest_overhead`: the debtors list as of a day for all units with overdue/current
 *   split and statutory interest per holder period (listDebtorsByHolder) ÷ the same list without
 *   interest (listDebtors: balances only), median of BENCH_DEBT_RUNS (9) runs each, the two
 *   lists timed in turn. Goal ≤ 2.
 * - `debt.interest_20y_vs_1y`: p50 of one unit's debt with interest as of a day (unitDebt) for a
 *   unit with 20 years of history ÷ one with 1 year, 200 samples each taken in turn after 20 of
 *   warm-up. Goal ≤ 1.5.
 *
 * Data: the ledger benchmark's generator (BENCH_DEBT_UNITS, 10,000 units, 2013-01…2026-10, every
 * month paid), plus an unpaid receivable each year for every 20th unit (chronic debtors whose
 * whole history must be allocated). Needs DATABASE_URL; creates its own database and drops it.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { median } from '../lib/stats.ts';
import { generate } from './ledger.ts';

type DebtModule = typeof import('../../src/features/ledger/debt.ts');
type QueriesModule = typeof import('../../src/features/ledger/queries.ts');
type ClientModule = typeof import('../../src/db/client.ts');
const dist = (path: string) => import(join(projectRoot, 'dist', path));

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A unit with a charge on the 1st and a payment short by 5 % on the 20th of every month since `firstYear`. */
async function debtorUnit(client: pg.Client, org: number, key: string, firstYear: number): Promise<number> {
  const unit = await client.query<{ id: string }>(
    `insert into units (organization_id, building_id, number, kind, usable_area, external_key)
     select $1, id, $2, 'mieszkalny', 50, $2 from buildings where organization_id = $1 order by id limit 1 returning id`,
    [org, key],
  );
  const id = Number(unit.rows[0]?.id);
  await client.query(
    `insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, due_date, source, source_ref)
     select $1::bigint, $2::bigint, m::date, m::date, 'charge'::ledger_entry_kind, 40000, 'Opłata', (m + interval '9 days')::date, 'bench', 'd:c:' || $2::text || ':' || to_char(m, 'YYYY-MM')
     from generate_series(make_date($3, 1, 1), date '2026-10-01', interval '1 month') m
     union all
     select $1::bigint, $2::bigint, (m + interval '19 days')::date, (m + interval '19 days')::date, 'payment'::ledger_entry_kind, -38000, 'Wpłata', null, 'bench', 'd:p:' || $2::text || ':' || to_char(m, 'YYYY-MM')
     from generate_series(make_date($3, 1, 1), date '2026-10-01', interval '1 month') m`,
    [org, id, firstYear],
  );
  return id;
}

export const debt: Benchmark = {
  name: 'debt',
  description: 'debtors list with interest ÷ without, one unit 20 years ÷ 1 year; needs DATABASE_URL',
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) throw new Error('debt needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    const units = Math.round(positiveNumber(process.env, 'BENCH_DEBT_UNITS', 10_000));
    const runs = Math.round(positiveNumber(process.env, 'BENCH_DEBT_RUNS', 9));
    const name = `osiedle_bench_debt_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dbUrl = withDatabase(url, name);
    const client = new pg.Client({ connectionString: dbUrl });
    try {
      // The server migrates the empty database and loads the demo organization.
      const server = await startServer({ databaseUrl: dbUrl });
      await waitForStatus(server, '/readyz', { timeoutMs: 180_000 });
      await server.stop();
      await client.connect();
      const org = Number(
        (await client.query<{ id: string }>('select id from organizations order by id limit 1')).rows[0]?.id,
      );
      progress(`debt: generating ${units} units × 2013-01…2026-10`);
      const { firstUnit } = await generate(client, org, units);
      const debtors = await client.query(
        `insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, due_date, source, source_ref)
         select $1, u.id, make_date(y, 3, 1), make_date(y, 3, 1), 'other_receivable', 25000, 'Naprawa', make_date(y, 3, 15), 'bench', 'd:r:' || u.id || ':' || y
         from units u cross join generate_series(2013, 2026) y
         where u.organization_id = $1 and u.id >= $2 and u.id % 20 = 0`,
        [org, firstUnit],
      );
      progress(`debt: ${debtors.rowCount} unpaid receivables for every 20th unit`);
      const unit20 = await debtorUnit(client, org, 'DEBT-20', 2007);
      const unit1 = await debtorUnit(client, org, 'DEBT-1', 2026);
      await client.query('vacuum analyze');

      const database = await ((await dist('db/client.js')) as ClientModule).openDatabase({ url: dbUrl, poolSize: 4 });
      try {
        const debtModule = (await dist('features/ledger/debt.js')) as DebtModule;
        const queries = (await dist('features/ledger/queries.js')) as QueriesModule;
        const asOf = '2026-11-16';
        const ledgerSettings = {
          startDate: '2013-01-01',
          dueDay: 10,
          virtualAccountPrefix: undefined,
          taxId: '',
          interestEnabled: true,
          interestMinimum: 0,
          settlementSplit: 'days' as const,
          bankAccounts: [],
        };
        // Both variants of a figure are timed in turn (a, b, a, b, …), so a change of load on
        // this shared machine falls on both alike; each figure is the median of its samples.
        const alternate = async (a: () => Promise<unknown>, b: () => Promise<unknown>, samples: number) => {
          const times: [number[], number[]] = [[], []];
          for (let i = 0; i < samples; i++) {
            for (const [k, work] of [a, b].entries()) {
              const started = performance.now();
              await work();
              times[k]?.push(performance.now() - started);
            }
          }
          return [median(times[0]), median(times[1])] as const;
        };
        const plain = () => queries.listDebtors(database.db, { organizationId: org, asOf, threshold: 0 });
        const withInterest = () =>
          debtModule.listDebtorsByHolder(database.db, {
            organizationId: org,
            asOf,
            threshold: 0,
            settings: ledgerSettings,
          });
        const rows = await withInterest();
        progress(`debt: ${rows.length} debtor rows, ${(await plain()).length} units in the plain list`);
        await alternate(plain, withInterest, 1);
        const [tPlain, tInterest] = await alternate(plain, withInterest, runs);
        progress(`debt: debtors list ${round(tPlain, 1)} ms without interest, ${round(tInterest, 1)} ms with`);
        report({ name: 'debt.interest_overhead', value: tInterest, unit: 'ms', baseline: tPlain });

        const one = (unitId: number) => () =>
          debtModule.unitDebt(database.db, { organizationId: org, unitId, asOf, settings: ledgerSettings });
        await alternate(one(unit20), one(unit1), 20);
        const [t20, t1] = await alternate(one(unit20), one(unit1), 200);
        progress(`debt: one unit's debt with interest: 20 years ${round(t20, 2)} ms, 1 year ${round(t1, 2)} ms`);
        report({ name: 'debt.interest_20y_vs_1y', value: t20, unit: 'ms', baseline: t1 });
      } finally {
        await database.close();
      }
    } finally {
      await client.end().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
};
