import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, type Db, queryRows } from '../../db/client.ts';
import { copyLedgerEntries, type NewLedgerEntry } from './copy-entries.ts';
import { deferLedgerTotals, settleLedgerTotals } from './deferred-totals.ts';

describe('deferred ledger totals', () => {
  let database: Database;
  let db: Db;
  let orgId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    orgId = (await makeOrganization(db)).id;
  });
  afterAll(async () => {
    await database.close();
  });

  const entries = (unitId: number, tag: string): NewLedgerEntry[] => [
    { ...base(unitId), sourceRef: `${tag}:1`, amount: 50_000, kind: 'charge', dueDate: '2026-03-10' },
    { ...base(unitId), sourceRef: `${tag}:2`, amount: -20_000, valueDate: '2026-03-15' },
    { ...base(unitId), sourceRef: `${tag}:3`, amount: -7_000, valueDate: '2026-04-02', kind: 'correction' },
  ];
  const base = (unitId: number): NewLedgerEntry => ({
    unitId,
    bookingDate: '2026-03-01',
    valueDate: '2026-03-01',
    kind: 'payment',
    amount: 0,
    description: 'test',
    dueDate: null,
    source: 'test',
    sourceRef: '',
  });
  const totals = async (unitId: number) => ({
    monthly: await queryRows(
      db,
      sql`select month::text, total::text, debits::text, first_due::text, last_due::text, has_corrections
          from ledger_monthly_totals where unit_id = ${unitId} order by month`,
    ),
    yearly: await queryRows(
      db,
      sql`select year::text, total::text, debits::text, first_due::text, last_due::text, has_corrections
          from ledger_yearly_totals where unit_id = ${unitId} order by year`,
    ),
  });

  it('adds entries written in several statements once, with the same totals as the trigger gives each statement', async () => {
    const direct = (await makeUnit(db, orgId)).id;
    const deferred = (await makeUnit(db, orgId)).id;
    for (const entry of entries(direct, `direct${direct}`)) {
      await db.transaction((tx) => copyLedgerEntries(tx, { organizationId: orgId, entries: [entry] }));
    }
    await db.transaction(async (tx) => {
      await deferLedgerTotals(tx);
      for (const entry of entries(deferred, `deferred${deferred}`)) {
        await copyLedgerEntries(tx, { organizationId: orgId, entries: [entry] });
      }
      const waiting = await queryRows(tx, sql`select 1 from ledger_monthly_totals where unit_id = ${deferred}`);
      expect(waiting).toHaveLength(0);
      await settleLedgerTotals(tx);
    });
    const expected = await totals(direct);
    expect(expected.monthly).toHaveLength(2);
    expect(await totals(deferred)).toEqual(expected);
  });

  it('refuses to commit entries whose deferred totals were never settled, and writes nothing', async () => {
    const unitId = (await makeUnit(db, orgId)).id;
    await expect(
      db.transaction(async (tx) => {
        await deferLedgerTotals(tx);
        await copyLedgerEntries(tx, { organizationId: orgId, entries: entries(unitId, `unsettled${unitId}`) });
      }),
    ).rejects.toThrow();
    const written = await queryRows(db, sql`select 1 from ledger_entries where unit_id = ${unitId}`);
    expect(written).toHaveLength(0);
    expect(await totals(unitId)).toEqual({ monthly: [], yearly: [] });
  });
});
