import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, testActorIn } from '../../../../test/support/factories.ts';
import { createTestDatabase } from '../../../../test/support/test-db.ts';
import { type Database, type Db, queryRows } from '../../../db/client.ts';
import { generateRegister } from '../../../demo/generate-register.ts';
import { listAudit } from '../../audit/audit.ts';
import { getUnitDetails } from '../details.ts';
import { listUnitsOfPerson } from '../member.ts';
import { searchPersons } from '../search.ts';
import { type ImportRegisterOptions, importRegister } from './import-register.ts';
import { registerCsvBytes } from './register-csv.ts';
import { formatImportReport } from './report.ts';

const example = (name: string) => readFile(new URL(`../../../../docs/examples/${name}`, import.meta.url));

describe('import of the register from a CSV file', () => {
  let database: Database;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database.close();
  });

  const run = (organizationId: number, bytes: Uint8Array, extra: Partial<ImportRegisterOptions> = {}) =>
    importRegister(db, {
      actor: testActorIn(organizationId),
      source: { bytes, name: 'rejestr.csv' },
      ...extra,
    });
  const audited = async (organizationId: number) =>
    (await listAudit(db, { organizationId, action: 'register.import', limit: 5 })).rows;

  async function tableCounts(organizationId: number) {
    const rows = await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*)::int from buildings where organization_id = ${organizationId}) as buildings,
                 (select count(*)::int from units where organization_id = ${organizationId}) as units,
                 (select count(*)::int from persons where organization_id = ${organizationId}) as persons,
                 (select count(*)::int from rights where organization_id = ${organizationId}) as rights,
                 (select count(*)::int from occupancy where organization_id = ${organizationId}) as occupancy,
                 (select max(updated_at)::text from rights where organization_id = ${organizationId}) as touched`,
    );
    return rows[0];
  }

  it('previews, applies, and then finds nothing to change in the same file', async () => {
    const org = (await makeOrganization(db)).id;
    const file = await example('rejestr-utf8.csv');
    const preview = await run(org, file, { dryRun: true });
    expect(preview).toMatchObject({ applied: false, unchanged: false, fileErrors: [], errors: [] });
    expect(preview.file).toMatchObject({ encoding: 'utf-8', delimiter: ';', rows: 8 });
    expect(preview.counts).toEqual({
      buildings: { new: 2, changed: 0, unchanged: 0 },
      units: { new: 6, changed: 0, unchanged: 0 },
      persons: { new: 6, changed: 0, unchanged: 0 },
      rights: { new: 7, changed: 0, unchanged: 0 },
      occupancy: { new: 5, changed: 0, unchanged: 0 },
    });
    expect(await tableCounts(org)).toMatchObject({ buildings: 0, rights: 0 });

    const progress: number[] = [];
    const applied = await run(org, file, { onProgress: (p) => progress.push(p.rows) });
    expect(applied.applied).toBe(true);
    expect(await audited(org)).toMatchObject([{ action: 'register.import', subjectType: 'register' }]);
    expect(progress.length).toBeGreaterThan(0);
    const after = await tableCounts(org);
    expect(after).toMatchObject({ buildings: 2, units: 6, persons: 6, rights: 7, occupancy: 5 });
    expect(formatImportReport(applied)).toContain('Zapisano zmiany w rejestrze.');

    // The imported data reads back as typed: Polish letters, decimal comma, the sale in 2020.
    const buyer = (await searchPersons(db, { organizationId: org, query: 'Źrebiec', asOf: '2026-01-01' })).items[0];
    expect(buyer).toMatchObject({ firstName: 'Małgorzata', peselMasked: '*******0361' });
    const units = await listUnitsOfPerson(db, { organizationId: org, personId: buyer?.id ?? 0, asOf: '2026-01-01' });
    expect(units).toMatchObject([{ number: '2', areaHundredths: 3875, rightKind: 'odrebna_wlasnosc' }]);
    const unit = await getUnitDetails(db, { organizationId: org, unitId: units[0]?.unitId ?? 0, asOf: '2026-01-01' });
    expect(unit?.pastHolders.map((h) => [h.lastName, h.validTo])).toEqual([['Wójcik', '2020-06-15']]);

    const again = await run(org, file);
    expect(again).toMatchObject({ applied: false, unchanged: true, errors: [] });
    expect(again.counts?.rights).toEqual({ new: 0, changed: 0, unchanged: 7 });
    expect(formatImportReport(again)).toContain('Nic do zmiany: rejestr jest już zgodny z plikiem.');
    expect(await audited(org)).toHaveLength(1);
    expect(await tableCounts(org)).toEqual(after);
  });

  it('reads the same register from Windows-1250 as from UTF-8', async () => {
    const org = (await makeOrganization(db)).id;
    await run(org, await example('rejestr-utf8.csv'));
    const cp1250 = await run(org, await example('rejestr-cp1250.csv'));
    expect(cp1250.file.encoding).toBe('windows-1250');
    expect(cp1250).toMatchObject({ unchanged: true, errors: [], fileErrors: [] });
  });

  it('reports every bad row with its column in Polish and saves nothing', async () => {
    const org = (await makeOrganization(db)).id;
    const report = await run(org, await example('rejestr-bledy.csv'));
    expect(report.applied).toBe(false);
    expect(report.errors.map((e) => `${e.row} ${e.column}: ${e.message}`)).toEqual([
      '2 PESEL: PESEL ma nieprawidłową cyfrę kontrolną',
      '3 Powierzchnia użytkowa: powierzchnia musi być większa od zera',
      '4 Powierzchnia użytkowa: powierzchnia może mieć najwyżej 2 miejsca po przecinku',
      '4 Data od: data w formacie DD.MM.RRRR lub RRRR-MM-DD',
      '5 Rodzaj lokalu: rodzaj lokalu: mieszkalny, użytkowy, garaż lub inny',
      '5 Data od: nie ma takiego dnia w kalendarzu: 31.02.2020',
      '7 Data od: okres nakłada się na inne prawo tej osoby do tego lokalu (od 01.01.2010)',
      '9 Udział: suma udziałów w lokalu przekracza 1 od 01.01.2010 (razem 7/6)',
      '10 Kod lokalu: inne dane lokalu niż w wierszu 8',
      '11 Kod osoby: podaj kod osoby albo zostaw puste wszystkie kolumny osoby i tytułu prawnego',
    ]);
    expect(formatImportReport(report)).toContain('wiersz 2, kolumna „PESEL”: PESEL ma nieprawidłową cyfrę kontrolną');
    expect(formatImportReport(report)).toContain('Nic nie zostało zapisane');
    expect(await tableCounts(org)).toMatchObject({ buildings: 0, units: 0, persons: 0, rights: 0, occupancy: 0 });
  });

  it('names a file in an unknown encoding and a row whose bytes are not in the file encoding', async () => {
    const org = (await makeOrganization(db)).id;
    const text = (await example('rejestr-utf8.csv')).toString('utf8');
    // ISO-8859-2 is not Windows-1250: "ś" and "ą" come out as other signs, so it is refused.
    const latin2 = await run(org, iconv.encode(text, 'iso-8859-2'));
    expect(latin2.fileErrors[0]).toMatch(
      /^Nie rozpoznano kodowania pliku: to nie jest UTF-8, a odczytany jako Windows-1250 ma nieczytelne znaki w wierszu 1 \(np. „¶”\)/,
    );
    expect(formatImportReport(latin2)).toContain('Nic nie zostało zapisane');

    // A UTF-8 file with one row saved in Windows-1250 far after the first bytes.
    const [header, ...rows] = text.split('\r\n');
    const many = Array.from({ length: 900 }, (_, i) =>
      (rows[5] ?? '').replace('L0102;7', `L9${i};9${i}`).replace('K0005', `K9${i}`).replace('85050550514', ''),
    );
    const bad = iconv.encode(`${rows[6]?.replace('L0103', 'L8888').replace('8;', '88;')}\r\n`, 'win1250');
    const mixed = Buffer.concat([Buffer.from(`${[header, ...many].join('\r\n')}\r\n`), bad]);
    expect(mixed.length).toBeGreaterThan(64 * 1024);
    const report = await run(org, mixed);
    expect(report.file.encoding).toBe('utf-8');
    expect(report.errors.map((e) => `${e.row} ${e.column}: ${e.message}`)).toEqual([
      '902 Imię: nieprawidłowe znaki: ten wiersz nie jest zapisany w kodowaniu pliku',
      '902 Nazwisko: nieprawidłowe znaki: ten wiersz nie jest zapisany w kodowaniu pliku',
    ]);
    expect(await tableCounts(org)).toMatchObject({ persons: 0 });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const org = (await makeOrganization(db)).id;
    const report = await run(org, await example('rejestr-utf8.csv'), { maxBytes: 1000 });
    expect(report.fileErrors).toEqual([
      'Plik jest za duży: ma 1785 B, a największy dozwolony rozmiar to 1000 B. Plik nie został wczytany: podziel go na mniejsze pliki.',
    ]);
    expect(report.counts).toBeUndefined();
  });

  it('takes comma-separated files with ISO dates, and applies only what changed', async () => {
    const org = (await makeOrganization(db)).id;
    const data = generateRegister({ seed: 7, units: 120 });
    const first = await run(org, registerCsvBytes(data, 'utf-8', { delimiter: ',', dates: 'iso' }));
    expect(first.file.delimiter).toBe(',');
    expect(first.errors).toEqual([]);
    expect(first.counts?.units.new).toBe(120);
    // The same register as ;-separated Windows-1250 with Polish dates: nothing to change.
    const same = await run(org, registerCsvBytes(data, 'windows-1250'));
    expect(same).toMatchObject({ unchanged: true, errors: [] });

    // A sale recorded in the accounting system since: one right ends, one starts, one person is new.
    const sold = data.rights.find((r) => r.validTo === null && r.numerator === 1 && r.denominator === 1);
    if (!sold) throw new Error('no sole holder in the generated data');
    sold.validTo = '2026-02-01';
    data.persons.push({
      key: 'NOWA-1',
      firstName: 'Nowa',
      lastName: 'Właścicielka',
      pesel: null,
      address: null,
      email: null,
      phone: null,
    });
    data.rights.push({
      ...sold,
      personKey: 'NOWA-1',
      validFrom: '2026-02-01',
      validTo: null,
      kind: 'odrebna_wlasnosc',
    });
    const update = await run(org, registerCsvBytes(data));
    expect(update.counts).toMatchObject({
      persons: { new: 1, changed: 0 },
      rights: { new: 1, changed: 1 },
      units: { new: 0, changed: 0 },
    });
    expect(update.applied).toBe(true);
  });
});
