/**
 * Elixir-O style exports (`.pli`, `.txt`, `.csv`): one transfer per line, comma-separated, text
 * fields in quotes, lines of a field joined by `|`, as banks export incoming transfers (the
 * format of the KIR Elixir-O message, as used for payment files):
 *
 *   110,20260302,45000,10901014,0,"PL…payer","PL…recipient","Jan Przykładowy|ul. …","Spółdzielnia|…",0,10202313,"Opłaty lokal 1/2","","","51","REF"
 *
 * fields: 1 kind (110 transfer), 2 date YYYYMMDD, 3 amount in grosze, 4 payer's bank, 6 payer's
 * account, 7 recipient's account (the unit's virtual account), 8 payer's name, 9 recipient's
 * name, 11 recipient's bank, 12 title, 16 the bank's reference. Every line is a credit of the
 * recipient's account; the file has no balances.
 */
import { parse } from 'csv-parse/sync';
import { checkedAccount } from './accounts.ts';
import { type BankEntry, type BankStatement, realDay, type StatementEvent, StatementFileError } from './statement.ts';

export const ELIXIR_LINE = /^\s*\d{3},\d{8},\d+,/;

export function parseElixir(file: string, text: string): BankStatement[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      relax_column_count: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new StatementFileError(
      file,
      line,
      'wiersz nie jest poprawnym wierszem Elixir-O (niezamknięty cudzysłów — plik urwany?).',
    );
  }
  const entries: BankEntry[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const field = (i: number) => (record[i] ?? '').trim();
    if (record.length < 12) {
      throw new StatementFileError(
        file,
        line,
        `wiersz ma ${record.length} pól, a wiersz Elixir-O co najmniej 12 — plik jest urwany lub to inny format.`,
      );
    }
    const date = realDay(field(1).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'));
    const amount = /^\d{1,15}$/.test(field(2)) ? Number(field(2)) : undefined;
    if (!date) throw new StatementFileError(file, line, `data „${field(1)}” nie jest datą RRRRMMDD.`);
    if (amount === undefined || amount === 0)
      throw new StatementFileError(file, line, `kwota „${field(2)}” nie jest kwotą w groszach.`);
    const recipient = checkedAccount(file, line, field(6), 'odbiorcy');
    if (!/^\d{26}$/.test(recipient))
      throw new StatementFileError(file, line, `rachunek odbiorcy „${field(6)}” nie jest numerem NRB.`);
    entries.push({
      line,
      bookingDate: date,
      valueDate: date,
      amount,
      reference: field(15),
      title: field(11).replace(/\|/g, '').replace(/\s+/g, ' ').trim(),
      counterpartyName: (field(7).split('|')[0] ?? '').trim(),
      counterpartyAccount: checkedAccount(file, line, field(5), 'nadawcy'),
      creditedAccount: recipient,
      operation: field(0),
      details: '',
    });
  }
  if (entries.length === 0) throw new StatementFileError(file, 1, 'plik Elixir-O nie ma żadnego przelewu.');
  const dates = entries.map((e) => e.bookingDate).sort();
  return [
    {
      format: 'elixir',
      account: entries[0]?.creditedAccount ?? '',
      number: '',
      periodFrom: dates[0] ?? '',
      periodTo: dates.at(-1) ?? '',
      currency: 'PLN',
      openingBalance: undefined,
      closingBalance: undefined,
      line: 1,
      entries,
    },
  ];
}

/** An Elixir-O file (read whole: such files are small) as the events of its one statement. */
export function* elixirEvents(file: string, text: string): Generator<StatementEvent> {
  for (const statement of parseElixir(file, text)) {
    yield { kind: 'start', statement: { ...statement, entries: [] } };
    for (const entry of statement.entries) yield { kind: 'entry', entry };
    yield { kind: 'end', statement: { ...statement, entries: [] } };
  }
}
