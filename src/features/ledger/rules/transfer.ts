/**
 * Transfer data: each unit's own virtual account number (NRB) and the payment QR string of the
 * Polish banks' recommendation (ZBP "Rekomendacja dotycząca kodów QR").
 */
import { isValidNip } from '../../../lib/nip.ts';
import { normalizeNrb, nrbCheckDigits } from '../../../lib/nrb.ts';

/**
 * A unit's virtual account: the organization's prefix (the bank's 8-digit sort number plus the
 * account's fixed digits the bank assigned, 8–20 digits) followed by the unit's number padded
 * with zeros to 24 digits, and the check digits in front. Distinct units get distinct accounts
 * as long as the number fits.
 */
export function virtualNrb(prefix: string, unitNumber: number): string {
  if (!/^\d{8,20}$/.test(prefix)) throw new Error('the virtual-account prefix must have 8 to 20 digits');
  const width = 24 - prefix.length;
  const suffix = String(unitNumber);
  if (!Number.isSafeInteger(unitNumber) || unitNumber < 0 || suffix.length > width) {
    throw new Error(`unit number ${unitNumber} does not fit in ${width} digits`);
  }
  const basic = `${prefix}${suffix.padStart(width, '0')}`;
  return `${nrbCheckDigits(basic)}${basic}`;
}

export interface PaymentQrInput {
  /** Recipient's NIP (10 digits) or empty. */
  nip: string;
  nrb: string;
  /** Grosze, 0 … 999 999 (the format has 6 digits); 0 lets the payer type the amount. */
  amount: number;
  recipient: string;
  title: string;
}

/** Characters that cannot appear in a field: the separator and line breaks. */
function field(text: string, max: number): string {
  return text
    .replace(/[|\r\n\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/**
 * `NIP|PL|NRB|amount|recipient|title|||`; recipient cut to 20 characters, title to 32. Returns
 * undefined when the amount does not fit the format's 6 digits (≥ 10 000,00 zł): no QR is then
 * better than a QR with a wrong amount.
 */
export function paymentQrString(input: PaymentQrInput): string | undefined {
  if (!Number.isSafeInteger(input.amount) || input.amount < 0) return undefined;
  if (input.amount > 999_999) return undefined;
  // The NIP is optional in the format; a wrong one (a typo in the settings) is left out rather
  // than sent to the payer's bank.
  const nip = isValidNip(input.nip) ? input.nip.replace(/\D/g, '') : '';
  const nrb = normalizeNrb(input.nrb);
  if (!/^\d{26}$/.test(nrb)) throw new Error('NRB must have 26 digits');
  const text = [
    nip,
    'PL',
    nrb,
    String(input.amount).padStart(6, '0'),
    field(input.recipient, 20),
    field(input.title, 32),
    '',
    '',
    '',
  ].join('|');
  if (text.length > 160) throw new Error('payment QR string longer than 160 characters');
  return text;
}

/** The unit's short code in transfer titles: `L` and its number in the register (unique). */
export function unitCode(unitId: number): string {
  return `L${unitId}`;
}

/**
 * The transfer title for a unit, at most 32 characters (what banks pass on and the QR holds),
 * that always names its own unit: the short unit code comes first and is never cut; then the
 * street's last word and the numbers (`Paderewskiego 65/12`); a street word too long to fit is
 * abbreviated with a dot, and dropped when even that does not fit. A cut address can therefore
 * never read as another unit's.
 */
export function transferTitle(unitLabel: string, unitId: number): string {
  const head = `Opłaty ${unitCode(unitId)}`;
  const words = unitLabel.trim().split(/\s+/);
  const numbers = words.at(-1) ?? '';
  const street = words.length > 1 ? (words.at(-2) ?? '') : '';
  const full = field(`${head} ${street} ${numbers}`, 1000);
  if (full.length <= 32) return full;
  const room = 32 - head.length - numbers.length - 3; // two spaces and the dot
  if (room >= 3 && street) return `${head} ${street.slice(0, room)}. ${numbers}`;
  const short = `${head} ${numbers}`;
  return short.length <= 32 ? short : head;
}
