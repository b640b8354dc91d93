/**
 * Writes statements in the banks' formats: the sample files in docs/examples/bank, the property
 * tests (written out and read back gives the same entries) and the benchmark's large files.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Mt940Separator } from './mt940.ts';
import type { BankEntry, BankStatement } from './statement.ts';

const yymmdd = (date: string) => date.slice(2).replace(/-/g, '');
const amountText = (grosze: number, separator = ',') =>
  `${Math.trunc(Math.abs(grosze) / 100)}${separator}${String(Math.abs(grosze) % 100).padStart(2, '0')}`;

/** Text cut into pieces of at most `size` characters. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function mt940Entry(entry: BankEntry, separator: Mt940Separator): string[] {
  const mark = entry.amount >= 0 ? 'C' : 'D';
  const entryDate = entry.bookingDate === entry.valueDate ? '' : entry.bookingDate.slice(5).replace('-', '');
  const lines = [
    `:61:${yymmdd(entry.valueDate)}${entryDate}${mark}${amountText(entry.amount)}NTRFNONREF//${entry.reference}`,
  ];
  // The credited (virtual) account goes to the supplementary details, as Polish banks write it.
  const details = entry.details || (entry.creditedAccount ? `PL${entry.creditedAccount}` : '');
  if (details) lines.push(details);
  const sub: string[] = [`${separator}00${entry.operation}`];
  pieces(entry.title, 27)
    .slice(0, 10)
    .forEach((piece, i) => {
      sub.push(`${separator}${20 + i}${piece}`);
    });
  if (entry.counterpartyAccount) {
    sub.push(`${separator}30${entry.counterpartyAccount.slice(2, 10)}`);
    sub.push(`${separator}31${entry.counterpartyAccount.slice(10)}`);
  }
  // Name and address: ~32, ~33, then ~62, ~63.
  pieces(entry.counterpartyName, 27)
    .slice(0, 4)
    .forEach((piece, i) => {
      sub.push(`${separator}${[32, 33, 62, 63][i]}${piece}`);
    });
  if (entry.counterpartyAccount) sub.push(`${separator}38PL${entry.counterpartyAccount}`);
  lines.push(`:86:020${sub[0]}`, ...sub.slice(1));
  return lines;
}

/** MT940 text: `-` after each statement, lines ending in CRLF as banks write them. */
export function writeMt940(statements: BankStatement[], separator: Mt940Separator): string {
  const lines: string[] = [];
  for (const s of statements) {
    const opening = s.openingBalance ?? 0;
    const closing = s.closingBalance ?? opening + s.entries.reduce((t, e) => t + e.amount, 0);
    lines.push(
      `:20:${s.number.replace(/\D/g, '') || 'MT940'}`,
      `:25:/PL${s.account}`,
      `:28C:${s.number}`,
      `:60F:${opening < 0 ? 'D' : 'C'}${yymmdd(s.periodFrom)}${s.currency}${amountText(opening)}`,
    );
    for (const entry of s.entries) lines.push(...mt940Entry(entry, separator));
    lines.push(`:62F:${closing < 0 ? 'D' : 'C'}${yymmdd(s.periodTo)}${s.currency}${amountText(closing)}`, '-');
  }
  return `${lines.join('\r\n')}\r\n`;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  suppressEmptyNode: true,
});

const iban = (nrb: string) => ({ Id: { IBAN: `PL${nrb}` } });

/** camt.053.001.02 with one `Stmt` per statement. */
export function writeCamt053(statements: BankStatement[]): string {
  const amount = (grosze: number, currency: string) => ({ '#text': amountText(grosze, '.'), '@Ccy': currency });
  const balance = (code: string, grosze: number, date: string, currency: string) => ({
    Tp: { CdOrPrtry: { Cd: code } },
    Amt: amount(grosze, currency),
    CdtDbtInd: grosze < 0 ? 'DBIT' : 'CRDT',
    Dt: { Dt: date },
  });
  const document = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    Document: {
      '@xmlns': 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02',
      BkToCstmrStmt: {
        GrpHdr: { MsgId: `STMT-${statements[0]?.number ?? ''}`, CreDtTm: `${statements[0]?.periodTo ?? ''}T23:59:00` },
        Stmt: statements.map((s) => {
          const opening = s.openingBalance ?? 0;
          const closing = s.closingBalance ?? opening + s.entries.reduce((t, e) => t + e.amount, 0);
          return {
            Id: `${s.account}-${s.number}`,
            ElctrncSeqNb: s.number,
            FrToDt: { FrDtTm: `${s.periodFrom}T00:00:00`, ToDtTm: `${s.periodTo}T23:59:59` },
            Acct: { ...iban(s.account), Ccy: s.currency },
            Bal: [balance('OPBD', opening, s.periodFrom, s.currency), balance('CLBD', closing, s.periodTo, s.currency)],
            Ntry: s.entries.map((e) => {
              const credit = e.amount >= 0;
              const party = { Nm: e.counterpartyName };
              return {
                Amt: amount(e.amount, s.currency),
                CdtDbtInd: credit ? 'CRDT' : 'DBIT',
                Sts: 'BOOK',
                BookgDt: { Dt: e.bookingDate },
                ValDt: { Dt: e.valueDate },
                AcctSvcrRef: e.reference,
                BkTxCd: { Prtry: { Cd: e.operation } },
                NtryDtls: {
                  TxDtls: {
                    Refs: { EndToEndId: 'NOTPROVIDED' },
                    RltdPties: credit
                      ? {
                          Dbtr: party,
                          ...(e.counterpartyAccount ? { DbtrAcct: iban(e.counterpartyAccount) } : {}),
                          ...(e.creditedAccount ? { CdtrAcct: iban(e.creditedAccount) } : {}),
                        }
                      : { Cdtr: party, ...(e.counterpartyAccount ? { CdtrAcct: iban(e.counterpartyAccount) } : {}) },
                    RmtInf: { Ustrd: pieces(e.title, 140) },
                  },
                },
              };
            }),
          };
        }),
      },
    },
  };
  return builder.build(document);
}

const quoted = (text: string) => `"${text.replace(/"/g, "'")}"`;

/** Elixir-O lines of the credits (the format has no debits and no balances). */
export function writeElixir(statement: BankStatement): string {
  return `${statement.entries
    .filter((e) => e.amount > 0)
    .map((e) =>
      [
        '110',
        e.bookingDate.replace(/-/g, ''),
        String(e.amount),
        e.counterpartyAccount.slice(2, 10) || '0',
        '0',
        quoted(e.counterpartyAccount),
        quoted(e.creditedAccount || statement.account),
        quoted(e.counterpartyName),
        quoted('Spółdzielnia'),
        '0',
        (e.creditedAccount || statement.account).slice(2, 10),
        quoted(pieces(e.title, 35).join('|')),
        quoted(''),
        quoted(''),
        quoted('51'),
        quoted(e.reference),
      ].join(','),
    )
    .join('\r\n')}\r\n`;
}
