/** Keeping the organization's reminder stages: change one, add one after the last, remove the last. */
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { StageFormValue } from './forms.ts';
import { loadStages, replaceStages } from './queries.ts';
import { MAX_STAGES, type Stage, stageTableProblem } from './rules/stages.ts';

const fromForm = (level: number, f: StageFormValue): Stage => ({
  level,
  name: f.nazwa,
  minOverdue: f.kwota,
  minDaysOverdue: f.dni,
  payWithinDays: f.termin,
  subject: f.temat,
  bodyMarkdown: f.tresc,
});

async function save(db: Db, actor: Actor, now: Date, change: (stages: Stage[]) => Stage[], detail: object) {
  await db.transaction(async (tx) => {
    const organizationId = actor.organizationId;
    const stages = change(await loadStages(tx, { organizationId }));
    const problem = stageTableProblem(stages);
    if (problem) throw new ValidationError([problem]);
    await replaceStages(tx, { organizationId, stages, now });
    await recordAudit(tx, {
      ...actor,
      action: 'reminders.stages_saved',
      subjectType: 'organization',
      subjectId: organizationId,
      detail: { ...detail, stages: stages.map((s) => `${s.level}. ${s.name}`) },
    });
  });
}

/** Saves the stage at `level` (an existing one, or the next after the last). */
export async function saveStage(
  db: Db,
  { actor, level, form, now }: { actor: Actor; level: number; form: StageFormValue; now: Date },
): Promise<void> {
  await save(
    db,
    actor,
    now,
    (stages) => {
      if (level > stages.length + 1 || level < 1) throw new AppError('not_found', 'no such stage');
      if (level === stages.length + 1 && stages.length >= MAX_STAGES)
        throw new ValidationError([{ field: '', message: `Najwyżej ${MAX_STAGES} etapów.` }]);
      const next = stages.filter((s) => s.level !== level);
      next.push(fromForm(level, form));
      return next.sort((a, b) => a.level - b.level);
    },
    { level },
  );
}

/** Removes the last stage (reminders already sent keep their stage's name). */
export async function removeLastStage(db: Db, { actor, now }: { actor: Actor; now: Date }): Promise<void> {
  await save(
    db,
    actor,
    now,
    (stages) => {
      if (stages.length <= 1)
        throw new ValidationError([{ field: '', message: 'Potrzebny jest co najmniej jeden etap.' }]);
      return stages.slice(0, -1);
    },
    { removed: true },
  );
}
