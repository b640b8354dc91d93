import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
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
import { queryRows } from '../../db/client.ts';
import { insertEntries } from '../ledger/queries.ts';
import { virtualNrb } from '../ledger/rules/transfer.ts';
import { findOrganizationById, type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { statementOf } from './formats/build.ts';
import { writeCamt053, writeMt940 } from './formats/write.ts';
import { importStatements } from './import-statements.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-15T10:00:00Z');
const ACCOUNT = '72102023130000310200000001';
const PREFIX = '10202313000031';
const text = (body: string) => body.replace(/\u00a0/g, ' ');

describe('bank statements in the back office', () => {
  let t: TestApp;
  let org: number;
  let u1: number;
  let u2: number;
  let member: TestClient;
  let accountant: TestClient;
  let clerk: TestClient;
  let otherOrg: number;

  const entryIds = async (status: string) =>
    (
      await queryRows<{ id: string }>(
        t.database.db,
        sql`select id::text from bank_entries where organization_id = ${org} and status = ${status} order by id`,
      )
    ).map((r) => Number(r.id));

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db, { bankAccount: `PL${ACCOUNT}` })).id;
    await updateOrganizationSettings(db, org, { ...({ virtualAccountPrefix: PREFIX } as object) });
    otherOrg = (await makeOrganization(db, { bankAccount: `PL${ACCOUNT}` })).id;
    const building = await makeBuilding(db, org);
    u1 = (await makeUnit(db, org, { buildingId: building.id, number: '2', externalKey: 'R-2' })).id;
    u2 = (await makeUnit(db, org, { buildingId: building.id, number: '3', externalKey: 'R-3' })).id;
    const owner = await makePerson(db, org);
    await makeRight(db, org, { unitId: u1, personId: owner.id, validFrom: '2010-01-01' });
    const { totpKey } = await t.app.secrets();
    const memberAccount = await makeAccount(db, org, { personId: owner.id });
    member = new TestClient(t.app, 'localhost', '10.8.0.1');
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD, { now: NOW });
    const staff = async (organizationId: number, roles: ('accountant' | 'clerk')[], ip: string, offset: number) => {
      const account = await makeAccount(db, organizationId, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
      const client = new TestClient(t.app, 'localhost', ip);
      await client.signIn('/panel', account.login, TEST_PASSWORD, {
        totpSecret: SECRET,
        now: new Date(NOW.getTime() + offset),
      });
      return client;
    };
    accountant = await staff(org, ['accountant'], '10.8.0.2', 0);
    clerk = await staff(org, ['clerk'], '10.8.0.3', 30_000);
  });
  afterAll(async () => t.close());

  it('imports several files at once: a good one is booked, a broken one refused with its file and line', async () => {
    const statement = statementOf(
      [
        { amount: 45_000, creditedAccount: virtualNrb(PREFIX, u1), title: 'Opłaty marzec Różana' },
        { amount: 20_000, title: 'Wpłata bez oznaczenia' },
        { amount: 30_000, title: 'Wpłata za dwa lokale' },
        { amount: -1_500, title: 'Zwrot nadpłaty' },
      ],
      { account: ACCOUNT, periodFrom: '2026-03-09', periodTo: '2026-03-09' },
    );
    for (const e of statement.entries) e.bookingDate = e.valueDate = '2026-03-09';
    await accountant.get('/panel/finanse/wyciagi');
    const broken = writeMt940([statement], '~').replace(':62F:', ':62X:');
    const response = await accountant.postMultipart('/panel/finanse/wyciagi', { kodowanie: 'auto' }, [
      { field: 'pliki', name: 'dobry.sta', data: Buffer.from(writeMt940([statement], '^')) },
      { field: 'pliki', name: 'urwany.sta', data: Buffer.from(broken) },
    ]);
    expect(response.statusCode).toBe(422);
    const body = text(response.body);
    expect(body).toContain(
      '4 operacji, nowych 4; zaksięgowano wpłat: 1, do wyjaśnienia: 2, konfliktów: 0, obciążeń: 1.',
    );
    expect(body).toContain('Plik urwany.sta, wiersz 1: plik się urywa');

    const again = await accountant.postMultipart('/panel/finanse/wyciagi', {}, [
      { field: 'pliki', name: 'dobry.xml', data: Buffer.from(writeCamt053([statement])) },
    ]);
    expect(again.statusCode).toBe(200);
    expect(text(again.body)).toContain('ten wyciąg był już zaimportowany — nic nie zmieniono.');
  });

  it('shows the member the matched payment with the bank’s booking date and title', async () => {
    const page = await member.get(`/ebok/finanse/${u1}?od=2026-03-01&do=2026-03-31`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Opłaty marzec Różana');
    expect(page.body).toContain('09.03.2026');
  });

  it('lets the accountant assign, split and dismiss waiting credits and book a debit, each audited', async () => {
    const queue = await accountant.get('/panel/finanse/wyciagi/do-wyjasnienia');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Wpłata bez oznaczenia');
    const [single, split] = await entryIds('unmatched');
    const [debit] = await entryIds('debit');
    await accountant.get(`/panel/finanse/wyciagi/operacje/${single}`);
    const wrong = await accountant.post(`/panel/finanse/wyciagi/operacje/${single}/przypisz`, { lokal: 'NIE-MA' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Nie ma lokalu „NIE-MA”');
    const assigned = await accountant.post(`/panel/finanse/wyciagi/operacje/${single}/przypisz`, { lokal: 'r-3' });
    expect(assigned.statusCode).toBe(303);
    await accountant.get(`/panel/finanse/wyciagi/operacje/${split}`);
    const uneven = await accountant.post(`/panel/finanse/wyciagi/operacje/${split}/przypisz`, {
      lokal: ['R-2', 'R-3'],
      kwota: ['100,00', '100,00'],
    });
    expect(uneven.statusCode).toBe(422);
    expect(text(uneven.body)).toContain('Kwoty lokali dają razem 200,00 zł, a wpłata to 300,00 zł');
    const splitOk = await accountant.post(`/panel/finanse/wyciagi/operacje/${split}/przypisz`, {
      lokal: ['R-2', 'R-3'],
      kwota: ['100,00', '200,00'],
    });
    expect(splitOk.statusCode).toBe(303);
    await accountant.get(`/panel/finanse/wyciagi/operacje/${debit}`);
    expect(
      (
        await accountant.post(`/panel/finanse/wyciagi/operacje/${debit}/obciazenie`, {
          lokal: 'R-2',
          uwagi: 'nadpłata',
        })
      ).statusCode,
    ).toBe(303);
    const again = await accountant.post(`/panel/finanse/wyciagi/operacje/${debit}/odrzuc`, { decyzja: 'not_member' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Ta operacja została już rozstrzygnięta.');

    const ledger = await queryRows<{ unit_id: string; amount: string; kind: string }>(
      t.database.db,
      sql`select unit_id::text, amount::text, kind::text from ledger_entries
          where organization_id = ${org} and source = 'bank' order by id`,
    );
    expect(ledger.map((l) => [Number(l.unit_id), Number(l.amount), l.kind])).toEqual([
      [u1, -45_000, 'payment'],
      [u2, -20_000, 'payment'],
      [u1, -10_000, 'payment'],
      [u2, -20_000, 'payment'],
      [u1, 1_500, 'correction'],
    ]);
    const audit = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where organization_id = ${org} and action like 'bank.%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'bank.import_statement',
      'bank.import_statement',
      'bank.assign',
      'bank.assign',
      'bank.book_debit',
    ]);
    expect((await accountant.get('/panel/finanse/wyciagi/do-wyjasnienia')).body).toContain(
      'Wszystkie wpłaty z wyciągów są przypisane.',
    );
  });

  it('marks a credit as not a member payment with a reason', async () => {
    const statement = statementOf([{ amount: 123, reference: 'ODS-1', title: 'Kapitalizacja odsetek' }], {
      account: ACCOUNT,
      number: '77',
    });
    await accountant.get('/panel/finanse/wyciagi');
    await accountant.postMultipart('/panel/finanse/wyciagi', {}, [
      { field: 'pliki', name: 'odsetki.sta', data: Buffer.from(writeMt940([statement], '~')) },
    ]);
    const [id] = await entryIds('unmatched');
    await accountant.get(`/panel/finanse/wyciagi/operacje/${id}`);
    const noChoice = await accountant.post(`/panel/finanse/wyciagi/operacje/${id}/odrzuc`, { uwagi: 'odsetki' });
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.body).toContain('Wybierz decyzję.');
    const done = await accountant.post(`/panel/finanse/wyciagi/operacje/${id}/odrzuc`, {
      decyzja: 'not_member',
      uwagi: 'odsetki bankowe',
    });
    expect(done.statusCode).toBe(303);
    expect(await entryIds('not_member')).toEqual([id]);
  });

  it('reads no file of the server that a JSON body names as an upload', async () => {
    const statement = statementOf([{ amount: 12_300, creditedAccount: virtualNrb(PREFIX, u2), title: 'Podrzucony' }], {
      account: ACCOUNT,
      periodFrom: '2026-03-11',
      periodTo: '2026-03-11',
    });
    for (const e of statement.entries) e.bookingDate = e.valueDate = '2026-03-11';
    const dir = await mkdtemp(join(tmpdir(), 'forged-'));
    const path = join(dir, 'podrzucony.sta');
    await writeFile(path, writeMt940([statement], '~'));
    try {
      await accountant.get('/panel/finanse/wyciagi');
      const forged = { fileName: 'podrzucony.sta', path, size: 1, truncated: false };
      const response = await accountant.request({
        method: 'POST',
        url: '/panel/finanse/wyciagi',
        payload: { _csrf: accountant.lastCsrf, kodowanie: 'auto', pliki: [forged] },
      });
      expect(response.statusCode).toBe(422);
      expect(text(response.body)).not.toContain('podrzucony.sta');
      const booked = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from ledger_entries where description = 'Podrzucony'`,
      );
      expect(booked[0]?.n).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file over the limit while uploading, naming the limit', async () => {
    await accountant.get('/panel/finanse/wyciagi');
    const big = Buffer.alloc(42 * 1024 * 1024, 0x20);
    const response = await accountant.postMultipart('/panel/finanse/wyciagi', {}, [
      { field: 'pliki', name: 'duzy.sta', data: big },
    ]);
    expect(response.statusCode).toBe(422);
    expect(text(response.body)).toContain(
      'duzy.sta: Plik jest za duży: ma ponad 40 MB, a największy dozwolony rozmiar to 40 MB.',
    );
  });

  it('splits a credit across units and points parts at open charges (the payer’s indication), each refusal at its field', async () => {
    const db = t.database.db;
    const charge = (unitId: number, day: string, kind: 'charge' | 'payment', amount: number, ref: string) => ({
      unitId,
      bookingDate: day,
      valueDate: day,
      kind,
      componentId: null,
      amount,
      description: kind === 'charge' ? `Opłata ${ref}` : 'Wpłata',
      dueDate: kind === 'charge' ? day : null,
      source: 'test',
      sourceRef: `split:${ref}`,
      correctsEntryId: null,
    });
    const ids = await insertEntries(db, {
      organizationId: org,
      entries: [
        charge(u1, '2025-11-10', 'charge', 5_000, 'u1-paid'),
        charge(u1, '2025-11-11', 'payment', -5_000, 'u1-paid-payment'),
        charge(u1, '2026-01-10', 'charge', 100_000, 'u1-jan'),
        charge(u1, '2026-02-10', 'charge', 100_000, 'u1-feb'),
        charge(u2, '2026-02-10', 'charge', 100_000, 'u2-feb'),
      ],
    });
    const paid = ids.get('split:u1-paid') ?? 0;
    const feb1 = ids.get('split:u1-feb') ?? 0;
    const feb2 = ids.get('split:u2-feb') ?? 0;
    const statement = statementOf([{ amount: 60_000, title: 'Za dwa lokale, luty', reference: 'SPLIT-1' }], {
      account: ACCOUNT,
      number: 'S1',
    });
    await importStatements(db, {
      actor: testActorIn(org),
      organization: (await findOrganizationById(db, { organizationId: org })) as Organization,
      files: [{ name: 'podzial.sta', bytes: Buffer.from(writeMt940([statement], '~')) }],
    });
    const [entry] = await queryRows<{ id: string }>(
      db,
      sql`select id::text from bank_entries where reference = 'SPLIT-1'`,
    );
    const url = `/panel/finanse/wyciagi/operacje/${entry?.id}/przypisz`;
    await accountant.get(`/panel/finanse/wyciagi/operacje/${entry?.id}`);

    // The second step shows each chosen unit's open charges; a paid one is not among them.
    const step = await accountant.post(url, { lokal: ['R-2', 'R-3'], kwota: ['400,00', '200,00'], krok: 'naleznosci' });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain(`name="naleznosc" value="${feb1}"`);
    expect(step.body).toContain(`name="naleznosc" value="${feb2}"`);
    expect(step.body).not.toContain(`value="${paid}"`);
    expect(step.body).toContain('value="400,00"');

    const refused = async (body: Record<string, string | string[]>, message: string) => {
      const response = await accountant.post(url, body);
      expect(response.statusCode).toBe(422);
      expect(text(response.body)).toContain(message);
    };
    await refused(
      { lokal: ['R-2', 'R-3'], kwota: ['400,00', '100,00'], naleznosc: [String(feb1)] },
      'Kwoty lokali dają razem 500,00 zł, a wpłata to 600,00 zł: muszą być równe.',
    );
    await refused(
      { lokal: ['R-2', 'r-2'], kwota: ['300,00', '300,00'] },
      '„r-2” to ten sam lokal co „R-2”: każdy lokal podaj raz, z całą jego kwotą.',
    );
    await refused(
      { lokal: ['R-2'], kwota: ['600,00'], naleznosc: [String(feb2)] },
      'Wskazana należność nie jest otwartą należnością żadnego z wybranych lokali',
    );
    await refused(
      { lokal: ['R-2'], kwota: ['600,00'], naleznosc: [String(paid)] },
      'Wskazana należność nie jest otwartą należnością żadnego z wybranych lokali',
    );
    await refused({ lokal: ['R-2', 'R-3'], kwota: ['600,00', '0'] }, 'Wiersz 2: kwota musi być większa od zera.');
    // A refused form keeps the charges list and what was ticked.
    const kept = await accountant.post(url, {
      lokal: ['R-2', 'R-3'],
      kwota: ['400,00', '100,00'],
      naleznosc: [String(feb1)],
    });
    expect(kept.body).toMatch(new RegExp(`value="${feb1}"\\s+checked`));

    // Nobody else may see or use the step: the clerk, a member, another organization's entry.
    await clerk.get('/panel');
    expect((await clerk.post(url, { lokal: ['R-2'], krok: 'naleznosci' })).statusCode).toBe(404);
    expect((await member.post(url, { lokal: ['R-2'], krok: 'naleznosci' })).statusCode).toBe(404);

    const booked = await accountant.post(url, {
      lokal: ['R-2', 'R-3'],
      kwota: ['400,00', '200,00'],
      naleznosc: [String(feb1), String(feb2)],
    });
    expect(booked.statusCode).toBe(303);
    const indications = await queryRows<{ unit_id: string; debt_entry_id: string; amount: string }>(
      db,
      sql`select i.unit_id::text, i.debt_entry_id::text, p.amount::text from payment_indications i
          join ledger_entries p on p.id = i.payment_entry_id where i.organization_id = ${org} order by i.unit_id`,
    );
    expect(indications.map((i) => [Number(i.unit_id), Number(i.debt_entry_id), Number(i.amount)])).toEqual([
      [u1, feb1, -40_000],
      [u2, feb2, -20_000],
    ]);
    const audit = await queryRows<{ action: string; detail: Record<string, unknown> }>(
      db,
      sql`select action, detail from audit_log where organization_id = ${org}
          and action in ('bank.assign', 'ledger.indication') order by id desc limit 3`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['bank.assign', 'ledger.indication', 'ledger.indication']);
    expect(audit.find((a) => a.action === 'bank.assign')?.detail).toMatchObject({
      amount: 60_000,
      parts: [
        { unitId: u1, amount: 40_000, charges: [feb1] },
        { unitId: u2, amount: 20_000, charges: [feb2] },
      ],
    });
  });

  it('is not there for staff who may not book nor for another organization', async () => {
    const [id] = await entryIds('assigned');
    for (const url of [
      '/panel/finanse/wyciagi',
      '/panel/finanse/wyciagi/do-wyjasnienia',
      `/panel/finanse/wyciagi/operacje/${id}`,
    ]) {
      expect((await clerk.get(url)).statusCode).toBe(404);
    }
    // Nor may they upload a statement: 404, nothing booked.
    const upload = statementOf([{ amount: 7_700, creditedAccount: virtualNrb(PREFIX, u1), title: 'Od urzędnika' }], {
      account: ACCOUNT,
      number: 'U',
    });
    await clerk.get('/panel');
    const refused = await clerk.postMultipart('/panel/finanse/wyciagi', { kodowanie: 'auto' }, [
      { field: 'pliki', name: 'urzednik.sta', data: Buffer.from(writeMt940([upload], '~')) },
    ]);
    expect(refused.statusCode).toBe(404);
    const booked = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from ledger_entries where description = 'Od urzędnika'`,
    );
    expect(booked[0]?.n).toBe(0);
    const other = (await findOrganizationById(t.database.db, { organizationId: otherOrg })) as Organization;
    const statement = statementOf([{ amount: 500, title: 'Obca wpłata' }], { account: ACCOUNT, number: 'X' });
    const [report] = await importStatements(t.database.db, {
      actor: testActorIn(otherOrg),
      organization: other,
      files: [{ name: 'obcy.sta', bytes: Buffer.from(writeMt940([statement], '~')) }],
    });
    const [foreign] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id::text from bank_entries where statement_id = ${report?.statements[0]?.statementId ?? 0}`,
    );
    expect((await accountant.get(`/panel/finanse/wyciagi/operacje/${foreign?.id}`)).statusCode).toBe(404);
    await accountant.get('/panel/finanse/wyciagi');
    const post = await accountant.post(`/panel/finanse/wyciagi/operacje/${foreign?.id}/odrzuc`, {
      decyzja: 'not_member',
    });
    expect(post.statusCode).toBe(404);
    expect((await accountant.get('/panel/finanse/wyciagi/operacje/abc')).statusCode).toBe(404);
  });
});
