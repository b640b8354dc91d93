/** A right's period: `to` is the day the right ended (exclusive), null while it lasts. */
export interface Period {
  from: string;
  to: string | null;
}

/**
 * The member's current stretch of rights to one unit: periods that overlap or touch are joined
 * (co-ownership shares changing hands between the same people), and of several separate
 * stretches only the latest counts. Someone who sold a flat and bought it back years later sees
 * their figures from the new right on, never the other holder's years in between.
 */
export function latestContinuousSpan(periods: readonly Period[]): Period | undefined {
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let span: Period | undefined;
  for (const period of sorted) {
    if (span && (span.to === null || period.from <= span.to)) {
      if (span.to !== null && (period.to === null || period.to > span.to)) span = { from: span.from, to: period.to };
    } else {
      span = { ...period };
    }
  }
  return span;
}
