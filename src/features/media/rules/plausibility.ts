/**
 * Whether a reading looks right: lower than the previous one (unless the counter turned over),
 * consumption above three times the meter's usual or above the medium's monthly cap, or entered
 * outside the reading window. The flags are warnings: a member may confirm them, staff see them
 * in a queue.
 */
import { daysBetween } from './days.ts';

export type ReadingFlag = 'lower' | 'high' | 'cap' | 'outside_window';

export const flagLabels: Record<ReadingFlag, string> = {
  lower: 'odczyt niższy niż poprzedni',
  high: 'zużycie ponad trzykrotnie wyższe niż zwykle',
  cap: 'zużycie powyżej limitu dla tego medium',
  outside_window: 'odczyt poza terminem odczytów',
};

export interface PreviousReading {
  readOn: string;
  value: number;
}

export interface PlausibilityInput {
  /** The last reading before this one (or the meter's initial reading on its installation day). */
  previous: PreviousReading;
  readOn: string;
  value: number;
  /** The counter's capacity in thousandths, when it turns over. */
  rolloverAt: number | null;
  /** Usual consumption per day in thousandths (from history), or null when too little history. */
  usualPerDay: number | null;
  /** Cap per month (30 days) in thousandths, or null. */
  monthlyCap: number | null;
  inWindow: boolean;
}

/** Consumption between two readings; a lower value is a turnover when the meter has a capacity. */
export function consumptionBetween(previous: number, value: number, rolloverAt: number | null): number | undefined {
  if (value >= previous) return value - previous;
  if (rolloverAt !== null && previous < rolloverAt) return rolloverAt - previous + value;
  return undefined;
}

export function plausibilityFlags(input: PlausibilityInput): ReadingFlag[] {
  const flags: ReadingFlag[] = [];
  const used = consumptionBetween(input.previous.value, input.value, input.rolloverAt);
  // A turnover only explains a lower value when the meter had come near its end.
  const turnedOver = input.value < input.previous.value && input.rolloverAt !== null;
  if (used === undefined) flags.push('lower');
  else {
    const days = Math.max(1, daysBetween(input.previous.readOn, input.readOn));
    if (input.usualPerDay !== null && input.usualPerDay > 0 && used > 3 * input.usualPerDay * days) flags.push('high');
    if (input.monthlyCap !== null && used > (input.monthlyCap * days) / 30) flags.push('cap');
    if (turnedOver && input.rolloverAt !== null && input.previous.value < input.rolloverAt * 0.9) flags.push('lower');
  }
  if (!input.inWindow) flags.push('outside_window');
  return flags;
}
