/**
 * ISO 20022 camt.053 (bank-to-customer statement) and camt.054 (debit/credit notification), read
 * with fast-xml-parser. An entry (`Ntry`) with several transactions (`TxDtls`, each with its own
 * amount) gives one entry per transaction; the credited account of a transaction (`CdtrAcct`) is
 * where a unit's virtual account stands. camt.053 balances (`OPBD`/`PRCD` and `CLBD`) are checked.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkedAccount } from './accounts.ts';
import {
  type BankEntry,
  type BankFormat,
  type BankStatement,
  checkBalance,
  parseAmount,
  realDay,
  StatementFileError,
} from './statement.ts';

const arrays = new Set(['Stmt', 'Ntfctn', 'Ntry', 'Bal', 'TxDtls', 'Ustrd', 'NtryDtls', 'AddtlNtryInf']);

// Large statements (a camt.053 of 100,000 entries is ~90 MB) are read without needless work:
// no attributes (nothing here reads one: `<Amt Ccy="PLN">` gives its text), and entities are
// decoded only in the values read (text below), not in every value of the document.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => arrays.has(name),
});

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked by name and checked on the way
type Node = any;

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The XML entities of a value (`&amp;`, `&#261;`, `&#x105;`) as the characters they stand for. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(ENTITY, (whole, name?: string, dec?: string, hex?: string) => {
    if (name) return NAMED[name] ?? whole;
    const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const text = (node: Node): string => {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return decodeEntities(String(node));
  if (typeof node === 'object' && '#text' in node) return decodeEntities(String(node['#text']));
  return '';
};
const list = (node: Node): Node[] => (Array.isArray(node) ? node : node === undefined ? [] : [node]);

/** Line numbers of each `<Ntry>` and `<Stmt>`/`<Ntfctn>` opening tag, in order. */
function tagLines(xml: string, tag: string): number[] {
  const lines: number[] = [];
  const re = new RegExp(`<(?:[A-Za-z0-9]+:)?${tag}[\\s>]`, 'g');
  let line = 1;
  let from = 0;
  for (const match of xml.matchAll(re)) {
    for (let i = from; i < match.index; i++) if (xml.charCodeAt(i) === 10) line++;
    from = match.index;
    lines.push(line);
  }
  return lines;
}

function dateOf(node: Node): string | undefined {
  const value = text(node?.Dt) || text(node?.DtTm);
  return realDay(value.slice(0, 10));
}

function accountOf(node: Node): string {
  return text(node?.Id?.IBAN) || text(node?.Id?.Othr?.Id);
}

export function parseCamt(file: string, xml: string): BankStatement[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new StatementFileError(
      file,
      valid.err.line,
      `plik XML jest uszkodzony lub niepełny (${valid.err.msg}). Pobierz plik z banku jeszcze raz.`,
    );
  }
  const document: Node = parser.parse(xml)?.Document;
  const statementsNode = document?.BkToCstmrStmt?.Stmt;
  const notificationsNode = document?.BkToCstmrDbtCdtNtfctn?.Ntfctn;
  const format: BankFormat = statementsNode ? 'camt.053' : 'camt.054';
  const reports = list(statementsNode ?? notificationsNode);
  if (reports.length === 0) {
    throw new StatementFileError(
      file,
      1,
      'plik XML nie zawiera wyciągu camt.053 (Stmt) ani powiadomienia camt.054 (Ntfctn).',
    );
  }
  const reportLines = tagLines(xml, format === 'camt.053' ? 'Stmt' : 'Ntfctn');
  const entryLines = tagLines(xml, 'Ntry');
  let entryIndex = 0;
  return reports.map((report, index) => {
    const line = reportLines[index] ?? 1;
    const account = checkedAccount(file, line, accountOf(report.Acct), 'wyciągu (Acct)');
    if (!/^\d{26}$/.test(account)) {
      throw new StatementFileError(file, line, `rachunek wyciągu „${account}” nie jest polskim numerem NRB.`);
    }
    const balance = (codes: string[]) => {
      const found = list(report.Bal).find((b) => codes.includes(text(b?.Tp?.CdOrPrtry?.Cd)));
      if (!found) return undefined;
      const amount = parseAmount(text(found.Amt));
      if (amount === undefined)
        throw new StatementFileError(file, line, `saldo „${text(found.Amt)}” jest nieczytelne.`);
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
    const entries: BankEntry[] = [];
    for (const ntry of list(report.Ntry)) {
      const entryLine = entryLines[entryIndex++] ?? line;
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
      parts.forEach((tx: Node, i: number) => {
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
        entries.push({
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
        });
      });
    }
    const statement: BankStatement = {
      format,
      account,
      number: text(report.ElctrncSeqNb) || text(report.LglSeqNb) || text(report.Id),
      periodFrom: realDay(text(report.FrToDt?.FrDtTm).slice(0, 10)) ?? opening?.date ?? entries[0]?.bookingDate ?? '',
      periodTo: realDay(text(report.FrToDt?.ToDtTm).slice(0, 10)) ?? closing?.date ?? entries.at(-1)?.bookingDate ?? '',
      currency: text(report.Acct?.Ccy) || 'PLN',
      openingBalance: opening?.amount,
      closingBalance: closing?.amount,
      line,
      entries,
    };
    if (!statement.periodFrom) {
      throw new StatementFileError(file, line, 'wyciąg nie ma okresu (FrToDt) ani operacji.');
    }
    checkBalance(file, statement);
    return statement;
  });
}
