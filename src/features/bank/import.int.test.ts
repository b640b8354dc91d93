import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBuilding, makeOrganization, makeUnit, testActorIn } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, type Db, queryRows } from '../../db/client.ts';
import { importPayments } from '../ledger/import-payments.ts';
import { virtualNrb } from '../ledger/rules/transfer.ts';
import { findOrganizationById, type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { statementOf } from './formats/build.ts';
import { writeCamt053, writeMt940 } from './formats/write.ts';
import { importStatements } from './import-statements.ts';
import { listWaiting } from './queries.ts';

const ACCOUNT = '72102023130000310200000001';
const PREFIX = '10202313000031';
const PAYER = '61109010140000071219812874';

describe('importing bank statements', () => {
  let database: Database;
  let db: Db;
  let org: Organization;
  let u1: number;
  let u2: number;
  const actor = () => testActorIn(org.id);
  const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });
  const run = (...files: { name: string; bytes: Buffer }[]) =>
    importStatements(db, { actor: actor(), organization: org, files });
  const payments = async (unitId: number) =>
    queryRows<{ amount: string; value_date: string; description: string; source: string }>(
      db,
      sql`select amount::text, value_date::text, description, source from ledger_entries
          where unit_id = ${unitId} and kind = 'payment' order by id`,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const created = await makeOrganization(db, { bankAccount: '72 1020 2313 0000 3102 0000 0001' });
    await updateOrganizationSettings(db, created.id, { ...({ virtualAccountPrefix: PREFIX } as object) });
    org = (await findOrganizationById(db, { organizationId: created.id })) as Organization;
    const building = await makeBuilding(db, org.id);
    u1 = (await makeUnit(db, org.id, { buildingId: building.id, number: '2' })).id;
    u2 = (await makeUnit(db, org.id, { buildingId: building.id, number: '3', externalKey: 'P65-12' })).id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('books matched credits as payments on the booking date, with the title as the bank gave it', async () => {
    const statement = statementOf(
      [
        { amount: 45_000, creditedAccount: virtualNrb(PREFIX, u1), counterpartyAccount: PAYER, title: 'Opłaty marzec' },
        { amount: 38_250, title: 'Czynsz lokal P65-12 za marzec', valueDate: '2026-03-01' },
        { amount: 1_234, title: 'Kapitalizacja odsetek' },
        { amount: -1_500, title: 'Opłata za prowadzenie rachunku' },
      ],
      { account: ACCOUNT },
    );
    const [report] = await run(file('w1.sta', writeMt940([statement], '~')));
    expect(report?.error).toBeUndefined();
    expect(report?.statements[0]).toMatchObject({ entries: 4, newEntries: 4, booked: 2, waiting: 1, debits: 1 });
    expect(await payments(u1)).toEqual([
      { amount: '-45000', value_date: '2026-03-02', description: 'Opłaty marzec', source: 'bank' },
    ]);
    expect(await payments(u2)).toEqual([
      { amount: '-38250', value_date: '2026-03-02', description: 'Czynsz lokal P65-12 za marzec', source: 'bank' },
    ]);
    const waiting = await listWaiting(db, { organizationId: org.id });
    expect(waiting.map((w) => [w.status, w.amount, w.title])).toEqual([
      ['unmatched', 1_234, 'Kapitalizacja odsetek'],
      ['debit', -1_500, 'Opłata za prowadzenie rachunku'],
    ]);
    const audit = await queryRows<{ action: string; detail: { booked: number } }>(
      db,
      sql`select action, detail from audit_log where organization_id = ${org.id} and action = 'bank.import_statement'`,
    );
    expect(audit).toMatchObject([{ detail: { booked: 2, file: 'w1.sta' } }]);
  });

  it('changes nothing when the same statement comes again, in any format, and says so', async () => {
    const statement = statementOf(
      [
        { amount: 45_000, creditedAccount: virtualNrb(PREFIX, u1), counterpartyAccount: PAYER, title: 'Opłaty marzec' },
        { amount: 38_250, title: 'Czynsz lokal P65-12 za marzec', valueDate: '2026-03-01' },
        { amount: 1_234, title: 'Kapitalizacja odsetek' },
        { amount: -1_500, title: 'Opłata za prowadzenie rachunku' },
      ],
      { account: ACCOUNT },
    );
    const reports = await run(
      file('w1-again.sta', writeMt940([statement], '^')),
      file('w1.xml', writeCamt053([{ ...statement, format: 'camt.053' }])),
    );
    expect(reports.map((r) => r.statements[0]?.alreadyImported)).toEqual([true, true]);
    expect(await payments(u1)).toHaveLength(1);
  });

  it('adds only the new entries of an overlapping statement, matching a known payer by account', async () => {
    const statement = statementOf(
      [
        { amount: 45_000, creditedAccount: virtualNrb(PREFIX, u1), counterpartyAccount: PAYER, title: 'Opłaty marzec' },
        {
          reference: 'NEW1',
          amount: 5_000,
          counterpartyAccount: PAYER,
          title: 'dopłata',
          bookingDate: '2026-03-03',
          valueDate: '2026-03-03',
        },
      ],
      { account: ACCOUNT, number: '00046/001', periodTo: '2026-03-03' },
    );
    const [report] = await run(file('w2.sta', writeMt940([statement], '<')));
    expect(report?.statements[0]).toMatchObject({ entries: 2, newEntries: 1, booked: 1, alreadyImported: false });
    expect((await payments(u1)).map((p) => p.amount)).toEqual(['-45000', '-5000']);
  });

  it('books the new entries of an overlapping statement whose first chunks were all known before', async () => {
    const building = await makeBuilding(db, org.id);
    const v1 = (await makeUnit(db, org.id, { buildingId: building.id, number: '7' })).id;
    const v2 = (await makeUnit(db, org.id, { buildingId: building.id, number: '8' })).id;
    const credits = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => ({
        reference: `OVL${from + k}`,
        amount: 100,
        title: `Opłaty ${from + k}`,
        creditedAccount: virtualNrb(PREFIX, (from + k) % 2 ? v1 : v2),
      }));
    const count = async () => (await payments(v1)).length + (await payments(v2)).length;
    const first = statementOf(credits(0, 3_500), { account: ACCOUNT, number: '00080/001' });
    const [a] = await run(file('a.sta', writeMt940([first], '~')));
    expect(a?.statements[0]).toMatchObject({ newEntries: 3_500, booked: 3_500 });
    const before = await count();
    // Its first chunks (1,000 and 2,000 entries) were all on the first statement; the rest is new.
    const second = statementOf(credits(0, 6_000), { account: ACCOUNT, number: '00081/001' });
    const [b] = await run(file('b.sta', writeMt940([second], '~')));
    expect(b?.statements[0]).toMatchObject({
      entries: 6_000,
      newEntries: 2_500,
      booked: 2_500,
      alreadyImported: false,
    });
    expect(await count()).toBe(before + 2_500);
    const linked = await queryRows<{ n: string }>(
      db,
      sql`select count(*)::text as n from bank_entries e join ledger_entries l on l.id = e.ledger_entry_id
          where e.organization_id = ${org.id} and e.reference like 'OVL%' and l.source_ref = 'bank:' || e.entry_key`,
    );
    expect(linked[0]?.n).toBe('6000');
  });

  it('shows a reference booked before with another amount as a conflict, booking nothing for it', async () => {
    const statement = statementOf([{ reference: 'REF0', amount: 45_100, creditedAccount: virtualNrb(PREFIX, u1) }], {
      account: ACCOUNT,
      number: '00047/001',
    });
    const [report] = await run(file('w3.sta', writeMt940([statement], '+')));
    expect(report?.statements[0]).toMatchObject({ conflicts: 1, booked: 0 });
    const conflict = (await listWaiting(db, { organizationId: org.id })).find((w) => w.status === 'conflict');
    expect(conflict?.note).toContain('była już na wcześniejszym wyciągu z kwotą 450,00 zł');
    expect(await payments(u1)).toHaveLength(2);
  });

  it('refuses a statement of an account that is not the cooperative’s, booking nothing', async () => {
    const statement = statementOf([{ amount: 100, creditedAccount: virtualNrb(PREFIX, u1) }], {
      account: PAYER,
      number: '1',
    });
    const [report] = await run(file('obcy.sta', writeMt940([statement], '~')));
    expect(report?.error).toBe(
      'Plik obcy.sta, wiersz 1: wyciąg dotyczy rachunku 61 1090 1014 0000 0712 1981 2874, który nie jest rachunkiem Spółdzielni (rachunki Spółdzielni: 72 1020 2313 0000 3102 0000 0001). Nic nie zaksięgowano.',
    );
  });

  it('treats a reference booked by the payments file: the same payment once, another amount a conflict', async () => {
    const csv = `lokal;data;kwota;referencja;opis\nP65-12;2026-03-04;100,00;CSV-1;Wpłata\n`;
    const imported = await importPayments(db, {
      actor: actor(),
      source: { bytes: Buffer.from(csv), name: 'w.csv' },
      bookingDate: '2026-03-05',
      startDate: '2013-01-01',
    });
    expect(imported.booked).toBe(1);
    const statement = statementOf(
      [
        { reference: 'CSV-1', amount: 10_000, bookingDate: '2026-03-04', valueDate: '2026-03-04', title: 'P65-12' },
        { reference: 'CSV-2', amount: 100, bookingDate: '2026-03-04', valueDate: '2026-03-04', title: 'P65-12' },
      ],
      { account: ACCOUNT, number: '00048/001', periodFrom: '2026-03-04', periodTo: '2026-03-04' },
    );
    const [report] = await run(file('w4.sta', writeMt940([statement], '~')));
    expect(report?.statements[0]).toMatchObject({ booked: 2, conflicts: 0 });
    expect((await payments(u2)).map((p) => p.amount)).toEqual(['-38250', '-10000', '-100']);
  });

  it('books a statement larger than one chunk whole, and nothing of one that turns out unbalanced at its end', async () => {
    // More entries than the import writes at once (1,000, then 2,000, …): the first chunks are written before the end is read.
    const credits = (tag: string) =>
      Array.from({ length: 5_200 }, (_, i) => ({
        reference: `${tag}${i}`,
        amount: 100,
        title: `Opłaty ${i}`,
        creditedAccount: virtualNrb(PREFIX, i % 2 ? u1 : u2),
      }));
    const broken = statementOf(credits('ZLY'), { account: ACCOUNT, number: '00090/001' });
    const unbalanced = writeMt940([{ ...broken, closingBalance: (broken.closingBalance ?? 0) + 1 }], '~');
    const before = (await payments(u1)).length + (await payments(u2)).length;
    const [refused] = await run(file('zly.sta', unbalanced));
    expect(refused?.error).toMatch(/^Plik zly\.sta, wiersz 1: wyciąg się nie bilansuje/);
    expect((await payments(u1)).length + (await payments(u2)).length).toBe(before);
    const counted = await queryRows<{ n: string }>(
      db,
      sql`select count(*)::text as n from bank_entries where organization_id = ${org.id} and reference like 'ZLY%'`,
    );
    expect(counted[0]?.n).toBe('0');

    const good = statementOf(credits('DUZY'), { account: ACCOUNT, number: '00091/001' });
    const [report] = await run(file('duzy.sta', writeMt940([good], '~')));
    expect(report?.statements[0]).toMatchObject({ entries: 5_200, newEntries: 5_200, booked: 5_200 });
    const [again] = await run(file('duzy.sta', writeMt940([good], '~')));
    expect(again?.statements[0]).toMatchObject({
      alreadyImported: true,
      statementId: report?.statements[0]?.statementId,
    });
    expect((await payments(u1)).length + (await payments(u2)).length).toBe(before + 5_200);
    // The statement's chunks were added to the units' totals once, at its end: the same sums as the entries'.
    const sums = await queryRows<{ entries: string; monthly: string; yearly: string }>(
      db,
      sql`select (select sum(amount) from ledger_entries where unit_id in (${u1}, ${u2}))::text as entries,
            (select sum(total) from ledger_monthly_totals where unit_id in (${u1}, ${u2}))::text as monthly,
            (select sum(total) from ledger_yearly_totals where unit_id in (${u1}, ${u2}))::text as yearly`,
    );
    expect(sums[0]?.monthly).toBe(sums[0]?.entries);
    expect(sums[0]?.yearly).toBe(sums[0]?.entries);
  });
});
