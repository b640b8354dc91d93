/**
 * Monthly fee of one component for one unit. One rounding rule, applied once:
 *
 *   amount in grosze = round half up (basis × rate), per component and per month.
 *
 * Why: cooperatives publish rates per m² or per person with up to four decimals and print the
 * monthly fee per component rounded to the grosz; a member checks it with a calculator as
 * "54,30 m² × 3,4567 zł = 187,70 zł". Rounding once at the end of each line reproduces that
 * figure exactly; rounding the rate or the area first, or rounding a yearly sum, would drift from
 * the printed notice by a grosz now and then. Half up (not banker's rounding) because that is
 * what Polish accounting practice and the members' calculators do. Amounts are never negative
 * here (a rate is ≥ 0), so "half up" and "half away from zero" coincide.
 */
import { RATE_SCALE } from './money.ts';

export const feeBases = ['per_m2', 'per_person', 'per_unit', 'fixed'] as const;
export type FeeBasis = (typeof feeBases)[number];

export const feeBasisLabels: Record<FeeBasis, string> = {
  per_m2: 'od m² powierzchni użytkowej',
  per_person: 'od osoby',
  per_unit: 'od lokalu',
  fixed: 'kwota stała',
};

export const feeBasisUnitLabels: Record<FeeBasis, string> = {
  per_m2: 'zł/m²',
  per_person: 'zł/osobę',
  per_unit: 'zł/lokal',
  fixed: 'zł',
};

/**
 * Whose costs a component covers, which sets the notice a change of it needs (u.s.m. art. 4):
 * `own` — the cooperative's own costs (ust. 7, three months to the end of a month);
 * `independent` — energy, heat, gas, water, sewage, waste (ust. 7¹, 14 days before the deadline).
 */
export const costKinds = ['own', 'independent'] as const;
export type CostKind = (typeof costKinds)[number];

export const costKindLabels: Record<CostKind, string> = {
  own: 'zależny od spółdzielni (zmiana: 3 miesiące naprzód)',
  independent: 'niezależny — media, odpady (zmiana: 14 dni przed terminem płatności)',
};

export interface FeeBasisValues {
  /** Usable area in hundredths of m². */
  areaHundredths: number;
  /** Persons that fees are calculated on, that month. */
  personsCount: number;
}

/** Divides a non-negative bigint and rounds half up. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new Error('divideRoundHalfUp expects numerator ≥ 0 < denominator');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * The month's amount in grosze for a rate in ten-thousandths of a złoty. Computed in bigint,
 * exact until the single rounding step.
 */
export function monthlyFee(basis: FeeBasis, rate: number, values: FeeBasisValues): number {
  if (!Number.isSafeInteger(rate) || rate < 0) throw new Error(`rate must be a non-negative integer: ${rate}`);
  // rate / 100 = grosze per basis unit.
  const perGrosz = BigInt(RATE_SCALE / 100);
  switch (basis) {
    case 'per_m2':
      // area is in hundredths of m², so one more factor of 100.
      return Number(divideRoundHalfUp(BigInt(values.areaHundredths) * BigInt(rate), perGrosz * 100n));
    case 'per_person':
      return Number(divideRoundHalfUp(BigInt(values.personsCount) * BigInt(rate), perGrosz));
    case 'per_unit':
    case 'fixed':
      return Number(divideRoundHalfUp(BigInt(rate), perGrosz));
  }
}

/** The quantity the rate is multiplied by, for display: `54,30 m²`, `3 os.`, `1 lokal`. */
export function basisQuantityLabel(basis: FeeBasis, values: FeeBasisValues): string {
  switch (basis) {
    case 'per_m2':
      return `${Math.trunc(values.areaHundredths / 100)},${String(values.areaHundredths % 100).padStart(2, '0')} m²`;
    case 'per_person':
      return `${values.personsCount} os.`;
    case 'per_unit':
      return '1 lokal';
    case 'fixed':
      return '—';
  }
}

/**
 * Cost of a media settlement: consumption (thousandths of m³ or GJ) × price (ten-thousandths of a
 * złoty per unit), rounded half up to the grosz once per settlement, for the same reason as fees.
 */
export function settlementCost(consumptionThousandths: number, price: number): number {
  if (consumptionThousandths < 0 || price < 0) throw new Error('consumption and price must be non-negative');
  // thousandths × ten-thousandths of a złoty = 10⁻⁷ zł = 10⁻⁵ gr.
  return Number(divideRoundHalfUp(BigInt(consumptionThousandths) * BigInt(price), 100_000n));
}
