/**
 * Importing bank statement files: each file is read whole (a broken one is refused with its file
 * and line, nothing booked), its account must be the cooperative's, and in ONE transaction per
 * file its statements are stored, every new entry matched (rules/match.ts) and each matched
 * credit booked as the unit's payment on the bank's booking date. A statement seen before (same
 * account, number, period and content) changes nothing and says so; an overlapping one adds only
 * the entries not seen before; an entry whose reference was booked before with another amount or
 * date is a conflict for the accountant, never skipped silently.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { formatNrb } from '../../lib/nrb.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { cooperativeAccounts, paymentsByReference, unitOfVirtualAccount } from '../ledger/bank-payments.ts';
import { writeBankPayments } from '../ledger/write-bank-payments.ts';
import type { Organization } from '../organizations/queries.ts';
import { listUnitLabels } from '../units/unit-facts.ts';
import type { BankEncoding } from './formats/decode.ts';
import { readStatementFile } from './formats/read.ts';
import {
  type BankEntry,
  type BankFormat,
  type BankStatement,
  moneyText,
  StatementFileError,
} from './formats/statement.ts';
import {
  entriesByKey,
  findStatement,
  insertBankEntries,
  insertStatement,
  lockImports,
  type NewBankEntry,
  payersOf,
} from './queries.ts';
import { buildReferenceIndex, type MatchIndex, matchCredit } from './rules/match.ts';
import type { BankImportProgress } from './schema.ts';

export interface StatementFile {
  name: string;
  bytes: Uint8Array;
}

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

/** The key that makes the same operation on two overlapping statements one entry. */
function entryKeys(statement: BankStatement): string[] {
  const seen = new Map<string, number>();
  return statement.entries.map((e) => {
    if (e.reference) return `ref|${e.reference}`;
    const base = [
      statement.account,
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

/**
 * Hash of what the statement says, not of the file: the same statement exported again in another
 * format or encoding (where names and titles may be cut differently) is the same statement.
 */
function contentHash(statement: BankStatement): string {
  const body = JSON.stringify([
    statement.account,
    statement.number,
    statement.periodFrom,
    statement.periodTo,
    statement.openingBalance ?? null,
    statement.closingBalance ?? null,
    statement.entries.map((e) => [e.bookingDate, e.valueDate, e.amount, e.reference]),
  ]);
  return createHash('sha256').update(body).digest('hex');
}

interface Context {
  organization: Organization;
  index: MatchIndex;
  accounts: string[];
}

export async function importStatements(
  db: Db,
  {
    actor,
    organization,
    files,
    encoding,
    onProgress,
  }: {
    actor: Actor;
    organization: Organization;
    files: StatementFile[];
    encoding?: BankEncoding | undefined;
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
      virtualUnit: (nrb) => unitOfVirtualAccount(organization, nrb),
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
      const read = readStatementFile(file.name, file.bytes, encoding);
      report.format = read.format;
      checkAccounts(file.name, read.format, read.statements, ctx);
      await db.transaction(async (tx) => {
        await lockImports(tx, { organizationId });
        for (const statement of read.statements) {
          report.statements.push(await importStatement(tx, { actor, ctx, fileName: file.name, statement }));
        }
        await recordAudit(tx, {
          ...actor,
          action: 'bank.import_statement',
          subjectType: 'bank_statement',
          subjectId: report.statements[0]?.statementId || undefined,
          detail: {
            file: file.name,
            format: read.format,
            statements: report.statements.length,
            entries: sum(report.statements, 'newEntries'),
            booked: sum(report.statements, 'booked'),
            waiting: sum(report.statements, 'waiting'),
            conflicts: sum(report.statements, 'conflicts'),
            alreadyImported: report.statements.every((s) => s.alreadyImported),
          },
        });
      });
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

/** A statement must be of one of the cooperative's accounts; an Elixir line must credit one of them or a unit's virtual account. */
function checkAccounts(file: string, format: BankFormat, statements: BankStatement[], ctx: Context): void {
  const known = ctx.accounts.map((a) => formatNrb(a)).join(', ');
  if (ctx.accounts.length === 0) {
    throw new StatementFileError(
      file,
      undefined,
      'Spółdzielnia nie ma w ustawieniach numeru rachunku bankowego, więc nie można sprawdzić, czyj to wyciąg.',
    );
  }
  for (const statement of statements) {
    if (format === 'elixir') {
      for (const entry of statement.entries) {
        if (ctx.accounts.includes(entry.creditedAccount) || ctx.index.virtualUnit(entry.creditedAccount) !== undefined)
          continue;
        throw new StatementFileError(
          file,
          entry.line,
          `przelew na rachunek ${formatNrb(entry.creditedAccount)}, który nie jest rachunkiem Spółdzielni ani rachunkiem wirtualnym lokalu.`,
        );
      }
    } else if (!ctx.accounts.includes(statement.account)) {
      throw new StatementFileError(
        file,
        statement.line,
        `wyciąg dotyczy rachunku ${formatNrb(statement.account)}, który nie jest rachunkiem Spółdzielni${known ? ` (rachunki Spółdzielni: ${known})` : ''}. Nic nie zaksięgowano.`,
      );
    }
  }
}

async function importStatement(
  tx: Db,
  { actor, ctx, fileName, statement }: { actor: Actor; ctx: Context; fileName: string; statement: BankStatement },
): Promise<StatementReport> {
  const organizationId = ctx.organization.id;
  const identity = {
    organizationId,
    account: statement.account,
    number: statement.number,
    periodFrom: statement.periodFrom,
    periodTo: statement.periodTo,
    contentHash: contentHash(statement),
  };
  const report: StatementReport = {
    statementId: 0,
    account: statement.account,
    number: statement.number,
    periodFrom: statement.periodFrom,
    periodTo: statement.periodTo,
    entries: statement.entries.length,
    newEntries: 0,
    booked: 0,
    waiting: 0,
    conflicts: 0,
    debits: 0,
    alreadyImported: false,
  };
  const earlier = await findStatement(tx, identity);
  if (earlier) return { ...report, statementId: earlier.id, alreadyImported: true };

  const keys = entryKeys(statement);
  const stored = await entriesByKey(tx, { organizationId, keys });
  const references = statement.entries.map((e) => e.reference).filter(Boolean);
  const booked = await paymentsByReference(tx, { organizationId, references });
  const payers = await payersOf(tx, {
    organizationId,
    accounts: [...new Set(statement.entries.map((e) => e.counterpartyAccount).filter(Boolean))],
  });
  const index: MatchIndex = { ...ctx.index, payers };
  const rows: NewBankEntry[] = [];
  const inFile = new Set<string>();
  statement.entries.forEach((entry, i) => {
    let key = keys[i] ?? '';
    const before = stored.get(key);
    if (before && before.amount === entry.amount && before.bookingDate === entry.bookingDate) return;
    if (before) {
      // The same reference with another amount or date: kept for the accountant under its own key.
      key = `${key}#${entry.amount}@${entry.bookingDate}`;
      if (stored.has(key) || inFile.has(key)) return;
      inFile.add(key);
      rows.push(
        row(entry, key, {
          status: 'conflict',
          note: `Operacja o numerze referencyjnym ${entry.reference} była już na wcześniejszym wyciągu z kwotą ${moneyText(before.amount)} i datą ${before.bookingDate}; tu ma kwotę ${moneyText(entry.amount)} i datę ${entry.bookingDate}. Nic nie zaksięgowano.`,
        }),
      );
      return;
    }
    if (inFile.has(key)) return;
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
      return;
    }
    if (entry.amount < 0) {
      rows.push(row(entry, key, { status: 'debit', note: '' }));
      return;
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
  });
  const toBook = rows.filter((r) => r.status === 'booked' && r.ledgerEntryId === null && r.unitId !== null);
  const ids = await writeBankPayments(tx, {
    organizationId,
    payments: toBook.map((r) => ({
      unitId: r.unitId ?? 0,
      date: r.bookingDate,
      amount: r.amount,
      description: r.title,
      sourceRef: `bank:${r.entryKey}`,
    })),
  });
  for (const r of toBook) r.ledgerEntryId = ids.get(`bank:${r.entryKey}`) ?? null;
  const statementId = await insertStatement(tx, {
    ...identity,
    fileName,
    format: statement.format,
    openingBalance: statement.openingBalance,
    closingBalance: statement.closingBalance,
    entryCount: statement.entries.length,
    newEntryCount: rows.length,
    importedBy: actor.actorLabel ?? String(actor.actorAccountId ?? ''),
  });
  await insertBankEntries(tx, { organizationId, statementId, entries: rows });
  return {
    ...report,
    statementId,
    newEntries: rows.length,
    booked: rows.filter((r) => r.status === 'booked').length,
    waiting: rows.filter((r) => r.status === 'unmatched' || r.status === 'ambiguous').length,
    conflicts: rows.filter((r) => r.status === 'conflict').length,
    debits: rows.filter((r) => r.status === 'debit').length,
  };
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
