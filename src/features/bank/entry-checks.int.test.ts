import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, type Db, queryRows } from '../../db/client.ts';
import { copyLedgerEntries } from '../ledger/copy-entries.ts';
import { insertStatement, type NewBankEntry, prepareBankEntries } from './queries.ts';

/** The set-wise checks that stand for the bank entries' foreign keys (migrations 0030, 0038). */
describe('what a bank entry names is checked set-wise', () => {
  let database: Database;
  let db: Db;
  let org: number;
  let other: number;
  let unit: number;
  let foreignUnit: number;
  let statement: number;
  let foreignStatement: number;
  let payment: number;
  let foreignPayment: number;

  const statementOf = (organizationId: number) =>
    insertStatement(db, {
      organizationId,
      fileName: 'w.sta',
      format: 'mt940',
      account: '72102023130000310200000001',
      number: String(organizationId),
      periodFrom: '2026-03-01',
      periodTo: '2026-03-01',
      contentHash: `h${organizationId}`,
      openingBalance: undefined,
      closingBalance: undefined,
      entryCount: 0,
      newEntryCount: 0,
      importedBy: 'test',
    });
  const paymentOf = async (organizationId: number, unitId: number, ref: string) =>
    (
      await db.transaction((tx) =>
        copyLedgerEntries(tx, {
          organizationId,
          entries: [
            {
              unitId,
              bookingDate: '2026-03-01',
              valueDate: '2026-03-01',
              kind: 'payment',
              amount: -100,
              description: 'test',
              dueDate: null,
              source: 'test',
              sourceRef: ref,
            },
          ],
        }),
      )
    )[0] as number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    org = (await makeOrganization(db)).id;
    other = (await makeOrganization(db)).id;
    unit = (await makeUnit(db, org)).id;
    foreignUnit = (await makeUnit(db, other)).id;
    statement = await statementOf(org);
    foreignStatement = await statementOf(other);
    payment = await paymentOf(org, unit, 'p-own');
    foreignPayment = await paymentOf(other, foreignUnit, 'p-other');
  });
  afterAll(async () => {
    await database.close();
  });

  const entry = (key: string, over: Partial<NewBankEntry> = {}): NewBankEntry => ({
    line: 1,
    bookingDate: '2026-03-01',
    valueDate: '2026-03-01',
    amount: 100,
    reference: key,
    title: 'Wpłata',
    counterpartyName: '',
    counterpartyAccount: '',
    creditedAccount: '',
    operation: '',
    entryKey: key,
    status: 'booked',
    matchMethod: 'virtual_account',
    unitId: unit,
    ledgerEntryId: payment,
    suggestions: [],
    note: '',
    ...over,
  });
  const write = (statementId: number, entries: NewBankEntry[]) =>
    db.transaction((tx) => prepareBankEntries(tx, { organizationId: org, statementId, entries })());
  const count = async () =>
    Number(
      (
        await queryRows<{ n: string }>(
          db,
          sql`select count(*)::text as n from bank_entries where organization_id = ${org}`,
        )
      )[0]?.n,
    );

  it('writes entries that name their own statement, units and payments', async () => {
    await write(statement, [entry('a'), entry('b', { status: 'unmatched', unitId: null, ledgerEntryId: null })]);
    expect(await count()).toBe(2);
  });

  it('refuses, naming the entry, one that names another organization’s statement, unit or payment', async () => {
    await expect(write(foreignStatement, [entry('c')])).rejects.toThrow(/bank entry c names statement/);
    await expect(write(statement, [entry('d'), entry('e', { unitId: foreignUnit })])).rejects.toThrow(
      /bank entry e names unit/,
    );
    await expect(write(statement, [entry('f', { ledgerEntryId: foreignPayment })])).rejects.toThrow(
      /bank entry f names ledger entry/,
    );
    expect(await count()).toBe(2);
  });
});
