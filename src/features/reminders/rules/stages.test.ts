import { describe, expect, it } from 'vitest';
import { defaultStages } from './letters.ts';
import { type Arrears, daysOverdue, type Stage, stageDue, stageTableProblem } from './stages.ts';

const stages = defaultStages.map((s) => ({ ...s }));
const arrears = (overdue: number, oldestDueDate: string | undefined, debtEntryId = 7): Arrears => ({
  overdue,
  oldestDueDate,
  debtEntryId,
});

describe('reminder stages', () => {
  it('counts days overdue from the due date: the day after it is the first day late', () => {
    expect(daysOverdue('2026-08-10', '2026-08-10')).toBe(0);
    expect(daysOverdue('2026-08-10', '2026-08-11')).toBe(1);
    expect(daysOverdue('2024-02-10', '2024-03-10')).toBe(29);
    expect(daysOverdue(undefined, '2026-08-11')).toBe(0);
  });

  it('sends nothing without arrears after the due date (a member who paid in the meantime)', () => {
    expect(
      stageDue(stages, { overdue: 0, oldestDueDate: undefined, debtEntryId: undefined }, [], '2026-12-06'),
    ).toEqual({
      kind: 'none',
      reason: 'no_arrears',
    });
  });

  it('starts with the first stage once its threshold is reached, with the deadline to pay', () => {
    // 10,00 zł and 14 days: 10.11 + 14 = 24.11.
    expect(stageDue(stages, arrears(999, '2026-11-10'), [], '2026-11-30').kind).toBe('none');
    expect(stageDue(stages, arrears(1_000, '2026-11-10'), [], '2026-11-23')).toEqual({
      kind: 'none',
      reason: 'below_threshold',
    });
    const due = stageDue(stages, arrears(1_000, '2026-11-10'), [], '2026-11-24');
    expect(due).toMatchObject({ kind: 'due', stage: { level: 1 }, payBy: '2026-12-08', daysOverdue: 14 });
  });

  it('sends the stages in order: a debt old and large enough for the last stage gets the first one first', () => {
    const big = arrears(200_000, '2026-01-12');
    expect(stageDue(stages, big, [], '2026-12-06')).toMatchObject({ kind: 'due', stage: { level: 1 } });
    expect(stageDue(stages, big, [{ level: 1, payBy: '2026-11-20' }], '2026-12-06')).toMatchObject({
      kind: 'due',
      stage: { level: 2 },
    });
    expect(
      stageDue(
        stages,
        big,
        [
          { level: 1, payBy: '2026-10-20' },
          { level: 2, payBy: '2026-11-20' },
        ],
        '2026-12-06',
      ),
    ).toMatchObject({ kind: 'due', stage: { level: 3 }, payBy: '2026-12-13' });
  });

  it("waits for the previous letter's deadline, inclusive, before the next stage", () => {
    const big = arrears(200_000, '2026-01-12');
    expect(stageDue(stages, big, [{ level: 1, payBy: '2026-12-06' }], '2026-12-06')).toEqual({
      kind: 'none',
      reason: 'waiting',
      until: '2026-12-06',
    });
    expect(stageDue(stages, big, [{ level: 1, payBy: '2026-12-06' }], '2026-12-07').kind).toBe('due');
  });

  it('never sends the same stage twice for the same debt, and nothing after the last stage', () => {
    const big = arrears(200_000, '2026-01-12');
    const all = stages.map((s) => ({ level: s.level, payBy: '2026-02-01' }));
    expect(stageDue(stages, big, all, '2026-12-06')).toEqual({ kind: 'none', reason: 'all_sent' });
  });

  it('holds the next stage back while the debt is below its own threshold', () => {
    // 60,00 zł and 50 days: the second stage wants 100,00 zł.
    expect(stageDue(stages, arrears(6_000, '2026-10-17'), [{ level: 1, payBy: '2026-11-01' }], '2026-12-06')).toEqual({
      kind: 'none',
      reason: 'below_threshold',
    });
  });

  it('refuses a stage table out of order, with a lower threshold later, or empty', () => {
    expect(stageTableProblem(stages)).toBeUndefined();
    expect(stageTableProblem([])).toMatchObject({ message: 'Potrzebny jest co najmniej jeden etap.' });
    const swapped: Stage[] = [stages[0] as Stage, { ...(stages[1] as Stage), minDaysOverdue: 7 }];
    expect(stageTableProblem(swapped)).toMatchObject({ field: 'dni' });
    const cheaper: Stage[] = [stages[0] as Stage, { ...(stages[1] as Stage), minOverdue: 500 }];
    expect(stageTableProblem(cheaper)).toMatchObject({ field: 'kwota' });
    expect(stageTableProblem([{ ...(stages[0] as Stage), level: 2 }])).toMatchObject({
      message: 'Etapy muszą być numerowane kolejno od 1.',
    });
  });
});
