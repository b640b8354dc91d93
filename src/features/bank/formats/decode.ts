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

/**
 * Whether any character is odd for a Polish statement, or a capital Polish letter stands inside
 * a lower-case word: one pass over the text by character codes (a regular expression with
 * these classes took a third of reading a 90 MB camt.053).
 */
function mayBeGarbled(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x20 && code < 0x7f) || code === 9 || code === 10 || code === 13) continue;
    const char = text[i] ?? '';
    if (!PLAUSIBLE.has(char)) return true;
    if (
      UPPER_PL.has(char) &&
      i > 0 &&
      isLower(text.charCodeAt(i - 1), text[i - 1] ?? '') &&
      isLower(text.charCodeAt(i + 1), text[i + 1] ?? '')
    )
      return true;
  }
  return false;
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
 * that encoding or a line holds signs no Polish statement has (a CP852 file read as
 * Windows-1250), naming the line.
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
  const clean = text.replace(/^\uFEFF/, '');
  // Most files are plain: one scan of the whole text, and the line-by-line search only when it finds something.
  if (!mayBeGarbled(clean)) return { text: clean, encoding };
  const lines = clean.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // A capital Polish letter inside a lower-case word (`przychodzĄcy`) is a letter of the other
    // code page as well.
    const odd = [...line].filter((c) => !isPlausible(c));
    const misplaced = /[a-ząćęłńóśźż]([ĄĆĘŁŃÓŚŹŻ])[a-ząćęłńóśźż]/.exec(line);
    if (odd.length === 0 && misplaced) odd.push(misplaced[1] ?? '');
    if (odd.length > 0) {
      throw new StatementFileError(
        file,
        i + 1,
        `znaki „${odd.slice(0, 3).join('')}” nie pasują do kodowania ${bankEncodingNames[encoding]} — polskie litery są przekłamane. Wybierz inne kodowanie (${Object.values(
          bankEncodingNames,
        )
          .filter((n) => n !== bankEncodingNames[encoding])
          .join(' albo ')}) albo „wykryj automatycznie”.`,
      );
    }
  }
  return { text: clean, encoding };
}

/** Encodes text for writing sample and benchmark files. */
export function encodeText(text: string, encoding: BankEncoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding);
}
