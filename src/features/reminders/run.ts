/**
 * A reminder run as of a day: who is due which stage (from the ledger's debtors list: one source
 * of truth with every other page that shows debt), a preview of the letters for three real
 * recipients per stage, and the sending, through correspondence's personalised letters (e-mail
 * where consent covers it, otherwise the print queue), recorded per unit, holder and stage.
 *
 * Sending recomputes everything inside its transaction, under a lock per organization: a holder
 * who paid in the meantime is not sent anything, and a second run (or a retry after a failure)
 * sends nothing twice: a stage goes once per debt and person (a unique key), and each stage's
 * letter of the day has its own key in correspondence.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import type { MailSettings } from '../correspondence/mail.ts';
import {
  type PersonalPreview,
  type PersonalRecipient,
  previewPersonalLetter,
  sendPersonalLetter,
} from '../correspondence/personal/send.ts';
import { type DebtorRow, listDebtorsByHolder, type UnitDebt } from '../ledger/debt.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import { transferData } from '../ledger/transfer-data.ts';
import type { Organization } from '../organizations/queries.ts';
import { insertReminders, listRemindersOfUnits, loadStages, lockReminderRuns } from './queries.ts';
import { type ArrearsLine, reminderFields, reminderValues } from './rules/letters.ts';
import { type Arrears, type SentStage, type Stage, type StageDecision, stageDue } from './rules/stages.ts';

/** One holder of one unit on the day, with their period's arrears and the stage due. */
export interface ReminderCandidate {
  unitId: number;
  label: string;
  personId: number;
  name: string;
  /** Whether the person no longer holds the unit (a former holder's debt). */
  former: boolean;
  periodFrom: string | undefined;
  debt: UnitDebt;
  arrears: Arrears & { lines: ArrearsLine[] };
  sent: SentStage[];
  decision: StageDecision;
}

/** The holder period's unpaid overdue debts, oldest due first, with their interest on the day. */
export function arrearsOf(debt: UnitDebt, asOf: string): Arrears & { lines: ArrearsLine[] } {
  const interest = new Map(debt.interestLines.map((l) => [l.debtId, l.interest]));
  const open = debt.debts
    .filter((d) => d.remaining > 0 && d.dueDate < asOf)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));
  const oldest = open[0];
  return {
    overdue: debt.overdue,
    oldestDueDate: oldest?.dueDate,
    debtEntryId: oldest?.id,
    lines: open.map((d) => ({
      valueDate: d.valueDate,
      description: d.description,
      dueDate: d.dueDate,
      unpaid: d.remaining,
      interest: interest.get(d.id) ?? 0,
    })),
  };
}

/** Every holder with arrears on `asOf`, with the stage due (or why none), by unit and name. */
export async function reminderCandidates(
  db: Db,
  { organization, asOf }: { organization: Organization; asOf: string },
): Promise<{ stages: Stage[]; candidates: ReminderCandidate[] }> {
  const organizationId = organization.id;
  const [stages, debtors] = await readTogether(db, [
    () => loadStages(db, { organizationId }),
    () => listDebtorsByHolder(db, { organizationId, asOf, threshold: 0, settings: ledgerSettingsOf(organization) }),
  ]);
  const withArrears = debtors.filter((r) => r.holder.debt.overdue > 0 && r.holder.segment.personIds.length > 0);
  const sentRows = await listRemindersOfUnits(db, {
    organizationId,
    unitIds: [...new Set(withArrears.map((r) => r.unitId))],
  });
  const sentOf = new Map<string, SentStage[]>();
  for (const s of sentRows) {
    const key = `${s.unitId}:${s.personId}:${s.debtEntryId}`;
    sentOf.set(key, [...(sentOf.get(key) ?? []), { level: s.level, payBy: s.payBy }]);
  }
  const candidates = withArrears.flatMap((row: DebtorRow) => {
    const arrears = arrearsOf(row.holder.debt, asOf);
    const { segment } = row.holder;
    return segment.personIds.map((personId, i) => {
      const sent = sentOf.get(`${row.unitId}:${personId}:${arrears.debtEntryId}`) ?? [];
      return {
        unitId: row.unitId,
        label: row.label,
        personId,
        name: segment.names[i] ?? '',
        former: !segment.current,
        periodFrom: segment.from,
        debt: row.holder.debt,
        arrears,
        sent,
        decision: stageDue(stages, arrears, sent, asOf),
      };
    });
  });
  const collator = new Intl.Collator('pl');
  candidates.sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.name, b.name));
  return { stages, candidates };
}

/** The letters' recipients of one stage, each with their own figures. */
async function recipientsOf(
  organization: Organization,
  stage: Stage,
  due: readonly ReminderCandidate[],
): Promise<PersonalRecipient[]> {
  return Promise.all(
    due.map(async (c) => {
      if (c.decision.kind !== 'due') throw new Error('only due candidates get a letter');
      const total = c.arrears.overdue + c.debt.interest;
      const payment = await transferData(organization, { unitId: c.unitId, label: c.label }, total);
      return {
        personId: c.personId,
        unitId: c.unitId,
        extra: reminderValues({
          stageName: stage.name,
          principal: c.arrears.overdue,
          interest: c.debt.interest,
          oldest: c.debt.oldestOverdue,
          payBy: c.decision.payBy,
          lines: c.arrears.lines,
          payment: { qrText: payment.qrText, qrOmitted: payment.qrOmitted, title: payment.title },
        }),
      };
    }),
  );
}

const dueAt = (candidates: readonly ReminderCandidate[], level: number) =>
  candidates.filter((c) => c.decision.kind === 'due' && c.decision.stage.level === level);

export interface StagePreview {
  stage: Stage;
  due: ReminderCandidate[];
  letter: PersonalPreview | undefined;
}

/** Who would get which stage on `asOf`, and each stage's letter for three of them (nothing is written). */
export async function previewReminders(
  db: Db,
  { organization, asOf, now }: { organization: Organization; asOf: string; now: Date },
): Promise<{ candidates: ReminderCandidate[]; stages: StagePreview[] }> {
  const { stages, candidates } = await reminderCandidates(db, { organization, asOf });
  const previews: StagePreview[] = [];
  for (const stage of stages) {
    const due = dueAt(candidates, stage.level);
    const letter = due.length
      ? await previewPersonalLetter(db, {
          organization,
          now,
          asOf,
          count: 3,
          subject: stage.subject,
          bodyMarkdown: stage.bodyMarkdown,
          extraFields: reminderFields,
          recipients: await recipientsOf(organization, stage, due),
        })
      : undefined;
    previews.push({ stage, due, letter });
  }
  return { candidates, stages: previews };
}

export interface RunResult {
  sent: number;
  email: number;
  paper: number;
  skipped: number;
  byStage: Record<string, number>;
}

/**
 * Sends every stage due on `asOf`, in one transaction: the letters (correspondence), a record per
 * unit, holder and stage, and one audit row for the run.
 */
export async function sendReminders(
  db: Db,
  {
    actor,
    organization,
    asOf,
    now,
    mailFrom,
    baseUrl,
  }: { actor: Actor; organization: Organization; asOf: string; now: Date } & MailSettings,
): Promise<RunResult> {
  const organizationId = organization.id;
  return db.transaction(async (tx) => {
    await lockReminderRuns(tx, { organizationId });
    const { stages, candidates } = await reminderCandidates(tx, { organization, asOf });
    const result: RunResult = { sent: 0, email: 0, paper: 0, skipped: 0, byStage: {} };
    for (const stage of stages) {
      const due = dueAt(candidates, stage.level);
      if (due.length === 0) continue;
      const letter = await sendPersonalLetter(tx, {
        key: `debt-reminder:${asOf}:${stage.level}`,
        organization,
        actor,
        now,
        mailFrom,
        baseUrl,
        asOf,
        attachPdf: true,
        purpose: 'reminders.letter',
        subject: stage.subject,
        bodyMarkdown: stage.bodyMarkdown,
        extraFields: reminderFields,
        recipients: await recipientsOf(organization, stage, due),
      });
      const byPair = new Map(due.map((c) => [`${c.personId}:${c.unitId}`, c]));
      const recorded = await insertReminders(
        tx,
        letter.deliveries.flatMap((d) => {
          const c = byPair.get(`${d.personId}:${d.unitId}`);
          if (c?.decision.kind !== 'due' || c.arrears.debtEntryId === undefined) return [];
          return [
            {
              organizationId,
              unitId: c.unitId,
              unitLabel: c.label,
              personId: c.personId,
              periodFrom: c.periodFrom ?? null,
              level: stage.level,
              stageName: stage.name,
              debtEntryId: c.arrears.debtEntryId,
              asOf,
              payBy: c.decision.payBy,
              principal: c.arrears.overdue,
              interest: c.debt.interest,
              total: c.arrears.overdue + c.debt.interest,
              letterId: letter.letterId,
              deliveryId: d.deliveryId,
              channel: d.channel,
              createdAt: now,
              createdByLabel: actor.actorLabel ?? '',
            },
          ];
        }),
      );
      result.sent += recorded;
      result.email += letter.email;
      result.paper += letter.paper;
      result.skipped += letter.skipped.length;
      result.byStage[String(stage.level)] = recorded;
    }
    await recordAudit(tx, {
      ...actor,
      action: 'reminders.sent',
      subjectType: 'reminder_run',
      subjectId: asOf,
      detail: { asOf, ...result },
    });
    return result;
  });
}
