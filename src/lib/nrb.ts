/**
 * Polish bank account numbers (NRB): 26 digits, the first two being an IBAN check number
 * computed with mod 97 over the rest and the country code PL.
 */

/** Digits only, so that `12 3456 …` and `PL12…` are accepted as typed. */
export function normalizeNrb(input: string): string {
  return input.replace(/^PL/i, '').replace(/[\s-]/g, '');
}

/** IBAN: "PL" and the check digits moved to the end (P = 25, L = 21); the remainder mod 97 must be 1. */
export function isValidNrb(input: string): boolean {
  const nrb = normalizeNrb(input);
  return /^\d{26}$/.test(nrb) && mod97(`${nrb.slice(2)}2521${nrb.slice(0, 2)}`) === 1;
}

/**
 * The remainder of a string of digits divided by 97, digit by digit (a bank file checks one
 * number per operation: a hundred thousand BigInts cost ten times as much).
 */
function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i++) remainder = (remainder * 10 + digits.charCodeAt(i) - 48) % 97;
  return remainder;
}

/** Computes the two check digits for a 24-digit bank and account part. */
export function nrbCheckDigits(basicNumber: string): string {
  if (!/^\d{24}$/.test(basicNumber)) throw new Error('basic number must have 24 digits');
  return String(98 - mod97(`${basicNumber}252100`)).padStart(2, '0');
}

/** `61109010140000071219812874` → `61 1090 1014 0000 0712 1981 2874`, as printed on transfers. */
export function formatNrb(input: string): string {
  const nrb = normalizeNrb(input);
  return `${nrb.slice(0, 2)} ${nrb.slice(2).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
}
