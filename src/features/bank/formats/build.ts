import type { BankEntry, BankStatement } from './statement.ts';

/**
 * A balanced statement of the given entries (defaults filled in): for tests, the browser test's
 * files and the benchmark's generator.
 */
export function statementOf(
  entries: Partial<BankEntry>[],
  over: Partial<BankStatement> & { account: string },
): BankStatement {
  const full = entries.map(
    (e, i): BankEntry => ({
      line: 0,
      bookingDate: '2026-03-02',
      valueDate: '2026-03-02',
      amount: 10_000,
      reference: `REF${i}`,
      title: 'Przelew',
      counterpartyName: 'Jan Przykładowy',
      counterpartyAccount: '',
      creditedAccount: '',
      operation: 'Przelew',
      details: '',
      ...e,
    }),
  );
  const opening = over.openingBalance ?? 100_000;
  return {
    format: 'mt940',
    number: '00045/001',
    periodFrom: '2026-03-02',
    periodTo: '2026-03-02',
    currency: 'PLN',
    line: 1,
    entries: full,
    ...over,
    openingBalance: opening,
    closingBalance: opening + full.reduce((t, e) => t + e.amount, 0),
  };
}
