/**
 * A holder contesting a fee change in court (ustawa o spółdzielniach mieszkaniowych, art. 4 ust. 8):
 * "do czasu prawomocnego rozstrzygnięcia sprawy" the holder pays the fees "w dotychczasowej
 * wysokości". Since the Constitutional Tribunal's judgement K 64/07 this holds for the charges that
 * depend on the cooperative only: media (charges independent of it) follow the new rates. If the
 * court finds the change justified, the holder owes the difference for the months paid at the old
 * rates; if it finds it unjustified, the change does not bind the holder. Pure: dates and grosze.
 */
import type { ContestOutcome } from '../schema.ts';
import { addMonths, paymentDeadline } from './deadlines.ts';

/**
 * The first month charged at the old rates: the unit's first month of the change, or, for a suit
 * filed later, the first month whose fee falls due on or after the day it was filed (a fee already
 * due before the suit was owed at the new rate).
 */
export function contestStartMonth({
  unitStart,
  filedOn,
  dueDay,
}: {
  unitStart: string;
  filedOn: string;
  dueDay: number;
}): string {
  const filedMonth = filedOn.slice(0, 7);
  const firstDue = filedOn <= paymentDeadline(filedMonth, dueDay) ? filedMonth : addMonths(filedMonth, 1);
  return firstDue > unitStart ? firstDue : unitStart;
}

export interface OutcomeEffect {
  /** The months charged at the old rates while the case ran: their difference is charged now. */
  chargeDifference: boolean;
  /** The unit keeps the old rates after the case (the change does not bind the holder). */
  keepOldRates: boolean;
  /** Months of the change charged at the new rates before the suit are brought back to the old rates. */
  creditBeforeSuit: boolean;
}

/** What a final outcome does to the unit's charges. */
export function outcomeEffect(outcome: ContestOutcome): OutcomeEffect {
  if (outcome === 'change_annulled') return { chargeDifference: false, keepOldRates: true, creditBeforeSuit: true };
  // The change was justified, or the suit was withdrawn / discontinued: the change binds as if not contested.
  return { chargeDifference: true, keepOldRates: false, creditBeforeSuit: false };
}

/** One month's charge of one component already in the ledger (net of any correction of it). */
export interface ChargedMonth {
  entryId: number;
  month: string;
  componentId: number;
  charged: number;
}

export interface MonthAdjustment {
  entryId: number;
  month: string;
  componentId: number;
  /** What to add to the month's charge to reach the expected amount (grosze, signed). */
  delta: number;
}

/**
 * For each month charged in [from, to] (inclusive `YYYY-MM`, `to` may be open), what brings it to
 * the expected amount of its component (e.g. the old rate × the month's basis). Months already
 * there are left out.
 */
export function adjustments(
  charged: readonly ChargedMonth[],
  {
    from,
    to,
    expected,
  }: { from: string; to?: string | undefined; expected: (month: string, componentId: number) => number },
): MonthAdjustment[] {
  const result: MonthAdjustment[] = [];
  for (const c of charged) {
    if (c.month < from || (to !== undefined && c.month > to)) continue;
    const delta = expected(c.month, c.componentId) - c.charged;
    if (delta !== 0) result.push({ entryId: c.entryId, month: c.month, componentId: c.componentId, delta });
  }
  return result.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.componentId - b.componentId));
}

/**
 * The difference owed when the change is found justified: for each month charged at the old rates
 * since `from`, the new-rate amount minus what was charged, summed by component.
 */
export function differenceByComponent(adjusted: readonly MonthAdjustment[]): Map<number, number> {
  const sums = new Map<number, number>();
  for (const a of adjusted) sums.set(a.componentId, (sums.get(a.componentId) ?? 0) + a.delta);
  return sums;
}
