import type { Db } from '../../db/client.ts';
import type { CostKind } from '../ledger/rules/fees.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import type { Organization } from '../organizations/queries.ts';
import { describeHoldersOfUnits } from '../units/holders.ts';
import type { FeePlan } from './queries.ts';
import type { DeliveredDay } from './rules/notices.ts';
import { noticeStates, unitStarts } from './settle.ts';

export interface UnitNoticeRow {
  unitId: number;
  label: string;
  holders: string;
  /** Each notice of the unit: holder's name, channel, the day delivered (null: waiting). */
  notices: { name: string; channel: 'email' | 'paper'; delivered: DeliveredDay }[];
  /** The unit's first month of the new rates by kind; null while a notice waits. */
  starts: Partial<Record<CostKind, string | null>>;
}

export interface NoticeReport {
  email: { delivered: number; waiting: number };
  paper: { delivered: number; waiting: number };
  /** Units whose notice came too late for the planned month, with their first lawful month. */
  late: UnitNoticeRow[];
  /** Units still waiting for a holder's notice (old rates continue until it is delivered). */
  waiting: UnitNoticeRow[];
}

/** The sent plan's notices: how many delivered, late-notified units and units still waiting. */
export async function noticeReport(
  db: Db,
  {
    organization,
    plan,
    kinds,
    labels,
  }: {
    organization: Organization;
    plan: FeePlan;
    kinds: readonly CostKind[];
    labels: Map<number, { label: string; holders: string }>;
  },
): Promise<NoticeReport> {
  const organizationId = organization.id;
  const notices = await noticeStates(db, { organizationId, planIds: [plan.id] });
  const starts = unitStarts(plan, notices, kinds, ledgerSettingsOf(organization).dueDay);
  const persons = await describeHoldersOfUnits(db, {
    organizationId,
    pairs: notices.map((n) => ({ personId: n.personId, unitId: n.unitId })),
  });
  const nameOf = new Map(persons.map((p) => [`${p.personId}:${p.unitId}`, `${p.firstName} ${p.lastName}`]));
  const count = (channel: 'email' | 'paper') => {
    const of = notices.filter((n) => n.channel === channel);
    const delivered = of.filter((n) => n.delivered !== null).length;
    return { delivered, waiting: of.length - delivered };
  };
  const rows: UnitNoticeRow[] = [...starts].map(([unitId, unitStarts]) => ({
    unitId,
    label: labels.get(unitId)?.label ?? '',
    holders: labels.get(unitId)?.holders ?? '',
    notices: notices
      .filter((n) => n.unitId === unitId)
      .map((n) => ({
        name: nameOf.get(`${n.personId}:${n.unitId}`) ?? '',
        channel: n.channel,
        delivered: n.delivered,
      })),
    starts: unitStarts,
  }));
  return {
    email: count('email'),
    paper: count('paper'),
    late: rows.filter((r) => Object.values(r.starts).some((m) => m && m > plan.month)),
    waiting: rows.filter((r) => Object.values(r.starts).some((m) => m === null)),
  };
}
