/**
 * A unit's timeline cut into holder periods for the ledger: between two changes of its holders
 * the same people answer for what is booked (the new holder starts from zero on the first day of
 * their right; what was owed before stays the previous holder's debt). The segments cover every
 * day from the ledger's start, so the unit's balance is the sum of the segments' balances; days
 * without a holder form a segment of their own.
 */
export interface RightPeriod {
  personId: number;
  name: string;
  validFrom: string;
  /** Exclusive end, null while it lasts. */
  validTo: string | null;
}

export interface HolderSegment {
  /** First day (undefined = since the ledger's start, opening balance included). */
  from: string | undefined;
  /** Exclusive end, undefined while it lasts. */
  to: string | undefined;
  names: string[];
  personIds: number[];
  /** Whether these holders still hold the unit (the last segment). */
  current: boolean;
}

export function holderSegments(rights: readonly RightPeriod[], startDate: string): HolderSegment[] {
  const cuts = new Set<string>();
  for (const r of rights) {
    if (r.validFrom > startDate) cuts.add(r.validFrom);
    if (r.validTo !== null && r.validTo > startDate) cuts.add(r.validTo);
  }
  const bounds = [startDate, ...[...cuts].sort()];
  const segments: HolderSegment[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const day = bounds[i] as string;
    const holding = rights
      .filter((r) => r.validFrom <= day && (r.validTo === null || r.validTo > day))
      .sort((a, b) => a.name.localeCompare(b.name, 'pl'));
    const personIds = holding.map((r) => r.personId);
    const last = segments.at(-1);
    if (last && last.personIds.join(',') === personIds.join(',')) {
      last.to = bounds[i + 1];
      continue;
    }
    segments.push({
      from: i === 0 ? undefined : day,
      to: bounds[i + 1],
      names: holding.map((r) => r.name),
      personIds,
      current: false,
    });
  }
  const final = segments.at(-1);
  if (final) final.current = final.to === undefined;
  return segments;
}

/** The segment's last day (inclusive) for balances, or `today` while it lasts. */
export function segmentLastDay(segment: HolderSegment, today: string): string {
  if (segment.to === undefined) return today;
  const d = new Date(`${segment.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  const last = d.toISOString().slice(0, 10);
  return last < today ? last : today;
}
