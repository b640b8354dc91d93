/**
 * MT940 as Polish banks export it (`.sta`, `.mt940`, `.txt`): fields `:20:`, `:25:`, `:28C:`,
 * `:60F:`/`:60M:`, then `:61:` (an operation) with its `:86:` (the Polish subfields: `~00`
 * operation, `~20`–`~25` and `~26`–`~29` title, `~30`/`~31` counterparty's bank and account,
 * `~32`/`~33` name, `~38` IBAN), and `:62F:`/`:62M:`. Banks write the subfield mark as `~`, `<`,
 * `^` or `+`; the mark in use is read from the field itself. SWIFT blocks (`{1:…}{4:` … `-}`)
 * around the text are allowed. A file may hold several statements (one per day).
 */
import { accountDigits, checkedAccount, nrbFromParts, nrbsIn } from './accounts.ts';
import {
  type BankEntry,
  type BankStatement,
  checkBalanceSum,
  collectStatements,
  dateFromYymmdd,
  parseAmount,
  realDay,
  type StatementEvent,
  StatementFileError,
  type TextCheck,
} from './statement.ts';

export type Mt940Separator = '~' | '<' | '^' | '+';
export const mt940Separators: Mt940Separator[] = ['~', '<', '^', '+'];

interface Field {
  tag: string;
  value: string;
  line: number;
}

/** Fields with their continuation lines, one by one; block headers and `-` separators dropped. */
function* fieldsOf(file: string, text: string, check: TextCheck): Generator<Field> {
  let pending: Field | undefined;
  let start = 0;
  for (let i = 0; start < text.length; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    check(end);
    // Trailing spaces stay: a title wrapped at the end of a line keeps its space.
    let line = text.slice(start, end);
    start = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    // SWIFT blocks: `{1:…}{2:…}{4:` before the first field, `-}` after the last.
    if (line.startsWith('{')) {
      const block4 = line.indexOf('{4:');
      if (block4 < 0) continue;
      line = line.slice(block4 + 3);
    }
    const bare = line.trim();
    if (bare === '' || bare === '-' || bare === '-}') continue;
    // A field starts with `:`; most lines are an `:86:` field's continuation.
    const match = line.charCodeAt(0) === 58 ? /^:(\d{2}[A-Z]?):(.*)$/.exec(line) : null;
    if (match) {
      if (pending) yield pending;
      pending = { tag: match[1] ?? '', value: match[2] ?? '', line: i + 1 };
    } else {
      if (!pending) throw new StatementFileError(file, i + 1, 'to nie jest pole MT940 (oczekiwano „:20:”).');
      pending.value += `\n${line}`;
    }
  }
  if (pending) yield pending;
}

/** `C260301PLN1234,56` */
function balanceOf(file: string, field: Field): { amount: number; date: string; currency: string } {
  const match = /^([CD])(\d{6})([A-Z]{3})([\d,.]+)$/.exec(field.value.trim());
  const date = match ? dateFromYymmdd(match[2] ?? '') : undefined;
  const amount = match ? parseAmount(match[4] ?? '') : undefined;
  if (!match || date === undefined || amount === undefined) {
    throw new StatementFileError(file, field.line, `saldo w polu :${field.tag}: jest nieczytelne („${field.value}”).`);
  }
  return { amount: match[1] === 'D' ? -amount : amount, date, currency: match[3] ?? '' };
}

/** The booking date MMDD in the year of the value date, across a new year if need be. */
function bookingDateOf(valueDate: string, mmdd: string | undefined): string | undefined {
  if (!mmdd) return valueDate;
  let year = Number(valueDate.slice(0, 4));
  const valueMonth = Number(valueDate.slice(5, 7));
  const month = Number(mmdd.slice(0, 2));
  if (month === 12 && valueMonth === 1) year--;
  if (month === 1 && valueMonth === 12) year++;
  return realDay(`${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`);
}

const LINE_61 =
  /^(\d{6})(\d{4})?(R?[CD])([A-Z])?(\d+,\d{0,2})([NSF][A-Z0-9]{3})([^\n]*?)(?:\/\/([^\n]*))?(?:\n([\s\S]*))?$/;

function entryOf(file: string, field: Field): BankEntry {
  const match = LINE_61.exec(field.value);
  const valueDate = match ? dateFromYymmdd(match[1] ?? '') : undefined;
  const bookingDate = match && valueDate ? bookingDateOf(valueDate, match[2]) : undefined;
  const amount = match ? parseAmount(match[5] ?? '') : undefined;
  if (!match || !valueDate || !bookingDate || amount === undefined) {
    throw new StatementFileError(
      file,
      field.line,
      `operacja w polu :61: jest nieczytelna („${field.value.split('\n')[0]}”).`,
    );
  }
  const mark = match[3] ?? 'C';
  const credit = mark === 'C' || mark === 'RD';
  const customerRef = (match[7] ?? '').trim();
  const bankRef = (match[8] ?? '').trim();
  const reference = bankRef || (customerRef && customerRef !== 'NONREF' ? customerRef : '');
  const details = (match[9] ?? '').replace(/\n/g, ' ').trim();
  // Banks that identify mass payments write the credited virtual account here.
  const accounts = nrbsIn(details);
  return {
    line: field.line,
    bookingDate,
    valueDate,
    amount: credit ? amount : -amount,
    reference,
    title: '',
    counterpartyName: '',
    counterpartyAccount: '',
    creditedAccount: accounts.length === 1 ? (accounts[0] ?? '') : '',
    operation: '',
    details,
  };
}

/** The subfield mark of an `:86:` field, when it has subfields. */
export function separatorOf(value: string): Mt940Separator | undefined {
  const match = /^(?:\d{3})?([~<^+])\d{2}/.exec(value);
  return match ? (match[1] as Mt940Separator) : undefined;
}

const subfieldMarks: Record<Mt940Separator, RegExp> = {
  '~': /~(?=\d{2})/,
  '<': /<(?=\d{2})/,
  '^': /\^(?=\d{2})/,
  '+': /\+(?=\d{2})/,
};

/** Subfields of `:86:` by code; lines are joined as one text (banks wrap at 65 characters). */
export function subfieldsOf(value: string): Map<string, string> | undefined {
  const joined = value.replace(/\n/g, '');
  const separator = separatorOf(joined);
  if (!separator) return undefined;
  const fields = new Map<string, string>();
  for (const piece of joined.split(subfieldMarks[separator]).slice(1)) {
    const code = piece.slice(0, 2);
    fields.set(code, (fields.get(code) ?? '') + piece.slice(2));
  }
  return fields;
}

const OPERATION_CODES = ['00'];
const TITLE_CODES = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];
const NAME_CODES = ['32', '33', '62', '63'];

function describeEntry(file: string, field: Field, entry: BankEntry): void {
  const sub = subfieldsOf(field.value);
  if (!sub) {
    entry.title = field.value.replace(/\n/g, ' ').trim();
    return;
  }
  // The subfields of the codes, in order, as one text (banks cut a long text across them).
  const pick = (codes: readonly string[]) => {
    let text = '';
    for (const code of codes) text += sub.get(code) ?? '';
    return text.replace(/\s+/g, ' ').trim();
  };
  entry.operation = pick(OPERATION_CODES);
  entry.title = pick(TITLE_CODES);
  entry.counterpartyName = pick(NAME_CODES);
  const iban = sub.get('38') ?? '';
  const sortNumber = (sub.get('30') ?? '').trim();
  const account = accountDigits(sub.get('31') ?? '');
  // The line of a subfield, for messages: the field's first line plus the line breaks before it.
  const lineOf = (code: string) => {
    const at = field.value.search(new RegExp(`[~<^+]${code}`));
    return field.line + (at < 0 ? 0 : field.value.slice(0, at).split('\n').length - 1);
  };
  if (iban.trim()) entry.counterpartyAccount = checkedAccount(file, lineOf('38'), iban, 'kontrahenta (~38)');
  else if (/^\d{26}$/.test(account)) {
    entry.counterpartyAccount = checkedAccount(file, lineOf('31'), account, 'kontrahenta (~31)');
  } else if (/^\d{8}$/.test(sortNumber) && /^\d{16}$/.test(account))
    entry.counterpartyAccount = nrbFromParts(sortNumber, account);
}

/** Reads every statement of an MT940 file; the balances of each are checked. */
export function parseMt940(file: string, text: string): BankStatement[] {
  return collectStatements(mt940Events(file, text));
}

/** The statements of an MT940 file as they are read (see StatementEvent); `check` sees the text before it is read. */
export function* mt940Events(file: string, text: string, check: TextCheck = () => {}): Generator<StatementEvent> {
  let current: (BankStatement & { closed: boolean; opened: boolean }) | undefined;
  let started = false;
  let sum = 0;
  let firstDate = '';
  let lastDate = '';
  let statements = 0;
  let pending: BankEntry | undefined;
  const header = (): BankStatement => {
    if (!current) throw new Error('no statement');
    const { closed: _c, opened: _o, ...statement } = current;
    return statement;
  };
  /** The statement's start, once its account is known (before its first entry or its end). */
  function* start(): Generator<StatementEvent> {
    if (!current || started) return;
    if (!current.account) throw new StatementFileError(file, current.line, 'wyciąg nie ma numeru rachunku (:25:).');
    started = true;
    yield { kind: 'start', statement: header() };
  }
  function* flush(): Generator<StatementEvent> {
    if (!pending) return;
    const entry = pending;
    pending = undefined;
    yield* start();
    sum += entry.amount;
    if (!firstDate || entry.bookingDate < firstDate) firstDate = entry.bookingDate;
    if (entry.bookingDate > lastDate) lastDate = entry.bookingDate;
    yield { kind: 'entry', entry };
  }
  function* finish(): Generator<StatementEvent> {
    yield* flush();
    if (!current) return;
    if (!current.opened) throw new StatementFileError(file, current.line, 'wyciąg nie ma salda początkowego (:60F:).');
    if (!current.closed) {
      throw new StatementFileError(
        file,
        current.line,
        'plik się urywa: wyciąg zaczęty w tym wierszu nie ma salda końcowego (:62F:). Pobierz plik z banku jeszcze raz.',
      );
    }
    yield* start();
    const statement = header();
    // The period covers every booking date (ISO dates compare as text).
    if (firstDate && firstDate < statement.periodFrom) statement.periodFrom = firstDate;
    if (lastDate > statement.periodTo) statement.periodTo = lastDate;
    checkBalanceSum(file, statement, sum);
    statements++;
    yield { kind: 'end', statement };
  }
  for (const field of fieldsOf(file, text, check)) {
    if (field.tag !== '86') yield* flush();
    if (field.tag === '20') {
      yield* finish();
      current = {
        format: 'mt940',
        account: '',
        number: '',
        periodFrom: '',
        periodTo: '',
        currency: '',
        openingBalance: undefined,
        closingBalance: undefined,
        line: field.line,
        entries: [],
        closed: false,
        opened: false,
      };
      started = false;
      sum = 0;
      firstDate = '';
      lastDate = '';
      continue;
    }
    if (!current)
      throw new StatementFileError(file, field.line, `pole :${field.tag}: przed początkiem wyciągu (:20:).`);
    if (current.closed && !['64', '65', '86'].includes(field.tag)) {
      throw new StatementFileError(file, field.line, `pole :${field.tag}: po saldzie końcowym wyciągu.`);
    }
    switch (field.tag) {
      case '25': {
        const account = checkedAccount(file, field.line, field.value.split('\n')[0] ?? '', 'wyciągu (:25:)');
        if (!/^\d{26}$/.test(account)) {
          throw new StatementFileError(file, field.line, `w polu :25: nie ma numeru rachunku NRB („${field.value}”).`);
        }
        current.account = account;
        break;
      }
      case '28':
      case '28C':
        current.number = field.value.trim();
        break;
      case '60F':
      case '60M': {
        const balance = balanceOf(file, field);
        current.openingBalance = balance.amount;
        current.currency = balance.currency;
        current.periodFrom = balance.date;
        current.opened = true;
        break;
      }
      case '61': {
        if (!current.opened)
          throw new StatementFileError(file, field.line, 'operacja przed saldem początkowym (:60F:).');
        pending = entryOf(file, field);
        break;
      }
      case '86':
        if (pending && !current.closed) describeEntry(file, field, pending);
        yield* flush();
        break;
      case '62F':
      case '62M': {
        const balance = balanceOf(file, field);
        current.closingBalance = balance.amount;
        current.periodTo = balance.date;
        current.closed = true;
        break;
      }
      default:
        break;
    }
  }
  yield* finish();
  if (statements === 0) throw new StatementFileError(file, 1, 'plik MT940 nie zawiera żadnego wyciągu (:20:).');
}
