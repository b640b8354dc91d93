/**
 * Import of a register file in /panel: upload (multipart, in this plugin's scope only) → preview
 * stored in the database → confirm. See import/uploads.ts for why the file lives in the database.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../errors.ts';
import { requestOrigin } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import type { Account } from '../accounts/queries.ts';
import { auditLogWriter } from './audit.ts';
import { formatMegabytes } from './import/read-file.ts';
import { confirmImport, findImport, listRecentImports, previewUpload } from './import/uploads.ts';
import { registerEditAccess as editAccess, idOf } from './route-helpers.ts';
import { ImportReportPage, ImportUploadPage } from './views/import-pages.tsx';

interface ReceivedFile {
  fileName: string;
  data: Buffer;
  truncated: boolean;
}

export async function registerImportRoutes(app: FastifyInstance) {
  const maxBytes = app.config.importMaxBytes;
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    // One byte over the limit is enough to know the file is too large; the rest is not kept.
    limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6 },
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

  async function renderUpload(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
    const recent = await listRecentImports(app.db, { organizationId: request.organization.id, now: app.clock() });
    return sendPage(
      reply,
      <ImportUploadPage ctx={pageContext(request, reply)} errors={errors} recent={recent} maxBytes={maxBytes} />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get('/panel/rejestr/import', editAccess, async (request, reply) => renderUpload(request, reply));

  app.post('/panel/rejestr/import', editAccess, async (request, reply) => {
    const value = ((request.body ?? {}) as Record<string, unknown>).file;
    const file = value && typeof value === 'object' && 'data' in value ? (value as ReceivedFile) : undefined;
    if (!file || file.data.length === 0) {
      return renderUpload(request, reply, [{ field: 'file', message: 'Wybierz plik CSV z rejestrem.' }]);
    }
    if (file.truncated || file.data.length > maxBytes) {
      return renderUpload(request, reply, [
        {
          field: 'file',
          message: `Plik jest większy niż ${formatMegabytes(maxBytes)}: nie został wczytany. Podziel go na mniejsze pliki.`,
        },
      ]);
    }
    const account = request.account as Account;
    const item = await previewUpload({
      db: app.db,
      organizationId: request.organization.id,
      accountId: account.id,
      actor: { accountId: account.id, label: account.login },
      fileName: file.fileName || 'rejestr.csv',
      bytes: file.data,
      maxBytes,
      now: app.clock(),
    });
    return reply.redirect(`/panel/rejestr/import/${item.id}`, 303);
  });

  app.get('/panel/rejestr/import/:id', editAccess, async (request, reply) => {
    const item = await findImport(app.db, {
      organizationId: request.organization.id,
      id: idOf(request),
      now: app.clock(),
    });
    if (!item) throw new AppError('not_found', 'no such import');
    return sendPage(reply, <ImportReportPage ctx={pageContext(request, reply)} item={item} />);
  });

  app.post('/panel/rejestr/import/:id/zatwierdz', editAccess, async (request, reply) => {
    const id = idOf(request);
    const account = request.account as Account;
    try {
      await confirmImport({
        db: app.db,
        organizationId: request.organization.id,
        id,
        actor: { accountId: account.id, label: account.login },
        audit: auditLogWriter(requestOrigin(request)),
        maxBytes,
        now: app.clock(),
      });
    } catch (error) {
      // Already applied (a second click) or expired: the report page says which.
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    }
    return reply.redirect(`/panel/rejestr/import/${id}`, 303);
  });
}
