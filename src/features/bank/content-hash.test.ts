import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, hashedEntries } from './content-hash.ts';
import type { BankEntry, BankStatement } from './formats/statement.ts';

/** The definition statements were stored under: one JSON text of the whole statement. */
function storedHash(statement: BankStatement, entries: BankEntry[]): string {
  const body = JSON.stringify([
    statement.account,
    statement.number,
    statement.periodFrom,
    statement.periodTo,
    statement.openingBalance ?? null,
    statement.closingBalance ?? null,
    entries.map((e) => [e.bookingDate, e.valueDate, e.amount, e.reference]),
  ]);
  return createHash('sha256').update(body).digest('hex');
}

const entry = fc.record({
  bookingDate: fc.constantFrom('2026-03-01', '2026-03-02'),
  valueDate: fc.constantFrom('2026-03-01', '2026-03-31'),
  amount: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  reference: fc.string(),
});

describe('a statement content hash gathered chunk by chunk', () => {
  it('is the hash statements were stored under, however the entries are cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 40 }),
        fc.array(fc.nat({ max: 40 }), { maxLength: 5 }),
        fc.option(fc.integer(), { nil: undefined }),
        fc.string(),
        (partial, cuts, balance, number) => {
          const entries = partial as BankEntry[];
          const statement = {
            account: '72102023130000310200000001',
            number,
            periodFrom: '2026-03-01',
            periodTo: '2026-03-31',
            openingBalance: balance,
            closingBalance: balance === undefined ? undefined : balance + 1,
          } as BankStatement;
          const bounds = [0, ...cuts.map((c) => Math.min(c, entries.length)).sort((a, b) => a - b), entries.length];
          const pieces = bounds.slice(1).map((end, i) => hashedEntries(entries.slice(bounds[i], end)));
          expect(contentHash(statement, pieces)).toBe(storedHash(statement, entries));
        },
      ),
    );
  });
});
