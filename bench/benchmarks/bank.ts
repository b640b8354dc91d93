/**
 * Bank statement import speed: a statement of BENCH_BANK_CREDITS (default 100,000) credits for
 * 10,000 units, each paid to its unit's virtual account, through the real import (decode, parse,
 * check the balance, match every credit, book the payments and store the statement and its
 * entries in one transaction), as MT940 and as camt.053, against PostgreSQL `COPY` of the
 * resulting payment rows into the ledger (with its triggers, as the import writes them) in the
 * same run. `bank.import_vs_copy` is import rows/s ÷ COPY rows/s (goal ≥ 0.5);
 * `bank.reimport_seconds` the time to import the MT940 file again (which changes nothing).
 *
 * Needs DATABASE_URL (a PostgreSQL server where the user may create databases); it creates its
 * own database and drops it at the end. Imports the built code in dist/ (the harness builds it).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { copyFrom } from '../lib/pg-copy.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';

type ClientModule = typeof import('../../src/db/client.ts');
type MigrateModule = typeof import('../../src/db/migrate.ts');
type OrganizationsModule = typeof import('../../src/features/organizations/create-organization.ts');
type OrgQueriesModule = typeof import('../../src/features/organizations/queries.ts');
type GenerateModule = typeof import('../../src/demo/generate-register.ts');
type RegisterImportModule = typeof import('../../src/features/units/import/import-register.ts');
type CsvModule = typeof import('../../src/features/units/import/register-csv.ts');
type UnitFactsModule = typeof import('../../src/features/units/unit-facts.ts');
type TransferModule = typeof import('../../src/features/ledger/rules/transfer.ts');
type BuildModule = typeof import('../../src/features/bank/formats/build.ts');
type WriteModule = typeof import('../../src/features/bank/formats/write.ts');
type ImportModule = typeof import('../../src/features/bank/import-statements.ts');
type BankEntry = import('../../src/features/bank/formats/statement.ts').BankEntry;

const dist = (path: string) => import(join(projectRoot, 'dist', path));

const UNITS = 10_000;
const ACCOUNT = '72102023130000310200000001';
const PREFIX = '10202313000031';
const goal = 0.5;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export const bank: Benchmark = {
  name: 'bank',
  description: `rows/s of a 100,000-credit statement (MT940, camt.053) for ${UNITS.toLocaleString('en')} units vs COPY of its payments (goal ≥ ${goal}; needs DATABASE_URL)`,
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) throw new Error('bank needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    const credits = Math.round(positiveNumber(process.env, 'BENCH_BANK_CREDITS', 100_000));
    const { openDatabase } = (await dist('db/client.js')) as ClientModule;
    const { migrateDatabase } = (await dist('db/migrate.js')) as MigrateModule;
    const { createOrganization } = (await dist('features/organizations/create-organization.js')) as OrganizationsModule;
    const orgs = (await dist('features/organizations/queries.js')) as OrgQueriesModule;
    const { generateRegister } = (await dist('demo/generate-register.js')) as GenerateModule;
    const { importRegister } = (await dist('features/units/import/import-register.js')) as RegisterImportModule;
    const { registerCsvBytes } = (await dist('features/units/import/register-csv.js')) as CsvModule;
    const { listUnitLabels } = (await dist('features/units/unit-facts.js')) as UnitFactsModule;
    const { virtualNrb } = (await dist('features/ledger/rules/transfer.js')) as TransferModule;
    const { statementOf } = (await dist('features/bank/formats/build.js')) as BuildModule;
    const { writeCamt053, writeMt940 } = (await dist('features/bank/formats/write.js')) as WriteModule;
    const { importStatements } = (await dist('features/bank/import-statements.js')) as ImportModule;

    const name = `osiedle_bench_bank_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
    try {
      await migrateDatabase(database);
      const db = database.db;
      const created = await createOrganization({
        db,
        input: {
          slug: 'bench-bank',
          name: 'Spółdzielnia testowa',
          shortName: 'SM',
          street: 'ul. Testowa 1',
          postcode: '40-001',
          city: 'Katowice',
          bankAccount: ACCOUNT,
        },
      });
      await orgs.updateOrganizationSettings(db, created.id, { ...({ virtualAccountPrefix: PREFIX } as object) });
      const organization = await orgs.findOrganizationById(db, { organizationId: created.id });
      if (!organization) throw new Error('no organization');
      const actor = { organizationId: organization.id, actorAccountId: null, actorLabel: 'bench' };
      const register = await importRegister(db, {
        actor,
        source: { bytes: registerCsvBytes(generateRegister({ seed: 1, units: UNITS }), 'utf-8'), name: 'rejestr.csv' },
      });
      if (!register.applied) throw new Error('the register did not import');
      const unitIds = (await listUnitLabels(db, { organizationId: organization.id })).map((u) => u.unitId);
      progress(`bank: ${unitIds.length} units; generating ${credits} credits`);

      const entries = (tag: string): Partial<BankEntry>[] =>
        Array.from({ length: credits }, (_, i) => {
          const unitId = unitIds[i % unitIds.length] ?? 0;
          const day = `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
          return {
            bookingDate: day,
            valueDate: day,
            amount: 10_000 + (i % 50_000),
            reference: `${tag}${String(i).padStart(8, '0')}`,
            title: `Opłaty za lokal, marzec 2026, wpłata ${i}`,
            counterpartyName: `Płatnik ${i % 20_000}`,
            creditedAccount: virtualNrb(PREFIX, unitId),
          };
        });
      const period = { account: ACCOUNT, periodFrom: '2026-03-01', periodTo: '2026-03-28' };
      const mt940 = Buffer.from(writeMt940([statementOf(entries('M'), { ...period, number: '1' })], '~'), 'utf8');
      const camt = Buffer.from(writeCamt053([statementOf(entries('C'), { ...period, number: '2' })]), 'utf8');
      progress(
        `bank: MT940 ${round(mt940.length / 1024 / 1024, 1)} MB, camt.053 ${round(camt.length / 1024 / 1024, 1)} MB`,
      );

      const importOnce = async (file: string, bytes: Buffer) => {
        const started = performance.now();
        const [result] = await importStatements(db, { actor, organization, files: [{ name: file, bytes }] });
        const seconds = (performance.now() - started) / 1000;
        if (result?.error) throw new Error(result.error);
        return { seconds, statement: result?.statements[0] };
      };
      const first = await importOnce('wyciag.sta', mt940);
      if (first.statement?.booked !== credits) throw new Error(`MT940 booked ${first.statement?.booked} of ${credits}`);
      progress(`bank: MT940 import ${round(first.seconds, 2)} s, ${round(credits / first.seconds, 0)} rows/s`);
      const again = await importOnce('wyciag.sta', mt940);
      if (!again.statement?.alreadyImported) throw new Error('a second import of the same statement changed something');
      report({ name: 'bank.reimport_seconds', value: again.seconds, unit: 's' });
      const second = await importOnce('wyciag.xml', camt);
      if (second.statement?.booked !== credits)
        throw new Error(`camt.053 booked ${second.statement?.booked} of ${credits}`);
      progress(`bank: camt.053 import ${round(second.seconds, 2)} s, ${round(credits / second.seconds, 0)} rows/s`);

      // Baseline: COPY of the same payment rows into the ledger (its triggers keep the monthly
      // and yearly totals, as for the import), in one transaction; only the COPY is timed.
      const client = new pg.Client({ connectionString: withDatabase(url, name) });
      await client.connect();
      const { rows: list } = await client.query<Record<string, unknown>>(
        `select unit_id, booking_date::text, value_date::text, amount, description, source_ref from ledger_entries
         where organization_id = $1 and source = 'bank' and source_ref like 'bank:ref|M%'`,
        [organization.id],
      );
      const copyField = (v: unknown) =>
        String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      const fields = (r: Record<string, unknown>) => [
        organization.id,
        r.unit_id,
        r.booking_date,
        r.value_date,
        'payment',
        r.amount,
        r.description,
        'bank',
        `copy:${String(r.source_ref)}`,
      ];
      const text = `${list.map((r) => fields(r).map(copyField).join('\t')).join('\n')}\n`;
      let copySeconds: number;
      try {
        await client.query('begin');
        const started = performance.now();
        await copyFrom(
          client,
          'copy ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, source, source_ref) from stdin',
          text,
        );
        await client.query('commit');
        copySeconds = (performance.now() - started) / 1000;
      } finally {
        await client.end();
      }
      progress(`bank: COPY of ${list.length} payment rows ${round(copySeconds, 2)} s`);
      const importRate = credits / ((first.seconds + second.seconds) / 2);
      const copyRate = list.length / copySeconds;
      report({ name: 'bank.import_mt940_rows_per_s', value: credits / first.seconds, unit: 'rows/s' });
      report({ name: 'bank.import_camt053_rows_per_s', value: credits / second.seconds, unit: 'rows/s' });
      report({ name: 'bank.copy_rows_per_s', value: copyRate, unit: 'rows/s' });
      report({ name: 'bank.import_vs_copy', value: importRate, unit: 'rows/s', baseline: copyRate });
      const ratio = importRate / copyRate;
      progress(`bank: import/COPY = ${round(ratio, 3)} (goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'MISSED'})`);
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
};
