/**
 * A unit's settlement split between the holders of the period: at the handover reading when one
 * was taken on the day of the change (each holder pays what the meters counted in their days),
 * otherwise by days. Segments are inclusive [from, to] days, in order, covering the period.
 */
import { daysBetween } from './days.ts';
import { splitByWeights } from './shares.ts';

export interface HolderSegment {
  from: string;
  to: string;
}

/** Consumption per segment: measured per segment when given, else the total by days. */
export function splitConsumption(
  total: number,
  segments: readonly HolderSegment[],
  measuredPerSegment?: readonly number[] | undefined,
): { values: number[]; byReading: boolean } {
  if (measuredPerSegment && measuredPerSegment.length === segments.length) {
    return { values: [...measuredPerSegment], byReading: true };
  }
  return {
    values: splitByWeights(
      total,
      segments.map((s) => daysBetween(s.from, s.to) + 1),
    ),
    byReading: false,
  };
}

/**
 * The period's days each holder held the unit: the register's rights (from inclusive, to
 * exclusive or null) clipped to [from, to]; days with no holder are left out.
 */
export function holderSegments(
  rights: readonly { key: string; validFrom: string; validTo: string | null }[],
  from: string,
  to: string,
): (HolderSegment & { key: string })[] {
  const segments: (HolderSegment & { key: string })[] = [];
  for (const r of rights) {
    const start = r.validFrom > from ? r.validFrom : from;
    const endExclusive = r.validTo;
    const last =
      endExclusive === null
        ? to
        : new Date(Date.parse(`${endExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const end = last < to ? last : to;
    if (start > end) continue;
    const existing = segments.find((s) => s.key === r.key && s.from === start && s.to === end);
    if (!existing) segments.push({ key: r.key, from: start, to: end });
  }
  return segments.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** A person's holding of a unit: from (inclusive) to (exclusive, null while it lasts). */
export interface HeldPeriod {
  from: string;
  to: string | null;
}

/**
 * Whether a settlement line (one holder's days of a unit) falls within the person's holding: a
 * seller sees the lines of their days, a buyer those of theirs, and neither the other's.
 */
export function lineHeldBy(line: { from: string; to: string }, periods: readonly HeldPeriod[]): boolean {
  return periods.some((p) => line.from >= p.from && (p.to === null || line.to < p.to));
}
