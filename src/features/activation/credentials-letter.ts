import { formatDateTime } from '../../lib/format.ts';
import {
  createPdf,
  drawField,
  drawLetterhead,
  drawPageNumbers,
  drawText,
  drawTitle,
  type Letterhead,
  pdfToBuffer,
} from '../../pdf/pdf.ts';

/**
 * The printed letter handed over at the desk: login and starting password, how to sign in, and
 * that the password must be changed at the first sign-in. Generated once, never stored.
 */
export async function credentialsLetterPdf({
  organization,
  name,
  login,
  password,
  expiresAt,
  ebokUrl,
}: {
  organization: Letterhead;
  name: string;
  login: string;
  password: string;
  expiresAt: Date;
  ebokUrl: string;
}): Promise<Buffer> {
  const doc = createPdf({ title: 'Dane do logowania w e-BOK', author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, 'Dane do logowania w e-BOK', 'Elektroniczne Biuro Obsługi Klienta');
  drawField(doc, 'Dla', name);
  drawField(doc, 'Adres e-BOK', ebokUrl);
  drawField(doc, 'Login', login);
  drawField(doc, 'Hasło startowe', password);
  drawField(doc, 'Hasło startowe jest ważne do', formatDateTime(expiresAt));
  drawText(
    doc,
    `Przy pierwszym logowaniu system poprosi o ustawienie własnego hasła (co najmniej 12 znaków). Hasło startowe działa tylko przy tym jednym logowaniu — nikt poza Tobą nie będzie znał nowego hasła.

Przechowuj ten list w bezpiecznym miejscu albo zniszcz go po pierwszym logowaniu. Jeśli hasło startowe wygaśnie albo logowanie zostanie przerwane przed ustawieniem nowego hasła, zwróć się do Spółdzielni o nowe.`,
  );
  drawPageNumbers(doc, 'Dane do logowania w e-BOK — dokument poufny');
  return pdfToBuffer(doc);
}
