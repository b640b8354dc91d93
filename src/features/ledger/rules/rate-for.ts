import type { FeeRate } from '../queries.ts';

/**
 * The rate of a component for a unit on a day: a rate set for the unit beats one for its
 * building, which beats the organization-wide one; at each level the latest effective_from ≤ day
 * (the latest recorded on a tie); a row whose effective_to has passed is over. Undefined: the component does not apply.
 */
export function rateFor(
  rates: readonly FeeRate[],
  componentId: number,
  unit: { unitId: number; buildingId: number },
  day: string,
): FeeRate | undefined {
  let best: FeeRate | undefined;
  let bestLevel = -1;
  for (const rate of rates) {
    if (rate.componentId !== componentId || rate.effectiveFrom > day) continue;
    if (rate.effectiveTo !== null && rate.effectiveTo < day) continue;
    const level =
      rate.unitId !== null
        ? rate.unitId === unit.unitId
          ? 2
          : -1
        : rate.buildingId !== null
          ? rate.buildingId === unit.buildingId
            ? 1
            : -1
          : 0;
    if (level < 0) continue;
    if (
      !best ||
      level > bestLevel ||
      (level === bestLevel &&
        (rate.effectiveFrom > best.effectiveFrom || (rate.effectiveFrom === best.effectiveFrom && rate.id > best.id)))
    ) {
      best = rate;
      bestLevel = level;
    }
  }
  return best;
}
