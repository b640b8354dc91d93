/**
 * The standard fields' values for (person, unit) recipients, read through the register's and the
 * ledger's doors, only for the fields a letter uses; and which fields a recipient lacks.
 */
import QRCode from 'qrcode';
import type { Db } from '../../../db/client.ts';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { formatNrb } from '../../../lib/nrb.ts';
import { unitLetterFacts } from '../../ledger/letter-facts.ts';
import { basisQuantityLabel, feeBasisUnitLabels } from '../../ledger/rules/fees.ts';
import { formatRate } from '../../ledger/rules/money.ts';
import type { Organization } from '../../organizations/queries.ts';
import type { HolderOfUnit } from '../../units/holders.ts';
import { type FieldDefinition, type FieldValue, type StandardFieldKey, standardFields } from './fields.ts';
import type { FieldValues } from './render.ts';

const LEDGER_FIELDS = new Set<string>([
  'saldo',
  'do_zaplaty',
  'termin_platnosci',
  'numer_konta',
  'kod_qr',
  'oplata_miesieczna',
  'skladniki_oplaty',
]);

export interface FilledRecipient {
  holder: HolderOfUnit;
  values: FieldValues;
  /** Labels of the fields this recipient has no data for (then nothing is sent to them). */
  missing: string[];
}

const labelOf = (key: string, extra: readonly FieldDefinition[]) =>
  [...standardFields, ...extra].find((f) => f.key === key)?.label ?? key;

/**
 * Fills `keys` for each recipient: the standard ones from the register and the ledger (balance
 * on `asOf`), the extra ones from what the caller gave per recipient.
 */
export async function fillFields(
  db: Db,
  {
    organization,
    holders,
    keys,
    asOf,
    extraFields = [],
    extraOf = () => undefined,
  }: {
    organization: Organization;
    holders: readonly HolderOfUnit[];
    keys: readonly string[];
    asOf: string;
    extraFields?: readonly FieldDefinition[];
    extraOf?: (holder: HolderOfUnit) => FieldValues | undefined;
  },
): Promise<FilledRecipient[]> {
  const facts = keys.some((k) => LEDGER_FIELDS.has(k))
    ? await unitLetterFacts(db, {
        organization,
        units: holders.map((h) => ({ unitId: h.unitId, label: h.unitLabel })),
        asOf,
      })
    : new Map();
  const standard = new Set<string>(standardFields.map((f) => f.key));
  return holders.map((holder) => {
    const values: FieldValues = {};
    const missing: string[] = [];
    const extra = extraOf(holder) ?? {};
    const fact = facts.get(holder.unitId);
    for (const key of keys) {
      const value = standard.has(key)
        ? standardValue(key as StandardFieldKey, holder, fact, asOf, organization)
        : extra[key];
      if (value) values[key] = value;
      else missing.push(labelOf(key, extraFields));
    }
    return { holder, values, missing };
  });
}

type Facts = Awaited<ReturnType<typeof unitLetterFacts>> extends Map<number, infer F> ? F : never;

function standardValue(
  key: StandardFieldKey,
  holder: HolderOfUnit,
  fact: Facts | undefined,
  asOf: string,
  organization: Organization,
): FieldValue | undefined {
  switch (key) {
    case 'imie_nazwisko':
      return { text: `${holder.firstName} ${holder.lastName}` };
    case 'lokal':
      return { text: holder.unitLabel };
    case 'adres_lokalu':
      return { text: holder.unitAddress.replace(/\n/g, ', ') };
    case 'dzien_salda':
      return { text: formatCalendarDate(asOf) };
    case 'saldo':
      return fact ? { text: formatMoney(fact.balance) } : undefined;
    case 'do_zaplaty':
      return fact ? { text: formatMoney(Math.max(fact.balance, 0)) } : undefined;
    case 'termin_platnosci':
      return fact ? { text: formatCalendarDate(fact.dueDate) } : undefined;
    case 'numer_konta':
      return fact?.nrb ? { text: formatNrb(fact.nrb) } : undefined;
    case 'kod_qr':
      return fact?.qrText
        ? {
            qr: fact.qrText,
            caption: `Przelew ${formatMoney(fact.balance)} na rachunek ${formatNrb(fact.nrb ?? '')} (${organization.shortName})`,
          }
        : undefined;
    case 'oplata_miesieczna':
      return fact?.fee.lines.length ? { text: formatMoney(fact.fee.total) } : undefined;
    case 'skladniki_oplaty':
      return fact?.fee.lines.length
        ? {
            table: {
              head: ['Składnik', 'Stawka', 'Podstawa', 'Kwota'],
              rows: [
                ...fact.fee.lines.map((l) => [
                  l.component.name,
                  `${formatRate(l.rate.rate)} ${feeBasisUnitLabels[l.component.basis]}`,
                  basisQuantityLabel(l.component.basis, fact.fee.basis),
                  formatMoney(l.amount),
                ]),
                ['Razem', '', '', formatMoney(fact.fee.total)],
              ],
            },
          }
        : undefined;
  }
}

// A PNG per distinct QR text; a mailing's QR codes differ per unit, so the cache is per call.
export async function qrImagesOf(values: readonly FieldValues[]): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  for (const v of values) {
    for (const value of Object.values(v)) {
      if ('qr' in value && !images.has(value.qr)) {
        images.set(value.qr, await QRCode.toDataURL(value.qr, { margin: 1, width: 200, errorCorrectionLevel: 'M' }));
      }
    }
  }
  return images;
}
