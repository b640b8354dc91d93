/**
 * Reading and checking a payments file (see import-payments.ts for the format and the rules),
 * without the database: the units come as a list, and each good row leaves as a line of COPY
 * text for the staging table `ledger_payment_import_rows`, in pieces of `pieceRows` rows. Runs in
 * its own thread (payment-file-thread.ts), so that parsing and checking a 400,000-row file (and
 * the garbage it leaves) never holds up the server's thread.
 */
import { copyText } from '../../db/copy-text.ts';
import { parseDate } from '../../lib/dates.ts';
import {
  decodeSample,
  detectDelimiter,
  detectEncoding,
  type FileSource,
  ImportFileError,
  readRecords,
  sampleSource,
} from '../units/import/read-file.ts';
import { parseMoney } from './rules/money.ts';
import { valueDateProblem } from './rules/value-date.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A file on disk (CLI) or the bytes of an upload. */
export type PaymentSource = Exclude<FileSource, { chunks: unknown }>;

export interface PaymentFileInput {
  source: PaymentSource;
  maxBytes: number;
  /** The organization's units: external key → id. */
  units: [string, number][];
  bookingDate: string;
  startDate: string;
  importId: string;
  organizationId: number;
  pieceRows: number;
  maxErrors: number;
}

/** One piece of staged rows: COPY text in the order of `stagedColumns`. */
export interface StagedPiece {
  piece: number;
  rows: number;
  text: Uint8Array;
}

export interface PaymentFileResult {
  /** Data rows read (without the header). */
  rows: number;
  /** Rows written to the staging table (every row when the file has no error). */
  staged: number;
  errors: RowError[];
  moreErrors: number;
  /** The file cannot be read at all (too large, encoding, header, broken CSV). */
  fileError: string | undefined;
}

/** The staging table's columns, in the order of the COPY text. */
export const stagedColumns = [
  { name: 'import_id', type: 'text' },
  { name: 'organization_id', type: 'bigint' },
  { name: 'piece', type: 'integer' },
  { name: 'line', type: 'integer' },
  { name: 'unit_id', type: 'bigint' },
  { name: 'value_date', type: 'date' },
  { name: 'amount', type: 'bigint' },
  { name: 'description', type: 'text' },
  { name: 'reference', type: 'text' },
] as const;

const headerAliases: Record<string, 'unit' | 'date' | 'amount' | 'reference' | 'description'> = {
  lokal: 'unit',
  kod_lokalu: 'unit',
  unit: 'unit',
  data: 'date',
  data_wplaty: 'date',
  date: 'date',
  kwota: 'amount',
  amount: 'amount',
  referencja: 'reference',
  nr_referencyjny: 'reference',
  reference: 'reference',
  opis: 'description',
  tytul: 'description',
  description: 'description',
};

function headerKey(text: string) {
  const folded = text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[\s.-]+/g, '_');
  return headerAliases[folded];
}

/**
 * Reads and checks every row. Errors are collected (the first `maxErrors`, then only counted);
 * until the first error, good rows go to `onPiece` as staged pieces (awaited: it may hold the
 * reading back until the database has taken the piece). After the first error nothing more is
 * staged: the import books nothing, but the rest of the file is still checked for the report.
 */
export async function checkPaymentFile(
  input: PaymentFileInput,
  onPiece: (piece: StagedPiece) => Promise<void>,
): Promise<PaymentFileResult> {
  const result: PaymentFileResult = { rows: 0, staged: 0, errors: [], moreErrors: 0, fileError: undefined };
  try {
    await readPayments(input, result, onPiece);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    result.fileError = error.message;
  }
  return result;
}

async function readPayments(
  {
    source,
    maxBytes,
    units: unitList,
    bookingDate,
    startDate,
    importId,
    organizationId,
    pieceRows,
    maxErrors,
  }: PaymentFileInput,
  result: PaymentFileResult,
  onPiece: (piece: StagedPiece) => Promise<void>,
): Promise<void> {
  const fail = (row: number, column: string, message: string) => {
    if (result.errors.length < maxErrors) result.errors.push({ row, column, message });
    else result.moreErrors++;
  };
  const { size, sample } = await sampleSource(source, maxBytes);
  const encoding = detectEncoding(sample, sample.length === size);
  const firstLine =
    decodeSample(sample, encoding)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const units = new Map(unitList);
  const seen = new Map<string, number>();
  const encoder = new TextEncoder();
  const lead = `${copyText(importId)}\t${organizationId}\t`;
  let piece = 0;
  let pieceText = '';
  let pieceCount = 0;
  const sendPiece = async () => {
    const staged = { piece, rows: pieceCount, text: encoder.encode(pieceText) };
    piece++;
    pieceText = '';
    pieceCount = 0;
    result.staged += staged.rows;
    await onPiece(staged);
  };
  let columns: Map<string, number> | undefined;
  for await (const record of readRecords(source, { encoding, delimiter })) {
    if (!columns) {
      columns = new Map();
      record.fields.forEach((field, i) => {
        const key = headerKey(field);
        if (key && !columns?.has(key)) columns?.set(key, i);
      });
      const missing = (['unit', 'date', 'amount', 'reference'] as const).filter((k) => !columns?.has(k));
      if (missing.length > 0) {
        const names = { unit: 'lokal', date: 'data', amount: 'kwota', reference: 'referencja' };
        throw new ImportFileError(
          `W nagłówku pliku brakuje kolumn: ${missing.map((m) => names[m]).join(', ')} (separator „${delimiter}”).`,
        );
      }
      continue;
    }
    result.rows++;
    const cell = (key: string) => (record.fields[columns?.get(key) ?? -1] ?? '').trim();
    const row = record.row;
    const unitKey = cell('unit');
    const unitId = units.get(unitKey);
    if (!unitKey) fail(row, 'lokal', 'Brak kodu lokalu.');
    else if (unitId === undefined) fail(row, 'lokal', `Nie ma lokalu o kodzie „${unitKey}”.`);
    const date = parseDate(cell('date'));
    if (!date.ok) fail(row, 'data', `Data: ${date.message}.`);
    else {
      const problem = valueDateProblem(date.value, { startDate, today: bookingDate });
      if (problem) fail(row, 'data', problem);
    }
    const amount = parseMoney(cell('amount'));
    if (!amount.ok) fail(row, 'kwota', amount.message);
    else if (amount.value === 0) fail(row, 'kwota', 'Kwota wpłaty musi być większa od zera.');
    const reference = cell('reference');
    if (!reference) fail(row, 'referencja', 'Brak numeru referencyjnego wpłaty.');
    else if (reference.length > 100) fail(row, 'referencja', 'Numer referencyjny ma więcej niż 100 znaków.');
    else if (seen.has(reference)) {
      fail(
        row,
        'referencja',
        `Numer referencyjny „${reference}” powtarza się w pliku (także w wierszu ${seen.get(reference)}).`,
      );
    } else seen.set(reference, row);
    if (result.errors.length > 0 || result.moreErrors > 0 || unitId === undefined || !date.ok || !amount.ok) continue;
    const description = cell('description') || 'Wpłata';
    pieceText += `${lead}${piece}\t${row}\t${unitId}\t${date.value}\t${amount.value}\t${copyText(description)}\t${copyText(reference)}\n`;
    if (++pieceCount >= pieceRows) await sendPiece();
  }
  if (!columns) throw new ImportFileError('Plik nie ma nagłówka ani wierszy.');
  if (pieceCount > 0 && result.errors.length === 0) await sendPiece();
}
