import { foldText } from './password-policy.ts';

/**
 * A readable login from a person's name: first initial and last name in lower-case ASCII
 * (`Łucja Żółkiewska` → `lzolkiewska`). With no upper case and no digits 0 or 1 there is no
 * l/I/1 or O/0 to confuse; a taken login gets a suffix from 2 to 9, then 22, 23, ….
 */
export function baseLogin(firstName: string, lastName: string): string {
  const clean = (text: string) => foldText(text).replace(/[^a-z]/g, '');
  const base = `${clean(firstName).slice(0, 1)}${clean(lastName)}`.slice(0, 20);
  return base.length >= 3 ? base : `ebok${base}`;
}

export function* loginCandidates(firstName: string, lastName: string): Generator<string> {
  const base = baseLogin(firstName, lastName);
  yield base;
  for (let n = 2; ; n++) {
    const suffix = String(n);
    if (!/[01]/.test(suffix)) yield `${base}${suffix}`;
  }
}
