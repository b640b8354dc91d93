/** Account numbers in bank files: IBAN `PL…`, NRB with spaces, or the bank sort number and account apart. */
import { isValidNrb, nrbCheckDigits } from '../../../lib/nrb.ts';
import { StatementFileError } from './statement.ts';

/** Digits of an account as written (`PL61 1090 …`, `/PL61…`, `61109…`). */
export function accountDigits(text: string): string {
  return text.trim().replace(/^\//, '').replace(/^PL/i, '').replace(/[\s-]/g, '');
}

/**
 * A Polish account given in a file: '' when absent; refused at the line when it has 26 digits
 * with a wrong check number. A foreign IBAN (other letters in front) is kept as written.
 */
export function checkedAccount(file: string, line: number, text: string, what: string): string {
  const trimmed = text.trim().replace(/^\//, '');
  if (!trimmed) return '';
  if (/^[A-Z]{2}/i.test(trimmed) && !/^PL/i.test(trimmed)) return trimmed.replace(/\s/g, '');
  const digits = accountDigits(trimmed);
  if (/^\d{26}$/.test(digits)) {
    if (!isValidNrb(digits)) {
      throw new StatementFileError(
        file,
        line,
        `numer rachunku ${what} „${trimmed}” ma błędną sumę kontrolną NRB — plik jest uszkodzony albo zmieniony.`,
      );
    }
    return digits;
  }
  return digits;
}

/** The NRB from a bank sort number (8 digits) and the account part (16 digits). */
export function nrbFromParts(sortNumber: string, account: string): string {
  const basic = `${sortNumber}${account}`.replace(/\s/g, '');
  if (!/^\d{24}$/.test(basic)) return '';
  return `${nrbCheckDigits(basic)}${basic}`;
}

/** Every valid NRB written anywhere in a text (titles, supplementary details). */
export function nrbsIn(text: string): string[] {
  const found: string[] = [];
  // Most titles hold no 26 digits at all: counted first, the search below runs only where it may find one.
  let digits = 0;
  for (let i = 0; i < text.length && digits < 26; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  if (digits < 26) return found;
  const compact = text.replace(/(\d)[\s-](?=\d)/g, '$1');
  for (const match of compact.matchAll(/(?:PL)?(\d{26})(?!\d)/gi)) {
    const digits = match[1] ?? '';
    if (isValidNrb(digits)) found.push(digits);
  }
  return found;
}
