/**
 * Reminder stages and who is due which one (pure rules, no I/O).
 *
 * An organization configures its stages in order, e.g. przypomnienie → wezwanie do zapłaty →
 * przedsądowe wezwanie do zapłaty. Each has a threshold (the overdue principal and the days the
 * oldest unpaid debt is past its due date) and a number of days the letter gives to pay.
 *
 * A holder period's debt gets the stages one by one, in order, each at most once for the same
 * debt (the oldest unpaid overdue entry: once it is paid, a later debt starts from the first
 * stage again). The next stage goes out only after the previous one's deadline to pay has
 * passed, and only when the debt reaches its threshold on the day. Nothing is owed after the
 * due date → nothing is sent (a member who paid in the meantime is never reminded).
 */
import { addDays } from '../../ledger/rules/months.ts';

export interface Stage {
  level: number;
  name: string;
  /** Grosze of overdue principal at least. */
  minOverdue: number;
  /** Days past the due date of the oldest unpaid debt, at least. */
  minDaysOverdue: number;
  /** Days from the reminder's day to the deadline it gives. */
  payWithinDays: number;
  subject: string;
  bodyMarkdown: string;
}

/** What a holder period owes after the due date on the day asked. */
export interface Arrears {
  overdue: number;
  /** Due date of the oldest unpaid overdue debt. */
  oldestDueDate: string | undefined;
  /** Its entry: "the debt" a stage is sent for once. */
  debtEntryId: number | undefined;
}

/** A reminder already sent for the same debt and person. */
export interface SentStage {
  level: number;
  payBy: string;
}

export type StageDecision =
  | { kind: 'due'; stage: Stage; payBy: string; daysOverdue: number }
  | { kind: 'none'; reason: 'no_arrears' | 'below_threshold' | 'waiting' | 'all_sent'; until?: string };

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Days from the due date to `asOf` (the day after the due date is the first day late). */
export function daysOverdue(dueDate: string | undefined, asOf: string): number {
  return dueDate === undefined ? 0 : Math.max(0, dayNumber(asOf) - dayNumber(dueDate));
}

/** The stage the debt is due for on `asOf`, or why none is. `stages` sorted by level. */
export function stageDue(
  stages: readonly Stage[],
  arrears: Arrears,
  sent: readonly SentStage[],
  asOf: string,
): StageDecision {
  if (arrears.overdue <= 0 || arrears.debtEntryId === undefined) return { kind: 'none', reason: 'no_arrears' };
  const last = [...sent].sort((a, b) => a.level - b.level).at(-1);
  const next = stages.find((s) => s.level > (last?.level ?? 0));
  if (!next) return { kind: 'none', reason: 'all_sent' };
  if (last && last.payBy >= asOf) return { kind: 'none', reason: 'waiting', until: last.payBy };
  const days = daysOverdue(arrears.oldestDueDate, asOf);
  if (arrears.overdue < next.minOverdue || days < next.minDaysOverdue)
    return { kind: 'none', reason: 'below_threshold' };
  return { kind: 'due', stage: next, payBy: addDays(asOf, next.payWithinDays), daysOverdue: days };
}

/** Why a stage table cannot be saved (Polish, with the field), or undefined. Sorted by level. */
export function stageTableProblem(stages: readonly Stage[]): { field: string; message: string } | undefined {
  if (stages.length === 0) return { field: '', message: 'Potrzebny jest co najmniej jeden etap.' };
  if (stages.length > MAX_STAGES) return { field: '', message: `Najwyżej ${MAX_STAGES} etapów.` };
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i] as Stage;
    if (stage.level !== i + 1) return { field: '', message: 'Etapy muszą być numerowane kolejno od 1.' };
    const previous = stages[i - 1];
    if (!previous) continue;
    if (stage.minDaysOverdue < previous.minDaysOverdue)
      return {
        field: 'dni',
        message: `Etap ${stage.level} nie może zaczynać się przy mniejszej liczbie dni po terminie niż etap ${previous.level} (${previous.minDaysOverdue}).`,
      };
    if (stage.minOverdue < previous.minOverdue)
      return {
        field: 'kwota',
        message: `Etap ${stage.level} nie może mieć niższego progu kwoty niż etap ${previous.level}.`,
      };
  }
  return undefined;
}

export const MAX_STAGES = 5;

/** The stage labels people read: "1. Przypomnienie". */
export const stageLabel = (stage: Pick<Stage, 'level' | 'name'>) => `${stage.level}. ${stage.name}`;
