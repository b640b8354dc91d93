/**
 * Reading windows: the organization opens entry on some days of the month — `25–5` wraps past
 * the month's end — in every month or only in some (quarterly: 3, 6, 9, 12). A day that wraps
 * into the next month belongs to the window of the month it started in.
 */
export interface WindowRule {
  startDay: number;
  endDay: number;
  /** Months (1–12) with a window; empty = every month. */
  months: readonly number[];
}

function monthOpen(rule: WindowRule, month: number): boolean {
  return rule.months.length === 0 || rule.months.includes(month);
}

/** Whether `day` (YYYY-MM-DD) lies in a reading window. */
export function inReadingWindow(rule: WindowRule, day: string): boolean {
  const month = Number(day.slice(5, 7));
  const dom = Number(day.slice(8, 10));
  const previousMonth = month === 1 ? 12 : month - 1;
  if (rule.startDay <= rule.endDay) return dom >= rule.startDay && dom <= rule.endDay && monthOpen(rule, month);
  if (dom >= rule.startDay) return monthOpen(rule, month);
  if (dom <= rule.endDay) return monthOpen(rule, previousMonth);
  return false;
}

/** `25–5 każdego miesiąca` / `25–5 w miesiącach 3, 6, 9, 12`, for pages. */
export function describeWindow(rule: WindowRule): string {
  const days = `${rule.startDay}–${rule.endDay}`;
  return rule.months.length === 0
    ? `od ${days.replace('–', '. do ')}. dnia każdego miesiąca`
    : `od ${days.replace('–', '. do ')}. dnia, w miesiącach: ${rule.months.join(', ')}`;
}
