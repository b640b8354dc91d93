import QRCode from 'qrcode';
import { formatMoney } from '../../lib/format.ts';
import type { Organization } from '../organizations/queries.ts';
import { paymentQrString, transferTitle, virtualNrb } from './rules/transfer.ts';
import { ledgerSettingsOf } from './settings.ts';

/** Where and how a member pays for a unit; the QR code only when there is an amount that fits it. */
export async function transferData(
  organization: Organization,
  unit: { unitId: number; label: string },
  amountDue: number,
) {
  const settings = ledgerSettingsOf(organization);
  const nrb = settings.virtualAccountPrefix
    ? virtualNrb(settings.virtualAccountPrefix, unit.unitId)
    : (organization.bankAccount ?? undefined);
  const title = transferTitle(unit.label, unit.unitId);
  const recipient = organization.shortName;
  const qrText =
    nrb && amountDue > 0
      ? paymentQrString({ nip: settings.taxId, nrb, amount: amountDue, recipient, title })
      : undefined;
  const qrDataUri = qrText ? await qrPng(qrText) : undefined;
  // Banks' QR codes hold at most 6 digits of grosze: above 9 999,99 zł the page says so and the
  // transfer data are typed by hand, rather than a code without the amount or with a wrong one.
  const qrOmitted =
    nrb && amountDue > 0 && !qrText
      ? `Kwota ${formatMoney(amountDue)} jest większa niż 9 999,99 zł, której nie mieści bankowy kod QR. Wpisz dane przelewu ręcznie.`
      : undefined;
  return { nrb, title, recipient, qrText, qrDataUri, qrOmitted };
}

// Encoding a PNG costs milliseconds of CPU, more than the rest of the dashboard. The image is a
// pure function of its text (which changes only when the amount due does), so a bounded
// in-process cache is safe with any number of processes.
const qrCache = new Map<string, string>();
const QR_CACHE_SIZE = 2000;

async function qrPng(text: string): Promise<string> {
  const cached = qrCache.get(text);
  if (cached) return cached;
  const uri = await QRCode.toDataURL(text, { margin: 1, width: 200, errorCorrectionLevel: 'M' });
  if (qrCache.size >= QR_CACHE_SIZE) qrCache.delete(qrCache.keys().next().value as string);
  qrCache.set(text, uri);
  return uri;
}
