/**
 * Register import speed: rows per second of a 10,000-unit register file through the real import
 * (read, detect, parse, check every row, compare with the register, write in one transaction),
 * against PostgreSQL `COPY` of the same rows in the same run.
 *
 * The baseline copies the same records (buildings, units, persons, rights, occupancy) with
 * `COPY … FROM STDIN` into the same tables for a new organization, in one transaction, reading
 * the generated ids back between tables: the fastest way the server can take this data with
 * its constraints, indexes and foreign keys. Only the COPY work is timed (the data is generated
 * and the text rendered beforehand); the import is timed from the file on disk to the commit.
 * Both are counted in rows of the file. Median of BENCH_IMPORT_RUNS (default 3) runs, each into
 * a new organization.
 *
 * Needs DATABASE_URL (a PostgreSQL server where the user may create databases); it creates its
 * own database and drops it at the end. Imports the built code in dist/ (the harness builds it).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
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
type OrganizationsModule = typeof import('../../src/features/organizations/create-organization.ts');
type GenerateModule = typeof import('../../src/demo/generate-register.ts');
type ImportModule = typeof import('../../src/features/units/import/import-register.ts');
type CsvModule = typeof import('../../src/features/units/import/register-csv.ts');
type ParseModule = typeof import('../../src/features/units/rules/parse.ts');
type SearchKeysModule = typeof import('../../src/features/units/search-keys.ts');
type RegisterData = import('../../src/features/units/register-data.ts').RegisterData;

const dist = (path: string) => import(join(projectRoot, 'dist', path));

const UNITS = 10_000;
const goal = 0.5;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** COPY text format: tabs between fields, \N for null, backslash escapes. */
function copyText(rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) =>
    v === null
      ? '\\N'
      : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `${rows.map((row) => row.map(field).join('\t')).join('\n')}\n`;
}

async function idsByKey(client: pg.Client, table: string, organizationId: number): Promise<Map<string, number>> {
  const result = await client.query<{ id: string; external_key: string }>(
    `select id, external_key from ${table} where organization_id = $1`,
    [organizationId],
  );
  return new Map(result.rows.map((row) => [row.external_key, Number(row.id)]));
}

/** COPY of the records into the real tables, the server generating ids as for the import. */
async function copyRegister(
  client: pg.Client,
  organizationId: number,
  data: RegisterData,
  parse: ParseModule,
  keys: SearchKeysModule,
): Promise<void> {
  const org = organizationId;
  await client.query('begin');
  await copyFrom(
    client,
    'copy buildings (organization_id, external_key, street, number, postcode, city, estate, search_address) from stdin',
    copyText(
      data.buildings.map((b) => [
        org,
        b.key,
        b.street,
        b.number,
        b.postcode,
        b.city,
        b.estate,
        keys.addressKey(b.street, b.number),
      ]),
    ),
  );
  const buildingIds = await idsByKey(client, 'buildings', org);
  await copyFrom(
    client,
    'copy units (organization_id, external_key, building_id, number, kind, usable_area, floor, rooms) from stdin',
    copyText(
      data.units.map((u) => [
        org,
        u.key,
        buildingIds.get(u.buildingKey) ?? 0,
        u.number,
        u.kind,
        parse.areaToNumeric(u.areaHundredths),
        u.floor,
        u.rooms,
      ]),
    ),
  );
  const unitIds = await idsByKey(client, 'units', org);
  await copyFrom(
    client,
    'copy persons (organization_id, external_key, first_name, last_name, pesel, address, email, phone, search_name, search_name_reversed) from stdin',
    copyText(
      data.persons.map((p) => {
        const names = keys.nameKeys(p.firstName, p.lastName);
        return [
          org,
          p.key,
          p.firstName,
          p.lastName,
          p.pesel,
          p.address,
          p.email,
          p.phone,
          names.searchName,
          names.searchNameReversed,
        ];
      }),
    ),
  );
  const personIds = await idsByKey(client, 'persons', org);
  await copyFrom(
    client,
    'copy rights (organization_id, unit_id, person_id, kind, share_numerator, share_denominator, valid_from, valid_to) from stdin',
    copyText(
      data.rights.map((r) => [
        org,
        unitIds.get(r.unitKey) ?? 0,
        personIds.get(r.personKey) ?? 0,
        r.kind,
        r.numerator,
        r.denominator,
        r.validFrom,
        r.validTo,
      ]),
    ),
  );
  await copyFrom(
    client,
    'copy occupancy (organization_id, unit_id, effective_from, persons_count) from stdin',
    copyText(data.occupancy.map((o) => [org, unitIds.get(o.unitKey) ?? 0, o.effectiveFrom, o.personsCount])),
  );
  await client.query('commit');
}

export const registerImport: Benchmark = {
  name: 'register-import',
  description: `rows/s of a ${UNITS.toLocaleString('en')}-unit register file through the import vs COPY (goal ≥ ${goal}; needs DATABASE_URL)`,
  async run(settings) {
    const url = settings.databaseUrl;
    if (!url) {
      throw new Error('register-import needs DATABASE_URL: a PostgreSQL server where this user may create databases');
    }
    const runs = Math.round(positiveNumber(process.env, 'BENCH_IMPORT_RUNS', 3));
    const { openDatabase } = (await dist('db/client.js')) as ClientModule;
    const { migrateDatabase } = (await dist('db/migrate.js')) as MigrateModule;
    const { createOrganization } = (await dist('features/organizations/create-organization.js')) as OrganizationsModule;
    const { generateRegister } = (await dist('demo/generate-register.js')) as GenerateModule;
    const { importRegister } = (await dist('features/units/import/import-register.js')) as ImportModule;
    const { registerCsvBytes } = (await dist('features/units/import/register-csv.js')) as CsvModule;
    const parse = (await dist('features/units/rules/parse.js')) as ParseModule;
    const keys = (await dist('features/units/search-keys.js')) as SearchKeysModule;

    const data = generateRegister({ seed: 1, units: UNITS });
    const dir = join(projectRoot, 'bench', '.data');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `register-${UNITS}.csv`);
    const bytes = registerCsvBytes(data, 'utf-8');
    await writeFile(file, bytes);
    const fileRows =
      data.rights.length + data.units.filter((u) => !data.rights.some((r) => r.unitKey === u.key)).length;
    progress(
      `register-import: ${file}: ${fileRows} rows, ${round(bytes.length / 1024 / 1024, 1)} MB ` +
        `(${data.buildings.length} buildings, ${data.units.length} units, ${data.persons.length} persons, ${data.rights.length} rights)`,
    );

    const name = `osiedle_bench_register_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
    try {
      await migrateDatabase(database);
      const importSeconds: number[] = [];
      for (let run = 1; run <= runs; run++) {
        const organization = await createOrganization({
          db: database.db,
          input: {
            slug: `bench-${run}`,
            name: `Spółdzielnia testowa ${run}`,
            shortName: `SM ${run}`,
            street: 'ul. Testowa 1',
            postcode: '40-001',
            city: 'Katowice',
          },
        });
        const started = performance.now();
        const result = await importRegister(database.db, {
          actor: { organizationId: organization.id, actorAccountId: null, actorLabel: 'bench' },
          source: { path: file },
        });
        const seconds = (performance.now() - started) / 1000;
        if (!result.applied || result.file.rows !== fileRows) {
          throw new Error(`import did not apply: ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`);
        }
        importSeconds.push(seconds);
        progress(
          `register-import: import run ${run}/${runs}: ${round(seconds, 3)} s, ${round(fileRows / seconds, 0)} rows/s`,
        );
        if (run === runs) {
          const again = performance.now();
          const second = await importRegister(database.db, {
            actor: { organizationId: organization.id, actorAccountId: null, actorLabel: 'bench' },
            source: { path: file },
          });
          if (!second.unchanged) throw new Error('a second import of the same file changed something');
          report({ name: 'register.reimport_seconds', value: (performance.now() - again) / 1000, unit: 's' });
        }
      }

      // Baseline: COPY of the same records into the same tables (a new organization each run),
      // in one transaction on one connection; ids come back between tables, as they must.
      const client = new pg.Client({ connectionString: withDatabase(url, name) });
      await client.connect();
      const copySeconds: number[] = [];
      try {
        for (let run = 1; run <= runs; run++) {
          const organization = await createOrganization({
            db: database.db,
            input: {
              slug: `copy-${run}`,
              name: `Kopia ${run}`,
              shortName: `K ${run}`,
              street: 'ul. Testowa 1',
              postcode: '40-001',
              city: 'Katowice',
            },
          });
          const started = performance.now();
          await copyRegister(client, organization.id, data, parse, keys);
          const seconds = (performance.now() - started) / 1000;
          copySeconds.push(seconds);
          progress(
            `register-import: COPY run ${run}/${runs}: ${round(seconds, 3)} s, ${round(fileRows / seconds, 0)} rows/s`,
          );
        }
      } finally {
        await client.end();
      }

      const importRate = fileRows / median(importSeconds);
      const copyRate = fileRows / median(copySeconds);
      report({ name: 'register.import_rows_per_s', value: importRate, unit: 'rows/s' });
      report({ name: 'register.copy_rows_per_s', value: copyRate, unit: 'rows/s' });
      report({ name: 'register.import_vs_copy', value: importRate, unit: 'rows/s', baseline: copyRate });
      const ratio = importRate / copyRate;
      progress(
        `register-import: import/COPY = ${round(ratio, 3)} (goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'MISSED'})`,
      );
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
};
