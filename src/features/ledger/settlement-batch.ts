/**
 * The ledger's door for posting computed media settlements in bulk (the media feature's water
 * settlement of every building, and imported heating results): the entries and their settlement
 * rows of any number of runs in ONE statement (a data-modifying CTE: entries inserted, then the
 * settlement rows that point at them), so posting every building costs one round trip however
 * many units there are. A reference already booked is skipped (its settlement row too), so
 * posting a run twice changes nothing. Each run keeps its own audit row
 * (`ledger.media_settlement_run`). Separate from the bank's payments door.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
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

const texts = (values: string[]) => sql.param(values);
const numbers = (values: number[]) => sql.param(values.map(String));

/**
 * Books every run's settlements in one statement, inside the caller's transaction (the caller
 * marks its runs posted in the same one). Returns how many entries were booked now.
 */
export async function postSettlementBatch(
  tx: Db,
  { actor, runs }: { actor: Actor; runs: ComputedRun[] },
): Promise<number> {
  const organizationId = actor.organizationId;
  const items = runs.flatMap((run) => run.items);
  let booked = 0;
  if (items.length > 0) {
    const [row] = await queryRows<{ booked: number }>(
      tx,
      sql`with input as materialized (
            select * from unnest(
              ${numbers(items.map((i) => i.unitId))}::text[]::bigint[],
              ${texts(items.map((i) => i.bookingDate))}::text[]::date[],
              ${texts(items.map((i) => i.valueDate))}::text[]::date[],
              ${texts(items.map((i) => i.dueDate))}::text[]::date[],
              ${texts(items.map(settlementDescription))}::text[],
              ${texts(items.map((i) => i.sourceRef))}::text[],
              ${texts(items.map((i) => i.medium))}::text[],
              ${texts(items.map((i) => i.periodFrom))}::text[]::date[],
              ${texts(items.map((i) => i.periodTo))}::text[]::date[],
              ${numbers(items.map((i) => i.consumptionThousandths))}::text[]::bigint[],
              ${texts(items.map((i) => i.consumptionUnit))}::text[],
              ${numbers(items.map((i) => i.price))}::text[]::bigint[],
              ${numbers(items.map((i) => i.cost))}::text[]::bigint[],
              ${numbers(items.map((i) => i.advances))}::text[]::bigint[]
            ) as t(unit_id, booking_date, value_date, due_date, description, ref, medium, period_from, period_to,
                   consumption, consumption_unit, price, cost, advances)
          ),
          entries as (
            insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, component_id, amount,
              description, due_date, source, source_ref, corrects_entry_id)
            select ${organizationId}, unit_id, booking_date, value_date, 'media_settlement', null, cost - advances,
              description, due_date, 'settlement', 'settlement:' || ref, null
            from input order by unit_id, value_date
            on conflict (organization_id, source_ref) do nothing
            returning id, source_ref
          ),
          settled as (
            insert into media_settlements (organization_id, unit_id, medium, period_from, period_to, consumption_thousandths,
              consumption_unit, price, cost, advances, result, ledger_entry_id, source_ref)
            select ${organizationId}, i.unit_id, i.medium::medium, i.period_from, i.period_to, i.consumption,
              i.consumption_unit, i.price, i.cost, i.advances, i.cost - i.advances, e.id, i.ref
            from input i join entries e on e.source_ref = 'settlement:' || i.ref
            returning 1
          )
          select count(*)::int as booked from settled`,
    );
    booked = Number(row?.booked ?? 0);
  }
  for (const run of runs) {
    await recordAudit(tx, {
      ...actor,
      action: 'ledger.media_settlement_run',
      subjectType: 'unit',
      detail: { runRef: run.runRef, count: run.items.length },
    });
  }
  return booked;
}
