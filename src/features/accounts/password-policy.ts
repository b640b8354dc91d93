import { dictionary as common } from '@zxcvbn-ts/language-common';
import { counted, countOf } from '../../lib/plural.ts';

/**
 * Password rules after NIST SP 800-63B-4 §3.1.1.2 and OWASP ASVS 5.0 §6.2: length is what counts
 * (12 without a second factor, 8 with one, up to 1024 accepted), every Unicode character and
 * spaces allowed, no composition rules, and a password is refused when it is commonly used or
 * built from what an attacker knows about the account.
 */
export const PASSWORD_MAX_LENGTH = 1024;

export interface PasswordContext {
  login?: string | undefined;
  /** The person's names, each checked on its own. */
  names?: (string | null | undefined)[];
  pesel?: string | null | undefined;
  organizationNames?: (string | null | undefined)[];
  /** With a second factor the minimum length is 8, else 12. */
  hasSecondFactor?: boolean;
}

const blocklist = new Set((common['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Words of organization names too general to count as "the cooperative's name". */
const genericWords = new Set(['spoldzielnia', 'mieszkaniowa', 'wspolnota', 'mieszkaniowy', 'imienia', 'osiedle']);

/** Lower case without Polish diacritics, so that "Żółć" and "zolc" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase();
}

/** Unicode code points, the unit NIST counts length in. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/** Returns the Polish reason the password is refused, or undefined when it is acceptable. */
/** The shortest password allowed: 8 characters with a second factor, 12 without. */
export function minimumPasswordLength(hasSecondFactor: boolean): number {
  return hasSecondFactor ? 8 : 12;
}

/** What the strength hint while typing counts as guessable in an account's new password. */
export function passwordWords(account: { login: string; displayName: string }): string {
  return `${account.login} ${account.displayName}`;
}

export function checkPassword(password: string, context: PasswordContext = {}): string | undefined {
  const minimum = minimumPasswordLength(context.hasSecondFactor ?? false);
  const length = passwordLength(password);
  if (length < minimum) {
    return `Hasło musi mieć co najmniej ${countOf(minimum, counted.characters)} (ma ${length}). Dłuższe hasło, np. kilka słów, jest bezpieczniejsze.`;
  }
  if (length > PASSWORD_MAX_LENGTH)
    return `Hasło może mieć najwyżej ${countOf(PASSWORD_MAX_LENGTH, counted.characters)}.`;
  const folded = foldText(password);
  const compact = folded.replace(/[\s\W_]+/g, '');
  if (blocklist.has(folded) || blocklist.has(compact)) {
    return 'To hasło jest na liście często używanych haseł, które łatwo odgadnąć. Wybierz inne.';
  }
  if (new Set(compact).size <= 2 || isSequence(compact)) {
    return 'Hasło składa się z powtórzonych lub kolejnych znaków. Wybierz hasło trudniejsze do odgadnięcia.';
  }
  if (context.login && context.login.length >= 3 && compact.includes(foldText(context.login).replace(/\W+/g, ''))) {
    return 'Hasło nie może zawierać loginu.';
  }
  for (const name of context.names ?? []) {
    if (name && name.length >= 3 && compact.includes(foldText(name).replace(/\W+/g, ''))) {
      return 'Hasło nie może zawierać imienia ani nazwiska.';
    }
  }
  if (context.pesel && compact.includes(context.pesel)) return 'Hasło nie może zawierać numeru PESEL.';
  for (const organizationName of context.organizationNames ?? []) {
    const words = foldText(organizationName ?? '')
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length >= 5 && !genericWords.has(word));
    if (words.some((word) => compact.includes(word))) return 'Hasło nie może zawierać nazwy spółdzielni.';
  }
  return undefined;
}

/** True for runs like "123456789012" or "abcdefghijkl" (ascending or descending by one; digits wrap). */
function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  const step = (a: string, b: string) =>
    /\d/.test(a) && /\d/.test(b)
      ? (Number(b) - Number(a) + 10) % 10
      : (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
  const chars = [...text];
  const first = step(chars[0] ?? '', chars[1] ?? '');
  if (![1, -1, 9].includes(first)) return false;
  return chars.slice(1).every((char, i) => step(chars[i] ?? '', char) === first);
}
