/**
 * Import of payments from a bank or accounting export (CSV, UTF-8 or Windows-1250, `;` or `,`):
 *
 *   lokal;data;kwota;referencja;opis
 *   P65-12;2026-03-08;450,00;PKO-2026-000123;Wpłata czynsz marzec
 *
 * The file is read and checked in a thread of its own (payment-file.ts), and its good rows are
 * staged in pieces, each a short statement of its own, while the rest is still being read; then
 * one transaction books every staged row into the ledger (atomic: with any error nothing is
 * booked, and the report lists the rows). On PGlite, where every statement waits for an open
 * transaction, other pages thus wait only for that last step, not for the whole file.
 *
 * The reference is unique: a row already booked is skipped, so a re-import is a no-op
 * (idempotent) — but a row whose reference was booked before with another unit, amount or date
 * is a conflict: it is reported at its row and nothing is booked (never skipped silently).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { formatMoney } from '../../lib/format.ts';
import { type Actor, recordAudit } from '../audit/audit.ts';
import { sourceName } from '../units/import/read-file.ts';
import { unitIdsByExternalKey } from '../units/unit-facts.ts';
import type { PaymentSource, RowError } from './payment-file.ts';
import { checkPaymentFileInThread } from './payment-file-runner.ts';
import { bookStagedPiece, dropStaged, dropStaleStaged, stagedConflicts, stagePiece } from './payment-import-staging.ts';

export type { RowError } from './payment-file.ts';

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

/** Thrown inside the transaction to undo it when the file has errors. */
class RollBack extends Error {}

/**
 * Rows per staged piece and per booking statement: each statement's trigger updates the monthly
 * and yearly totals once per unit, and on PGlite other pages answer between two pieces.
 */
const PIECE_ROWS = 20_000;

/** Imports a payments file for the actor's organization (see the top of this file). */
export async function importPayments(
  db: Db,
  {
    actor,
    source,
    bookingDate,
    startDate,
    maxBytes = 200 * 1024 * 1024,
    chunkRows = PIECE_ROWS,
    onStaged,
  }: {
    actor: Actor;
    source: PaymentSource;
    /** Today: the booking date, and the latest value date a payment may have. */
    bookingDate: string;
    /** The ledger's start date: the earliest value date. */
    startDate: string;
    maxBytes?: number;
    /** Rows per piece (smaller in tests, to cross piece boundaries with little data). */
    chunkRows?: number;
    /**
     * Told after each piece is staged (rows staged so far); the next piece waits for it. Nothing
     * of the file is booked yet, and the database answers other statements meanwhile.
     */
    onStaged?: ((progress: { rows: number }) => Promise<void> | void) | undefined;
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
  const importId = randomUUID();
  let pieces = 0;
  let staged = 0;
  try {
    await dropStaleStaged(db);
    const units = await unitIdsByExternalKey(db, { organizationId });
    // The file is read and checked in a thread of its own; good rows are staged piece by piece,
    // each piece one short statement, until the first error (then nothing more is staged).
    const checked = await checkPaymentFileInThread(
      {
        source,
        maxBytes,
        units: [...units],
        bookingDate,
        startDate,
        importId,
        organizationId,
        pieceRows: chunkRows,
        maxErrors: MAX_ERRORS,
      },
      async (piece) => {
        await stagePiece(db, { text: piece.text });
        pieces = piece.piece + 1;
        staged += piece.rows;
        await onStaged?.({ rows: staged });
      },
    );
    report.rows = checked.rows;
    report.fileError = checked.fileError;
    report.errors = checked.errors;
    report.moreErrors = checked.moreErrors;
    if (checked.fileError !== undefined || checked.errors.length > 0) return report;
    // One transaction books the whole file: nothing of it is seen before, all of it after.
    await db.transaction(async (tx) => {
      let booked = 0;
      for (let piece = 0; piece < pieces; piece++)
        booked += await bookStagedPiece(tx, { importId, piece, bookingDate });
      if (checked.staged > booked && (await reportConflicts(tx, { importId, report })) > 0) throw new RollBack();
      report.booked = booked;
      report.alreadyBooked = checked.staged - booked;
      await recordAudit(tx, {
        ...actor,
        action: 'ledger.import_payments',
        subjectType: 'register',
        detail: { file: report.file, rows: report.rows, booked: report.booked, alreadyBooked: report.alreadyBooked },
      });
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    report.booked = 0;
    report.alreadyBooked = 0;
  } finally {
    // Booked or not, the staged rows have done their work; if this fails (the database is gone),
    // the next import deletes them a day later.
    await dropStaged(db, { importId, pieces }).catch(() => {});
  }
  return report;
}

/**
 * Rows whose reference was booked before (by an earlier file, by hand or from a bank statement
 * under the same reference) with another unit, amount or value date: each is an error at its
 * row. Rows booked by this file match themselves.
 */
async function reportConflicts(
  tx: Db,
  { importId, report }: { importId: string; report: PaymentImportReport },
): Promise<number> {
  const { conflicts, total } = await stagedConflicts(tx, { importId, limit: MAX_ERRORS });
  for (const row of conflicts) {
    const before = row.booked;
    report.errors.push({
      row: row.line,
      column: 'referencja',
      message: `Wpłata o numerze referencyjnym „${row.reference}” jest już zaksięgowana z kwotą ${formatMoney(before.amount)} i datą ${before.valueDate}${before.unitId === row.unitId ? '' : ' na inny lokal'}; w pliku ma kwotę ${formatMoney(row.amount)} i datę ${row.valueDate}. Popraw plik albo zaksięgowaną wpłatę (korekta).`,
    });
  }
  report.moreErrors = total - conflicts.length;
  return total;
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
