/**
 * Personalised letters: the fields a letter may carry, filled per recipient and unit.
 *
 * A letter's body is Markdown in which `{{name}}` stands for a field. The set of fields is closed
 * and written here (no expressions typed by staff): the standard fields below, which
 * correspondence fills itself from the register and the ledger, and the extra fields a feature
 * declares when it sends its own personalised letters (the fee change's old and new fees, the
 * debt reminder's interest). A value is text, a table or a payment QR code; it is escaped like
 * any other text wherever it is shown (rules in render.ts).
 *
 * Using them from another feature (see send.ts, `sendPersonalLetter`):
 *
 *   await sendPersonalLetter(tx, {
 *     actor, organization, now, mailFrom, baseUrl,
 *     key: `debt-reminder:${runId}`,            // the same key again sends nothing twice
 *     subject: 'Wezwanie do zapłaty',
 *     bodyMarkdown: 'Saldo lokalu {{adres_lokalu}} na dzień {{dzien_salda}}: {{saldo}}. Odsetki: {{odsetki}}.',
 *     extraFields: [{ key: 'odsetki', label: 'Odsetki', description: 'Odsetki naliczone do dnia salda' }],
 *     recipients: [{ personId, unitId, extra: { odsetki: { text: '12,30 zł' } } }],
 *   });
 *
 * Each recipient (a holder of a unit) gets one delivery: e-mail where their consent covers it,
 * otherwise the print queue; recipients lacking a field's data are returned as `skipped` and sent
 * nothing (never a blank). `previewPersonalLetter` shows the same letter for a few recipients
 * and lists the ones lacking data before anything is sent.
 */

/** What a field holds for one recipient. */
export type FieldValue =
  | { text: string }
  | { table: { head: string[]; rows: string[][] } }
  /** A payment QR code: the ZBP string it encodes and a line printed under it. */
  | { qr: string; caption: string };

export interface FieldDefinition {
  /** Written in the letter as `{{key}}`: lowercase letters, digits and underscores. */
  key: string;
  /** Polish, for the list of fields beside the editor. */
  label: string;
  description: string;
}

/** The standard fields, filled by correspondence for any letter (values.ts). */
export const standardFields = [
  { key: 'imie_nazwisko', label: 'Imię i nazwisko', description: 'Imię i nazwisko adresata.' },
  { key: 'lokal', label: 'Lokal', description: 'Adres lokalu w jednej linii, np. „ul. Lipowa 4/12”.' },
  { key: 'adres_lokalu', label: 'Adres lokalu', description: 'Pełny adres lokalu z kodem pocztowym i miejscowością.' },
  { key: 'dzien_salda', label: 'Dzień salda', description: 'Dzień, na który podano saldo (dzień wysyłki).' },
  { key: 'saldo', label: 'Saldo', description: 'Saldo lokalu na dzień salda (dodatnie: do zapłaty).' },
  { key: 'do_zaplaty', label: 'Do zapłaty', description: 'Kwota do zapłaty na dzień salda (0,00 zł przy nadpłacie).' },
  { key: 'termin_platnosci', label: 'Termin płatności', description: 'Najbliższy termin płatności opłat.' },
  {
    key: 'numer_konta',
    label: 'Numer konta lokalu',
    description: 'Indywidualny numer rachunku lokalu do wpłat (albo rachunek spółdzielni).',
  },
  {
    key: 'kod_qr',
    label: 'Kod QR do zapłaty',
    description: 'Kod QR przelewu na kwotę do zapłaty; w osobnym akapicie. Brak, gdy nic nie jest do zapłaty.',
  },
  { key: 'oplata_miesieczna', label: 'Opłata miesięczna', description: 'Bieżąca miesięczna opłata za lokal.' },
  {
    key: 'skladniki_oplaty',
    label: 'Składniki opłaty',
    description: 'Tabela bieżących składników opłaty (stawka, podstawa, kwota); w osobnym akapicie.',
  },
] as const satisfies readonly FieldDefinition[];

export type StandardFieldKey = (typeof standardFields)[number]['key'];

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** The field keys a body uses, each once, in order of first use. */
export function placeholdersIn(body: string): string[] {
  const keys = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER)) keys.add(match[1] ?? '');
  return [...keys];
}

/** Whether a body carries any field (then it is sent per recipient and unit). */
export function isPersonal(body: string): boolean {
  return placeholdersIn(body).length > 0;
}

/** Replaces every `{{key}}` by what `replace` returns for its key. */
export function replacePlaceholders(body: string, replace: (key: string) => string): string {
  return body.replace(PLACEHOLDER, (_, key: string) => replace(key));
}

/** Checks a feature's own field definitions: well-formed keys that do not shadow standard ones. */
export function checkExtraFields(extra: readonly FieldDefinition[]): void {
  for (const field of extra) {
    if (!KEY.test(field.key)) throw new Error(`field key ${field.key} is not lowercase letters, digits and _`);
    if (standardFields.some((s) => s.key === field.key)) throw new Error(`field ${field.key} is a standard field`);
  }
}

/**
 * The placeholders of a body that are not fields (a typo, or a field of another feature): the
 * letter form refuses them at the body, so a letter never goes out with `{{...}}` in it.
 */
export function unknownPlaceholders(body: string, extra: readonly FieldDefinition[] = []): string[] {
  const known = new Set<string>([...standardFields.map((f) => f.key), ...extra.map((f) => f.key)]);
  return placeholdersIn(body).filter((key) => !known.has(key));
}

/** Fields whose value stands in a paragraph of its own (a table, a QR code). */
export function isBlockValue(value: FieldValue): boolean {
  return !('text' in value);
}
