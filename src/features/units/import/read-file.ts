/**
 * Reading a register file: refuse it by size before reading, detect its encoding and delimiter
 * from the first bytes, then stream it through the decoder and csv-parse record by record.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../../errors.ts';
import { describeTooLarge } from '../../../lib/file-size.ts';

export type Encoding = 'utf-8' | 'windows-1250';

export const encodingNames: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'windows-1250': 'Windows-1250' };

/**
 * A file on disk (CLI), bytes in memory (tests, small files), or a stored upload read piece by
 * piece (`chunks` starts a new read each time it is called).
 */
export type FileSource = { path: string } | { bytes: Uint8Array; name: string } | ChunkedSource;

export interface ChunkedSource {
  chunks: () => AsyncIterable<Uint8Array>;
  size: number;
  name: string;
}

/** A file that cannot be read at all: too large, unknown encoding, broken CSV. */
export class ImportFileError extends AppError {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'ImportFileError';
  }
}

const SAMPLE_BYTES = 64 * 1024;

export function sourceName(source: FileSource): string {
  return 'path' in source ? source.path.split(/[\\/]/).pop() || source.path : source.name;
}

/** Size and the first bytes, without reading the rest. */
export async function sampleSource(source: FileSource, maxBytes: number): Promise<{ size: number; sample: Buffer }> {
  const size =
    'path' in source ? (await stat(source.path)).size : 'bytes' in source ? source.bytes.byteLength : source.size;
  if (size > maxBytes) {
    throw new ImportFileError(
      `${describeTooLarge(size, maxBytes)} Plik nie został wczytany: podziel go na mniejsze pliki.`,
    );
  }
  if (size === 0) throw new ImportFileError('Plik jest pusty.');
  if ('bytes' in source) return { size, sample: Buffer.from(source.bytes.subarray(0, SAMPLE_BYTES)) };
  if ('chunks' in source) {
    const pieces: Uint8Array[] = [];
    let read = 0;
    for await (const chunk of source.chunks()) {
      pieces.push(chunk);
      read += chunk.byteLength;
      if (read >= SAMPLE_BYTES) break;
    }
    return { size, sample: Buffer.concat(pieces).subarray(0, SAMPLE_BYTES) };
  }
  const handle = await open(source.path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { size, sample: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** Letters and signs a Polish register in Windows-1250 plausibly contains outside ASCII. */
const PLAUSIBLE = new Set('ąćęłńóśźżĄĆĘŁŃÓŚŹŻéüöäÉÜÖÄ„”“‘’–—…«»§°·×\u00a0');

/** Index of the first byte that is not valid UTF-8 (ignoring a sequence cut off at the end), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, complete: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length) return complete && need > 0 ? i : -1;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

const lineOf = (bytes: Uint8Array, position: number) => {
  let line = 1;
  for (let i = 0; i < position; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without BOM); otherwise Windows-1250 only if the
 * bytes decode to plausible Polish text; otherwise the file is refused, naming the row.
 */
export function detectEncoding(sample: Buffer, complete: boolean, declared: Encoding | 'auto' = 'auto'): Encoding {
  const invalid = firstInvalidUtf8(sample, complete);
  if (declared === 'utf-8' || (declared === 'auto' && invalid < 0)) {
    if (invalid >= 0) {
      throw new ImportFileError(
        `Plik nie jest poprawnym tekstem UTF-8: nieprawidłowy bajt w wierszu ${lineOf(sample, invalid)}. Zapisz plik jako UTF-8 lub wybierz kodowanie Windows-1250.`,
      );
    }
    return 'utf-8';
  }
  const text = iconv.decode(sample, 'win1250');
  const strange = [...text].filter((c) => c > '\u007f' && !PLAUSIBLE.has(c));
  const line = (() => {
    const at = [...text].findIndex((c) => c > '\u007f' && !PLAUSIBLE.has(c));
    return text.slice(0, at).split('\n').length;
  })();
  if (strange.length > 0 || hasControlCharacters(text)) {
    throw new ImportFileError(
      declared === 'windows-1250'
        ? `Plik nie jest poprawnym tekstem Windows-1250: nieczytelne znaki w wierszu ${line} (np. „${strange[0] ?? '?'}”).`
        : `Nie rozpoznano kodowania pliku: to nie jest UTF-8, a odczytany jako Windows-1250 ma nieczytelne znaki w wierszu ${line} (np. „${strange[0] ?? '?'}”). Zapisz plik jako UTF-8 lub Windows-1250.`,
    );
  }
  return 'windows-1250';
}

/** Control characters other than tab and line ends never occur in a text export. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}

/** `;` or `,`: whichever the header line has more of (outside quotes). */
export function detectDelimiter(firstLine: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

export function decodeSample(sample: Buffer, encoding: Encoding): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(sample) : iconv.decode(sample, 'win1250');
}

/** A UTF-8 decoder that replaces invalid bytes with U+FFFD, so that the row can be reported. */
function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8');
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

export interface CsvRecord {
  /** Line number where the record starts (1 = the header). */
  row: number;
  fields: string[];
  /** Bytes of the text parsed up to the end of this record, for progress. */
  bytes: number;
}

/** Streams the file's records, decoded; csv-parse errors become an ImportFileError with the line. */
/** Records read between two turns of the event loop. */
const RECORDS_PER_TURN = 1000;
/** Bytes csv-parse gets at once: it parses a whole piece without stopping. */
const PIECE_BYTES = 64 * 1024;

function* piecesOf(bytes: Uint8Array): Generator<Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < buffer.length; at += PIECE_BYTES) yield buffer.subarray(at, at + PIECE_BYTES);
}

export async function* readRecords(
  source: FileSource,
  { encoding, delimiter }: { encoding: Encoding; delimiter: string },
): AsyncGenerator<CsvRecord> {
  const bytes =
    'path' in source
      ? createReadStream(source.path, { highWaterMark: 256 * 1024 })
      : 'bytes' in source
        ? Readable.from(piecesOf(source.bytes), { objectMode: false })
        : Readable.from(source.chunks(), { objectMode: false });
  const decoder = encoding === 'utf-8' ? utf8Decoder() : iconv.decodeStream('win1250');
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  bytes.on('error', (error: Error) => parser.destroy(error));
  bytes.pipe(decoder).pipe(parser);
  try {
    let sinceTurn = 0;
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      yield { row: item.info.lines, fields: item.record, bytes: item.info.bytes };
      // Records already parsed come without ever leaving the microtask queue: a large file would
      // keep the server from answering anyone else until its last row.
      if (++sinceTurn >= RECORDS_PER_TURN) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number; message: string };
    if (e.code?.startsWith('CSV_')) {
      throw new ImportFileError(
        `Plik CSV jest uszkodzony w wierszu ${e.lines ?? '?'} (np. niezamknięty cudzysłów): nie został wczytany.`,
      );
    }
    throw error;
  }
}
