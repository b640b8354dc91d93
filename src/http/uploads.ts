/**
 * Forms with files (`multipart/form-data`): fields and files land in `request.body` as plain
 * values before the CSRF check (a preHandler) reads `_csrf` from it, so a form with files is
 * parsed by its schema like any other (`uploadField` reads a file field).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type FileUpload, MAX_FILE_BYTES } from '../files/store.ts';
import { cleanFileName } from '../lib/file-name.ts';
import { describeTooLarge } from '../lib/file-size.ts';
import { makeTempDir, PRIVATE_FILE, removeTempDir } from '../lib/temp-files.ts';

/** An uploaded file as the multipart parser leaves it in the body. */
export interface ReceivedFile {
  fileName: string;
  data: Buffer;
  /** Longer than the parser's limit: the data was cut off. */
  truncated: boolean;
}

/**
 * An uploaded file as the multipart parser leaves it in the body when the routes take files to
 * disk (`acceptUploads(app, { toDisk: true })`): a private temporary file (0600, in a directory
 * of the request's own under the OS temp dir), removed when the reply has been sent — or the
 * request given up — whatever happened meanwhile.
 */
export interface FileOnDisk {
  fileName: string;
  path: string;
  /** Bytes written (up to the parser's limit). */
  size: number;
  /** Longer than the parser's limit: the rest was not written. */
  truncated: boolean;
}

/**
 * The files this module wrote. A body parsed as JSON can hold an object that looks like a
 * FileOnDisk with any path (`/etc/passwd`): only the parser's own objects are taken as files.
 */
const filesOnDisk = new WeakSet<object>();

/** Temporary directories of requests whose files went to disk. */
const requestDirs = new WeakMap<FastifyRequest, Promise<string>>();

function requestDir(request: FastifyRequest): Promise<string> {
  let dir = requestDirs.get(request);
  if (!dir) {
    dir = makeTempDir('osiedle-upload-');
    requestDirs.set(request, dir);
  }
  return dir;
}

async function removeRequestDir(request: FastifyRequest): Promise<void> {
  const dir = requestDirs.get(request);
  if (!dir) return;
  requestDirs.delete(request);
  await removeTempDir(await dir);
}

/**
 * Lets a plugin's routes take `multipart/form-data`. The parser's limit lies a little above
 * `maxFileBytes`, so a slightly larger file reaches the form's check and gets its Polish message
 * with the real size, and a much larger one is cut off there and refused. With `toDisk`, each
 * file is streamed to a private temporary file instead of being held in memory (FileOnDisk).
 */
export async function acceptUploads(
  app: FastifyInstance,
  {
    maxFileBytes = MAX_FILE_BYTES,
    files = 1,
    toDisk = false,
  }: { maxFileBytes?: number; files?: number; toDisk?: boolean } = {},
): Promise<void> {
  if (toDisk) {
    // After the reply (the route's work is done with the files) or when the client gave up.
    app.addHook('onResponse', async (request) => removeRequestDir(request));
    app.addHook('onRequestAbort', async (request) => removeRequestDir(request));
  }
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes + 1024 * 1024, files, fields: 20, parts: 20 + files },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      if (toDisk) {
        const dir = await requestDir(this);
        let size = 0;
        part.file.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        // Not named by the client: its name is only shown.
        const path = join(dir, randomUUID());
        await pipeline(part.file, createWriteStream(path, PRIVATE_FILE));
        const received: FileOnDisk = {
          fileName: cleanFileName(part.filename),
          path,
          size,
          truncated: part.file.truncated,
        };
        filesOnDisk.add(received);
        Object.assign(part, { value: received });
        return;
      }
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

function isFileOnDisk(value: unknown): value is FileOnDisk {
  return typeof value === 'object' && value !== null && filesOnDisk.has(value);
}

/**
 * A field of several files taken to disk (`acceptUploads(app, { toDisk: true })`): the files
 * chosen, in order, as temporary files (none chosen is an empty list); refused at the field,
 * naming the file and the limit, when the parser cut one off.
 */
export function uploadFilesOnDiskField(maxBytes: number = MAX_FILE_BYTES) {
  return z.unknown().transform((value, ctx): { fileName: string; path: string; size: number }[] => {
    const files = (Array.isArray(value) ? value : [value])
      .filter(isFileOnDisk)
      .filter((file) => file.fileName !== '' || file.size > 0);
    const cut = files.find((file) => file.truncated);
    if (cut) {
      ctx.addIssue({
        code: 'custom',
        message: `${cut.fileName}: ${describeTooLarge(cut.size, maxBytes, { cutOff: true })}`,
      });
      return z.NEVER;
    }
    return files.map((file) => ({ fileName: file.fileName, path: file.path, size: file.size }));
  });
}
