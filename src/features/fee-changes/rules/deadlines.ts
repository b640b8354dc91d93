/**
 * When a changed fee may take effect for a holder, from the day the notice reached them
 * (ustawa o spółdzielniach mieszkaniowych, art. 4 ust. 7 and 7¹). Pure: calendar dates only.
 *
 * ust. 7 (the cooperative's own costs: eksploatacja, fundusz remontowy, …): the holder must be
 * notified "co najmniej na 3 miesiące naprzód na koniec miesiąca kalendarzowego". Read like the
 * same words for notice periods in the Civil Code (art. 673 § 2 k.c.): the notice period is three
 * whole calendar months and ends at the end of a month, so a notice delivered on any day of
 * month M (up to and including its last day) lets the new fee run from the 1st of M+4.
 * Delivered 15 January or 31 January → from 1 May; delivered 1 February → from 1 June.
 *
 * ust. 7¹ (charges independent of the cooperative: energy, heat, gas, water, sewage, waste):
 * the notice must come "co najmniej na 14 dni przed upływem terminu do wnoszenia opłat, ale nie
 * później niż ostatniego dnia miesiąca poprzedzającego ten termin". The payment deadline of a
 * month's fee is its due day in that month (the ledger's charge run: the 10th by default). So a
 * new rate may apply from month M if the notice came on or before BOTH the deadline minus 14
 * days (14 whole days left, art. 111 § 2 k.c.: the day of delivery is not counted) AND the last
 * day of month M−1.
 */
import { calendarDate, daysInMonth } from '../../../lib/dates.ts';

import type { CostKind } from '../../ledger/rules/fees.ts';

/** `YYYY-MM` shifted by `months`. */
export function addMonths(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const lastDayOf = (month: string) =>
  `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/** `YYYY-MM-DD` minus `days` days, in UTC so no time zone can shift it. */
function minusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The payment deadline of a month's fee: its due day, clamped to the month's last day. */
export function paymentDeadline(month: string, dueDay: number): string {
  const last = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const day = Math.min(Math.max(dueDay, 1), last);
  const date = calendarDate(Number(month.slice(0, 4)), Number(month.slice(5, 7)), day);
  if (!date) throw new Error(`not a month: ${month}`);
  return date;
}

/**
 * The last day a notice may reach a holder for a change of this kind to apply from `month`
 * (`YYYY-MM`); `dueDay` is the day of the month fees are due (only ust. 7¹ needs it).
 */
export function latestNoticeDay(kind: CostKind, month: string, dueDay: number): string {
  const monthBefore = lastDayOf(addMonths(month, -1));
  if (kind === 'own') return lastDayOf(addMonths(month, -4));
  const fourteenBefore = minusDays(paymentDeadline(month, dueDay), 14);
  return [fourteenBefore, monthBefore].sort()[0] as string;
}

/** Whether a notice delivered on `delivered` lets a change of this kind apply from `month`. */
export function isLawful(
  kind: CostKind,
  { delivered, month, dueDay }: { delivered: string; month: string; dueDay: number },
): boolean {
  return delivered <= latestNoticeDay(kind, month, dueDay);
}

/** The first month (`YYYY-MM`) a change of this kind may apply from, for a notice delivered on `delivered`. */
export function earliestMonth(kind: CostKind, { delivered, dueDay }: { delivered: string; dueDay: number }): string {
  const month = delivered.slice(0, 7);
  if (kind === 'own') return addMonths(month, 4);
  const next = addMonths(month, 1);
  return isLawful(kind, { delivered, month: next, dueDay }) ? next : addMonths(month, 2);
}

/**
 * The month a holder's changed fee of this kind starts: the planned month, or, for a notice that
 * came too late for it, the first lawful month after it.
 */
export function holderStartMonth(
  kind: CostKind,
  { planned, delivered, dueDay }: { planned: string; delivered: string; dueDay: number },
): string {
  const earliest = earliestMonth(kind, { delivered, dueDay });
  return earliest > planned ? earliest : planned;
}
