/**
 * Text of a bank file: Polish banks write MT940 in CP852 (the DOS code page), Windows-1250 or
 * UTF-8. Detected by which decoding gives Polish letters rather than box-drawing signs, or chosen
 * by the accountant; a file read in the wrong encoding is refused at the first garbled line.
 */
import iconv from 'iconv-lite';
import { StatementFileError } from './statement.ts';

export type BankEncoding = 'utf-8' | 'windows-1250' | 'cp852';

export const bankEncodingNames: Record<BankEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1250': 'Windows-1250',
  cp852: 'CP852 (Latin-2 DOS)',
};

/** Letters and signs a Polish statement plausibly holds outside ASCII. */
const PLAUSIBLE = new Set('ąćęłńóśźżĄĆĘŁŃÓŚŹŻéüöÉÜÖ„”“–—\u00a0');

const LOWER_PL = new Set('ąćęłńóśźż');
const UPPER_PL = new Set('ĄĆĘŁŃÓŚŹŻ');
const isLower = (code: number, char: string) => (code >= 97 && code <= 122) || LOWER_PL.has(char);

/** Where a character outside printable ASCII is (most of a statement is ASCII: irregexp skips it faster than a loop). */
const NOT_ASCII = /[^\t\n\r\x20-\x7e]/g;

/**
 * Index of the first character in `text[from, to)` that is odd for a Polish statement (a sign no
 * Polish statement has, or a capital Polish letter inside a lower-case word), or -1.
 */
function firstOddSign(text: string, from: number, to: number): number {
  const block = text.slice(from, to);
  NOT_ASCII.lastIndex = 0;
  for (let found = NOT_ASCII.exec(block); found; found = NOT_ASCII.exec(block)) {
    const i = from + found.index;
    const char = text[i] ?? '';
    if (!PLAUSIBLE.has(char)) return i;
    if (
      UPPER_PL.has(char) &&
      i > 0 &&
      isLower(text.charCodeAt(i - 1), text[i - 1] ?? '') &&
      isLower(text.charCodeAt(i + 1), text[i + 1] ?? '')
    )
      return i;
  }
  return -1;
}

function isPlausible(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0x20 && code < 0x7f) || char === '\t' || char === '\r' || char === '\n' || PLAUSIBLE.has(char);
}

/** Characters that say the file was read in the wrong encoding. */
function garbledCount(text: string): number {
  let count = 0;
  for (const char of text) if (!isPlausible(char)) count++;
  return count;
}

function decodeAs(bytes: Uint8Array, encoding: BankEncoding): string | undefined {
  if (encoding === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
  return iconv.decode(Buffer.from(bytes), encoding);
}

/** The encoding that reads the file best, with the text: valid UTF-8 (plain ASCII is), else the code page with fewer odd signs. */
function detect(bytes: Uint8Array): { encoding: BankEncoding; text: string } {
  const utf8 = decodeAs(bytes, 'utf-8');
  if (utf8 !== undefined) return { encoding: 'utf-8', text: utf8 };
  const cp852 = decodeAs(bytes, 'cp852') ?? '';
  const cp1250 = decodeAs(bytes, 'windows-1250') ?? '';
  return garbledCount(cp852) < garbledCount(cp1250)
    ? { encoding: 'cp852', text: cp852 }
    : { encoding: 'windows-1250', text: cp1250 };
}

/** The encoding that reads the file best: valid UTF-8, else the code page with fewer odd signs. */
export function detectEncoding(bytes: Uint8Array): BankEncoding {
  return detect(bytes).encoding;
}

/**
 * The file's text in the given encoding (or the detected one); refused when it is not valid in
 * that encoding. Whether its Polish letters are whole is checked as it is read (`garbleCheck`).
 */
export function decodeStatementFile(
  file: string,
  bytes: Uint8Array,
  chosen?: BankEncoding,
): { text: string; encoding: BankEncoding } {
  // Detecting decodes the file already: its text is used, not decoded a second time.
  const detected = chosen === undefined ? detect(bytes) : undefined;
  const encoding = chosen ?? detected?.encoding ?? 'utf-8';
  const text = detected ? detected.text : decodeAs(bytes, encoding);
  if (text === undefined) {
    throw new StatementFileError(
      file,
      undefined,
      `plik nie jest zapisany w kodowaniu ${bankEncodingNames[encoding]}. Wybierz inne kodowanie albo „wykryj automatycznie”.`,
    );
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

/** Characters of text checked for garbling at a time, ahead of the reading. */
const CHECK_BLOCK = 1 << 20;

/**
 * Checks a statement's text for letters of the wrong code page as its reading goes on:
 * `through(end)` makes sure the text up to `end` (and the block after, in one go) holds no sign a
 * Polish statement has not, and refuses the file at the first garbled line (a CP852 file read as
 * Windows-1250). So a large file's first entries are read without waiting for a scan of all of it;
 * a garbled line is still found before anything on it is read.
 */
export function garbleCheck(file: string, text: string, encoding: BankEncoding): { through(end: number): void } {
  let checked = 0;
  return {
    through(end: number) {
      if (end <= checked || checked >= text.length) return;
      const to = Math.min(text.length, Math.max(end, checked + CHECK_BLOCK));
      const odd = firstOddSign(text, checked, to);
      if (odd >= 0) throw garbledLine(file, text, odd, encoding);
      checked = to;
    },
  };
}

/** The error for the line that holds the odd sign at `index`: its number and its first odd signs. */
function garbledLine(file: string, text: string, index: number, encoding: BankEncoding): StatementFileError {
  const start = text.lastIndexOf('\n', index) + 1;
  const stop = text.indexOf('\n', index);
  const line = text.slice(start, stop < 0 ? text.length : stop);
  let number = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) number++;
  // A capital Polish letter inside a lower-case word (`przychodzĄcy`) is a letter of the other
  // code page as well.
  const odd = [...line].filter((c) => !isPlausible(c));
  const misplaced = /[a-ząćęłńóśźż]([ĄĆĘŁŃÓŚŹŻ])[a-ząćęłńóśźż]/.exec(line);
  if (odd.length === 0 && misplaced) odd.push(misplaced[1] ?? '');
  return new StatementFileError(
    file,
    number,
    `znaki „${odd.slice(0, 3).join('')}” nie pasują do kodowania ${bankEncodingNames[encoding]} — polskie litery są przekłamane. Wybierz inne kodowanie (${Object.values(
      bankEncodingNames,
    )
      .filter((n) => n !== bankEncodingNames[encoding])
      .join(' albo ')}) albo „wykryj automatycznie”.`,
  );
}

/** Encodes text for writing sample and benchmark files. */
export function encodeText(text: string, encoding: BankEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding);
}
