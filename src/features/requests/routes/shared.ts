/** What the request rooms share: notices after a change, mail settings, serving a thread's file. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { contentDisposition, findFilesByIds } from '../../../files/store.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { id } from '../../../http/params.ts';
import type { MailSettings } from '../mail.ts';
import { findThreadFile, type Thread } from '../queries.ts';

const notices: Record<string, string> = {
  zgloszono: 'Zgłoszenie wysłane. Administracja je przejrzy; o zmianach statusu napiszemy e-mailem.',
  wyslano: 'Wiadomość wysłana.',
  dopisano: 'Dopisano wiadomość.',
  status: 'Zmieniono status; członek dostanie e-mail, jeśli podał adres.',
  przypisano: 'Zapisano przypisanie i priorytet.',
  notatka: 'Dodano notatkę wewnętrzną.',
  odpowiedziano: 'Odpowiedź zapisana; członek dostanie e-mail, że czeka na niego odpowiedź.',
  opublikowano: 'Komunikat opublikowany.',
  wycofano: 'Komunikat wycofany.',
  numery: 'Zapisano numery alarmowe.',
};

export const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

export function noticeOf(query: { zrobiono?: string | undefined }): string | undefined {
  return query.zrobiono ? notices[query.zrobiono] : undefined;
}

export const fileParams = z.object({ id, fileId: id });

export function mailSettings(app: FastifyInstance, request: FastifyRequest): MailSettings {
  return {
    organization: request.organization,
    mailFrom: app.config.mailFrom,
    baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
  };
}

/** Sends one file of a thread the asker may see (the thread was found through their rights). */
export async function sendThreadFile(
  app: FastifyInstance,
  reply: FastifyReply,
  { thread, fileId }: { thread: Thread; fileId: number },
): Promise<FastifyReply> {
  const row = await findThreadFile(app.db, { organizationId: thread.organizationId, threadId: thread.id, id: fileId });
  const [file] = row ? await findFilesByIds(app.db, [row.fileId]) : [];
  if (!row || !file) throw new AppError('not_found', 'no such file');
  return reply
    .type(file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.data);
}
