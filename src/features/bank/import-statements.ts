/**
 * Importing bank statement files: each file is read as a stream of statement events (a large one
 * in a thread of its own; a broken one is refused with its file and line, nothing booked), its
 * account must be the cooperative's, and in ONE transaction per file its statements are stored, every new entry matched (rules/match.ts) and each matched
 * credit booked as the unit's payment on the bank's booking date. A statement seen before (same
 * account, number, period and content) changes nothing and says so; an overlapping one adds only
 * the entries not seen before; an entry whose reference was booked before with another amount or
 * date is a conflict for the accountant, never skipped silently.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { formatNrb } from '../../lib/nrb.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import {
  type BookedPayment,
  cooperativeAccounts,
  paymentsByReference,
  virtualAccountsOf,
} from '../ledger/bank-payments.ts';
import { deferLedgerTotals, settleLedgerTotals } from '../ledger/deferred-totals.ts';
import { prepareBankPayments, reserveBankPaymentIds } from '../ledger/write-bank-payments.ts';
import type { Organization } from '../organizations/queries.ts';
import { listUnitLabels } from '../units/unit-facts.ts';
import { contentHash, hashedEntries } from './content-hash.ts';
import type { BankEncoding } from './formats/decode.ts';
import { openStatementEvents, type StatementEventReader } from './formats/read.ts';
import { openStatementFileInThread } from './formats/read-runner.ts';
import {
  type BankEntry,
  type BankFormat,
  type BankStatement,
  moneyText,
  StatementFileError,
} from './formats/statement.ts';
import {
  completeStatement,
  entriesByKey,
  findStatement,
  insertStatement,
  lockImports,
  type NewBankEntry,
  payersOf,
  prepareBankEntries,
} from './queries.ts';
import { buildReferenceIndex, type MatchIndex, matchCredit } from './rules/match.ts';
import type { BankImportProgress } from './schema.ts';

/** A statement file: its bytes, or a file on disk (an upload taken to a temporary file), read when imported. */
export type StatementFile = { name: string; bytes: Uint8Array } | { name: string; path: string };

export interface StatementReport {
  statementId: number;
  account: string;
  number: string;
  periodFrom: string;
  periodTo: string;
  entries: number;
  /** Entries not on an earlier statement. */
  newEntries: number;
  booked: number;
  waiting: number;
  conflicts: number;
  debits: number;
  /** The same statement was imported before: nothing changed. */
  alreadyImported: boolean;
}

export interface FileReport {
  file: string;
  format: BankFormat | undefined;
  error: string | undefined;
  statements: StatementReport[];
}

/** The key that makes the same operation on two overlapping statements one entry (`seen` counts across a statement's chunks). */
function entryKeys(account: string, entries: BankEntry[], seen: Map<string, number>): string[] {
  return entries.map((e) => {
    if (e.reference) return `ref|${e.reference}`;
    const base = [
      account,
      e.bookingDate,
      e.amount,
      e.counterpartyAccount,
      createHash('sha1').update(e.title).digest('hex').slice(0, 16),
    ].join('|');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}|${n}`;
  });
}

interface Context {
  organization: Organization;
  index: MatchIndex;
  accounts: string[];
}

/**
 * Entries matched and written together: the first chunk small (a thousand entries are read,
 * looked up and matched in a few tens of milliseconds, so the database starts writing almost at
 * once), then each twice the last, up to the largest, while the next chunks are read (in a
 * thread, for a large file). A chunk costs four look-ups and two COPYs, not the units' totals
 * again (they are settled once per statement, ledger/deferred-totals.ts), so the largest stays
 * small enough that the last one, written when nothing is left to read, is a small part of the
 * file.
 */
const FIRST_CHUNK = 1_000;
const LARGEST_CHUNK = 10_000;
/** Files from this size on are read in a thread of their own (formats/read-runner.ts). */
const THREAD_BYTES = 512 * 1024;

/** The file's statement events: a large file read in a thread, a small one here. */
async function openReader(file: StatementFile, encoding: BankEncoding | undefined, thread: boolean | undefined) {
  if ('path' in file) {
    // A large file on disk is read by the thread itself, never whole on this one.
    if (thread ?? (await stat(file.path)).size >= THREAD_BYTES) {
      return openStatementFileInThread(file.name, { path: file.path }, encoding);
    }
    return openStatementEvents(file.name, await readFile(file.path), encoding);
  }
  return (thread ?? file.bytes.byteLength >= THREAD_BYTES)
    ? openStatementFileInThread(file.name, file.bytes, encoding)
    : openStatementEvents(file.name, file.bytes, encoding);
}

export async function importStatements(
  db: Db,
  {
    actor,
    organization,
    files,
    encoding,
    onProgress,
    thread,
  }: {
    actor: Actor;
    organization: Organization;
    files: StatementFile[];
    encoding?: BankEncoding | undefined;
    /** Read each file in a thread of its own (true), here (false), or by its size (undefined: from 512 kB). */
    thread?: boolean | undefined;
    /** Told before each file and at the end, outside the files' transactions (a job's page shows it). */
    onProgress?: ((progress: BankImportProgress) => Promise<void> | void) | undefined;
  },
): Promise<FileReport[]> {
  const organizationId = organization.id;
  const units = await listUnitLabels(db, { organizationId });
  const ctx: Context = {
    organization,
    accounts: cooperativeAccounts(organization),
    index: {
      virtualUnit: virtualAccountsOf(organization),
      units: new Set(units.map((u) => u.unitId)),
      references: buildReferenceIndex(units),
      payers: new Map(),
    },
  };
  const reports: FileReport[] = [];
  let entries = 0;
  for (const [index, file] of files.entries()) {
    await onProgress?.({ filesDone: index, files: files.length, current: file.name, entries });
    const report: FileReport = { file: file.name, format: undefined, error: undefined, statements: [] };
    reports.push(report);
    try {
      if (ctx.accounts.length === 0) {
        throw new StatementFileError(
          file.name,
          undefined,
          'Spółdzielnia nie ma w ustawieniach numeru rachunku bankowego, więc nie można sprawdzić, czyj to wyciąg.',
        );
      }
      const reader = await openReader(file, encoding, thread);
      report.format = reader.format;
      try {
        await db.transaction(async (tx) => {
          await lockImports(tx, { organizationId });
          report.statements = await importEvents(tx, { actor, ctx, fileName: file.name, reader });
          await recordAudit(tx, {
            ...actor,
            action: 'bank.import_statement',
            subjectType: 'bank_statement',
            subjectId: report.statements[0]?.statementId || undefined,
            detail: {
              file: file.name,
              format: reader.format,
              statements: report.statements.length,
              entries: sum(report.statements, 'newEntries'),
              booked: sum(report.statements, 'booked'),
              waiting: sum(report.statements, 'waiting'),
              conflicts: sum(report.statements, 'conflicts'),
              alreadyImported: report.statements.every((s) => s.alreadyImported),
            },
          });
        });
      } finally {
        await reader.close();
      }
    } catch (error) {
      if (!(error instanceof StatementFileError)) throw error;
      report.error = error.message;
      report.statements = [];
    }
    entries += report.statements.reduce((total, s) => total + s.entries, 0);
  }
  await onProgress?.({ filesDone: files.length, files: files.length, current: '', entries });
  return reports;
}

const sum = (list: StatementReport[], key: 'newEntries' | 'booked' | 'waiting' | 'conflicts') =>
  list.reduce((total, s) => total + s[key], 0);

/** A statement must be of one of the cooperative's accounts. */
function checkStatementAccount(file: string, statement: BankStatement, ctx: Context): void {
  if (statement.format === 'elixir' || ctx.accounts.includes(statement.account)) return;
  const known = ctx.accounts.map((a) => formatNrb(a)).join(', ');
  throw new StatementFileError(
    file,
    statement.line,
    `wyciąg dotyczy rachunku ${formatNrb(statement.account)}, który nie jest rachunkiem Spółdzielni${known ? ` (rachunki Spółdzielni: ${known})` : ''}. Nic nie zaksięgowano.`,
  );
}

/** An Elixir line must credit one of the cooperative's accounts or a unit's virtual account. */
function checkElixirEntry(file: string, entry: BankEntry, ctx: Context): void {
  if (ctx.accounts.includes(entry.creditedAccount) || ctx.index.virtualUnit(entry.creditedAccount) !== undefined)
    return;
  throw new StatementFileError(
    file,
    entry.line,
    `przelew na rachunek ${formatNrb(entry.creditedAccount)}, który nie jest rachunkiem Spółdzielni ani rachunkiem wirtualnym lokalu.`,
  );
}

/** A statement being imported: its row, what its entries so far gave, and what matching learnt from them. */
interface OpenStatement {
  header: BankStatement;
  statementId: number;
  report: StatementReport;
  /** Keys without a bank reference, counted per base (the same operation twice in a statement). */
  seen: Map<string, number>;
  /** Keys written or skipped in this statement. */
  inFile: Set<string>;
  /** Payer accounts already looked up, and what they paid for (earlier statements, then this one). */
  payers: Map<string, Set<number>>;
  /** Payer accounts whose look-up has been sent (its answer may still be on its way). */
  lookedUp: Set<string>;
  /** Writes sent and not yet awaited (each chunk's payments and entries). */
  writes: Promise<void>[];
  /** The last statement sent on the transaction's connection: the next one waits for it. */
  line: Promise<unknown>;
  /** The chunks' matching and sending of writes, one after another. */
  writer: Promise<void>;
  /** The import failed: nothing more is sent. */
  stopped: boolean;
  /** The last chunk matched had no new entries (its ledger ids were not needed). */
  lastChunkKnown: boolean;
  /** What the content hash is made of, per chunk (content-hash.ts). */
  hashed: string[];
}

/**
 * Imports the file's statements as they are read: each statement's row is written at its start,
 * its entries are matched and written in chunks (the next chunk read meanwhile), and at its end
 * it gets its identity — or, when the same statement was imported before, everything it wrote is
 * undone (a savepoint) and it says so.
 */
async function importEvents(
  tx: Db,
  { actor, ctx, fileName, reader }: { actor: Actor; ctx: Context; fileName: string; reader: StatementEventReader },
): Promise<StatementReport[]> {
  const format = reader.format;
  const reports: StatementReport[] = [];
  let open: OpenStatement | undefined;
  let chunk: BankEntry[] = [];
  // A chunk's look-ups are sent the moment it is read, ahead of any write sent later; its
  // matching and writes follow in order, chained, while the next chunks are read — so this
  // thread matches a chunk while the database writes the one before.
  const send = () => {
    const statement = open;
    if (statement && chunk.length > 0) {
      statement.hashed.push(hashedEntries(chunk));
      const looked = lookUpChunk(tx, { ctx, open: statement, entries: chunk });
      statement.writer = statement.writer.then(() => writeChunk(tx, { ctx, open: statement, looked }));
      statement.writer.catch(() => {});
    }
    chunk = [];
  };
  const drain = async (statement: OpenStatement) => {
    send();
    await statement.writer;
    await writesOf(statement);
  };
  let size = FIRST_CHUNK;
  let pending = reader.next(size);
  try {
    for (;;) {
      const batch = await pending;
      if (!batch) break;
      size = Math.min(size * 2, LARGEST_CHUNK);
      pending = reader.next(size);
      // A broken part further on is thrown when its batch is awaited, not as an unhandled rejection meanwhile.
      pending.catch(() => {});
      for (const event of batch) {
        if (event.kind === 'entry') {
          if (format === 'elixir') checkElixirEntry(fileName, event.entry, ctx);
          chunk.push(event.entry);
        } else if (event.kind === 'start') {
          checkStatementAccount(fileName, event.statement, ctx);
          open = await openStatement(tx, { actor, ctx, fileName, header: event.statement });
        } else if (open) {
          await drain(open);
          reports.push(await closeStatement(tx, { ctx, open, header: event.statement }));
          open = undefined;
        }
      }
      send();
    }
    if (open) await drain(open);
  } catch (error) {
    // Nothing more is sent, and what was sent is done, before the transaction is rolled back:
    // no statement of this import may reach the connection after its transaction ended.
    if (open) {
      open.stopped = true;
      await Promise.allSettled([open.writer, open.line, ...open.writes]);
    }
    throw error;
  }
  // Every reader ends each statement it starts (or throws); one left open would leave its totals unsettled.
  if (open) throw new Error('a statement was started and never ended');
  return reports;
}

async function openStatement(
  tx: Db,
  { actor, ctx, fileName, header }: { actor: Actor; ctx: Context; fileName: string; header: BankStatement },
): Promise<OpenStatement> {
  await queryRows(tx, sql`savepoint bank_statement`);
  // The statement's chunks of payments are added to the units' totals once, when it closes.
  await deferLedgerTotals(tx);
  const provisionalDay = header.periodFrom || header.periodTo || '1970-01-01';
  const statementId = await insertStatement(tx, {
    organizationId: ctx.organization.id,
    fileName,
    format: header.format,
    account: header.account,
    number: header.number,
    periodFrom: provisionalDay,
    periodTo: header.periodTo || provisionalDay,
    contentHash: `reading:${randomUUID()}`,
    openingBalance: header.openingBalance,
    closingBalance: header.closingBalance,
    entryCount: 0,
    newEntryCount: 0,
    importedBy: actor.actorLabel ?? String(actor.actorAccountId ?? ''),
  });
  return {
    header,
    statementId,
    report: {
      statementId,
      account: header.account,
      number: header.number,
      periodFrom: header.periodFrom,
      periodTo: header.periodTo,
      entries: 0,
      newEntries: 0,
      booked: 0,
      waiting: 0,
      conflicts: 0,
      debits: 0,
      alreadyImported: false,
    },
    seen: new Map(),
    inFile: new Set(),
    payers: new Map(),
    lookedUp: new Set(),
    writes: [],
    line: Promise.resolve(),
    writer: Promise.resolve(),
    stopped: false,
    lastChunkKnown: false,
    hashed: [],
  };
}

async function closeStatement(
  tx: Db,
  { ctx, open, header }: { ctx: Context; open: OpenStatement; header: BankStatement },
): Promise<StatementReport> {
  const identity = {
    organizationId: ctx.organization.id,
    account: header.account,
    number: header.number,
    periodFrom: header.periodFrom,
    periodTo: header.periodTo,
    contentHash: contentHash(header, open.hashed),
  };
  const report = { ...open.report, periodFrom: header.periodFrom, periodTo: header.periodTo };
  await settleLedgerTotals(tx);
  const earlier = await findStatement(tx, identity);
  if (earlier) {
    await queryRows(tx, sql`rollback to savepoint bank_statement`);
    await queryRows(tx, sql`release savepoint bank_statement`);
    return {
      ...report,
      statementId: earlier.id,
      newEntries: 0,
      booked: 0,
      waiting: 0,
      conflicts: 0,
      debits: 0,
      alreadyImported: true,
    };
  }
  await completeStatement(tx, {
    ...identity,
    statementId: open.statementId,
    openingBalance: header.openingBalance,
    closingBalance: header.closingBalance,
    entryCount: report.entries,
    newEntryCount: report.newEntries,
  });
  await queryRows(tx, sql`release savepoint bank_statement`);
  return report;
}

/** A chunk's look-ups, sent to the database and not yet awaited. */
interface ChunkLookUps {
  entries: BankEntry[];
  keys: string[];
  /** Entries of earlier statements under the chunk's keys. */
  stored: Promise<Map<string, { amount: number; bookingDate: string }>>;
  /** Payments imported from a payments file under the chunk's references. */
  booked: Promise<Map<string, BookedPayment>>;
  /** Payer accounts first seen in this chunk, and the units earlier statements matched them to. */
  payerAccounts: string[];
  payers: Promise<Map<string, Set<number>>>;
  /** Ledger ids for the chunk's payments (one per credit; none after a chunk that was all known). */
  ids: Promise<number[]>;
}

/** Entries matched between two pauses (for the database's writes of the last chunk to go on meanwhile). */
const MATCH_SLICE = 250;

/**
 * Sends a chunk's look-ups (nothing here waits for them). They read earlier statements and the
 * payments file's payments only, never what this statement writes, so they may run before the
 * writes of the chunk before.
 */
function lookUpChunk(
  tx: Db,
  { ctx, open, entries }: { ctx: Context; open: OpenStatement; entries: BankEntry[] },
): ChunkLookUps {
  const organizationId = ctx.organization.id;
  const keys = entryKeys(open.header.account, entries, open.seen);
  const references: string[] = [];
  const payerAccounts: string[] = [];
  let credits = 0;
  for (const e of entries) {
    if (e.reference) references.push(e.reference);
    if (e.amount > 0) credits++;
    const account = e.counterpartyAccount;
    if (account && !open.lookedUp.has(account)) {
      open.lookedUp.add(account);
      payerAccounts.push(account);
    }
  }
  const looked: ChunkLookUps = {
    entries,
    keys,
    stored: inLine(open, () => entriesByKey(tx, { organizationId, keys, exceptStatementId: open.statementId })),
    booked: inLine(open, () => paymentsByReference(tx, { organizationId, references })),
    payerAccounts,
    payers: inLine(open, () =>
      payersOf(tx, { organizationId, accounts: payerAccounts, exceptStatementId: open.statementId }),
    ),
    // After a chunk of entries all known before (a statement imported again), none are taken:
    // a chunk that needs some after all takes them when matched.
    ids: inLine(open, () => reserveBankPaymentIds(tx, { count: open.lastChunkKnown ? 0 : credits })),
  };
  // Awaited in writeChunk; a failure meanwhile is not an unhandled rejection.
  for (const p of [looked.stored, looked.booked, looked.payers, looked.ids]) p.catch(() => {});
  return looked;
}

/**
 * Runs `work` on the transaction's connection once everything sent before it is done: one
 * statement at a time, in the order sent (the driver takes no second query while one runs),
 * while this thread goes on with other work.
 */
function inLine<T>(open: OpenStatement, work: () => Promise<T>): Promise<T> {
  const run = open.line.then(() => {
    if (open.stopped) throw new Error('the statement import stopped');
    return work();
  });
  open.line = run.catch(() => {});
  return run;
}

/** Awaits a statement's writes sent so far: the first failure is the one thrown. */
async function writesOf(open: OpenStatement): Promise<void> {
  const writes = open.writes;
  open.writes = [];
  await Promise.all(writes);
}

/** A look-up's answer; when it failed because an earlier write failed, that write's error. */
async function answer<T>(open: OpenStatement, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    await writesOf(open);
    throw error;
  }
}

/**
 * Matches a chunk of a statement's entries with its look-ups' answers and sends the writes of
 * the new ones (and their payments) set-wise, without waiting for them.
 */
async function writeChunk(
  tx: Db,
  { ctx, open, looked }: { ctx: Context; open: OpenStatement; looked: ChunkLookUps },
): Promise<void> {
  const organizationId = ctx.organization.id;
  const { entries, keys } = looked;
  const stored = await answer(open, looked.stored);
  const booked = await answer(open, looked.booked);
  const found = await answer(open, looked.payers);
  const reserved = await answer(open, looked.ids);
  for (const account of looked.payerAccounts) open.payers.set(account, found.get(account) ?? new Set());
  const payers = open.payers;
  const index: MatchIndex = { ...ctx.index, payers };
  const rows: NewBankEntry[] = [];
  const inFile = open.inFile;
  for (let i = 0; i < entries.length; i++) {
    // A pause now and then lets the last chunk's writes flow to the database while this one is matched.
    if (i > 0 && i % MATCH_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    const entry = entries[i] as BankEntry;
    let key = keys[i] ?? '';
    const before = stored.get(key);
    if (before && before.amount === entry.amount && before.bookingDate === entry.bookingDate) continue;
    if (before) {
      // The same reference with another amount or date: kept for the accountant under its own key.
      key = `${key}#${entry.amount}@${entry.bookingDate}`;
      if (stored.has(key) || inFile.has(key)) continue;
      inFile.add(key);
      rows.push(
        row(entry, key, {
          status: 'conflict',
          note: `Operacja o numerze referencyjnym ${entry.reference} była już na wcześniejszym wyciągu z kwotą ${moneyText(before.amount)} i datą ${before.bookingDate}; tu ma kwotę ${moneyText(entry.amount)} i datę ${entry.bookingDate}. Nic nie zaksięgowano.`,
        }),
      );
      continue;
    }
    if (inFile.has(key)) continue;
    inFile.add(key);
    const ledgerPayment = entry.reference ? booked.get(entry.reference) : undefined;
    if (ledgerPayment && entry.amount > 0) {
      if (ledgerPayment.amount === entry.amount && ledgerPayment.valueDate === entry.bookingDate) {
        rows.push(
          row(entry, key, {
            status: 'booked',
            matchMethod: 'earlier_import',
            unitId: ledgerPayment.unitId,
            ledgerEntryId: ledgerPayment.entryId,
            note: 'Wpłata była już zaksięgowana z importu pliku wpłat.',
          }),
        );
      } else {
        rows.push(
          row(entry, key, {
            status: 'conflict',
            suggestions: [ledgerPayment.unitId],
            note: `Wpłata o numerze referencyjnym ${entry.reference} jest już zaksięgowana z kwotą ${moneyText(ledgerPayment.amount)} i datą ${ledgerPayment.valueDate}; na wyciągu ma kwotę ${moneyText(entry.amount)} i datę ${entry.bookingDate}. Nic nie zaksięgowano.`,
          }),
        );
      }
      continue;
    }
    if (entry.amount < 0) {
      rows.push(row(entry, key, { status: 'debit', note: '' }));
      continue;
    }
    const match = matchCredit(entry, index);
    if (match.status === 'matched') {
      rows.push(row(entry, key, { status: 'booked', matchMethod: match.method, unitId: match.unitId }));
      // A payer matched here identifies the unit of their next payments in the same file.
      if (entry.counterpartyAccount && match.method !== 'payer_account') {
        const set = payers.get(entry.counterpartyAccount) ?? new Set<number>();
        set.add(match.unitId);
        payers.set(entry.counterpartyAccount, set);
      }
    } else rows.push(row(entry, key, { status: match.status, suggestions: match.suggestions, note: match.note }));
  }
  const toBook = rows.filter((r) => r.status === 'booked' && r.ledgerEntryId === null && r.unitId !== null);
  open.lastChunkKnown = rows.length === 0;
  const ids =
    reserved.length >= toBook.length
      ? reserved
      : reserved.concat(
          await answer(
            open,
            inLine(open, () => reserveBankPaymentIds(tx, { count: toBook.length - reserved.length })),
          ),
        );
  const writePayments = prepareBankPayments(tx, {
    organizationId,
    ids,
    payments: toBook.map((r) => ({
      unitId: r.unitId ?? 0,
      date: r.bookingDate,
      amount: r.amount,
      description: r.title,
      sourceRef: `bank:${r.entryKey}`,
    })),
  });
  // The i-th payment is written under the i-th id.
  for (let i = 0; i < toBook.length; i++) (toBook[i] as NewBankEntry).ledgerEntryId = ids[i] ?? null;
  const writeEntries = prepareBankEntries(tx, { organizationId, statementId: open.statementId, entries: rows });
  // The entries after the payments: their check finds the payments they name.
  for (const p of [inLine(open, writePayments), inLine(open, writeEntries)]) {
    p.catch(() => {});
    open.writes.push(p);
  }
  const report = open.report;
  report.entries += entries.length;
  report.newEntries += rows.length;
  for (const r of rows) {
    if (r.status === 'booked') report.booked++;
    else if (r.status === 'unmatched' || r.status === 'ambiguous') report.waiting++;
    else if (r.status === 'conflict') report.conflicts++;
    else if (r.status === 'debit') report.debits++;
  }
}

function row(
  entry: BankEntry,
  entryKey: string,
  over: Partial<NewBankEntry> & Pick<NewBankEntry, 'status'>,
): NewBankEntry {
  // Written out field by field: object rest and spread cost more than the rest of matching at
  // 100,000 entries.
  return {
    line: entry.line,
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    amount: entry.amount,
    reference: entry.reference,
    title: entry.title,
    counterpartyName: entry.counterpartyName,
    counterpartyAccount: entry.counterpartyAccount,
    creditedAccount: entry.creditedAccount,
    operation: entry.operation,
    entryKey,
    status: over.status,
    matchMethod: over.matchMethod ?? null,
    unitId: over.unitId ?? null,
    ledgerEntryId: over.ledgerEntryId ?? null,
    suggestions: over.suggestions ?? [],
    note: over.note ?? '',
  };
}

/** The reports as text lines for the CLI. */
export function formatImportReports(reports: FileReport[]): string {
  return reports
    .flatMap((r) => {
      if (r.error) return [r.error];
      return r.statements.map((s) =>
        s.alreadyImported
          ? `Plik ${r.file}: wyciąg nr ${s.number || '—'} rachunku ${formatNrb(s.account)} (${s.periodFrom} – ${s.periodTo}) był już zaimportowany — nic nie zmieniono.`
          : `Plik ${r.file}: wyciąg nr ${s.number || '—'} (${s.periodFrom} – ${s.periodTo}): ${s.entries} operacji, nowych ${s.newEntries}; zaksięgowano wpłat ${s.booked}, do wyjaśnienia ${s.waiting}, konfliktów ${s.conflicts}, obciążeń ${s.debits}.`,
      );
    })
    .join('\n');
}
