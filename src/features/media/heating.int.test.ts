import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { listAudit } from '../audit/audit.ts';
import { listEntries } from '../ledger/queries.ts';
import { recordHolderChange } from '../units/rights.ts';
import { listRuns } from './queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-04-10T10:00:00Z');
const UNIT_PDF = Buffer.from('%PDF-1.4\n% rozliczenie lokalu 1 od firmy\n');
const BUILDING_PDF = Buffer.from('%PDF-1.4\n% rozliczenie budynku od firmy\n');

describe('heating settlements imported from the settling company', () => {
  let t: TestApp;
  let org: number;
  let buildingId: number;
  const units = {} as Record<'a' | 'b', number>;
  let memberA: TestClient;
  let buyer: TestClient;
  let accountant: TestClient;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    const actor = testActorIn(org);
    buildingId = (await makeBuilding(db, org)).id;
    units.a = (await makeUnit(db, org, { buildingId, number: '1' })).id;
    units.b = (await makeUnit(db, org, { buildingId, number: '2' })).id;
    const anna = await makePerson(db, org, { lastName: 'Annowska' });
    const sellerPerson = await makePerson(db, org, { lastName: 'Sprzedawca' });
    const buyerPerson = await makePerson(db, org, { lastName: 'Kupujący' });
    await makeRight(db, org, { unitId: units.a, personId: anna.id, validFrom: '2010-01-01' });
    await makeRight(db, org, { unitId: units.b, personId: sellerPerson.id, validFrom: '2010-01-01' });
    await recordHolderChange(db, {
      actor,
      input: { unitId: units.b, date: '2026-02-15', newHolders: [{ personId: buyerPerson.id, kind: 'własnościowe' }] },
    });
    const { totpKey } = await t.app.secrets();
    const member = async (personId: number, ip: string) => {
      const account = await makeAccount(db, org, { personId });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/ebok', account.login, TEST_PASSWORD, { now: NOW });
      return client;
    };
    memberA = await member(anna.id, '10.9.1.1');
    buyer = await member(buyerPerson.id, '10.9.1.2');
    const staffAccount = await makeAccount(db, org, {
      kind: 'staff',
      roles: ['accountant'],
      totpSecret: SECRET,
      totpKey,
    });
    accountant = new TestClient(t.app, 'localhost', '10.9.1.3');
    await accountant.signIn('/panel', staffAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
  });
  afterAll(async () => t.close());

  const goodFile = [
    'Lokal;Okres_od;Okres_do;Koszt;Zaliczki;Wynik;Zuzycie;Plik_pdf',
    '1;2026-01-01;2026-03-31;1 834,20;1 650,00;;8,412;lokal-1.pdf',
    '2;01.01.2026;31.03.2026;1200,00;;-300,00;;',
  ].join('\n');
  const upload = (csv: string, pdfs: { name: string; data: Buffer }[]) =>
    accountant.postMultipart('/panel/media/ogrzewanie', { budynek: String(buildingId) }, [
      { field: 'plik', name: 'wyniki.csv', data: Buffer.from(csv) },
      ...pdfs.map((p) => ({ field: 'pdf', name: p.name, data: p.data, type: 'application/pdf' })),
    ]);

  it('stops a file with wrong rows, listing every one in Polish, and stores nothing', async () => {
    const page = await accountant.get('/panel/media/ogrzewanie');
    expect(page.statusCode).toBe(200);
    const bad = [
      'lokal;okres_od;okres_do;koszt;zaliczki',
      '1;2026-01-01;2026-03-31;abc;100,00',
      '9;2026-01-01;2026-03-31;100,00;100,00',
      '2;2026-01-01;2026-02-31;100,00;',
    ].join('\n');
    const refused = await upload(bad, []);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Nie zaimportowano nic — popraw plik: wiersz 2: koszt:');
    expect(refused.body).toContain('wiersz 3: w budynku');
    expect(refused.body).toContain('nie ma lokalu 9');
    expect(refused.body).toContain(
      'wiersz 4: okres do: nie ma takiego dnia w kalendarzu: 2026-02-31; podaj zaliczki albo wynik',
    );
    const noColumns = await upload('lokal;koszt\n1;5,00\n', []);
    expect(noColumns.statusCode).toBe(422);
    expect(noColumns.body).toContain('W pliku brak kolumn: okres_od, okres_do, zaliczki');
    const notPdf = await upload(goodFile, [{ name: 'lokal-1.pdf', data: Buffer.from('nie pdf') }]);
    expect(notPdf.statusCode).toBe(422);
    expect(notPdf.body).toContain('To nie są pliki PDF: lokal-1.pdf.');
    const missingPdf = await upload(goodFile, []);
    expect(missingPdf.statusCode).toBe(422);
    expect(missingPdf.body).toContain('wiersz 2: nie dołączono pliku „lokal-1.pdf”');
    expect(await listRuns(t.database.db, { organizationId: org })).toEqual([]);
    expect((await memberA.get('/panel/media/ogrzewanie')).statusCode).toBe(404);
  });

  it('imports a preview split by days at a holder change; a re-import is a no-op; posting twice books once', async () => {
    const files = [
      { name: 'lokal-1.pdf', data: UNIT_PDF },
      { name: 'budynek.pdf', data: BUILDING_PDF },
    ];
    const imported = await upload(goodFile, files);
    expect(imported.statusCode).toBe(303);
    const url = String(imported.headers.location);
    const again = await upload(goodFile, files);
    expect(again.headers.location).toBe(url);
    expect(await listRuns(t.database.db, { organizationId: org })).toHaveLength(1);
    const page = await accountant.get(url);
    expect(page.body).toContain('Koszty ogrzewania rozliczyła firma rozliczeniowa');
    expect(page.body).toContain('podgląd — nic nie zostało jeszcze zaksięgowane');
    expect(page.body).toContain('dopłata <span class="amount">184,20\u00a0zł</span>');
    // unit 2: 45 days the seller (1–14.02 incl. January), 45 days the buyer: −300,00 split in halves
    expect(page.body.match(/zwrot <span class="amount">150,00\u00a0zł<\/span>/g)).toHaveLength(2);
    expect(page.body).toContain('dla całego budynku');
    expect(page.body).toContain('budynek.pdf');
    const posted = await accountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' });
    expect(posted.statusCode).toBe(303);
    const twice = await accountant.post(`${url}/ksieguj`, { data_ksiegowania: '2026-04-10', termin: '2026-04-24' });
    expect(twice.statusCode).toBe(303);
    const a = await listEntries(t.database.db, {
      organizationId: org,
      unitId: units.a,
      from: '2026-01-01',
      to: '2026-04-30',
    });
    expect(a.map((e) => [e.kind, e.amount, e.valueDate])).toEqual([['media_settlement', 18_420, '2026-04-01']]);
    expect(a[0]?.description).toContain('centralne ogrzewanie');
    const b = await listEntries(t.database.db, {
      organizationId: org,
      unitId: units.b,
      from: '2026-01-01',
      to: '2026-04-30',
    });
    expect(b.map((e) => [e.amount, e.valueDate])).toEqual([
      [-15_000, '2026-02-14'],
      [-15_000, '2026-04-01'],
    ]);
    const audit = (await listAudit(t.database.db, { organizationId: org, limit: 100 })).rows;
    expect(audit.filter((r) => r.action === 'media.heating_import')).toHaveLength(1);
    expect(audit.filter((r) => r.action === 'media.settlement_post')).toHaveLength(1);
  });

  it('shows members their heating settlement with the company’s PDF (the unit’s, else the building’s)', async () => {
    const meters = await memberA.get(`/ebok/liczniki/${units.a}`);
    expect(meters.body).toContain('Rozliczenie ogrzewania');
    const link = /href="(\/ebok\/liczniki\/\d+\/rozliczenie\/\d+)"/.exec(meters.body)?.[1];
    const page = await memberA.get(String(link));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pobierz rozliczenie firmy rozliczeniowej (PDF)');
    expect(page.body).toContain('dopłata <span class="amount">184,20\u00a0zł</span>');
    const pdf = await memberA.get(`${link}.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(UNIT_PDF)).toBe(true);
    const runId = String(link).split('/').pop();
    const buyerPage = await buyer.get(`/ebok/liczniki/${units.b}/rozliczenie/${runId}`);
    expect(buyerPage.statusCode).toBe(200);
    // The buyer sees only their own days' line, not the seller's.
    expect(buyerPage.body.match(/zwrot <span class="amount">150,00\u00a0zł<\/span>/g)).toHaveLength(1);
    const buyerPdf = await buyer.get(`/ebok/liczniki/${units.b}/rozliczenie/${runId}.pdf`);
    expect(buyerPdf.rawPayload.equals(BUILDING_PDF)).toBe(true);
    expect((await memberA.get(`/ebok/liczniki/${units.b}/rozliczenie/${runId}.pdf`)).statusCode).toBe(404);
    expect((await buyer.get(`/ebok/liczniki/${units.a}/rozliczenie/${runId}`)).statusCode).toBe(404);
    // Each holder finds the settlement among their documents, with their own unit's download.
    const buyerDocuments = (await buyer.get('/ebok/dokumenty')).body;
    expect(buyerDocuments).toContain(`href="/ebok/liczniki/${units.b}/rozliczenie/${runId}.pdf"`);
    expect(buyerDocuments).toContain('Rozliczenie: centralne ogrzewanie za');
    expect(buyerDocuments).not.toContain(`/ebok/liczniki/${units.a}/rozliczenie/`);
    expect((await memberA.get('/ebok/dokumenty')).body).toContain(`href="${link}.pdf"`);
  });
});
