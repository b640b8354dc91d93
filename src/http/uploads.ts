/**
 * Forms with files (`multipart/form-data`): fields and files land in `request.body` as plain
 * values before the CSRF check (a preHandler) reads `_csrf` from it, so a form with files is
 * parsed by its schema like any other (`uploadField` reads a file field).
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type FileUpload, MAX_FILE_BYTES } from '../files/store.ts';
import { cleanFileName } from '../lib/file-name.ts';
import { describeTooLarge } from '../lib/file-size.ts';

/** An uploaded file as the multipart parser leaves it in the body. */
export interface ReceivedFile {
  fileName: string;
  data: Buffer;
  /** Longer than the parser's limit: the data was cut off. */
  truncated: boolean;
}

/**
 * Lets a plugin's routes take `multipart/form-data`. The parser's limit lies a little above
 * `maxFileBytes`, so a slightly larger file reaches the form's check and gets its Polish message
 * with the real size, and a much larger one is cut off there and refused.
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
        fileName: cleanFileName(part.filename),
        data: Buffer.concat(chunks),
        truncated: part.file.truncated,
      };
      Object.assign(part, { value: received });
    },
  });
}

function isReceivedFile(value: unknown): value is ReceivedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}

/**
 * A file field of a form schema: the uploaded file (an absent one is empty; the feature says
 * whether one is required), refused at the field when the parser cut it off.
 */
export function uploadField(maxBytes: number = MAX_FILE_BYTES) {
  return z.unknown().transform((value, ctx): FileUpload => {
    if (!isReceivedFile(value)) return { fileName: '', data: Buffer.alloc(0) };
    if (value.truncated) {
      ctx.addIssue({ code: 'custom', message: describeTooLarge(value.data.length, maxBytes, { cutOff: true }) });
      return z.NEVER;
    }
    return { fileName: value.fileName, data: value.data };
  });
}

/**
 * A field of several files (`<input type="file" multiple>`): the files chosen, in order (none
 * chosen is an empty list); refused at the field, naming the file, when the parser cut one off.
 */
export function uploadFilesField(maxBytes: number = MAX_FILE_BYTES) {
  return z.unknown().transform((value, ctx): FileUpload[] => {
    const files = (Array.isArray(value) ? value : [value])
      .filter(isReceivedFile)
      .filter((file) => file.fileName !== '' || file.data.length > 0);
    const cut = files.find((file) => file.truncated);
    if (cut) {
      ctx.addIssue({
        code: 'custom',
        message: `${cut.fileName}: ${describeTooLarge(cut.data.length, maxBytes, { cutOff: true })}`,
      });
      return z.NEVER;
    }
    return files.map((file) => ({ fileName: file.fileName, data: file.data }));
  });
}
