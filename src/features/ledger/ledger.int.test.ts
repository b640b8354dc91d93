import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  testActorIn,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, type Db, queryRows } from '../../db/client.ts';
import { systemActor } from '../audit/audit.ts';
import { recordHolderChange } from '../units/rights.ts';
import { addFeeComponent, currentFee, runCharges, setFeeRate } from './fees.ts';
import { importPayments } from './import-payments.ts';
import { balanceAsOf, bookCorrection, bookOtherReceivable, bookPayment } from './ledger.ts';
import { getMemberLedgerUnit, memberBalanceAsOf, memberDashboard } from './member.ts';
import { dashboardFigures, insertEntries, listEntries, type NewEntry, sumRange } from './queries.ts';

describe('the ledger on the database', () => {
  let database: Database;
  let db: Db;
  let org: number;
  let otherOrg: number;
  let unitId: number;
  let soldUnitId: number;
  let foreignUnit: number;
  let seller: number;
  let buyer: number;
  const ctx = () => ({ actor: systemActor(org, 'test') });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    org = (await makeOrganization(db)).id;
    otherOrg = (await makeOrganization(db)).id;
    const building = await makeBuilding(db, org);
    unitId = (await makeUnit(db, org, { buildingId: building.id, area: '54,30' })).id;
    soldUnitId = (await makeUnit(db, org, { buildingId: building.id, area: '40,00' })).id;
    foreignUnit = (await makeUnit(db, otherOrg)).id;
    seller = (await makePerson(db, org)).id;
    buyer = (await makePerson(db, org)).id;
    await makeRight(db, org, { unitId: soldUnitId, personId: seller, validFrom: '2010-05-01' });
    await recordHolderChange(db, {
      actor: testActorIn(org),
      input: { unitId: soldUnitId, date: '2020-06-15', newHolders: [{ personId: buyer, kind: 'własnościowe' }] },
    });
    const eks = await addFeeComponent(db, {
      ...ctx(),
      input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' },
    });
    const dom = await addFeeComponent(db, { ...ctx(), input: { code: 'DOMOFON', name: 'Domofon', basis: 'per_unit' } });
    await setFeeRate(db, { ...ctx(), input: { componentId: eks.id, rate: 34_567, effectiveFrom: '2013-01-01' } });
    await setFeeRate(db, { ...ctx(), input: { componentId: dom.id, rate: 50_000, effectiveFrom: '2013-01-01' } });
    await setFeeRate(db, {
      ...ctx(),
      input: { componentId: dom.id, rate: 0, effectiveFrom: '2013-01-01', unitId: soldUnitId },
    });
  });
  afterAll(async () => database.close());

  it('refuses to update or delete an entry', async () => {
    await bookPayment(db, {
      ...ctx(),
      input: {
        unitId,
        amount: 100,
        valueDate: '2013-01-05',
        bookingDate: '2013-01-05',
        description: 'x',
        reference: 'R0',
      },
    });
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await refusal(db.execute(sql`update ledger_entries set amount = 1`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from ledger_entries`))).toMatch(/append-only/);
  });

  it('charge run: one rounding per component and month, idempotent, due on the due day', async () => {
    const first = await runCharges(db, { ...ctx(), month: '2013-02', dueDay: 10, bookingDate: '2013-02-01' });
    expect(first.booked).toBe(3); // EKSPL for both, DOMOFON only for the unit without a zero override
    const again = await runCharges(db, { ...ctx(), month: '2013-02', dueDay: 10, bookingDate: '2013-02-01' });
    expect(again.booked).toBe(0);
    const charges = await listEntries(db, { organizationId: org, unitId, kind: 'charge' });
    // 10.02.2013 is a Sunday: due on Monday 11.02 (art. 115 KC).
    expect(charges.map((c) => [c.amount, c.dueDate])).toEqual([
      [18_770, '2013-02-11'],
      [500, '2013-02-11'],
    ]);
    const fee = await currentFee(db, { organizationId: org, unitId, day: '2013-02-01' });
    expect(fee?.total).toBe(19_270);
  });

  it('correction: reversal plus replacement, linked, once', async () => {
    const [charge] = await listEntries(db, { organizationId: org, unitId, kind: 'charge' });
    if (!charge) throw new Error('no charge');
    const before = await balanceAsOf(db, { organizationId: org, unitId, asOf: '2013-12-31' });
    await bookCorrection(db, {
      ...ctx(),
      input: {
        entryId: charge.id,
        newAmount: 18_000,
        valueDate: '2013-03-01',
        bookingDate: '2013-03-01',
        reason: 'zła powierzchnia',
      },
    });
    expect(await balanceAsOf(db, { organizationId: org, unitId, asOf: '2013-12-31' })).toBe(before - 770);
    const linked = (await listEntries(db, { organizationId: org, unitId })).filter(
      (e) => e.correctsEntryId === charge.id,
    );
    expect(linked.map((e) => [e.kind, e.amount])).toEqual([
      ['correction', -18_770],
      ['charge', 18_000],
    ]);
    await expect(
      bookCorrection(db, {
        ...ctx(),
        input: { entryId: charge.id, newAmount: null, valueDate: '2013-03-01', bookingDate: '2013-03-01', reason: 'x' },
      }),
    ).rejects.toThrow(/już skorygowana/);
  });

  it('member windows: the buyer starts from zero, the seller keeps their period, others get nothing', async () => {
    await insertEntries(db, {
      organizationId: org,
      entries: [
        entry(soldUnitId, '2013-01-01', 'opening_balance', 5_000, 'ob:sold'),
        entry(soldUnitId, '2020-06-01', 'charge', 10_000, 'c:2020-06'),
        entry(soldUnitId, '2020-07-01', 'charge', 10_000, 'c:2020-07'),
        entry(soldUnitId, '2020-07-05', 'payment', -4_000, 'p:2020-07'),
      ],
    });
    await bookOtherReceivable(db, {
      ...ctx(),
      input: {
        unitId: soldUnitId,
        amount: 1_234,
        valueDate: '2020-06-20',
        bookingDate: '2020-06-20',
        dueDate: '2020-07-01',
        description: 'Dorobienie klucza',
      },
    });
    const base = { organizationId: org, today: '2026-01-15', startDate: '2013-01-01' };
    const sellerUnit = await getMemberLedgerUnit(db, { ...base, personId: seller, unitId: soldUnitId });
    const buyerUnit = await getMemberLedgerUnit(db, { ...base, personId: buyer, unitId: soldUnitId });
    if (!sellerUnit || !buyerUnit) throw new Error('units missing');
    expect((await memberBalanceAsOf(db, { organizationId: org, unit: sellerUnit, day: '2026-01-15' }))?.balance).toBe(
      // opening balance + the charge run of February 2013 (40 m² × 3,4567 zł) + June 2020
      5_000 + 13_827 + 10_000,
    );
    expect((await memberBalanceAsOf(db, { organizationId: org, unit: buyerUnit, day: '2026-01-15' }))?.balance).toBe(
      1_234 + 10_000 - 4_000,
    );
    expect(await memberBalanceAsOf(db, { organizationId: org, unit: buyerUnit, day: '2020-06-14' })).toBeUndefined();
    expect(await getMemberLedgerUnit(db, { ...base, personId: buyer, unitId })).toBeUndefined();
    expect(await getMemberLedgerUnit(db, { ...base, personId: buyer, unitId: foreignUnit })).toBeUndefined();
    expect(
      await getMemberLedgerUnit(db, { ...base, organizationId: otherOrg, personId: buyer, unitId: soldUnitId }),
    ).toBeUndefined();
    const dashboard = await memberDashboard(db, { ...base, personId: buyer });
    expect(dashboard.map((d) => [d.unitId, d.balance, d.amountDue])).toEqual([[soldUnitId, 7_234, 7_234]]);
  });

  it('imports a file larger than one chunk all or nothing, even when the error is in its last row', async () => {
    const keyed = await makeUnit(db, org, { externalKey: 'CHUNKS-1' });
    // Six pieces of 1,000 rows: small enough to stay quick on PGlite on a busy machine.
    const lines = Array.from({ length: 5_000 }, (_, i) => `CHUNKS-1;2026-03-01;1,00;CHUNK-${i};Wpłata`);
    const file = (last: string) => Buffer.from(['lokal;data;kwota;referencja;opis', ...lines, last].join('\n'));
    const run = (bytes: Buffer) =>
      importPayments(db, {
        ...ctx(),
        source: { bytes, name: 'wplaty.csv' },
        bookingDate: '2026-04-01',
        startDate: '2013-01-01',
        chunkRows: 1_000,
      });
    const booked = async () =>
      (await listEntries(db, { organizationId: org, unitId: keyed.id, kind: 'payment' })).length;

    const failed = await run(file('CHUNKS-1;2026-03-01;1,001;CHUNK-last;Wpłata'));
    expect(failed.errors).toEqual([{ row: 5_002, column: 'kwota', message: expect.stringContaining('dwa miejsca') }]);
    expect(failed.booked).toBe(0);
    expect(await booked()).toBe(0);

    const good = file('CHUNKS-1;2026-03-01;1,00;CHUNK-last;Wpłata');
    expect(await run(good)).toMatchObject({ rows: 5_001, booked: 5_001, alreadyBooked: 0, errors: [] });
    expect(await run(good)).toMatchObject({ rows: 5_001, booked: 0, alreadyBooked: 5_001 });
    expect(await booked()).toBe(5_001);
    expect(await sumRange(db, { organizationId: org, unitId: keyed.id, to: '2026-04-01' })).toBe(-500_100);
  });

  it('answers other statements while a large file is read, shows none of it before the end, and leaves no staged rows', async () => {
    const keyed = await makeUnit(db, org, { externalKey: 'BUSY-1' });
    const lines = Array.from({ length: 5_000 }, (_, i) => `BUSY-1;2026-03-01;1,00;BUSY-${i};Wpłata`);
    const bytes = Buffer.from(['lokal;data;kwota;referencja;opis', ...lines].join('\n'));
    const booked = async () =>
      (await listEntries(db, { organizationId: org, unitId: keyed.id, kind: 'payment' })).length;
    const staged = async () =>
      Number(
        (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ledger_payment_import_rows`))[0]?.n,
      );
    const seen: { rows: number; booked: number; staged: number }[] = [];
    const report = await importPayments(db, {
      ...ctx(),
      source: { bytes, name: 'wplaty.csv' },
      bookingDate: '2026-04-01',
      startDate: '2013-01-01',
      chunkRows: 1_000,
      // Another page's statements, run while the import waits for them: with the whole file in
      // one open transaction they would wait for the import, and the import for them.
      onStaged: async ({ rows }) => {
        seen.push({ rows, booked: await booked(), staged: await staged() });
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5].map((k) => ({ rows: k * 1_000, booked: 0, staged: k * 1_000 })));
    expect(report).toMatchObject({ rows: 5_000, booked: 5_000, alreadyBooked: 0, errors: [] });
    expect(await booked()).toBe(5_000);
    expect(await staged()).toBe(0);

    // A file with an error in its last row: pieces staged before it are deleted, nothing booked.
    const failed = await importPayments(db, {
      ...ctx(),
      source: { bytes: Buffer.concat([bytes, Buffer.from('\nBUSY-1;2026-03-01;1,001;BUSY-x;Wpłata')]), name: 'w.csv' },
      bookingDate: '2026-04-01',
      startDate: '2013-01-01',
      chunkRows: 1_000,
    });
    expect(failed).toMatchObject({ booked: 0, errors: [{ row: 5_002, column: 'kwota' }] });
    expect(await staged()).toBe(0);
    expect(await booked()).toBe(5_000);
  });

  it('reports a row whose reference was booked before with another amount or date, booking nothing', async () => {
    const keyed = await makeUnit(db, org, { externalKey: 'CONFLICT-1' });
    const run = (rows: string[]) =>
      importPayments(db, {
        ...ctx(),
        source: { bytes: Buffer.from(['lokal;data;kwota;referencja;opis', ...rows].join('\n')), name: 'w.csv' },
        bookingDate: '2026-04-01',
        startDate: '2013-01-01',
      });
    expect(await run(['CONFLICT-1;2026-03-01;10,00;CONF-1;Wpłata'])).toMatchObject({ booked: 1, errors: [] });
    const again = await run(['CONFLICT-1;2026-03-01;10,00;CONF-1;Wpłata', 'CONFLICT-1;2026-03-02;12,00;CONF-2;Wpłata']);
    expect(again).toMatchObject({ booked: 1, alreadyBooked: 1, errors: [] });
    const changed = await run([
      'CONFLICT-1;2026-03-03;5,00;CONF-3;Wpłata',
      'CONFLICT-1;2026-03-05;11,00;CONF-2;Wpłata',
    ]);
    expect(changed.booked).toBe(0);
    expect(changed.errors.map((e) => ({ ...e, message: e.message.replace(/\u00a0/g, ' ') }))).toEqual([
      {
        row: 3,
        column: 'referencja',
        message:
          'Wpłata o numerze referencyjnym „CONF-2” jest już zaksięgowana z kwotą 12,00 zł i datą 2026-03-02; w pliku ma kwotę 11,00 zł i datę 2026-03-05. Popraw plik albo zaksięgowaną wpłatę (korekta).',
      },
    ]);
    expect((await listEntries(db, { organizationId: org, unitId: keyed.id, kind: 'payment' })).length).toBe(2);
  });

  it('balance as of any day equals the plain sum of entries, over any split of months (property)', async () => {
    const propertyUnit = (await makeUnit(db, org, { area: '33,33' })).id;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 3 * 365 }),
            amount: fc.integer({ min: -500_000, max: 500_000 }),
            kind: fc.constantFrom(
              'charge',
              'payment',
              'other_receivable',
              'interest',
              'media_settlement',
            ) as fc.Arbitrary<NewEntry['kind']>,
          }),
          { maxLength: 25 },
        ),
        fc.array(fc.integer({ min: -30, max: 3 * 365 + 30 }), { minLength: 1, maxLength: 6 }),
        async (rows, days) => {
          const entries = rows.map((r) =>
            entry(propertyUnit, dayFrom('2019-01-01', r.day), r.kind, r.amount, `prop:${n++}`),
          );
          // Inserted twice: the second is a re-import that must change nothing.
          await insertEntries(db, { organizationId: org, entries });
          await insertEntries(db, { organizationId: org, entries });
          const all = await queryRows<{ amount: string; value_date: string }>(
            db,
            sql`select amount::text, value_date::text from ledger_entries where unit_id = ${propertyUnit}`,
          );
          for (const offset of days) {
            const asOf = dayFrom('2019-01-01', offset);
            const plain = all.filter((e) => e.value_date <= asOf).reduce((s, e) => s + Number(e.amount), 0);
            expect(await balanceAsOf(db, { organizationId: org, unitId: propertyUnit, asOf })).toBe(plain);
            // Any window [from, asOf], read through yearly, monthly and daily parts, is the plain sum too.
            for (const start of days) {
              const from = dayFrom('2019-01-01', start);
              const window = all.filter((e) => e.value_date >= from && e.value_date <= asOf);
              const range = { organizationId: org, unitId: propertyUnit, from, to: asOf };
              expect(await sumRange(db, range)).toBe(window.reduce((s, e) => s + Number(e.amount), 0));
            }
            // The dashboard's one-statement figures agree with the plain sum and the history list.
            const range = { organizationId: org, unitId: propertyUnit, to: asOf };
            const figures = await dashboardFigures(db, range);
            expect(figures.balance).toBe(plain);
            expect(figures.recentPayments).toEqual(
              await listEntries(db, { ...range, kind: 'payment', newestFirst: true, limit: 3 }),
            );
            // The charges shown are every charge of the latest month charged (they add up to its fee).
            const charges = await listEntries(db, { ...range, kind: 'charge', newestFirst: true });
            const latestMonth = charges[0]?.valueDate.slice(0, 7);
            expect(figures.recentCharges).toEqual(charges.filter((e) => e.valueDate.slice(0, 7) === latestMonth));
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

function dayFrom(start: string, days: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function entry(unitId: number, valueDate: string, kind: NewEntry['kind'], amount: number, sourceRef: string): NewEntry {
  return {
    unitId,
    bookingDate: valueDate,
    valueDate,
    kind,
    componentId: null,
    amount,
    description: kind,
    dueDate: null,
    source: 'test',
    sourceRef,
    correctsEntryId: null,
  };
}
