/**
 * The price of a period from tariffs with effective dates: each day is priced by the tariff in
 * effect that day, and the period's price is their average by days (ten-thousandths of a złoty
 * per m³, water + sewage), so a tariff that changed in the middle counts for its days.
 */
import { addDays, daysBetween } from './days.ts';

export interface Tariff {
  effectiveFrom: string;
  water: number;
  sewage: number;
}

export function tariffOn(tariffs: readonly Tariff[], day: string): Tariff | undefined {
  let current: Tariff | undefined;
  for (const t of tariffs)
    if (t.effectiveFrom <= day && (!current || t.effectiveFrom >= current.effectiveFrom)) current = t;
  return current;
}

/** The price of [from, to], or undefined when some day has no tariff. */
export function periodPrice(tariffs: readonly Tariff[], from: string, to: string): number | undefined {
  const days = daysBetween(from, to) + 1;
  const changes = [from, ...tariffs.map((t) => t.effectiveFrom).filter((d) => d > from && d <= to)].sort();
  let weighted = 0;
  for (let i = 0; i < changes.length; i++) {
    const start = changes[i] as string;
    const end = i + 1 < changes.length ? addDays(changes[i + 1] as string, -1) : to;
    const tariff = tariffOn(tariffs, start);
    if (!tariff) return undefined;
    weighted += (tariff.water + tariff.sewage) * (daysBetween(start, end) + 1);
  }
  return Math.round(weighted / days);
}

/**
 * The monthly advance that would cover the consumption of the period at `price`: consumption per
 * day × 365 / 12 × price, in grosze (rounded half up).
 */
export function proposedMonthlyAdvance(consumption: number, days: number, price: number): number {
  if (days <= 0) return 0;
  // thousandths × ten-thousandths = 10⁻⁷ zł = 10⁻⁵ gr.
  return Math.round((consumption * price * 365) / (days * 12 * 100_000));
}
