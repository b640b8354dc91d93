import { describe, expect, it } from 'vitest';
import type { FeeRate } from '../queries.ts';
import { rateFor } from './rate-for.ts';

const row = (over: Partial<FeeRate>): FeeRate => ({
  id: 1,
  organizationId: 1,
  componentId: 7,
  buildingId: null,
  unitId: null,
  rate: 2_0000,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  note: null,
  createdAt: new Date(0),
  ...over,
});

describe('the rate of a component for a unit on a day', () => {
  const unit = { unitId: 5, buildingId: 3 };
  const rates = [
    row({ id: 1 }),
    row({ id: 2, rate: 2_5000, effectiveFrom: '2027-05-01' }),
    // A late-notified unit held at its old rate until the end of May.
    row({ id: 3, unitId: 5, rate: 2_0000, effectiveFrom: '2027-05-01', effectiveTo: '2027-05-31' }),
  ];
  it('lets a unit’s row beat the organization’s while it lasts, and end on its last day', () => {
    expect(rateFor(rates, 7, unit, '2027-04-01')?.id).toBe(1);
    expect(rateFor(rates, 7, unit, '2027-05-01')?.id).toBe(3);
    expect(rateFor(rates, 7, unit, '2027-05-31')?.id).toBe(3);
    expect(rateFor(rates, 7, unit, '2027-06-01')?.id).toBe(2);
  });
  it('leaves other units on the organization’s rates', () => {
    expect(rateFor(rates, 7, { unitId: 6, buildingId: 3 }, '2027-05-01')?.id).toBe(2);
  });
  it('keeps an open-ended hold (a notice not yet delivered) in force', () => {
    const open = [...rates.slice(0, 2), row({ id: 4, unitId: 5, effectiveFrom: '2027-05-01' })];
    expect(rateFor(open, 7, unit, '2028-01-01')?.id).toBe(4);
  });
});
