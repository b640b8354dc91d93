/** Polish tax identification numbers (NIP): 10 digits, the last a weighted mod-11 check digit. */
const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];

export function isValidNip(input: string): boolean {
  const nip = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(nip)) return false;
  const sum = weights.reduce((total, weight, i) => total + weight * Number(nip[i]), 0);
  // A remainder of 10 makes no valid check digit: such numbers are never issued.
  return sum % 11 === Number(nip[9]);
}
