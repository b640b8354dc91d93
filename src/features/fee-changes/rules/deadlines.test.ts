import { describe, expect, it } from 'vitest';
import { addMonths, earliestMonth, holderStartMonth, isLawful, latestNoticeDay, paymentDeadline } from './deadlines.ts';

describe('art. 4 ust. 7: own-cost components, three months ahead to the end of a month', () => {
  it('a notice delivered 15 January lets the change run from 1 May, not earlier', () => {
    expect(earliestMonth('own', { delivered: '2027-01-15', dueDay: 10 })).toBe('2027-05');
    expect(isLawful('own', { delivered: '2027-01-15', month: '2027-05', dueDay: 10 })).toBe(true);
    expect(isLawful('own', { delivered: '2027-01-15', month: '2027-04', dueDay: 10 })).toBe(false);
  });

  it('the whole month counts: 1 and 31 January → May; 1 February → June', () => {
    expect(earliestMonth('own', { delivered: '2027-01-01', dueDay: 10 })).toBe('2027-05');
    expect(earliestMonth('own', { delivered: '2027-01-31', dueDay: 10 })).toBe('2027-05');
    expect(earliestMonth('own', { delivered: '2027-02-01', dueDay: 10 })).toBe('2027-06');
    expect(latestNoticeDay('own', '2027-05', 10)).toBe('2027-01-31');
  });

  it('month ends and leap years: the last day of February, 30 and 31-day months, across a year', () => {
    expect(latestNoticeDay('own', '2028-06', 10)).toBe('2028-02-29');
    expect(latestNoticeDay('own', '2027-06', 10)).toBe('2027-02-28');
    expect(latestNoticeDay('own', '2027-08', 10)).toBe('2027-04-30');
    expect(earliestMonth('own', { delivered: '2028-02-29', dueDay: 10 })).toBe('2028-06');
    expect(earliestMonth('own', { delivered: '2026-10-31', dueDay: 10 })).toBe('2027-02');
    expect(earliestMonth('own', { delivered: '2026-12-31', dueDay: 10 })).toBe('2027-04');
    expect(latestNoticeDay('own', '2027-01', 10)).toBe('2026-09-30');
  });
});

describe('art. 4 ust. 7¹: media, 14 days before the payment deadline and by the end of the month before', () => {
  it('deadline on the 10th: by the 24th or 25th of the month before (14 whole days left)', () => {
    // 10 March 2027: 14 days before is 24 February (25.02–10.03 are 14 days).
    expect(latestNoticeDay('independent', '2027-03', 10)).toBe('2027-02-24');
    expect(isLawful('independent', { delivered: '2027-02-24', month: '2027-03', dueDay: 10 })).toBe(true);
    expect(isLawful('independent', { delivered: '2027-02-25', month: '2027-03', dueDay: 10 })).toBe(false);
    // Leap year: 10 March 2028 − 14 days = 25 February.
    expect(latestNoticeDay('independent', '2028-03', 10)).toBe('2028-02-25');
    expect(latestNoticeDay('independent', '2027-05', 10)).toBe('2027-04-26');
  });

  it('a late deadline: the end of the month before is the limit', () => {
    expect(latestNoticeDay('independent', '2027-03', 25)).toBe('2027-02-28');
    expect(latestNoticeDay('independent', '2028-03', 25)).toBe('2028-02-29');
    expect(latestNoticeDay('independent', '2027-05', 31)).toBe('2027-04-30');
  });

  it('the earliest month: the next one if in time for its deadline, else the one after', () => {
    expect(earliestMonth('independent', { delivered: '2027-02-10', dueDay: 10 })).toBe('2027-03');
    expect(earliestMonth('independent', { delivered: '2027-02-25', dueDay: 10 })).toBe('2027-04');
    expect(earliestMonth('independent', { delivered: '2027-02-28', dueDay: 25 })).toBe('2027-03');
    expect(earliestMonth('independent', { delivered: '2026-12-28', dueDay: 10 })).toBe('2027-02');
    expect(earliestMonth('independent', { delivered: '2026-12-27', dueDay: 10 })).toBe('2027-01');
  });

  it('a due day past the month end is that month’s last day', () => {
    expect(paymentDeadline('2027-02', 31)).toBe('2027-02-28');
    expect(paymentDeadline('2028-02', 30)).toBe('2028-02-29');
    expect(latestNoticeDay('independent', '2027-02', 31)).toBe('2027-01-31');
  });
});

describe('a holder notified late keeps the old fee until the first lawful month', () => {
  it('planned May, notice delivered 3 February: own components from June, media from May', () => {
    expect(holderStartMonth('own', { planned: '2027-05', delivered: '2027-02-03', dueDay: 10 })).toBe('2027-06');
    expect(holderStartMonth('independent', { planned: '2027-05', delivered: '2027-02-03', dueDay: 10 })).toBe(
      '2027-05',
    );
    expect(holderStartMonth('own', { planned: '2027-05', delivered: '2027-01-20', dueDay: 10 })).toBe('2027-05');
  });

  it('months move across years', () => {
    expect(addMonths('2026-11', 4)).toBe('2027-03');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2027-01', -13)).toBe('2025-12');
  });
});
