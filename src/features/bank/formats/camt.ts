/**
 * ISO 20022 camt.053 (bank-to-customer statement) and camt.054 (debit/credit notification), read
 * with htmlparser2's streaming XML parser one `<Ntry>` at a time: each entry becomes its bank
 * entries as soon as it closes and its XML is dropped, so a 100,000-entry statement (~90 MB) is
 * never held as one tree. An entry with several transactions (`TxDtls`, each with its own amount)
 * gives one entry per transaction; the credited account of a transaction (`CdtrAcct`) is where a
 * unit's virtual account stands. camt.053 balances (`OPBD`/`PRCD` and `CLBD`) are checked.
 */
import { decodeXML } from 'entities';
import { Tokenizer } from 'htmlparser2';
import { checkedAccount } from './accounts.ts';
import {
  type BankEntry,
  type BankFormat,
  type BankStatement,
  checkBalanceSum,
  collectStatements,
  parseAmount,
  realDay,
  type StatementEvent,
  StatementFileError,
  type TextCheck,
} from './statement.ts';

const arrays = new Set(['Stmt', 'Ntfctn', 'Ntry', 'Bal', 'TxDtls', 'Ustrd', 'NtryDtls', 'AddtlNtryInf']);

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked by name and checked on the way
type Node = any;

/** Text of an element (its entities decoded, see elementValue). */
const text = (node: Node): string => {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && '#text' in node) return String(node['#text']);
  return '';
};
const list = (node: Node): Node[] => (Array.isArray(node) ? node : node === undefined ? [] : [node]);

/** One open element: its children by name (an object, as a small XML tree) and its text. */
interface Frame {
  name: string;
  node: Record<string, Node>;
  text: string;
  children: boolean;
  line: number;
}

/** The value an element leaves in its parent: its text, its children, or both. */
function elementValue(frame: Frame): Node {
  // The parser leaves entities as written (its text is then found a whole run at a time, not
  // character by character): they are decoded here, once per element, where there are any.
  const raw = frame.text.trim();
  const value = raw.includes('&') ? decodeXML(raw) : raw;
  if (!frame.children) return value;
  if (value) frame.node['#text'] = value;
  return frame.node;
}

function attach(parent: Frame, name: string, value: Node): void {
  parent.children = true;
  const before = parent.node[name];
  if (arrays.has(name)) {
    if (before) before.push(value);
    else parent.node[name] = [value];
  } else if (before === undefined) parent.node[name] = value;
  else parent.node[name] = Array.isArray(before) ? [...before, value] : [before, value];
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};
function dateOf(node: Node): string | undefined {
  const value = text(node?.Dt) || text(node?.DtTm);
  return realDay(value.slice(0, 10));
}

function accountOf(node: Node): string {
  return text(node?.Id?.IBAN) || text(node?.Id?.Othr?.Id);
}

function entriesOf(file: string, ntry: Node, entryLine: number): BankEntry[] {
  const amount = parseAmount(text(ntry.Amt));
  const bookingDate = dateOf(ntry.BookgDt);
  const valueDate = dateOf(ntry.ValDt) ?? bookingDate;
  const sign = text(ntry.CdtDbtInd) === 'DBIT' ? -1 : 1;
  if (amount === undefined || !bookingDate || !valueDate || !['CRDT', 'DBIT'].includes(text(ntry.CdtDbtInd))) {
    throw new StatementFileError(
      file,
      entryLine,
      'operacja (Ntry) nie ma czytelnej kwoty, strony (CRDT/DBIT) lub daty księgowania.',
    );
  }
  const details = list(ntry.NtryDtls).flatMap((d: Node) => list(d.TxDtls));
  const operation = text(ntry.BkTxCd?.Prtry?.Cd) || text(ntry.BkTxCd?.Domn?.Fmly?.SubFmlyCd);
  const entryRef = text(ntry.AcctSvcrRef) || text(ntry.NtryRef);
  const split =
    details.length > 1 &&
    details.every((tx: Node) => parseAmount(text(tx.Amt ?? tx.AmtDtls?.TxAmt?.Amt)) !== undefined);
  const parts = split ? details : [details[0]];
  return parts.map((tx: Node, i: number) => {
    const credit = sign > 0;
    const party = credit ? tx?.RltdPties?.Dbtr : tx?.RltdPties?.Cdtr;
    const partyAccount = credit ? tx?.RltdPties?.DbtrAcct : tx?.RltdPties?.CdtrAcct;
    const txAmount = split ? (parseAmount(text(tx.Amt ?? tx.AmtDtls?.TxAmt?.Amt)) ?? 0) : amount;
    const title = [
      ...list(tx?.RmtInf?.Ustrd).map(text),
      ...(tx?.RmtInf?.Ustrd ? [] : list(ntry.AddtlNtryInf).map(text)),
    ]
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    const txRef = text(tx?.Refs?.AcctSvcrRef) || text(tx?.Refs?.EndToEndId);
    return {
      line: entryLine,
      bookingDate,
      valueDate,
      amount: sign * txAmount,
      reference: split ? `${entryRef || txRef}/${i + 1}` : entryRef || (txRef !== 'NOTPROVIDED' ? txRef : ''),
      title,
      counterpartyName: [text(party?.Nm), text(party?.Pty?.Nm)].join('').trim(),
      counterpartyAccount: checkedAccount(file, entryLine, accountOf(partyAccount), 'kontrahenta'),
      creditedAccount: credit
        ? checkedAccount(file, entryLine, accountOf(tx?.RltdPties?.CdtrAcct), 'uznany (CdtrAcct)')
        : '',
      operation,
      details: '',
    };
  });
}

/** The account of a report (`Stmt`/`Ntfctn`), checked. */
function reportAccount(file: string, report: Node, line: number): string {
  const account = checkedAccount(file, line, accountOf(report.Acct), 'wyciągu (Acct)');
  if (!/^\d{26}$/.test(account)) {
    throw new StatementFileError(file, line, `rachunek wyciągu „${account}” nie jest polskim numerem NRB.`);
  }
  return account;
}

/** What a report says before its entries (its account and number), for the start of reading them. */
function reportStart(file: string, format: BankFormat, report: Node, line: number): BankStatement {
  return {
    format,
    account: reportAccount(file, report, line),
    number: text(report.ElctrncSeqNb) || text(report.LglSeqNb) || text(report.Id),
    periodFrom: realDay(text(report.FrToDt?.FrDtTm).slice(0, 10)) ?? '',
    periodTo: realDay(text(report.FrToDt?.ToDtTm).slice(0, 10)) ?? '',
    currency: text(report.Acct?.Ccy) || 'PLN',
    openingBalance: undefined,
    closingBalance: undefined,
    line,
    entries: [],
  };
}

/** What the entries of a report add up to, counted as they were read: the first and last booking day in the file's order, the sum. */
interface EntriesSummary {
  first: string;
  last: string;
  sum: number;
}

/** A report (`Stmt`/`Ntfctn`) read whole but for its entries, which were read one by one. */
function statementOf(
  file: string,
  format: BankFormat,
  report: Node,
  line: number,
  entries: EntriesSummary,
): BankStatement {
  const account = reportAccount(file, report, line);
  const balance = (codes: string[]) => {
    const found = list(report.Bal).find((b) => codes.includes(text(b?.Tp?.CdOrPrtry?.Cd)));
    if (!found) return undefined;
    const amount = parseAmount(text(found.Amt));
    if (amount === undefined) throw new StatementFileError(file, line, `saldo „${text(found.Amt)}” jest nieczytelne.`);
    return { amount: text(found.CdtDbtInd) === 'DBIT' ? -amount : amount, date: dateOf(found.Dt) };
  };
  const opening = format === 'camt.053' ? balance(['OPBD', 'PRCD']) : undefined;
  const closing = format === 'camt.053' ? balance(['CLBD']) : undefined;
  if (format === 'camt.053' && (!opening || !closing)) {
    throw new StatementFileError(
      file,
      line,
      `wyciąg nie ma salda ${opening ? 'końcowego (CLBD)' : 'początkowego (OPBD)'} — plik jest niepełny.`,
    );
  }
  const statement: BankStatement = {
    format,
    account,
    number: text(report.ElctrncSeqNb) || text(report.LglSeqNb) || text(report.Id),
    periodFrom: realDay(text(report.FrToDt?.FrDtTm).slice(0, 10)) ?? opening?.date ?? (entries.first || ''),
    periodTo: realDay(text(report.FrToDt?.ToDtTm).slice(0, 10)) ?? closing?.date ?? (entries.last || ''),
    currency: text(report.Acct?.Ccy) || 'PLN',
    openingBalance: opening?.amount,
    closingBalance: closing?.amount,
    line,
    entries: [],
  };
  if (!statement.periodFrom) {
    throw new StatementFileError(file, line, 'wyciąg nie ma okresu (FrToDt) ani operacji.');
  }
  checkBalanceSum(file, statement, entries.sum);
  return statement;
}

const REPORTS: Record<string, { parent: string; format: BankFormat }> = {
  Stmt: { parent: 'BkToCstmrStmt', format: 'camt.053' },
  Ntfctn: { parent: 'BkToCstmrDbtCdtNtfctn', format: 'camt.054' },
};

export function parseCamt(file: string, xml: string): BankStatement[] {
  return collectStatements(camtEvents(file, xml));
}

/** Entries read before the reading pauses and hands them on. */
const ENTRIES_PER_TURN = 256;

/** The statements of a camt.053/054 file as they are read (see StatementEvent); `check` sees the text before it is read. */
export function* camtEvents(file: string, xml: string, check: TextCheck = () => {}): Generator<StatementEvent> {
  const stack: Frame[] = [];
  const out: StatementEvent[] = [];
  let report:
    | { frame: Frame; format: BankFormat; started: boolean; waiting: BankEntry[]; summary: EntriesSummary }
    | undefined;
  let statements = 0;
  // Line numbers are counted forward from the last place asked, so the whole file is counted once.
  let counted = 0;
  let line = 1;
  const lineAt = (index: number): number => {
    for (let i = xml.indexOf('\n', counted); i !== -1 && i < index; i = xml.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, index);
    return line;
  };
  const broken = (index: number, why: string) =>
    new StatementFileError(
      file,
      lineAt(index),
      `plik XML jest uszkodzony lub niepełny (${why}). Pobierz plik z banku jeszcze raz.`,
    );
  let root = '';
  /** The element whose start tag is being read, and where its `<` stands. */
  let opening = '';
  let tagStart = 0;

  const openElement = (name: string) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (root) throw broken(tagStart, `drugi element główny <${name}>`);
      root = name;
    }
    const frame: Frame = { name, node: {}, text: '', children: false, line: 0 };
    const kind = name === 'Stmt' || name === 'Ntfctn' ? REPORTS[name] : undefined;
    if (kind && parent?.name === kind.parent && stack.length === 2) {
      frame.line = lineAt(tagStart);
      report = { frame, format: kind.format, started: false, waiting: [], summary: { first: '', last: '', sum: 0 } };
    } else if (name === 'Ntry' && report && parent === report.frame) {
      frame.line = lineAt(tagStart);
      // The report's account and number come before its entries: its start is known now.
      if (!report.started && report.frame.node.Acct !== undefined) {
        report.started = true;
        out.push({ kind: 'start', statement: reportStart(file, report.format, report.frame.node, report.frame.line) });
      }
    }
    stack.push(frame);
  };

  const closeElement = () => {
    const frame = stack.pop();
    if (!frame) return;
    const parent = stack[stack.length - 1];
    if (report && frame === report.frame) {
      const statement = statementOf(file, report.format, frame.node, frame.line, report.summary);
      if (!report.started) out.push({ kind: 'start', statement: { ...statement } });
      for (const entry of report.waiting) out.push({ kind: 'entry', entry });
      out.push({ kind: 'end', statement });
      statements++;
      report = undefined;
      if (parent) parent.children = true;
    } else if (report && frame.name === 'Ntry' && parent === report.frame) {
      // The entry is read and dropped: only its bank entries stay.
      for (const entry of entriesOf(file, elementValue(frame), frame.line)) {
        const summary = report.summary;
        summary.sum += entry.amount;
        // Where a report gives no period nor balances, it runs from its first entry's day to its last one's.
        if (!summary.first) summary.first = entry.bookingDate;
        summary.last = entry.bookingDate;
        // An account given after the entries (out of the schema's order): they wait for the report's end.
        if (report.started) out.push({ kind: 'entry', entry });
        else report.waiting.push(entry);
      }
      parent.children = true;
      if (out.length >= ENTRIES_PER_TURN) tokenizer.pause();
    } else if (parent) attach(parent, frame.name, elementValue(frame));
  };

  const addText = (start: number, end: number, value: string) => {
    const frame = stack[stack.length - 1];
    // The indentation between elements is not kept: it is most of the text of a camt file.
    if (frame?.text || !blank(xml, start, end)) {
      if (!frame) throw broken(start, 'tekst poza elementem głównym');
      frame.text += value;
    }
  };

  // htmlparser2's tokenizer, without its tree builder: the tags are matched here (a closing tag
  // must close the element opened last), and the text is taken a run at a time as written.
  const ignore = () => {};
  const tokenizer: Tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagStart = start - 1;
        opening = localName(xml.slice(start, end));
      },
      onopentagend() {
        openElement(opening);
      },
      onselfclosingtag() {
        openElement(opening);
        closeElement();
      },
      onclosetag(start, end) {
        // The element's text is checked for garbled letters before it is used.
        check(end);
        const name = localName(xml.slice(start, end));
        const open = stack[stack.length - 1];
        if (!open) throw broken(start, `znacznik </${name}> nie zamyka żadnego elementu`);
        if (open.name !== name) throw broken(start, `element <${open.name}> nie jest zamknięty`);
        closeElement();
      },
      ontext(start, end) {
        addText(start, end, xml.slice(start, end));
      },
      oncdata(start, end, offset) {
        // CDATA is text as it stands: its `&` kept as such through the decoding of the element's text.
        addText(start, end - offset, xml.slice(start, end - offset).replaceAll('&', '&amp;'));
      },
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onprocessinginstruction: ignore,
      ontextentity: ignore,
    },
  );
  // The whole text is the tokenizer's one buffer (its positions are the file's); it pauses
  // whenever entries are ready, and they are handed on before it goes on.
  tokenizer.write(xml);
  for (;;) {
    yield* out;
    out.length = 0;
    if (tokenizer.running) break;
    tokenizer.resume();
  }
  tokenizer.end();
  yield* out;
  out.length = 0;
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw broken(xml.length, `element <${unclosed.name}> nie jest zamknięty`);
  if (root !== 'Document' || statements === 0) {
    throw new StatementFileError(
      file,
      1,
      'plik XML nie zawiera wyciągu camt.053 (Stmt) ani powiadomienia camt.054 (Ntfctn).',
    );
  }
}

/** Whether `text[start, end)` is only white space. */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return false;
  }
  return true;
}
