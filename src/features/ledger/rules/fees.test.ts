import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, monthlyFee } from './fees.ts';

describe('monthly fee: one rounding rule, half up to the grosz, once per component and month', () => {
  it('per m²: 54,30 m² × 3,4567 zł = 187,698… → 187,70 zł', () => {
    expect(monthlyFee('per_m2', 34_567, { areaHundredths: 5430, personsCount: 0 })).toBe(18_770);
  });
  it('per m²: exactly half a grosz rounds up (10,01 m² × 0,0050 zł = 0,05005 → 0,05)', () => {
    // 1001 × 50 = 50 050 millionths of a złoty = 5,005 gr → 5 gr (below half) …
    expect(monthlyFee('per_m2', 50, { areaHundredths: 1001, personsCount: 0 })).toBe(5);
    // … and 1,00 m² × 0,0050 zł = 0,5 gr → 1 gr (exactly half goes up).
    expect(monthlyFee('per_m2', 50, { areaHundredths: 100, personsCount: 0 })).toBe(1);
    // 1,00 m² × 0,0049 zł = 0,49 gr → 0 gr.
    expect(monthlyFee('per_m2', 49, { areaHundredths: 100, personsCount: 0 })).toBe(0);
  });
  it('per person: 3 persons × 12,3455 zł = 37,0365 → 37,04 zł; half a grosz rounds up', () => {
    expect(monthlyFee('per_person', 123_455, { areaHundredths: 1, personsCount: 3 })).toBe(3704);
    expect(monthlyFee('per_person', 50, { areaHundredths: 1, personsCount: 1 })).toBe(1);
    expect(monthlyFee('per_person', 123_455, { areaHundredths: 1, personsCount: 0 })).toBe(0);
  });
  it('per unit and fixed: the rate itself, rounded half up to the grosz', () => {
    expect(monthlyFee('per_unit', 85_000, { areaHundredths: 1, personsCount: 9 })).toBe(850);
    expect(monthlyFee('fixed', 12_345, { areaHundredths: 1, personsCount: 9 })).toBe(123);
    expect(monthlyFee('fixed', 12_350, { areaHundredths: 1, personsCount: 9 })).toBe(124);
  });
  it('rounds the month once, not the rate or the area first (no drift over a year)', () => {
    const month = monthlyFee('per_m2', 34_567, { areaHundredths: 5430, personsCount: 0 });
    expect(month * 12).toBe(225_240);
  });
  it('matches an exact rational computation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000_000 }), (area, rate) => {
        const fee = monthlyFee('per_m2', rate, { areaHundredths: area, personsCount: 0 });
        // fee is the nearest grosz: |exact − fee| ≤ ½ gr, with ties going up.
        const exactTimes10k = BigInt(area) * BigInt(rate); // in 1/10 000 gr
        const diff = exactTimes10k - BigInt(fee) * 10_000n;
        expect(diff >= -5_000n && diff < 5_000n).toBe(true);
      }),
    );
  });
  it('divideRoundHalfUp', () => {
    expect(divideRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divideRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divideRoundHalfUp(15n, 10n)).toBe(2n);
    expect(() => divideRoundHalfUp(-1n, 10n)).toThrow();
  });
});

describe('media settlement cost: half up to the grosz once per settlement', () => {
  it('12,345 m³ × 14,5678 zł = 179,839491 → 179,84 zł', async () => {
    const { settlementCost } = await import('./fees.ts');
    expect(settlementCost(12_345, 145_678)).toBe(17_984);
    // 1,000 GJ × 0,0050 zł = 0,5 gr → 1 gr; 0,0049 → 0 gr
    expect(settlementCost(1_000, 50)).toBe(1);
    expect(settlementCost(1_000, 49)).toBe(0);
  });
});
