/**
 * What a holder sees of a unit's history when a media settlement straddles a change of holders:
 * the settlement's entries (and corrections of it) at the holder's share, with the rule in words,
 * from the same computation as the debt (settlement-shares.ts), so the history's balances, the
 * balance on a day and "Do zapłaty" agree to the grosz.
 */
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/together.ts';
import type { MemberLedgerUnit } from './member.ts';
import { type Entry, listEntries, listMediaSettlements, sumRange } from './queries.ts';
import { withRunningBalance } from './rules/balance.ts';
import { addDays } from './rules/months.ts';
import type { SettlementSplit } from './rules/settlement-split.ts';
import { type CrossingEntry, type DebtWindow, loadCrossingEntries } from './settlement-shares.ts';

/** The member's holder period as a debt window, on `asOf`: their entries up to their last day. */
export function memberDebtWindow(unit: MemberLedgerUnit, asOf: string): DebtWindow {
  const lastDay = unit.window.lastDay;
  return {
    unitId: unit.unitId,
    from: unit.window.from,
    to: lastDay !== undefined && lastDay < asOf ? lastDay : asOf,
    until: lastDay,
    asOf,
  };
}

/** The straddling settlements' entries of one holder period, with its shares (none by settlement date). */
export async function holderShares(
  db: Db,
  { organizationId, window, split }: { organizationId: number; window: DebtWindow; split: SettlementSplit },
): Promise<CrossingEntry[]> {
  if (split !== 'days') return [];
  return loadCrossingEntries(db, { organizationId, windows: [window] });
}

/** The share minus what a plain sum by date counts, over the entries dated before `before`. */
export function shareDelta(shares: readonly CrossingEntry[], { before }: { before: string }): number {
  let delta = 0;
  for (const e of shares) {
    if (e.valueDate >= before) continue;
    delta += (e.share.days === 0 ? 0 : e.share.amount) - (e.datedIn ? e.amount : 0);
  }
  return delta;
}

/**
 * The entries of [from, to] (read by date) as the holder period counts them: a straddling
 * settlement's entry at its share with the rule in its description (left out when none of its
 * days are the holders'), and such entries dated outside the holder period but in [from, to]
 * added, read by id (`extraTo` lets a former holder's last page reach the day asked).
 */
export async function withHolderShares(
  db: Db,
  {
    organizationId,
    unitId,
    entries,
    shares,
    from,
    to,
  }: {
    organizationId: number;
    unitId: number;
    entries: readonly Entry[];
    shares: readonly CrossingEntry[];
    from: string;
    to: string;
  },
): Promise<Entry[]> {
  if (shares.length === 0) return [...entries];
  const byId = new Map(shares.map((e) => [e.id, e]));
  const outside = shares.filter((e) => !e.datedIn && e.share.days > 0 && e.valueDate >= from && e.valueDate <= to);
  const added =
    outside.length === 0 ? [] : await listEntries(db, { organizationId, unitId, ids: outside.map((e) => e.id) });
  const rows: Entry[] = [];
  for (const entry of [...entries, ...added]) {
    const share = byId.get(entry.id);
    if (!share) {
      rows.push(entry);
      continue;
    }
    if (share.share.days === 0) continue;
    rows.push(
      share.share.note
        ? { ...entry, amount: share.share.amount, description: `${entry.description} — ${share.share.note}` }
        : entry,
    );
  }
  return rows.sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.id - b.id));
}

/**
 * The member's entries of [from, to] with a running balance from the balance before `from`, as
 * their holder period counts them: a settlement straddling a change of holders at their share; a
 * former holder's last page reaches today, where their share of a settlement dated after their
 * last day lies (`until`).
 */
export async function memberHistory(
  db: Db,
  {
    organizationId,
    unit,
    from,
    to,
    today,
    split,
  }: {
    organizationId: number;
    unit: MemberLedgerUnit;
    from: string;
    to: string;
    today: string;
    split: SettlementSplit;
  },
) {
  const [openingByDate, entries, shares] = await readTogether(db, [
    () => sumRange(db, { organizationId, unitId: unit.unitId, from: unit.window.from, to: addDays(from, -1) }),
    () =>
      listEntries(db, {
        organizationId,
        unitId: unit.unitId,
        from: unit.window.from && unit.window.from > from ? unit.window.from : from,
        to,
      }),
    () => holderShares(db, { organizationId, window: memberDebtWindow(unit, today), split }),
  ]);
  const opening = openingByDate + shareDelta(shares, { before: from });
  const until = unit.window.lastDay !== undefined && to >= unit.window.lastDay ? today : to;
  const counted = await withHolderShares(db, { organizationId, unitId: unit.unitId, entries, shares, from, to: until });
  const rows = withRunningBalance(counted, opening);
  return { opening, rows, closing: rows.at(-1)?.running ?? opening, until };
}

/**
 * The media settlements the member sees: those of their period's days (shared by days, one whose
 * period overlaps theirs is partly theirs; by settlement date, those ending in it), with their
 * share of each one divided between holders, by its ledger entry.
 */
export async function memberSettlements(
  db: Db,
  {
    organizationId,
    unit,
    today,
    split,
  }: { organizationId: number; unit: MemberLedgerUnit; today: string; split: SettlementSplit },
) {
  const [settlements, shares] = await readTogether(db, [
    () =>
      listMediaSettlements(db, {
        organizationId,
        unitId: unit.unitId,
        ...(unit.window.from ? { from: unit.window.from } : {}),
        ...(split === 'days'
          ? { startsBy: unit.window.lastDay ?? null }
          : { to: unit.window.lastDay ? addDays(unit.window.lastDay, 1) : null }),
      }),
    () => holderShares(db, { organizationId, window: memberDebtWindow(unit, today), split }),
  ]);
  return { settlements, shares: new Map(shares.map((e) => [e.id, e.share])) };
}

export interface HolderPart {
  names: string[];
  share: CrossingEntry['share'];
}

/**
 * For the unit's whole history (staff): each straddling settlement's entry with every holder
 * period's part, from the same shares as the debt of each period.
 */
export async function settlementPartsOfUnit(
  db: Db,
  {
    organizationId,
    unitId,
    periods,
    asOf,
    split,
  }: {
    organizationId: number;
    unitId: number;
    periods: readonly { from: string | undefined; lastDay: string; until: string | undefined; names: string[] }[];
    asOf: string;
    split: SettlementSplit;
  },
): Promise<Map<number, HolderPart[]>> {
  const parts = new Map<number, HolderPart[]>();
  if (split !== 'days' || periods.length < 2) return parts;
  const shares = await loadCrossingEntries(db, {
    organizationId,
    windows: periods.map((p) => ({ unitId, from: p.from, to: p.lastDay, until: p.until, asOf })),
  });
  for (const e of shares) {
    if (e.share.days === 0) continue;
    const period = periods[e.ord - 1];
    parts.set(e.id, [...(parts.get(e.id) ?? []), { names: period?.names ?? [], share: e.share }]);
  }
  // Only an entry actually divided is worth a note.
  for (const [id, list] of parts) if (list.every((p) => p.share.note === undefined)) parts.delete(id);
  return parts;
}
