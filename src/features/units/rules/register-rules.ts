/** The rules every set of rights of one unit obeys, for forms and imports alike (pure). */
import { formatCalendarDate } from '../../../lib/format.ts';
import { firstOverfullDay, overlaps, type SharedPeriod } from './periods.ts';
import { formatRational, type Rational } from './share.ts';

export interface RightSpan<K> extends SharedPeriod {
  /** Identifies the right to the caller: an id, a row number, `new`. */
  key: K;
  personId: number | string;
}

export type RightProblem<K> =
  | { kind: 'overlap'; key: K; other: RightSpan<K> }
  | { kind: 'overfull'; key: K; day: string; sum: Rational };

/**
 * Problems of one unit's rights: two rights of the same person whose periods overlap, and the
 * first day on which the shares held at once exceed a whole (blamed on a right starting then,
 * the latest in the list, which is the one being added).
 */
export function checkUnitRights<K>(rights: readonly RightSpan<K>[]): RightProblem<K>[] {
  const problems: RightProblem<K>[] = [];
  const byPerson = new Map<number | string, RightSpan<K>[]>();
  for (const right of rights) {
    const list = byPerson.get(right.personId) ?? [];
    for (const other of list) {
      if (overlaps(right, other)) problems.push({ kind: 'overlap', key: right.key, other });
    }
    list.push(right);
    byPerson.set(right.personId, list);
  }
  // Overlapping rights of one person overfill the shares too; report only the cause.
  const overfull = problems.length === 0 ? firstOverfullDay(rights) : undefined;
  if (overfull) {
    const culprit = rights.findLast((r) => r.validFrom === overfull.day);
    if (culprit) problems.push({ kind: 'overfull', key: culprit.key, day: overfull.day, sum: overfull.sum });
  }
  return problems;
}

/** Polish message for a problem, to show at the share or date field or the file row. */
export function describeRightProblem<K>(problem: RightProblem<K>): string {
  if (problem.kind === 'overlap') {
    const other = problem.other;
    const until = other.validTo ? ` do ${formatCalendarDate(other.validTo)}` : '';
    return `okres nakłada się na inne prawo tej osoby do tego lokalu (od ${formatCalendarDate(other.validFrom)}${until})`;
  }
  return `suma udziałów w lokalu przekracza 1 od ${formatCalendarDate(problem.day)} (razem ${formatRational(problem.sum)})`;
}
