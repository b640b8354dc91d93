import { describe, expect, it } from 'vitest';
import { type MeterLife, meterConsumption, unitConsumption, usualPerDay } from './consumption.ts';
import { historyPeriod, historyYears } from './history-period.ts';
import { holderSegments, lineHeldBy, splitConsumption } from './holders.ts';
import { plausibilityFlags } from './plausibility.ts';
import { formatReading, parseReading } from './reading-input.ts';
import { distributeDifference, splitByWeights } from './shares.ts';
import { periodPrice, proposedMonthlyAdvance } from './tariff.ts';
import { inReadingWindow } from './windows.ts';

const meter = (over: Partial<MeterLife> = {}): MeterLife => ({
  meterId: 1,
  installedOn: '2025-01-01',
  initialReading: 100_000,
  removedOn: null,
  finalReading: null,
  rolloverAt: null,
  readings: [],
  ...over,
});

describe('reading input', () => {
  it('reads commas and dots, refuses letters, signs and extra decimals', () => {
    expect(parseReading('123,456', 3)).toEqual({ ok: true, value: 123_456 });
    expect(parseReading(' 12.5 ', 3)).toEqual({ ok: true, value: 12_500 });
    expect(parseReading('12', 0)).toEqual({ ok: true, value: 12_000 });
    expect(parseReading('12a', 3).ok).toBe(false);
    expect(parseReading('-3', 3)).toEqual({ ok: false, message: 'Odczyt nie może być ujemny.' });
    expect(parseReading('1,2345', 3).ok).toBe(false);
    expect(parseReading('1,25', 1)).toEqual({
      ok: false,
      message: 'Ten licznik pokazuje najwyżej 1 cyfrę po przecinku.',
    });
    expect(formatReading(123_456)).toBe('123,456');
    expect(formatReading(12_500, 1)).toBe('12,5');
  });
});

describe('reading windows', () => {
  it('wraps 25–5 over the month end and keeps quarterly windows to their months', () => {
    const monthly = { startDay: 25, endDay: 5, months: [] };
    expect(inReadingWindow(monthly, '2026-03-25')).toBe(true);
    expect(inReadingWindow(monthly, '2026-04-05')).toBe(true);
    expect(inReadingWindow(monthly, '2026-04-06')).toBe(false);
    const quarterly = { startDay: 25, endDay: 5, months: [3, 6, 9, 12] };
    expect(inReadingWindow(quarterly, '2026-04-02')).toBe(true); // March's window
    expect(inReadingWindow(quarterly, '2026-04-26')).toBe(false);
    expect(inReadingWindow(quarterly, '2027-01-03')).toBe(true); // December's window
    expect(inReadingWindow({ startDay: 1, endDay: 10, months: [] }, '2026-05-11')).toBe(false);
  });
});

describe('plausibility', () => {
  const base = {
    previous: { readOn: '2026-02-28', value: 50_000 },
    readOn: '2026-03-30',
    rolloverAt: null,
    usualPerDay: 100, // 0,1 m³ a day → about 3 m³ a month
    monthlyCap: null,
    inWindow: true,
  };
  it('passes a usual reading', () => expect(plausibilityFlags({ ...base, value: 53_000 })).toEqual([]));
  it('flags a lower reading, a threefold consumption, a cap and a day outside the window', () => {
    expect(plausibilityFlags({ ...base, value: 49_000 })).toEqual(['lower']);
    // 30 days × 0,1 × 3 = 9 m³; 10 m³ is above it
    expect(plausibilityFlags({ ...base, value: 60_000 })).toEqual(['high']);
    expect(plausibilityFlags({ ...base, value: 55_000, monthlyCap: 4_000 })).toEqual(['cap']);
    expect(plausibilityFlags({ ...base, value: 53_000, inWindow: false })).toEqual(['outside_window']);
  });
  it('accepts a turnover near the counter’s end, not a drop in the middle', () => {
    expect(
      plausibilityFlags({
        ...base,
        previous: { readOn: '2026-02-28', value: 99_998_000 },
        value: 1_000,
        rolloverAt: 99_999_999,
      }),
    ).toEqual([]);
    expect(plausibilityFlags({ ...base, value: 10_000, rolloverAt: 99_999_999 })).toContain('lower');
  });
});

describe('consumption of a period', () => {
  it('measures from the last reading before the period to the last one in it', () => {
    const m = meter({
      readings: [
        { readOn: '2025-12-31', value: 110_000 },
        { readOn: '2026-01-31', value: 113_000 },
        { readOn: '2026-02-28', value: 115_500 },
        { readOn: '2026-03-30', value: 118_250 },
      ],
    });
    expect(meterConsumption(m, '2026-01-01', '2026-03-31')).toMatchObject({ kind: 'measured', value: 8_250 });
  });
  it('counts across a turnover of the counter', () => {
    const m = meter({
      initialReading: 0,
      rolloverAt: 100_000,
      readings: [
        { readOn: '2025-12-31', value: 98_000 },
        { readOn: '2026-03-31', value: 1_500 },
      ],
    });
    expect(meterConsumption(m, '2026-01-01', '2026-03-31')).toMatchObject({ kind: 'measured', value: 3_500 });
  });
  it('adds the old meter’s final reading and the new meter’s initial reading at a replacement', () => {
    const old = meter({
      meterId: 1,
      readings: [{ readOn: '2025-12-31', value: 110_000 }],
      removedOn: '2026-02-10',
      finalReading: 112_000,
    });
    const fresh = meter({
      meterId: 2,
      installedOn: '2026-02-10',
      initialReading: 5,
      readings: [{ readOn: '2026-03-31', value: 3_005 }],
    });
    const result = unitConsumption([old, fresh], '2026-01-01', '2026-03-31');
    expect(result).toMatchObject({ value: 5_000, estimated: false, missing: [] });
  });
  it('estimates the missing end from the usual consumption per day, and marks it', () => {
    const m = meter({
      installedOn: '2025-01-01',
      initialReading: 0,
      readings: [
        { readOn: '2025-07-01', value: 18_100 }, // 181 days, 100 a day
        { readOn: '2025-12-31', value: 36_500 },
      ],
    });
    expect(usualPerDay(m, '2025-12-31')).toBe(100);
    const result = meterConsumption(m, '2026-01-01', '2026-03-31');
    expect(result).toMatchObject({ kind: 'estimated', value: 9_000, estimatedDays: 90, perDay: 100 });
  });
  it('says the unit is missing when it has neither a reading nor history', () => {
    const m = meter({ installedOn: '2025-12-20', readings: [] });
    const result = unitConsumption([m], '2026-01-01', '2026-03-31');
    expect(result.missing).toEqual(['brak odczytu i historii zużycia']);
    expect(unitConsumption([], '2026-01-01', '2026-03-31').missing).toEqual(['brak wodomierza w okresie']);
  });
});

describe('shares', () => {
  it('splits so the parts add up, the remainder to the largest fractions', () => {
    expect(splitByWeights(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeights(-10, [1, 1, 1])).toEqual([-4, -3, -3]);
    expect(splitByWeights(1000, [0, 0])).toEqual([1000, 0]);
  });
  it('shares the building difference by consumption, persons, area or not at all', () => {
    const units = [
      { unitId: 1, consumption: 10_000, persons: 1, areaHundredths: 5_000 },
      { unitId: 2, consumption: 30_000, persons: 3, areaHundredths: 5_000 },
    ];
    // main meter 44 m³, units 40 m³ → 4 m³
    expect([...distributeDifference(4_000, units, 'consumption')]).toEqual([
      [1, 1_000],
      [2, 3_000],
    ]);
    expect([...distributeDifference(4_000, units, 'persons')]).toEqual([
      [1, 1_000],
      [2, 3_000],
    ]);
    expect([...distributeDifference(4_000, units, 'area')]).toEqual([
      [1, 2_000],
      [2, 2_000],
    ]);
    expect([...distributeDifference(4_000, units, 'none')]).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });
});

describe('holders and tariffs', () => {
  it('splits at a holder change by days, or by the handover reading', () => {
    const segments = holderSegments(
      [
        { key: 'A', validFrom: '2010-01-01', validTo: '2026-02-15' },
        { key: 'B', validFrom: '2026-02-15', validTo: null },
      ],
      '2026-01-01',
      '2026-03-31',
    );
    expect(segments).toEqual([
      { key: 'A', from: '2026-01-01', to: '2026-02-14' },
      { key: 'B', from: '2026-02-15', to: '2026-03-31' },
    ]);
    // 45 and 45 days of 90
    expect(splitConsumption(9_001, segments)).toEqual({ values: [4_501, 4_500], byReading: false });
    expect(splitConsumption(9_000, segments, [2_000, 7_000])).toEqual({ values: [2_000, 7_000], byReading: true });
  });
  it('prices a period by the days of each tariff and proposes the monthly advance', () => {
    const tariffs = [
      { effectiveFrom: '2025-01-01', water: 50_000, sewage: 70_000 },
      { effectiveFrom: '2026-03-01', water: 60_000, sewage: 80_000 },
    ];
    // 59 days at 12,00 and 31 at 14,00 → (59 × 120 000 + 31 × 140 000) / 90 = 126 889
    expect(periodPrice(tariffs, '2026-01-01', '2026-03-31')).toBe(126_889);
    expect(periodPrice(tariffs, '2024-12-01', '2024-12-31')).toBeUndefined();
    // 9 m³ in 90 days → 36,5 m³ a year → 3,0417 m³ a month × 12,00 zł = 36,50 zł
    expect(proposedMonthlyAdvance(9_000, 90, 120_000)).toBe(3_650);
  });
});

describe('a holder’s lines of a settlement', () => {
  const seller = [{ from: '2010-01-01', to: '2026-02-15' }];
  const buyer = [{ from: '2026-02-15', to: null }];
  const sellerLine = { from: '2026-01-01', to: '2026-02-14' };
  const buyerLine = { from: '2026-02-15', to: '2026-03-31' };

  it('gives the seller the days before the sale and the buyer the rest, neither the other’s', () => {
    expect(lineHeldBy(sellerLine, seller)).toBe(true);
    expect(lineHeldBy(buyerLine, seller)).toBe(false);
    expect(lineHeldBy(buyerLine, buyer)).toBe(true);
    expect(lineHeldBy(sellerLine, buyer)).toBe(false);
  });

  it('counts any of the person’s rights (sold and bought back), and none without a right', () => {
    expect(lineHeldBy(buyerLine, [...seller, { from: '2026-03-01', to: null }])).toBe(false);
    expect(lineHeldBy(buyerLine, [...seller, { from: '2026-02-15', to: null }])).toBe(true);
    expect(lineHeldBy(sellerLine, [])).toBe(false);
  });
});

describe('the meters page period (history-period)', () => {
  it('offers the years from the oldest installation to today, newest first', () => {
    expect(historyYears(['2013-01-01', '2019-05-04'], '2026-03-27')).toEqual([
      2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015, 2014, 2013,
    ]);
    expect(historyYears([], '2026-03-27')).toEqual([2026]);
    expect(historyYears(['2027-01-01'], '2026-03-27')).toEqual([2026]);
  });

  it('shows the last 12 months by default and for a year the meters never lived in', () => {
    const years = [2026, 2025, 2024];
    expect(historyPeriod(undefined, years, '2026-03-27')).toEqual({
      year: undefined,
      from: '2025-03-28',
      to: '2026-03-27',
      label: 'ostatnich 12 miesięcy',
    });
    expect(historyPeriod(2019, years, '2026-03-27').year).toBeUndefined();
    expect(historyPeriod(undefined, years, '2028-02-29').from).toBe('2027-03-02');
    expect(historyPeriod(undefined, years, '2026-12-31').from).toBe('2026-01-01');
  });

  it('shows a whole calendar year, the current one up to today', () => {
    const years = [2026, 2025, 2024];
    expect(historyPeriod(2025, years, '2026-03-27')).toEqual({
      year: 2025,
      from: '2025-01-01',
      to: '2025-12-31',
      label: '2025 r.',
    });
    expect(historyPeriod(2026, years, '2026-03-27')).toMatchObject({ from: '2026-01-01', to: '2026-03-27' });
  });
});
