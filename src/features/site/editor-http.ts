import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, ValidationError } from '../../errors.ts';
import { type FileUpload, MAX_FILE_BYTES } from '../../files/store.ts';
import { access, requestOrigin } from '../../http/auth.ts';
import { describeTooLarge } from '../../lib/file-size.ts';
import type { Account } from '../accounts/queries.ts';
import { recordAudit } from '../audit/audit.ts';

/** Who may run the public website: editors and administrators. */
export const editorAccess = access('site.edit');

/** An uploaded file as the multipart parser leaves it in the body. */
interface ReceivedFile {
  fileName: string;
  data: Buffer;
  /** Longer than the parser's limit: the data was cut off. */
  truncated: boolean;
}

/**
 * Lets the editor's routes take `multipart/form-data`: fields and the file land in `request.body`
 * as plain values before the CSRF check (a preHandler) reads `_csrf` from it. The parser's limit
 * lies a little above the site's 20 MB, so a slightly larger file reaches `storeFile` and gets its
 * Polish message with the real size, and a much larger one is cut off there and refused.
 */
export async function acceptUploads(
  app: FastifyInstance,
  { maxFileBytes = MAX_FILE_BYTES, files = 1 }: { maxFileBytes?: number; files?: number } = {},
): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes + 1024 * 1024, files, fields: 20, parts: 20 + files },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const received: ReceivedFile = {
        fileName: part.filename,
        data: Buffer.concat(chunks),
        truncated: part.file.truncated,
      };
      (part as unknown as { value: ReceivedFile }).value = received;
    },
  });
}

/** The form's text fields (a file or a repeated field is not text and is left out). */
export function formFields(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && key !== '_csrf') fields[key] = value;
  }
  return fields;
}

/** The uploaded file of a form, checked for the cut-off case; an absent file is an empty one. */
export function uploadedFile(request: FastifyRequest, field = 'file'): FileUpload {
  const value = ((request.body ?? {}) as Record<string, unknown>)[field];
  if (!value || typeof value !== 'object' || !('data' in value)) return { fileName: '', data: Buffer.alloc(0) };
  const file = value as ReceivedFile;
  if (file.truncated) {
    throw new ValidationError([
      { field, message: describeTooLarge(file.data.length, MAX_FILE_BYTES, { cutOff: true }) },
    ]);
  }
  return { fileName: file.fileName, data: file.data };
}

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A numeric route parameter; anything else is a page that does not exist. */
export function idOf(request: FastifyRequest, name = 'id'): number {
  const parsed = idParam.safeParse((request.params as Record<string, unknown>)[name]);
  if (!parsed.success) throw new AppError('not_found', `malformed ${name}`);
  return parsed.data;
}

export interface AuditedChange {
  action: string;
  subjectType: string;
  subjectId?: number | string | undefined;
  detail?: Record<string, unknown> | undefined;
}

/**
 * Runs one change of the site's content and writes its audit row in the same transaction:
 * either both are stored or neither.
 */
export function audited(app: FastifyInstance, request: FastifyRequest) {
  const account = request.account as Account;
  return async <T>(run: (tx: Db) => Promise<T>, auditOf: (result: T) => AuditedChange): Promise<T> =>
    app.db.transaction(async (tx) => {
      const result = await run(tx);
      await recordAudit(tx, {
        organizationId: request.organization.id,
        actorAccountId: account.id,
        origin: requestOrigin(request),
        at: app.clock(),
        ...auditOf(result),
      });
      return result;
    });
}

/** The field errors of a rejected input, or the error again when it is something else. */
export function fieldErrorsOf(error: unknown) {
  if (error instanceof ValidationError) return error.fields;
  throw error;
}
