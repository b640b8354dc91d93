/**
 * Import of the register from the accounting system (docs/import-register.md):
 * read (size limit, encoding, delimiter, streaming CSV) → check every row → compare with the
 * register by external keys (preview counts) → write everything in one transaction, or nothing.
 * A second run of the same file finds nothing to change and writes nothing.
 */
import type { Db } from '../../../db/client.ts';
import { type Actor, recordAudit } from '../../audit/audit.ts';
import { type Counts, planCounts, planRegister } from '../bulk/plan.ts';
import { loadRegisterState } from '../bulk/state.ts';
import { applyRegisterPlan } from '../bulk/write.ts';
import { lockRegisterExclusive } from '../queries.ts';
import type { RegisterData } from '../register-data.ts';
import { type ColumnKey, registerColumns } from './columns.ts';
import {
  decodeSample,
  detectDelimiter,
  detectEncoding,
  type Encoding,
  type FileSource,
  ImportFileError,
  readRecords,
  sampleSource,
  sourceName,
} from './read-file.ts';
import { RegisterRows, type RowError, readHeader } from './rows.ts';

/** Default size limit of a register file (the CLI and the panel pass the configured one). */
export const DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** At most this many row errors are listed; the rest are counted. */
const MAX_LISTED_ERRORS = 500;

export interface ImportProgress {
  /** Reading the file, checking it against the register, writing the changes. */
  phase: 'reading' | 'checking' | 'writing';
  /** Rows read so far (reading, then all rows) or records written so far (writing). */
  rows: number;
  /** While reading: bytes of the file parsed so far (of the text as UTF-8). */
  bytes?: number;
}

export interface ImportReport {
  file: {
    name: string;
    bytes: number;
    encoding: Encoding | undefined;
    delimiter: string | undefined;
    /** Data rows (without the header). */
    rows: number;
    /** Header columns that are not part of the format and were skipped. */
    ignoredColumns: string[];
  };
  /** Problems with the whole file (size, encoding, header); nothing is imported. */
  fileErrors: string[];
  /** Problems at rows (row 1 is the header); nothing is imported while there are any. */
  errors: RowError[];
  /** Errors beyond those listed. */
  moreErrors: number;
  counts: Record<keyof RegisterData, Counts> | undefined;
  /** True when the file matches the register: nothing to change. */
  unchanged: boolean;
  /** True when the changes were written. */
  applied: boolean;
  dryRun: boolean;
}

export interface ImportRegisterOptions {
  /** Who imports, into which organization; audited once, in the import's transaction, when changes are written. */
  actor: Actor;
  source: FileSource;
  /** Check and count only; write nothing (the preview). */
  dryRun?: boolean;
  maxBytes?: number;
  /** `auto` detects UTF-8 or Windows-1250. */
  encoding?: Encoding | 'auto';
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Runs last in the import's transaction with the finished report, so that the caller's record
   * of the outcome commits or rolls back with the changes. Not called when the file cannot be
   * read at all (the report then has fileErrors and nothing was written).
   */
  onFinish?: (tx: Db, report: ImportReport) => Promise<void>;
}

const PROGRESS_EVERY = 1000;

export async function importRegister(db: Db, options: ImportRegisterOptions): Promise<ImportReport> {
  const { actor, source, dryRun = false, onProgress = () => {} } = options;
  const { organizationId } = actor;
  const report: ImportReport = {
    file: {
      name: sourceName(source),
      bytes: 0,
      encoding: undefined,
      delimiter: undefined,
      rows: 0,
      ignoredColumns: [],
    },
    fileErrors: [],
    errors: [],
    moreErrors: 0,
    counts: undefined,
    unchanged: false,
    applied: false,
    dryRun,
  };

  let rows: RegisterRows | undefined;
  try {
    const { size, sample } = await sampleSource(source, options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES);
    report.file.bytes = size;
    const encoding = detectEncoding(sample, sample.length === size, options.encoding ?? 'auto');
    report.file.encoding = encoding;
    const firstLine =
      decodeSample(sample, encoding)
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/, 1)[0] ?? '';
    const delimiter = detectDelimiter(firstLine);
    report.file.delimiter = delimiter;
    for await (const record of readRecords(source, { encoding, delimiter })) {
      if (!rows) {
        const header = readHeader(record.fields);
        report.file.ignoredColumns = header.ignored;
        if (header.missing.length > 0) {
          throw new ImportFileError(
            `W nagłówku pliku brakuje kolumn: ${header.missing.join(', ')} (separator „${delimiter}”). Sprawdź pierwszy wiersz.`,
          );
        }
        rows = new RegisterRows(header.index, record.fields.length);
        continue;
      }
      rows.add(record);
      if (rows.rows % PROGRESS_EVERY === 0) onProgress({ phase: 'reading', rows: rows.rows, bytes: record.bytes });
    }
    if (!rows) throw new ImportFileError('Plik nie ma nagłówka ani wierszy.');
  } catch (error) {
    if (error instanceof ImportFileError) {
      report.fileErrors.push(error.message);
      return report;
    }
    throw error;
  }
  report.file.rows = rows.rows;
  onProgress({ phase: 'reading', rows: rows.rows, bytes: report.file.bytes });
  if (rows.rows === 0) {
    report.fileErrors.push('Plik ma tylko nagłówek: nie ma czego wczytać.');
    return report;
  }

  const data = rows.data;
  const rowErrors = rows.errors;
  onProgress({ phase: 'checking', rows: rows.rows });
  // One transaction: the rules checked against the register (for the valid rows too when
  // others failed, so that one report lists everything), the counts, and unless anything
  // failed or this is a dry run, the writes.
  return db.transaction(async (tx) => {
    await lockRegisterExclusive(tx, { organizationId });
    const state = await loadRegisterState(tx, { organizationId });
    const plan = planRegister(state, data);
    const errors: RowError[] = [
      ...rowErrors,
      ...plan.problems.map((p) => ({ row: p.row ?? 0, column: columnName(p.column), message: p.message })),
    ];
    report.counts = planCounts(plan);
    const finish = async (finished: ImportReport) => {
      await options.onFinish?.(tx, finished);
      return finished;
    };
    if (errors.length > 0) return finish(withErrors(report, errors));
    report.unchanged = Object.values(report.counts).every((c) => c.new === 0 && c.changed === 0);
    if (dryRun || report.unchanged) return finish(report);
    await applyRegisterPlan(tx, {
      organizationId,
      state,
      plan,
      onProgress: (written) => onProgress({ phase: 'writing', rows: written }),
    });
    await recordAudit(tx, {
      ...actor,
      action: 'register.import',
      subjectType: 'register',
      detail: { file: report.file.name, rows: report.file.rows, counts: report.counts },
    });
    report.applied = true;
    return finish(report);
  });
}

function columnName(column: string): string {
  return registerColumns[column as ColumnKey] ?? column;
}

function withErrors(report: ImportReport, errors: RowError[]): ImportReport {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return {
    ...report,
    errors: sorted.slice(0, MAX_LISTED_ERRORS),
    moreErrors: Math.max(0, sorted.length - MAX_LISTED_ERRORS),
  };
}
