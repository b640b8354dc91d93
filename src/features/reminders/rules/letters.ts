/**
 * The reminder letters: their own fields (beside correspondence's standard ones), the shipped
 * stages with their texts, and a holder's figures as the fields' values (pure).
 *
 * A wezwanie do zapłaty names the creditor and the debtor (the letter's head and address), what
 * is owed and on what title (the fees for the unit, month by month: art. 4 u.s.m.), the interest
 * counted to the day (art. 481 § 1 KC), the deadline and the account to pay to, and what follows
 * if it is not paid. The organization may rewrite the texts; the fields stay the same.
 */

import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { FieldDefinition, FieldValue } from '../../correspondence/personal/fields.ts';
import type { Stage } from './stages.ts';

export const reminderFields = [
  { key: 'etap', label: 'Etap upomnienia', description: 'Nazwa etapu, np. „Wezwanie do zapłaty”.' },
  {
    key: 'zaleglosc',
    label: 'Zaległość po terminie',
    description: 'Należność główna niezapłacona po terminie, na dzień salda.',
  },
  {
    key: 'zaleglosc_od',
    label: 'Zaległość od',
    description: 'Miesiąc najstarszej niezapłaconej należności, np. „08.2026”.',
  },
  {
    key: 'zaleglosci_wg_miesiecy',
    label: 'Zaległości według miesięcy',
    description: 'Tabela: termin płatności, kwota do zapłaty, odsetki i tytuł każdej zaległości; w osobnym akapicie.',
  },
  {
    key: 'odsetki',
    label: 'Odsetki na dzień salda',
    description: 'Odsetki ustawowe za opóźnienie naliczone do dnia salda (art. 481 KC).',
  },
  { key: 'razem', label: 'Razem do zapłaty', description: 'Zaległość po terminie wraz z odsetkami.' },
  { key: 'termin_zaplaty', label: 'Termin zapłaty', description: 'Dzień, do którego wzywamy do zapłaty.' },
  {
    key: 'kod_qr_razem',
    label: 'Kod QR na kwotę razem',
    description:
      'Kod QR przelewu na kwotę „razem”; w osobnym akapicie (gdy kwota przekracza limit kodu — dane do przelewu słownie).',
  },
] as const satisfies readonly FieldDefinition[];

export type ReminderFieldKey = (typeof reminderFields)[number]['key'];

/** One unpaid overdue debt of the holder, as the letter's table shows it. */
export interface ArrearsLine {
  valueDate: string;
  description: string | undefined;
  dueDate: string;
  unpaid: number;
  interest: number;
}

export interface ReminderFigures {
  stageName: string;
  principal: number;
  interest: number;
  oldest: string | undefined;
  payBy: string;
  lines: readonly ArrearsLine[];
  /** The transfer for the total: the QR text when it fits, else why not, and the title to type. */
  payment: { qrText: string | undefined; qrOmitted: string | undefined; title: string };
}

const month = (day: string) => `${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** The values of the reminder's own fields for one holder. */
export function reminderValues(f: ReminderFigures): Record<ReminderFieldKey, FieldValue> {
  const total = f.principal + f.interest;
  return {
    etap: { text: f.stageName },
    zaleglosc: { text: formatMoney(f.principal) },
    zaleglosc_od: { text: f.oldest ? month(f.oldest) : '—' },
    zaleglosci_wg_miesiecy: {
      table: {
        // Amounts before the long titles: a narrow letter scrolls the table, never hides a sum.
        head: ['Termin płatności', 'Do zapłaty', 'Odsetki', 'Tytuł'],
        rows: [
          ...f.lines.map((l) => [
            formatCalendarDate(l.dueDate),
            formatMoney(l.unpaid),
            formatMoney(l.interest),
            l.description ?? `Należność z ${month(l.valueDate)}`,
          ]),
          ['Razem', formatMoney(f.principal), formatMoney(f.interest), ''],
        ],
      },
    },
    odsetki: { text: formatMoney(f.interest) },
    razem: { text: formatMoney(total) },
    termin_zaplaty: { text: formatCalendarDate(f.payBy) },
    kod_qr_razem: f.payment.qrText
      ? { qr: f.payment.qrText, caption: `Przelew ${formatMoney(total)}, tytuł: ${f.payment.title}` }
      : { text: `${f.payment.qrOmitted ?? 'Kod QR niedostępny.'} Tytuł przelewu: ${f.payment.title}.` },
  };
}

const common = `Szanowna Pani / Szanowny Panie {{imie_nazwisko}},

według ksiąg Spółdzielni na dzień {{dzien_salda}} opłaty za używanie lokalu {{adres_lokalu}} (art. 4 ustawy z dnia 15 grudnia 2000 r. o spółdzielniach mieszkaniowych) nie zostały zapłacone w terminie. Zaległość po terminie wynosi **{{zaleglosc}}** (od {{zaleglosc_od}}):

{{zaleglosci_wg_miesiecy}}

Odsetki ustawowe za opóźnienie (art. 481 § 1 Kodeksu cywilnego) naliczone na dzień {{dzien_salda}}: {{odsetki}}. Razem do zapłaty: **{{razem}}**.`;

const payment = `Wpłaty prosimy kierować na rachunek lokalu: {{numer_konta}}.

{{kod_qr_razem}}

Wpłata zalicza się na najdawniej wymagalne należności (art. 451 § 3 Kodeksu cywilnego). Jeżeli należność została już zapłacona, prosimy uznać to pismo za nieaktualne.`;

/** The stages a new organization starts with (it may change them at /panel/finanse/upomnienia/etapy). */
export const defaultStages: readonly Stage[] = [
  {
    level: 1,
    name: 'Przypomnienie',
    minOverdue: 1_000,
    minDaysOverdue: 14,
    payWithinDays: 14,
    subject: 'Przypomnienie o zaległości w opłatach',
    bodyMarkdown: `${common}

Być może płatność umknęła Pani/Panu uwadze. Prosimy o jej uregulowanie do dnia **{{termin_zaplaty}}**.

${payment}`,
  },
  {
    level: 2,
    name: 'Wezwanie do zapłaty',
    minOverdue: 10_000,
    minDaysOverdue: 45,
    payWithinDays: 14,
    subject: 'Wezwanie do zapłaty',
    bodyMarkdown: `${common}

Wzywamy do zapłaty kwoty {{razem}} w terminie do dnia **{{termin_zaplaty}}**. Odsetki ustawowe za opóźnienie biegną dalej do dnia zapłaty.

${payment}`,
  },
  {
    level: 3,
    name: 'Przedsądowe wezwanie do zapłaty',
    minOverdue: 50_000,
    minDaysOverdue: 90,
    payWithinDays: 7,
    subject: 'Ostateczne przedsądowe wezwanie do zapłaty',
    bodyMarkdown: `${common}

Mimo wcześniejszych wezwań należność nie została zapłacona. Niniejszym **ostatecznie wzywamy** do zapłaty kwoty {{razem}} wraz z dalszymi odsetkami ustawowymi za opóźnienie do dnia zapłaty, w terminie do dnia **{{termin_zaplaty}}**.

Jeżeli należność nie zostanie zapłacona w tym terminie, Spółdzielnia skieruje sprawę na drogę postępowania sądowego bez dalszego wezwania, co narazi Panią/Pana na dodatkowe koszty (opłata sądowa, koszty zastępstwa procesowego, koszty egzekucji).

${payment}`,
  },
];
