import { describe, expect, it } from 'vitest';
import { valueDateProblem } from './value-date.ts';

describe('valueDateProblem', () => {
  const range = { startDate: '2013-01-01', today: '2026-12-02' };

  it('accepts the start date, today and every day between', () => {
    expect(valueDateProblem('2013-01-01', range)).toBeUndefined();
    expect(valueDateProblem('2020-02-29', range)).toBeUndefined();
    expect(valueDateProblem('2026-12-02', range)).toBeUndefined();
  });

  it('refuses a day before the ledger starts and a day after today', () => {
    expect(valueDateProblem('2012-12-31', range)).toBe(
      'Data nie może być wcześniejsza niż początek ewidencji (01.01.2013).',
    );
    expect(valueDateProblem('2026-12-03', range)).toBe('Data nie może być późniejsza niż dziś.');
  });
});
