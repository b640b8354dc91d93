/**
 * What every bank format is read into: statements of one account, each with its entries. Money
 * is integer grosze (credits +, debits −), dates are `YYYY-MM-DD`, accounts are NRB digits.
 */

export type BankFormat = 'mt940' | 'camt.053' | 'camt.054' | 'elixir';

export const formatNames: Record<BankFormat, string> = {
  mt940: 'MT940',
  'camt.053': 'ISO 20022 camt.053',
  'camt.054': 'ISO 20022 camt.054',
  elixir: 'Elixir-O',
};

export interface BankEntry {
  /** Line of the file the entry starts on. */
  line: number;
  bookingDate: string;
  valueDate: string;
  /** Grosze: credits positive, debits negative. */
  amount: number;
  /** The bank's own reference of the transaction ('' when the bank gives none). */
  reference: string;
  /** The transfer title as the bank gave it. */
  title: string;
  counterpartyName: string;
  /** The payer's (credit) or payee's (debit) NRB, when the file carries one. */
  counterpartyAccount: string;
  /** The account credited (a unit's virtual account), when the file carries it. */
  creditedAccount: string;
  /** The bank's operation code or kind (`:86:` `~00`, camt `BkTxCd`), for the accountant. */
  operation: string;
  /** Further text that may hold an account number (MT940 `:61:` supplementary details). */
  details: string;
}

export interface BankStatement {
  format: BankFormat;
  /** NRB of the statement's account (26 digits). */
  account: string;
  /** The statement's number as the bank gave it ('' when the format has none). */
  number: string;
  periodFrom: string;
  periodTo: string;
  currency: string;
  /** Grosze; undefined where the format has no balances (camt.054, Elixir). */
  openingBalance: number | undefined;
  closingBalance: number | undefined;
  /** Line of the file the statement starts on. */
  line: number;
  entries: BankEntry[];
}

/** A file that cannot be read as a statement: the message names the file and the line. */
export class StatementFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly reason: string;
  constructor(file: string, line: number | undefined, reason: string) {
    super(line === undefined ? `Plik ${file}: ${reason}` : `Plik ${file}, wiersz ${line}: ${reason}`);
    this.name = 'StatementFileError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** `1 234,56 zł` for messages (the pages use the app's formatter). */
export function moneyText(grosze: number): string {
  const sign = grosze < 0 ? '−' : '';
  const abs = Math.abs(grosze);
  const zl = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${zl},${String(abs % 100).padStart(2, '0')} zł`;
}

/**
 * A file read piece by piece (the import books a large statement in chunks while the rest is
 * still being read): a statement's `start` (its account, number and opening balance known, no
 * entries), each `entry`, then its `end` (the whole header: period, closing balance — the
 * balance is checked before `end` is given). A broken file throws StatementFileError wherever the
 * reading reaches the break.
 */
export type StatementEvent =
  | { kind: 'start'; statement: BankStatement }
  | { kind: 'entry'; entry: BankEntry }
  | { kind: 'end'; statement: BankStatement };

/** Checks a file's text up to an index before a reader reads it (decode.ts `garbleCheck`). */
export type TextCheck = (end: number) => void;

/** The statements of a file read whole, each with its entries. */
export function collectStatements(events: Iterable<StatementEvent>): BankStatement[] {
  const statements: BankStatement[] = [];
  let entries: BankEntry[] = [];
  for (const event of events) {
    if (event.kind === 'start') entries = [];
    else if (event.kind === 'entry') entries.push(event.entry);
    else statements.push({ ...event.statement, entries });
  }
  return statements;
}

/** Opening balance + entries must give the closing balance; otherwise the file is refused. */
export function checkBalance(file: string, statement: BankStatement): void {
  checkBalanceSum(
    file,
    statement,
    statement.entries.reduce((total, e) => total + e.amount, 0),
  );
}

/** The same check with the entries' sum counted while they were read. */
export function checkBalanceSum(file: string, statement: BankStatement, sum: number): void {
  if (statement.openingBalance === undefined || statement.closingBalance === undefined) return;
  const expected = statement.openingBalance + sum;
  if (expected !== statement.closingBalance) {
    throw new StatementFileError(
      file,
      statement.line,
      `wyciąg się nie bilansuje: saldo początkowe ${moneyText(statement.openingBalance)} i operacje na ${moneyText(sum)} dają ${moneyText(expected)}, a saldo końcowe w pliku to ${moneyText(statement.closingBalance)}. Plik jest zapewne niepełny lub uszkodzony.`,
    );
  }
}

/** Grosze from a decimal amount written with a comma or a dot (`1234,56`, `1234.5`, `1234,`). */
export function parseAmount(text: string): number | undefined {
  const match = /^(\d{1,15})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A date from `YYMMDD` (20YY) when it is a real day. */
export function dateFromYymmdd(text: string): string | undefined {
  if (!/^\d{6}$/.test(text)) return undefined;
  return realDay(`20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}`);
}

/** The date when `YYYY-MM-DD` names a real day. */
export function realDay(text: string): string | undefined {
  // A statement names few days many times: each is checked once.
  const known = checkedDays.get(text);
  if (known !== undefined || checkedDays.has(text)) return known;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  const day = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : undefined;
  if (checkedDays.size >= 10_000) checkedDays.clear();
  checkedDays.set(text, day);
  return day;
}
const checkedDays = new Map<string, string | undefined>();
