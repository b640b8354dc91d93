/**
 * A media settlement whose period straddles a change of the unit's holders (issue 15 item 5).
 * By default each holder period answers for the days it held the unit within the settlement's
 * period; an organization may instead put the whole settlement on the holder on its value date
 * (`settlement_date`, the ledger's plain rule by date).
 *
 * Rounding, so that the parts always sum exactly to the amount: the amount is apportioned
 * cumulatively — a part is round(amount × days up to its last day ÷ days) minus round(amount ×
 * days before its first day ÷ days) — so every part is within 1 grosz of its exact share and the
 * parts telescope to the whole. Each part is computed from its own days alone (no "last part
 * takes the rest"), so one holder period needs nothing of the others.
 */
import { dayNumber } from './day-number.ts';

export type SettlementSplit = 'days' | 'settlement_date';

export const settlementSplitRules: Record<SettlementSplit, string> = {
  days: 'Rozliczenie za okres obejmujący zmianę posiadacza dzielone jest proporcjonalnie do liczby dni.',
  settlement_date: 'Rozliczenie za okres obejmujący zmianę posiadacza obciąża w całości posiadacza z dnia rozliczenia.',
};

/** Half away from zero, the same for a charge and a refund. */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

export interface SettlementShare {
  amount: number;
  /** The period's days held within the window, and the period's days. */
  days: number;
  of: number;
}

/**
 * The part of `amount` (a settlement for `period`, inclusive days) that falls on a holder period
 * from `from` to `until` (inclusive; undefined = open on that side).
 */
export function settlementShare(
  amount: number,
  period: { from: string; to: string },
  window: { from?: string | undefined; until?: string | undefined },
): SettlementShare {
  const start = dayNumber(period.from);
  const of = dayNumber(period.to) - start + 1;
  if (of <= 0) return { amount, days: 0, of: 0 };
  const clamp = (d: number) => Math.min(of, Math.max(0, d));
  const before = window.from === undefined ? 0 : clamp(dayNumber(window.from) - start);
  const upTo = window.until === undefined ? of : clamp(dayNumber(window.until) - start + 1);
  if (upTo <= before) return { amount: 0, days: 0, of };
  const part = roundHalfAway((amount * upTo) / of) - roundHalfAway((amount * before) / of);
  return { amount: part, days: upTo - before, of };
}

export interface HolderShare extends SettlementShare {
  /** The days of the settlement's period the holder period covers (when any). */
  held: { from: string; to: string } | undefined;
  /** Why the amount is a part, in words (undefined when the holders answer for all of it). */
  note: string | undefined;
}

const shortDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;
const fullDay = (day: string) => `${shortDay(day)}.${day.slice(0, 4)}`;

/** `01.01–14.06.2020`, or with both years when they differ. */
export function dayRangeText(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4) ? `${shortDay(from)}–${fullDay(to)}` : `${fullDay(from)}–${fullDay(to)}`;
}

/**
 * The holder period's part of a settlement's entry (or of a correction of it), with the rule in
 * words: the one computation behind the debt, the history and the settlements a member sees.
 */
export function holderShare(
  amount: number,
  period: { from: string; to: string },
  window: { from?: string | undefined; until?: string | undefined },
): HolderShare {
  const share = settlementShare(amount, period, window);
  if (share.days === 0) return { ...share, held: undefined, note: undefined };
  const from = window.from !== undefined && window.from > period.from ? window.from : period.from;
  const to = window.until !== undefined && window.until < period.to ? window.until : period.to;
  return {
    ...share,
    held: { from, to },
    note:
      share.days < share.of
        ? `część za ${dayRangeText(from, to)} (${share.days} z ${share.of} dni), dzielone proporcjonalnie do dni`
        : undefined,
  };
}
