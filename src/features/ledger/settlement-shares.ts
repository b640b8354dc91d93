/**
 * Entries linked to a media settlement whose period straddles a change of holders (issue 15 item
 * 5), for many windows (a unit's holder periods) at once: the settlement's own entry, and a
 * correction of it (its reversal and its replacement), each counted in a holder period by that
 * settlement's days (`holderShare`), not by its date. The debt's allocation (debt-inputs.ts) and
 * what a member sees of their history (holder-history.ts) read them here: one computation.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type HolderShare, holderShare } from './rules/settlement-split.ts';

export interface DebtWindow {
  unitId: number;
  /** The window's first day (undefined = the whole history). */
  from?: string | undefined;
  /** The window's last day counted (the day asked, or a former holder's last day). */
  to: string;
  /** The holder period's own last day when it ends (a settlement's share by days); undefined = open. */
  until?: string | undefined;
  /** The day asked, when `to` is earlier (a share of a settlement dated later counts once it is dated); default `to`. */
  asOf?: string | undefined;
}

const texts = (values: readonly (string | number | undefined)[]) =>
  sql`${sql.param(values.map((v) => (v === undefined ? '' : String(v))))}::text[]`;

/** `values` as an array parameter of bigints (ids). */
export const bigints = (values: readonly number[]) => sql`${texts(values)}::bigint[]`;

/**
 * The windows as a relation `w(unit_id, from_day, to_day, ord, seg_from, seg_until, as_of,
 * cut_day)`, one array parameter per column: `from_day` the first day read, `seg_from`/`seg_until`
 * the holder period's own bounds (-infinity/infinity when open), `cut_day` the first day read
 * when the balance before it is carried in (`cuts`), else null.
 */
export function windowsRelation(
  windows: readonly DebtWindow[],
  starts?: readonly (string | undefined)[],
  cuts: readonly (string | undefined)[] = [],
) {
  return sql`select x.unit_id::bigint as unit_id, nullif(x.from_day, '')::date as from_day,
        x.to_day::date as to_day, x.ord,
        coalesce(nullif(x.seg_from, '')::date, '-infinity'::date) as seg_from,
        coalesce(nullif(x.seg_until, '')::date, 'infinity'::date) as seg_until, x.as_of::date as as_of,
        nullif(x.cut_day, '')::date as cut_day
      from unnest(${texts(windows.map((w) => w.unitId))}, ${texts(starts ?? windows.map((w) => w.from))},
        ${texts(windows.map((w) => w.to))}, ${texts(windows.map((w) => w.from))}, ${texts(windows.map((w) => w.until))},
        ${texts(windows.map((w) => w.asOf ?? w.to))}, ${texts(windows.map((_, i) => cuts[i]))})
        with ordinality as x(unit_id, from_day, to_day, seg_from, seg_until, as_of, cut_day, ord)`;
}

/**
 * Joins to an entry `e` its settlement `s` (inner) when it is a settlement's entry or a
 * correction of one (the reversal and the replacement point at the corrected entry, which may
 * itself be a replacement).
 */
export function settlementOf(organizationId: number) {
  return sql`left join ledger_entries c on c.organization_id = ${organizationId} and c.id = e.corrects_entry_id
    join media_settlements s on e.kind in ('media_settlement', 'correction') and s.organization_id = ${organizationId}
      and s.ledger_entry_id = coalesce(c.corrects_entry_id, e.corrects_entry_id, e.id)`;
}

/**
 * A settlement's entry counted in a window other than by its value date alone: dated by the day
 * asked, and either its period overlaps the holder period without lying wholly in it, or it is
 * dated outside the holder period while its period overlaps it, or it is dated in it for a
 * period wholly outside. With `split = 'days'` such an entry counts by its days (its share).
 */
export const crossing = sql`e.value_date <= w.as_of
  and ((s.period_from <= w.seg_until and s.period_to >= w.seg_from)
    or (e.value_date >= w.seg_from and e.value_date <= w.to_day))
  and not (s.period_from >= w.seg_from and s.period_to <= w.seg_until
    and e.value_date >= w.seg_from and e.value_date <= w.to_day)`;

export interface CrossingEntry {
  /** The window's position (1-based) in the list given. */
  ord: number;
  id: number;
  kind: string;
  valueDate: string;
  dueDate: string | null;
  /** As booked. */
  amount: number;
  correctsEntryId: number | null;
  description: string;
  period: { from: string; to: string };
  /** What the window's holders answer for (0 days: nothing). */
  share: HolderShare;
  /** Whether the entry's date lies in the window (a plain balance by date counts it whole). */
  datedIn: boolean;
}

/**
 * Whether a window can have a crossing entry at all: one without a first day, without an end of
 * its holder period and counted to the day asked (a unit with one holder, or the whole unit)
 * covers every settlement's period and every date up to that day, so `crossing` never holds.
 */
export function mayCross(w: DebtWindow): boolean {
  return w.from !== undefined || w.until !== undefined || w.to < (w.asOf ?? w.to);
}

/** The straddling settlements' entries of each window, dated by the day asked, by window then date. */
export async function loadCrossingEntries(
  db: Db,
  { organizationId, windows: all }: { organizationId: number; windows: readonly DebtWindow[] },
): Promise<CrossingEntry[]> {
  // Only the windows that can have one are read (their position kept for `ord`).
  const positions = all.flatMap((w, i) => (mayCross(w) ? [i] : []));
  if (positions.length === 0) return [];
  const windows = positions.map((i) => all[i] as DebtWindow);
  const rows = await queryRows<Record<string, string | null>>(
    db,
    sql`with w as (${windowsRelation(windows)})
        select w.ord::text, e.id::text, e.kind::text, e.value_date::text, e.due_date::text, e.amount::text,
               e.corrects_entry_id::text, e.description, s.period_from::text, s.period_to::text
        from w join ledger_entries e on e.organization_id = ${organizationId} and e.unit_id = w.unit_id
          and e.kind in ('media_settlement', 'correction') and e.value_date <= w.as_of
        ${settlementOf(organizationId)}
        where ${crossing}
        order by w.ord, e.value_date, e.id`,
  );
  return rows.map((r) => {
    const window = windows[Number(r.ord) - 1] as DebtWindow;
    const valueDate = String(r.value_date);
    const amount = Number(r.amount);
    const period = { from: String(r.period_from), to: String(r.period_to) };
    return {
      ord: (positions[Number(r.ord) - 1] as number) + 1,
      id: Number(r.id),
      kind: String(r.kind),
      valueDate,
      dueDate: r.due_date ?? null,
      amount,
      correctsEntryId: r.corrects_entry_id === null ? null : Number(r.corrects_entry_id),
      description: String(r.description),
      period,
      share: holderShare(amount, period, window),
      datedIn: (window.from === undefined || valueDate >= window.from) && valueDate <= window.to,
    };
  });
}
