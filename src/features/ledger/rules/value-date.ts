import { formatCalendarDate } from '../../../lib/format.ts';

/**
 * Why an entry cannot carry this value date, in Polish, or undefined: nothing before the ledger's
 * start date (the opening balance sums everything earlier) and nothing after today.
 */
export function valueDateProblem(day: string, { startDate, today }: { startDate: string; today: string }) {
  if (day < startDate)
    return `Data nie może być wcześniejsza niż początek ewidencji (${formatCalendarDate(startDate)}).`;
  if (day > today) return 'Data nie może być późniejsza niż dziś.';
  return undefined;
}
