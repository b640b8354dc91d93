import { describe, expect, it } from 'vitest';
import { adjustments, contestStartMonth, differenceByComponent, outcomeEffect } from './contests.ts';

describe('contestStartMonth (art. 4 ust. 8: old rates until the case ends)', () => {
  it('a suit filed before the change starts covers it from its first month', () => {
    expect(contestStartMonth({ unitStart: '2027-05', filedOn: '2027-02-20', dueDay: 10 })).toBe('2027-05');
  });
  it('a suit filed on or before a month’s payment deadline covers that month', () => {
    expect(contestStartMonth({ unitStart: '2027-05', filedOn: '2027-06-10', dueDay: 10 })).toBe('2027-06');
    expect(contestStartMonth({ unitStart: '2027-05', filedOn: '2027-06-01', dueDay: 10 })).toBe('2027-06');
  });
  it('a suit filed after the deadline leaves that month at the new rate', () => {
    expect(contestStartMonth({ unitStart: '2027-05', filedOn: '2027-06-11', dueDay: 10 })).toBe('2027-07');
    expect(contestStartMonth({ unitStart: '2027-05', filedOn: '2027-12-15', dueDay: 10 })).toBe('2028-01');
  });
  it('a due day past the month’s end is its last day (February of a leap year)', () => {
    expect(contestStartMonth({ unitStart: '2028-01', filedOn: '2028-02-29', dueDay: 31 })).toBe('2028-02');
    expect(contestStartMonth({ unitStart: '2027-01', filedOn: '2027-02-28', dueDay: 31 })).toBe('2027-02');
  });
});

describe('outcomeEffect', () => {
  it('a justified change (or a withdrawn suit) charges the difference and ends the old rates', () => {
    expect(outcomeEffect('change_upheld')).toEqual({
      chargeDifference: true,
      keepOldRates: false,
      creditBeforeSuit: false,
    });
    expect(outcomeEffect('discontinued').chargeDifference).toBe(true);
  });
  it('an unjustified change charges nothing more and keeps the old rates, also before the suit', () => {
    expect(outcomeEffect('change_annulled')).toEqual({
      chargeDifference: false,
      keepOldRates: true,
      creditBeforeSuit: true,
    });
  });
});

describe('adjustments and the difference', () => {
  const charged = [
    { entryId: 1, month: '2027-04', componentId: 7, charged: 100_00 },
    { entryId: 2, month: '2027-05', componentId: 7, charged: 100_00 },
    { entryId: 3, month: '2027-06', componentId: 7, charged: 100_00 },
    { entryId: 4, month: '2027-06', componentId: 8, charged: 30_00 },
    { entryId: 5, month: '2027-07', componentId: 7, charged: 125_00 },
  ];
  it('brings each charged month of the range to the expected amount, skipping those already right', () => {
    const newRate = (_month: string, componentId: number) => (componentId === 7 ? 125_00 : 30_00);
    const result = adjustments(charged, { from: '2027-05', expected: newRate });
    expect(result).toEqual([
      { entryId: 2, month: '2027-05', componentId: 7, delta: 25_00 },
      { entryId: 3, month: '2027-06', componentId: 7, delta: 25_00 },
    ]);
    expect(differenceByComponent(result)).toEqual(new Map([[7, 50_00]]));
  });
  it('stops at the end of the range', () => {
    const oldRate = () => 100_00;
    expect(adjustments(charged, { from: '2027-04', to: '2027-06', expected: oldRate }).map((a) => a.entryId)).toEqual([
      4,
    ]);
    expect(adjustments(charged, { from: '2027-07', expected: oldRate })).toEqual([
      { entryId: 5, month: '2027-07', componentId: 7, delta: -25_00 },
    ]);
  });
});
