/**
 * What a holder sees of a unit's history when a media settlement straddles a change of holders:
 * the settlement's entries (and corrections of it) at the holder's share, with the rule in words,
 * from the same computation as the debt (settlement-shares.ts), so the history's balances, the
 * balance on a day and "Do zapłaty" agree to the grosz.
 */
import type { Db } from '../../db/client.ts';
import type { MemberLedgerUnit } from './member.ts';
import { type Entry, listEntries } from './queries.ts';
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
