import { formatCalendarDate } from '../../lib/format.ts';
import {
  createPdf,
  drawField,
  drawLetterhead,
  drawPageNumbers,
  drawSignature,
  drawText,
  drawTitle,
  type Letterhead,
  MARGIN,
  pdfToBuffer,
} from '../../pdf/pdf.ts';
import type { DocumentText } from './texts.ts';

/**
 * The three documents of e-BOK and electronic correspondence, generated from the organization's
 * data. The activation and correspondence features print them pre-filled with a person's data.
 */

/** Data printed into a form; anything missing stays a blank line to fill in by hand. */
export interface PersonPrefill {
  name?: string;
  /** Addresses of the person's units, e.g. `ul. Paderewskiego 65/12, 40-282 Katowice`. */
  units?: string[];
  email?: string;
  phone?: string;
}

export type GeneratedDocument = 'ebok_terms' | 'activation_form' | 'consent';

/**
 * Public addresses and titles of the generated documents (the Formularze page lists them), with
 * the form that takes the signed document's scan online, where there is one.
 */
export const generatedDocuments: {
  kind: GeneratedDocument;
  path: string;
  title: string;
  fileName: string;
  online?: { href: string; label: string };
}[] = [
  {
    kind: 'ebok_terms',
    path: '/dokumenty/regulamin-ebok.pdf',
    title: 'Regulamin usługi e-BOK',
    fileName: 'regulamin-ebok.pdf',
  },
  {
    kind: 'activation_form',
    path: '/dokumenty/formularz-aktywacji-ebok.pdf',
    title: 'Formularz aktywacji usługi e-BOK',
    fileName: 'formularz-aktywacji-ebok.pdf',
    online: { href: '/ebok/aktywacja', label: 'prześlij skan przez internet' },
  },
  {
    kind: 'consent',
    path: '/dokumenty/oswiadczenie-korespondencja-elektroniczna.pdf',
    title: 'Oświadczenie o wyrażeniu zgody na otrzymywanie korespondencji w formie elektronicznej',
    fileName: 'oswiadczenie-korespondencja-elektroniczna.pdf',
    online: { href: '/korespondencja/zgoda', label: 'prześlij skan przez internet' },
  },
];

function versionLine(text: DocumentText): string {
  return `wersja ${text.version}, obowiązuje od ${formatCalendarDate(text.effectiveFrom)}`;
}

/** Regulamin usługi e-BOK: the organization's current terms. */
export async function ebokTermsPdf({
  organization,
  terms,
}: {
  organization: Letterhead;
  terms: DocumentText;
}): Promise<Buffer> {
  const doc = createPdf({ title: 'Regulamin usługi e-BOK', author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, 'Regulamin usługi e-BOK', `Elektroniczne Biuro Obsługi Klienta · ${versionLine(terms)}`);
  drawText(doc, terms.body);
  drawPageNumbers(doc, `Regulamin e-BOK, ${versionLine(terms)}`);
  return pdfToBuffer(doc);
}

/** Formularz aktywacji usługi e-BOK: blank, or pre-filled with a person's data. */
export async function activationFormPdf({
  organization,
  terms,
  person = {},
}: {
  organization: Letterhead;
  /** The terms the applicant accepts; their version is printed on the form. */
  terms: DocumentText;
  person?: PersonPrefill;
}): Promise<Buffer> {
  const doc = createPdf({ title: 'Formularz aktywacji usługi e-BOK', author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, 'Formularz aktywacji usługi e-BOK', 'Elektroniczne Biuro Obsługi Klienta');
  doc.font('bold').text('Dane osoby posiadającej tytuł prawny do lokalu').font('regular').moveDown(0.4);
  drawField(doc, 'Imię i nazwisko', person.name);
  drawField(doc, 'Adres lokalu (lokali), którego dotyczy wniosek', person.units?.join('; '), { lines: 2 });
  drawField(doc, 'Adres e-mail do aktywacji konta i przesyłania nowych haseł', person.email);
  drawField(doc, 'Telefon kontaktowy', person.phone);
  doc.moveDown(0.3);
  drawText(
    doc,
    `Wnoszę o uruchomienie dla mnie usługi Elektroniczne Biuro Obsługi Klienta (e-BOK). Oświadczam, że zapoznałem(-am) się z Regulaminem usługi e-BOK (${versionLine(terms)}) i akceptuję jego postanowienia. Zobowiązuję się chronić login i hasło przed osobami nieuprawnionymi oraz dbać o to, aby do podanej skrzynki poczty elektronicznej nie miały dostępu osoby nieuprawnione.

Formularz składa się w biurze Spółdzielni z dowodem osobistym albo przesyła drogą elektroniczną jako skan wraz ze skanem dowodu osobistego (skan dowodu służy wyłącznie weryfikacji tożsamości i jest usuwany po jej dokonaniu).`,
  );
  drawSignature(doc, 'czytelny podpis wnioskodawcy');
  doc.moveDown(1);
  const width = doc.page.width - MARGIN * 2;
  const top = doc.y;
  doc.rect(MARGIN, top, width, 92).lineWidth(0.6).strokeColor('#555555').stroke();
  doc
    .font('bold')
    .fontSize(9)
    .text('Wypełnia Spółdzielnia', MARGIN + 8, top + 8, { width: width - 16 });
  doc.font('regular').fontSize(9);
  doc.text(
    'Tożsamość zweryfikowano na podstawie: ☐ dowodu osobistego okazanego w biurze  ☐ skanu dowodu osobistego',
    MARGIN + 8,
    doc.y + 4,
    {
      width: width - 16,
    },
  );
  doc.text(
    'Login: ........................................    Data wydania loginu: ....................',
    MARGIN + 8,
    doc.y + 8,
    {
      width: width - 16,
    },
  );
  doc.text('Podpis pracownika: ........................................', MARGIN + 8, doc.y + 8, { width: width - 16 });
  doc.fontSize(10.5);
  drawPageNumbers(doc, 'Formularz aktywacji usługi e-BOK');
  return pdfToBuffer(doc);
}

/** Oświadczenie o wyrażeniu zgody na korespondencję elektroniczną: blank or pre-filled. */
export async function consentDeclarationPdf({
  organization,
  consent,
  person = {},
}: {
  organization: Letterhead;
  consent: DocumentText;
  person?: PersonPrefill;
}): Promise<Buffer> {
  const doc = createPdf({
    title: 'Oświadczenie o wyrażeniu zgody na korespondencję elektroniczną',
    author: organization.name,
  });
  drawLetterhead(doc, organization);
  drawTitle(
    doc,
    'Oświadczenie o wyrażeniu zgody na otrzymywanie korespondencji w formie elektronicznej',
    versionLine(consent),
  );
  drawField(doc, 'Imię i nazwisko', person.name);
  drawField(doc, 'Adres lokalu (lokali)', person.units?.join('; '), { lines: 2 });
  doc.moveDown(0.3);
  drawText(doc, consent.body);
  // Below the text, which refers to "the address given below".
  drawField(doc, 'Adres e-mail, na który ma być przesyłana korespondencja', person.email);
  drawSignature(doc, 'czytelny podpis');
  drawPageNumbers(doc, `Oświadczenie o korespondencji elektronicznej, ${versionLine(consent)}`);
  return pdfToBuffer(doc);
}
