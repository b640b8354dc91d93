import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { contentDisposition, type SiteFile } from '../../../files/store.ts';

/** `/…/:key/:name` of a stored file; a malformed key is a file that does not exist (404). */
export const fileParams = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{16}$/), name: z.string() });

/** Sends a stored file with its type, its name and how long it may be cached; 404 without one. */
export function sendSiteFile(
  reply: FastifyReply,
  file: (SiteFile & { data: Buffer }) | undefined,
  cacheControl: string,
): FastifyReply {
  if (!file) throw new AppError('not_found', 'no such file');
  return reply
    .type(file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('content-length', file.size)
    .header('cache-control', cacheControl)
    .send(file.data);
}
