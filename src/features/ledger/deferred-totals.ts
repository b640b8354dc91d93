/**
 * The ledger's door for a writer of many entries in several statements of one transaction (a
 * bank statement written chunk by chunk): the monthly and yearly totals of what it writes are
 * added once, at `settleLedgerTotals`, instead of by each statement's trigger (which upserted
 * the same units' totals rows again for every chunk). Between the two calls the trigger only
 * adds each statement's new entries up per unit and month into a temporary table (migrations
 * 0037, 0038), and the settling adds those sums to the totals without reading the entries back; the transaction cannot commit while any noted entry
 * is left unsettled. A savepoint rolled back undoes the deferral with what was written under it.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

/** From now until `settleLedgerTotals`, new entries in this transaction wait to be added to the totals. */
export async function deferLedgerTotals(db: Db): Promise<void> {
  await queryRows(db, sql`select ledger_totals_defer()`);
}

/** Adds every entry written since `deferLedgerTotals` to the totals, as the trigger would have, and ends the deferral. */
export async function settleLedgerTotals(db: Db): Promise<void> {
  await queryRows(db, sql`select ledger_totals_settle()`);
}
