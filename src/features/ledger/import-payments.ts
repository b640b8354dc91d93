/**
 * Import of payments from a bank or accounting export (CSV, UTF-8 or Windows-1250, `;` or `,`):
 *
 *   lokal;data;kwota;referencja;opis
 *   P65-12;2026-03-08;450,00;PKO-2026-000123;Wpłata czynsz marzec
 *
 * One transaction holds the whole file: rows go to the database in multi-row inserts while the
 * rest of the file is still being read and checked (the database writes one chunk while the next
 * is parsed), and with any error everything is rolled back and the report lists the rows
 * (atomic). The reference is unique: a row already booked is skipped, so a re-import is a no-op
 * (idempotent) — but a row whose reference was booked before with another unit, amount or date
 * is a conflict: it is reported at its row and nothing is booked (never skipped silently).
 */
import type { Db } from '../../db/client.ts';
import { parseDate } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/format.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import {
  decodeSample,
  detectDelimiter,
  detectEncoding,
  type FileSource,
  ImportFileError,
  readRecords,
  sampleSource,
  sourceName,
} from '../units/import/read-file.ts';
import { unitIdsByExternalKey } from '../units/unit-facts.ts';
import { paymentsByReference } from './bank-payments.ts';
import { insertEntries, type NewEntry } from './queries.ts';
import { parseMoney } from './rules/money.ts';
import { valueDateProblem } from './rules/value-date.ts';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface PaymentImportReport {
  file: string;
  rows: number;
  booked: number;
  alreadyBooked: number;
  fileError: string | undefined;
  errors: RowError[];
  moreErrors: number;
}

const MAX_ERRORS = 200;

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

/** Thrown inside the transaction to undo it when the file has errors. */
class RollBack extends Error {}

/** Rows per insert: each statement's trigger updates the monthly and yearly totals once per unit. */
const CHUNK_ROWS = 100_000;

/**
 * Sends entries in chunks, one insert in flight at a time; its failure is kept (never an
 * unhandled rejection) and thrown by the next `add` or by `finish`. Every statement must have
 * ended before the transaction does (`finish` or `abandon`): a chunk run after a rollback would
 * run outside any transaction and stay.
 */
function chunkWriter(tx: Db, organizationId: number, chunkRows: number) {
  let batch: NewEntry[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;
  let booked = 0;
  let sent = 0;
  let abandoned = false;
  const send = () => {
    const rows = batch;
    batch = [];
    sent += rows.length;
    inFlight = inFlight.then(async () => {
      if (failure !== undefined || abandoned) return;
      try {
        booked += (await insertEntries(tx, { organizationId, entries: rows })).size;
      } catch (error) {
        failure = error;
      }
    });
  };
  return {
    add(entry: NewEntry) {
      if (failure !== undefined) throw failure;
      batch.push(entry);
      if (batch.length >= chunkRows) send();
    },
    /** Sends nothing more; resolves when the statement under way is done (it never rejects). */
    abandon(): Promise<void> {
      abandoned = true;
      return inFlight;
    },
    async finish() {
      if (batch.length > 0) send();
      await inFlight;
      if (failure !== undefined) throw failure;
      return { booked, sent };
    },
  };
}

/** Imports a payments file for the actor's organization (see the top of this file). */
export async function importPayments(
  db: Db,
  {
    actor,
    source,
    bookingDate,
    startDate,
    maxBytes = 200 * 1024 * 1024,
    chunkRows = CHUNK_ROWS,
  }: {
    actor: Actor;
    source: FileSource;
    /** Today: the booking date, and the latest value date a payment may have. */
    bookingDate: string;
    /** The ledger's start date: the earliest value date. */
    startDate: string;
    maxBytes?: number;
    /** Rows per insert (smaller in tests, to cross chunk boundaries with little data). */
    chunkRows?: number;
  },
): Promise<PaymentImportReport> {
  const organizationId = actor.organizationId;
  const report: PaymentImportReport = {
    file: sourceName(source),
    rows: 0,
    booked: 0,
    alreadyBooked: 0,
    fileError: undefined,
    errors: [],
    moreErrors: 0,
  };
  const fail = (row: number, column: string, message: string) => {
    if (report.errors.length < MAX_ERRORS) report.errors.push({ row, column, message });
    else report.moreErrors++;
  };
  try {
    // What each row books, by reference: a reference booked before is compared with it.
    const expected = new Map<string, ExpectedPayment>();
    await db.transaction(async (tx) => {
      const writer = chunkWriter(tx, organizationId, chunkRows);
      let readWell = false;
      try {
        await readPayments(
          tx,
          { organizationId, source, maxBytes, bookingDate, startDate, report, fail },
          (entry, row) => {
            // After the first error nothing more is sent: the transaction will be rolled back anyway.
            if (report.errors.length === 0) writer.add(entry);
            expected.set(entry.sourceRef.slice('payment:'.length), {
              row,
              unitId: entry.unitId,
              amount: -entry.amount,
              valueDate: entry.valueDate,
            });
          },
        );
        readWell = report.errors.length === 0;
      } finally {
        // A chunk still queued must not run after the rollback, outside the transaction.
        if (!readWell) await writer.abandon();
      }
      if (!readWell) throw new RollBack();
      const { booked, sent } = await writer.finish();
      if (sent > booked && (await reportConflicts(tx, { organizationId, expected, fail })) > 0) throw new RollBack();
      report.booked = booked;
      report.alreadyBooked = sent - booked;
      await recordAudit(tx, {
        ...actor,
        action: 'ledger.import_payments',
        subjectType: 'register',
        detail: { file: report.file, rows: report.rows, booked: report.booked, alreadyBooked: report.alreadyBooked },
      });
    });
  } catch (error) {
    if (error instanceof ImportFileError) report.fileError = error.message;
    else if (!(error instanceof RollBack)) throw error;
    report.booked = 0;
    report.alreadyBooked = 0;
  }
  return report;
}

interface ExpectedPayment {
  row: number;
  unitId: number;
  amount: number;
  valueDate: string;
}

/**
 * Rows whose reference was booked before (by an earlier file, by hand or from a bank statement
 * under the same reference) with another unit, amount or value date: each is an error at its
 * row. Rows booked by this file match themselves.
 */
async function reportConflicts(
  tx: Db,
  {
    organizationId,
    expected,
    fail,
  }: { organizationId: number; expected: Map<string, ExpectedPayment>; fail: ReadOptions['fail'] },
): Promise<number> {
  const booked = await paymentsByReference(tx, { organizationId, references: [...expected.keys()] });
  let conflicts = 0;
  for (const [reference, row] of expected) {
    const before = booked.get(reference);
    if (!before) continue;
    if (before.unitId === row.unitId && before.amount === row.amount && before.valueDate === row.valueDate) continue;
    conflicts++;
    fail(
      row.row,
      'referencja',
      `Wpłata o numerze referencyjnym „${reference}” jest już zaksięgowana z kwotą ${formatMoney(before.amount)} i datą ${before.valueDate}${before.unitId === row.unitId ? '' : ' na inny lokal'}; w pliku ma kwotę ${formatMoney(row.amount)} i datę ${row.valueDate}. Popraw plik albo zaksięgowaną wpłatę (korekta).`,
    );
  }
  return conflicts;
}

interface ReadOptions {
  organizationId: number;
  source: FileSource;
  maxBytes: number;
  bookingDate: string;
  startDate: string;
  report: PaymentImportReport;
  fail: (row: number, column: string, message: string) => void;
}

/** Reads and checks every row; errors go to `fail`, each good payment to `onEntry`. */
async function readPayments(
  db: Db,
  { organizationId, source, maxBytes, bookingDate, startDate, report, fail }: ReadOptions,
  onEntry: (entry: NewEntry, row: number) => void,
): Promise<void> {
  const { size, sample } = await sampleSource(source, maxBytes);
  const encoding = detectEncoding(sample, sample.length === size);
  const firstLine =
    decodeSample(sample, encoding)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const units = await unitIdsByExternalKey(db, { organizationId });
  const seen = new Map<string, number>();
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
    report.rows++;
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
    if (report.errors.length > 0 || unitId === undefined || !date.ok || !amount.ok) continue;
    onEntry(
      {
        unitId,
        bookingDate,
        valueDate: date.value,
        kind: 'payment',
        componentId: null,
        amount: -amount.value,
        description: cell('description') || 'Wpłata',
        dueDate: null,
        source: 'import',
        sourceRef: `payment:${reference}`,
        correctsEntryId: null,
      },
      row,
    );
  }
  if (!columns) throw new ImportFileError('Plik nie ma nagłówka ani wierszy.');
}

/** The report as text lines for the CLI. */
export function formatPaymentImportReport(report: PaymentImportReport): string {
  if (report.fileError) return `Plik ${report.file}: ${report.fileError}`;
  if (report.errors.length > 0) {
    return [
      `Plik ${report.file}: ${report.errors.length + report.moreErrors} błędów — nic nie zaksięgowano.`,
      ...report.errors.map((e) => `wiersz ${e.row}, ${e.column}: ${e.message}`),
      ...(report.moreErrors ? [`… i ${report.moreErrors} dalszych błędów.`] : []),
    ].join('\n');
  }
  return `Plik ${report.file}: ${report.rows} wierszy, zaksięgowano ${report.booked}, już zaksięgowanych wcześniej ${report.alreadyBooked}.`;
}
