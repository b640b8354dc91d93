/**
 * One entry point for a bank file: decode (detected or chosen encoding), recognise the format by
 * its content, parse, check balances. Pure: bytes in, statements out, or a StatementFileError
 * naming the file and line.
 */
import { camtEvents } from './camt.ts';
import { type BankEncoding, decodeStatementFile, garbleCheck } from './decode.ts';
import { ELIXIR_LINE, elixirEvents } from './elixir.ts';
import { mt940Events } from './mt940.ts';
import {
  type BankFormat,
  type BankStatement,
  collectStatements,
  type StatementEvent,
  StatementFileError,
} from './statement.ts';

export const ACCEPTED_FORMATS =
  'MT940 (.sta, .mt940, .txt — z polami ~, <, ^ lub +), ISO 20022 camt.053 i camt.054 (.xml) oraz Elixir-O (.pli, .txt, .csv)';

export function detectFormat(text: string): BankFormat | undefined {
  const start = text.replace(/^\s+/, '').slice(0, 4096);
  if (start.startsWith('<')) {
    if (/BkToCstmrStmt|camt\.053/.test(start)) return 'camt.053';
    if (/BkToCstmrDbtCdtNtfctn|camt\.054/.test(start)) return 'camt.054';
    return undefined;
  }
  if (/^(\{1:[^\n]*\{4:\s*)?:20:/.test(start) || /^\{1:/.test(start)) return 'mt940';
  if (ELIXIR_LINE.test(start)) return 'elixir';
  return undefined;
}

export interface ReadStatementFile {
  format: BankFormat;
  encoding: BankEncoding;
  statements: BankStatement[];
}

export interface StatementFileReader {
  format: BankFormat;
  encoding: BankEncoding;
  /** The file's statements as they are read: a broken part throws where the reading reaches it. */
  events: Generator<StatementEvent>;
}

/** Decodes the file and recognises its format at once; its statements are read as `events` is pulled. */
export function streamStatementFile(file: string, bytes: Uint8Array, encoding?: BankEncoding): StatementFileReader {
  if (bytes.byteLength === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    throw new StatementFileError(file, undefined, 'plik jest pusty.');
  }
  const decoded = decodeStatementFile(file, bytes, encoding);
  const format = detectFormat(decoded.text);
  if (!format) {
    throw new StatementFileError(file, 1, `nie rozpoznano formatu pliku. Przyjmowane formaty: ${ACCEPTED_FORMATS}.`);
  }
  const garble = garbleCheck(file, decoded.text, decoded.encoding);
  let events: Generator<StatementEvent>;
  if (format === 'elixir') {
    // Read whole by its CSV parser: checked whole first.
    garble.through(decoded.text.length);
    events = elixirEvents(file, decoded.text);
  } else {
    // Checked ahead of the reading, so the first entries come without a scan of the whole file.
    events =
      format === 'mt940'
        ? mt940Events(file, decoded.text, garble.through)
        : camtEvents(file, decoded.text, garble.through);
  }
  return { format, encoding: decoded.encoding, events };
}

/** A file's statement events, chunk by chunk, read here or in a thread of its own (read-runner.ts). */
export interface StatementEventReader {
  format: BankFormat;
  encoding: BankEncoding;
  /** The next events, up to `size` entries (and the events around them); undefined at the end. */
  next(size: number): Promise<StatementEvent[] | undefined>;
  /** Stops reading (a thread is ended); the reader is not used afterwards. */
  close(): Promise<void>;
}

/** Entries read before the event loop turns, when a file is read on the importer's own thread. */
const SLICE = 250;

/**
 * A small file read on this thread, in slices between which the event loop turns (the database's
 * replies are read meanwhile).
 */
export function openStatementEvents(file: string, bytes: Uint8Array, encoding?: BankEncoding): StatementEventReader {
  const reader = streamStatementFile(file, bytes, encoding);
  const next = async (size: number): Promise<StatementEvent[] | undefined> => {
    await new Promise((resolve) => setImmediate(resolve));
    const batch: StatementEvent[] = [];
    let entries = 0;
    for (;;) {
      const event = reader.events.next();
      if (event.done) return batch.length > 0 ? batch : undefined;
      batch.push(event.value);
      if (event.value.kind !== 'entry') continue;
      entries++;
      if (entries >= size) return batch;
      if (entries % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { format: reader.format, encoding: reader.encoding, next, close: async () => {} };
}

/** The whole file read at once. */
export function readStatementFile(file: string, bytes: Uint8Array, encoding?: BankEncoding): ReadStatementFile {
  const reader = streamStatementFile(file, bytes, encoding);
  return { format: reader.format, encoding: reader.encoding, statements: collectStatements(reader.events) };
}

export { StatementFileError };
