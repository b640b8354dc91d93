/**
 * Splitting an integer amount (thousandths of m³, grosze) into parts by weights, so that the
 * parts add up exactly: each part gets its floor, the remainder goes one by one to the largest
 * fractions (ties to the earlier part). Negative totals split the same way with the sign kept.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  // The common cases of a settlement (nothing to share, one holder) need no arithmetic.
  if (total === 0) return weights.map(() => 0);
  if (weights.length === 1) return [total];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = weights.map((w) => (abs * w) / sum);
  const parts = exact.map(Math.floor);
  let left = abs - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = (parts[index] as number) + 1;
    left--;
  }
  return parts.map((p) => p * sign + 0);
}

export type DifferenceRule = 'consumption' | 'persons' | 'area' | 'none';

export const differenceRuleLabels: Record<DifferenceRule, string> = {
  consumption: 'proporcjonalnie do zużycia',
  persons: 'według liczby osób',
  area: 'według powierzchni',
  none: 'nie rozlicza się (pokrywa spółdzielnia)',
};

export interface DifferenceUnit {
  unitId: number;
  consumption: number;
  persons: number;
  areaHundredths: number;
}

/**
 * The building's difference (main meter − the sum of the units' meters, thousandths) shared
 * among the units by the organization's rule; `none` leaves it with the organization.
 */
export function distributeDifference(
  difference: number,
  units: readonly DifferenceUnit[],
  rule: DifferenceRule,
): Map<number, number> {
  if (rule === 'none' || difference === 0 || units.length === 0) return new Map(units.map((u) => [u.unitId, 0]));
  const weights = units.map((u) =>
    rule === 'consumption' ? u.consumption : rule === 'persons' ? u.persons : u.areaHundredths,
  );
  const parts = splitByWeights(difference, weights);
  return new Map(units.map((u, i) => [u.unitId, parts[i] as number]));
}
