/**
 * The ledger's door for posting computed media settlements in bulk (the media feature's water
 * settlement of every building, and imported heating results): the entries of any number of runs
 * and their settlement rows written set-wise inside the caller's transaction — by `COPY` on
 * PostgreSQL, by a multi-row insert on PGlite (db/copy.ts), as the bank's payments door does — so
 * posting every building costs about what copying its rows costs, however many units there are.
 * The ledger's constraints and totals trigger apply as to any insert. Posting a run twice changes
 * nothing because the caller posts only runs it has locked and not yet posted. Each run keeps its
 * own audit row (`ledger.media_settlement_run`). Separate from the bank's payments door.
 */
import type { Db } from '../../db/client.ts';
import { type CopyColumn, type CopyValue, copyRows } from '../../db/copy.ts';
import { type Actor, recordAudits } from '../audit/audit.ts';
import { copyLedgerEntries } from './copy-entries.ts';
import { mediumLabels } from './labels.ts';
import type { MediaSettlementInput } from './ledger.ts';

export interface ComputedSettlement extends MediaSettlementInput {
  /** The day the result counts from (a former holder's share: their last day). */
  valueDate: string;
  /** cost − advances as computed by the settling feature. */
  cost: number;
}

export interface ComputedRun {
  /** The run's reference in the audit log (`run:<id>`). */
  runRef: string;
  items: ComputedSettlement[];
}

/** The entry's description: the medium, the months and whether it is to pay or to return. */
export function settlementDescription(item: ComputedSettlement): string {
  const result = item.cost - item.advances;
  return `Rozliczenie: ${mediumLabels[item.medium]} ${item.periodFrom.slice(0, 7)}–${item.periodTo.slice(0, 7)} (${result >= 0 ? 'dopłata' : 'zwrot'})`;
}

const settlementColumns: CopyColumn[] = [
  { name: 'organization_id', type: 'bigint' },
  { name: 'unit_id', type: 'bigint' },
  { name: 'medium', type: 'medium' },
  { name: 'period_from', type: 'date' },
  { name: 'period_to', type: 'date' },
  { name: 'consumption_thousandths', type: 'bigint' },
  { name: 'consumption_unit', type: 'text' },
  { name: 'price', type: 'bigint' },
  { name: 'cost', type: 'bigint' },
  { name: 'advances', type: 'bigint' },
  { name: 'result', type: 'bigint' },
  { name: 'ledger_entry_id', type: 'bigint' },
  { name: 'source_ref', type: 'text' },
];

const entryRef = (item: ComputedSettlement) => `settlement:${item.sourceRef}`;

/**
 * Books every run's settlements inside the caller's transaction, which has locked its runs and
 * vouches that none of them is posted yet (it marks them posted in the same transaction): so
 * every reference is new, and a repeat would fail the whole transaction on the ledger's unique
 * reference rather than book anything twice. The entries' ids are taken from their sequence
 * first, so both tables go in by COPY: the entries (unit and day order), then the settlement rows
 * that point at them. Returns how many entries were booked.
 */
export async function postSettlementBatch(
  tx: Db,
  { actor, runs }: { actor: Actor; runs: ComputedRun[] },
): Promise<number> {
  const organizationId = actor.organizationId;
  const items = runs
    .flatMap((run) => run.items)
    .sort((a, b) => a.unitId - b.unitId || (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : 0));
  if (items.length > 0) {
    const ids = await copyLedgerEntries(tx, {
      organizationId,
      entries: items.map((item) => ({
        unitId: item.unitId,
        bookingDate: item.bookingDate,
        valueDate: item.valueDate,
        kind: 'media_settlement',
        amount: item.cost - item.advances,
        description: settlementDescription(item),
        dueDate: item.dueDate,
        source: 'settlement',
        sourceRef: entryRef(item),
      })),
    });
    await copyRows(tx, {
      table: 'media_settlements',
      columns: settlementColumns,
      rows: items.map((item, i): CopyValue[] => [
        organizationId,
        item.unitId,
        item.medium,
        item.periodFrom,
        item.periodTo,
        item.consumptionThousandths,
        item.consumptionUnit,
        item.price,
        item.cost,
        item.advances,
        item.cost - item.advances,
        ids[i] as number,
        item.sourceRef,
      ]),
    });
  }
  await recordAudits(
    tx,
    runs.map((run) => ({
      ...actor,
      action: 'ledger.media_settlement_run',
      subjectType: 'unit',
      detail: { runRef: run.runRef, count: run.items.length },
    })),
  );
  return items.length;
}
