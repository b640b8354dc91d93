/** What the correspondence rooms share: notices after a change, the declaration, mail settings, files. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { contentDisposition, findFilesByIds } from '../../../files/store.ts';
import { memberOf } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { id, searchText } from '../../../http/params.ts';
import { currentDocumentText, type DocumentText } from '../../documents/texts.ts';
import { type Letter, listAttachments } from '../letter-queries.ts';
import type { MailSettings } from '../mail.ts';

const notices: Record<string, string> = {
  wyslano: 'List wysłany: doręczenia utworzone, e-maile w kolejce wysyłki.',
  zaplanowano: 'Wysyłka zaplanowana.',
  dodano: 'Dodano załącznik.',
  link: 'Wysłaliśmy link potwierdzający na podany adres e-mail. Zgoda zacznie obowiązywać po jego kliknięciu.',
  wycofano: 'Zgoda wycofana: listy będą wysyłane pocztą tradycyjną.',
  skan: 'Skan przesłany; biuro sprawdzi go i wyśle link potwierdzający adres.',
  przyjeto: 'Skan przyjęty; wysłano link potwierdzający adres. Skan usunięto.',
  odrzucono: 'Skan odrzucony; skan usunięto.',
  wydrukowano: 'Oznaczono listy jako wydrukowane.',
  zmieniono: 'Zapisano zmiany szkicu.',
  usunieto: 'Szkic usunięty.',
  'usunieto-zalacznik': 'Usunięto załącznik.',
  wstrzymano: 'Wysyłka wstrzymana: list jest znowu szkicem.',
  'dodano-adresata': 'Dodano adresata.',
};

/** `?zrobiono=…`: what the change before the redirect did, said on the page it leads to. */
export const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

/** A page with a search of the register (`?szukaj=`) besides the notice. */
export const searchQuery = doneQuery.extend({ szukaj: searchText });

export function noticeOf(query: { zrobiono?: string | undefined }): string | undefined {
  const what = query.zrobiono;
  return what && Object.hasOwn(notices, what) ? notices[what] : undefined;
}

/** The token of a confirmation link. */
export const tokenParams = z.object({ token: z.string() });

/**
 * A letter and one of its attachments. An attachment id that is not a number names no attachment
 * (0: the routes answer 404); refusing it here would answer a POST without its CSRF token with 404
 * before the token's check could answer 403.
 */
export const attachmentParams = z.object({ id, attachment: id.catch(0) });

/** The member's person in the register; an account not linked to one has no consent pages (404). */
export function memberPersonId(request: FastifyRequest): number {
  const personId = memberOf(request).personId;
  if (!personId) throw new AppError('not_found', 'account has no person');
  return personId;
}

/** The current text of the declaration of consent to electronic correspondence. */
export function consentDeclaration(app: FastifyInstance, request: FastifyRequest): Promise<DocumentText> {
  return currentDocumentText(app.db, {
    organizationId: request.organization.id,
    organizationName: request.organization.name,
    kind: 'consent',
  });
}

/** Mail sent while answering a request links to the host the request came to. */
export function mailSettings(app: FastifyInstance, request: FastifyRequest): MailSettings {
  return { mailFrom: app.config.mailFrom, baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl };
}

/** Sends a letter's attachment (the caller has checked the letter may be read). */
export async function sendAttachment(
  app: FastifyInstance,
  reply: FastifyReply,
  { letter, attachmentId }: { letter: Letter; attachmentId: number },
) {
  const attachments = await listAttachments(app.db, { organizationId: letter.organizationId, letterId: letter.id });
  const attachment = attachments.find((a) => a.id === attachmentId);
  if (!attachment) throw new AppError('not_found', 'no such attachment');
  const [file] = await findFilesByIds(app.db, [attachment.fileId]);
  if (!file) throw new AppError('not_found', 'attachment file missing');
  return reply
    .type(file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'private, no-store')
    .send(file.data);
}
