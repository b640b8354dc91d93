import QRCode from 'qrcode';
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
  const title = transferTitle(unit.label);
  const recipient = organization.shortName;
  const qrText =
    nrb && amountDue > 0
      ? paymentQrString({ nip: settings.taxId, nrb, amount: amountDue, recipient, title })
      : undefined;
  const qrDataUri = qrText
    ? await QRCode.toDataURL(qrText, { margin: 1, width: 200, errorCorrectionLevel: 'M' })
    : undefined;
  return { nrb, title, recipient, qrText, qrDataUri };
}
