/** All SQL of the bank feature: statements, their entries, the queue. */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type CopyColumn, copyText, copyTextInto } from '../../db/copy.ts';
import type { BankEntry } from './formats/statement.ts';

export type EntryStatus =
  | 'booked'
  | 'unmatched'
  | 'ambiguous'
  | 'conflict'
  | 'debit'
  | 'assigned'
  | 'returned'
  | 'not_member'
  | 'corrected';
export type StoredMatchMethod = 'virtual_account' | 'unit_reference' | 'payer_account' | 'earlier_import' | 'manual';

/** Serialises imports of one organization (two uploads of the same file at once). */
export async function lockImports(db: Db, { organizationId }: { organizationId: number }): Promise<void> {
  await queryRows(db, sql`select pg_advisory_xact_lock(hashtext('bank-import'), ${organizationId}::int)`);
}

export async function findStatement(
  db: Db,
  q: {
    organizationId: number;
    account: string;
    number: string;
    periodFrom: string;
    periodTo: string;
    contentHash: string;
  },
): Promise<{ id: number; importedAt: string; fileName: string } | undefined> {
  const rows = await queryRows<{ id: string; imported_at: string; file_name: string }>(
    db,
    sql`select id::text, imported_at::text, file_name from bank_statements
        where organization_id = ${q.organizationId} and account = ${q.account} and number = ${q.number}
          and period_from = ${q.periodFrom}::date and period_to = ${q.periodTo}::date and content_hash = ${q.contentHash}`,
  );
  const r = rows[0];
  return r ? { id: Number(r.id), importedAt: r.imported_at, fileName: r.file_name } : undefined;
}

export async function insertStatement(
  db: Db,
  s: {
    organizationId: number;
    fileName: string;
    format: string;
    account: string;
    number: string;
    periodFrom: string;
    periodTo: string;
    contentHash: string;
    openingBalance: number | undefined;
    closingBalance: number | undefined;
    entryCount: number;
    newEntryCount: number;
    importedBy: string;
  },
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into bank_statements (organization_id, file_name, format, account, number, period_from, period_to,
          content_hash, opening_balance, closing_balance, entry_count, new_entry_count, imported_by)
        values (${s.organizationId}, ${s.fileName}, ${s.format}, ${s.account}, ${s.number}, ${s.periodFrom}::date,
          ${s.periodTo}::date, ${s.contentHash}, ${s.openingBalance ?? null}, ${s.closingBalance ?? null},
          ${s.entryCount}, ${s.newEntryCount}, ${s.importedBy})
        returning id::text`,
  );
  return Number(rows[0]?.id);
}

/**
 * The statement's row, written when its reading starts (its entries name it) with a provisional
 * identity; `completeStatement` gives it its identity once the whole statement is read.
 */
export async function completeStatement(
  db: Db,
  s: {
    organizationId: number;
    statementId: number;
    periodFrom: string;
    periodTo: string;
    contentHash: string;
    openingBalance: number | undefined;
    closingBalance: number | undefined;
    entryCount: number;
    newEntryCount: number;
  },
): Promise<void> {
  await queryRows(
    db,
    sql`update bank_statements set period_from = ${s.periodFrom}::date, period_to = ${s.periodTo}::date,
          content_hash = ${s.contentHash}, opening_balance = ${s.openingBalance ?? null},
          closing_balance = ${s.closingBalance ?? null}, entry_count = ${s.entryCount}, new_entry_count = ${s.newEntryCount}
        where organization_id = ${s.organizationId} and id = ${s.statementId}`,
  );
}

/** Entries of earlier statements already stored under these keys: their amount and booking date. */
export async function entriesByKey(
  db: Db,
  {
    organizationId,
    keys,
    exceptStatementId = 0,
  }: { organizationId: number; keys: string[]; exceptStatementId?: number },
): Promise<Map<string, { amount: number; bookingDate: string }>> {
  const found = new Map<string, { amount: number; bookingDate: string }>();
  for (let i = 0; i < keys.length; i += 50_000) {
    const rows = await queryRows<{ entry_key: string; amount: string; booking_date: string }>(
      db,
      // One probe of the (organization, key) index per key, whatever the planner knows of the
      // table (see `payersOf`).
      sql`select b.entry_key, b.amount::text, b.booking_date::text
          from unnest(${sql.param(keys.slice(i, i + 50_000))}::text[]) as k(key)
          cross join lateral (
            select entry_key, amount, booking_date from bank_entries
            where organization_id = ${organizationId} and entry_key = k.key and statement_id <> ${exceptStatementId}
            offset 0) b`,
    );
    for (const r of rows) found.set(r.entry_key, { amount: Number(r.amount), bookingDate: r.booking_date });
  }
  return found;
}

/** Payer account → units it paid for, from matched entries of earlier statements. */
export async function payersOf(
  db: Db,
  {
    organizationId,
    accounts,
    exceptStatementId = 0,
  }: { organizationId: number; accounts: string[]; exceptStatementId?: number },
): Promise<Map<string, Set<number>>> {
  const payers = new Map<string, Set<number>>();
  if (accounts.length === 0) return payers;
  const rows = await queryRows<{ counterparty_account: string; unit_id: string }>(
    db,
    // Each account looked up by itself through the payers' index (a lateral subquery that
    // `offset 0` keeps from being merged into a join): with `= any(array)`, a table the planner
    // has no statistics of yet (a cooperative's first large statements) was read whole for
    // every chunk of a statement, so a chunk's look-up cost the size of the table, not its own.
    sql`select distinct p.counterparty_account, p.unit_id::text
        from unnest(${sql.param(accounts)}::text[]) as a(account)
        cross join lateral (
          select counterparty_account, unit_id from bank_entries
          where organization_id = ${organizationId} and counterparty_account = a.account
            and unit_id is not null and counterparty_account <> '' and amount > 0
            and statement_id <> ${exceptStatementId}
          offset 0) p`,
  );
  for (const r of rows) {
    const set = payers.get(r.counterparty_account) ?? new Set<number>();
    set.add(Number(r.unit_id));
    payers.set(r.counterparty_account, set);
  }
  return payers;
}

export interface NewBankEntry extends Omit<BankEntry, 'details'> {
  entryKey: string;
  status: EntryStatus;
  matchMethod: StoredMatchMethod | null;
  unitId: number | null;
  ledgerEntryId: number | null;
  suggestions: number[];
  note: string;
}

const entryColumns: CopyColumn[] = [
  { name: 'organization_id', type: 'bigint' },
  { name: 'statement_id', type: 'bigint' },
  { name: 'entry_key', type: 'text' },
  { name: 'line', type: 'int' },
  { name: 'booking_date', type: 'date' },
  { name: 'value_date', type: 'date' },
  { name: 'amount', type: 'bigint' },
  { name: 'reference', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'counterparty_name', type: 'text' },
  { name: 'counterparty_account', type: 'text' },
  { name: 'credited_account', type: 'text' },
  { name: 'operation', type: 'text' },
  { name: 'status', type: 'bank_entry_status' },
  { name: 'match_method', type: 'bank_match_method' },
  { name: 'unit_id', type: 'bigint' },
  { name: 'ledger_entry_id', type: 'bigint' },
  { name: 'suggestions', type: 'jsonb' },
  { name: 'note', type: 'text' },
];

/**
 * Prepares the set-wise write of a statement's new entries (COPY on PostgreSQL, PGlite's COPY
 * device on PGlite; their keys are new: the import looked them up under its lock): their COPY
 * text is made here and now, in one piece; the returned function sends it on the transaction's
 * connection, and the caller awaits it before anything reads the entries.
 */
export function prepareBankEntries(
  db: Db,
  { organizationId, statementId, entries }: { organizationId: number; statementId: number; entries: NewBankEntry[] },
): () => Promise<void> {
  if (entries.length === 0) return () => Promise.resolve();
  const head = `${organizationId}\t${statementId}\t`;
  let text = '';
  for (const e of entries) {
    text += `${head}${copyText(e.entryKey)}\t${e.line}\t${copyText(e.bookingDate)}\t${copyText(e.valueDate)}\t${e.amount}\t${copyText(e.reference)}\t${copyText(e.title)}\t${copyText(e.counterpartyName)}\t${copyText(e.counterpartyAccount)}\t${copyText(e.creditedAccount)}\t${copyText(e.operation)}\t${e.status}\t${copyText(e.matchMethod)}\t${copyText(e.unitId)}\t${copyText(e.ledgerEntryId)}\t${e.suggestions.length === 0 ? '[]' : copyText(JSON.stringify(e.suggestions))}\t${copyText(e.note)}\n`;
  }
  const bytes = Buffer.from(text, 'utf8');
  return () => copyTextInto(db, { table: 'bank_entries', columns: entryColumns, text: bytes });
}

export interface StoredEntry {
  id: number;
  statementId: number;
  fileName: string;
  line: number;
  bookingDate: string;
  amount: number;
  reference: string;
  title: string;
  counterpartyName: string;
  counterpartyAccount: string;
  status: EntryStatus;
  matchMethod: StoredMatchMethod | null;
  unitId: number | null;
  suggestions: number[];
  note: string;
  decidedBy: string | null;
}

const storedColumns = sql`e.id::text, e.statement_id::text, s.file_name, e.line, e.booking_date::text, e.amount::text,
  e.reference, e.title, e.counterparty_name, e.counterparty_account, e.status::text, e.match_method::text,
  e.unit_id::text, e.suggestions, e.note, e.decided_by`;

function storedOf(r: Record<string, unknown>): StoredEntry {
  return {
    id: Number(r.id),
    statementId: Number(r.statement_id),
    fileName: String(r.file_name),
    line: Number(r.line),
    bookingDate: String(r.booking_date),
    amount: Number(r.amount),
    reference: String(r.reference),
    title: String(r.title),
    counterpartyName: String(r.counterparty_name),
    counterpartyAccount: String(r.counterparty_account),
    status: r.status as EntryStatus,
    matchMethod: (r.match_method ?? null) as StoredMatchMethod | null,
    unitId: r.unit_id === null ? null : Number(r.unit_id),
    suggestions: Array.isArray(r.suggestions) ? r.suggestions.map(Number) : [],
    note: String(r.note),
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
  };
}

/** Entries waiting for the accountant, oldest first. */
export async function listWaiting(
  db: Db,
  { organizationId, limit = 500 }: { organizationId: number; limit?: number },
): Promise<StoredEntry[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${storedColumns} from bank_entries e join bank_statements s on s.id = e.statement_id
        where e.organization_id = ${organizationId} and e.status in ('unmatched', 'ambiguous', 'conflict', 'debit')
        order by e.booking_date, e.id limit ${limit}`,
  );
  return rows.map(storedOf);
}

export async function countWaiting(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<{ count: number; oldest: string | null }> {
  const rows = await queryRows<{ count: string; oldest: string | null }>(
    db,
    sql`select count(*)::text as count, min(booking_date)::text as oldest from bank_entries
        where organization_id = ${organizationId} and status in ('unmatched', 'ambiguous', 'conflict')`,
  );
  return { count: Number(rows[0]?.count ?? 0), oldest: rows[0]?.oldest ?? null };
}

export async function findEntry(
  db: Db,
  { organizationId, entryId, forUpdate = false }: { organizationId: number; entryId: number; forUpdate?: boolean },
): Promise<StoredEntry | undefined> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${storedColumns} from bank_entries e join bank_statements s on s.id = e.statement_id
        where e.organization_id = ${organizationId} and e.id = ${entryId} ${forUpdate ? sql`for update of e` : sql``}`,
  );
  return rows[0] ? storedOf(rows[0]) : undefined;
}

export async function recordDecision(
  db: Db,
  d: {
    organizationId: number;
    entryId: number;
    status: EntryStatus;
    unitId: number | null;
    ledgerEntryId: number | null;
    note: string;
    decidedBy: string;
  },
): Promise<void> {
  await queryRows(
    db,
    sql`update bank_entries set status = ${d.status}::bank_entry_status,
          match_method = case when ${d.unitId}::bigint is null then match_method else 'manual'::bank_match_method end,
          unit_id = coalesce(${d.unitId}::bigint, unit_id), ledger_entry_id = coalesce(${d.ledgerEntryId}::bigint, ledger_entry_id),
          note = ${d.note}, decided_by = ${d.decidedBy}, decided_at = now()
        where organization_id = ${d.organizationId} and id = ${d.entryId}`,
  );
}

/** Entries of one statement, for the results page. */
export async function listStatementEntries(
  db: Db,
  { organizationId, statementId }: { organizationId: number; statementId: number },
): Promise<StoredEntry[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${storedColumns} from bank_entries e join bank_statements s on s.id = e.statement_id
        where e.organization_id = ${organizationId} and e.statement_id = ${statementId} order by e.line, e.id`,
  );
  return rows.map(storedOf);
}
