/**
 * Import of a register file in /panel: the upload streams into the database (multipart, in this
 * plugin's scope only), background jobs check and apply it (import/jobs.ts), and the report page
 * shows their progress. See import/uploads.ts for why the file lives in the database.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../errors.ts';
import { requestOrigin } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { describeTooLarge } from '../../lib/file-size.ts';
import type { Account } from '../accounts/queries.ts';
import { findImport, listRecentImports, requestApply, type StagedUpload, stageUpload } from './import/uploads.ts';
import { registerEditAccess as editAccess, idOf } from './route-helpers.ts';
import { ImportReportPage, ImportUploadPage } from './views/import-pages.tsx';

export async function registerImportRoutes(app: FastifyInstance) {
  const maxBytes = app.config.importMaxBytes;
  // One byte over the limit is enough to know the file is too large; the rest is not kept.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6 },
  });

  async function renderUpload(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
    const recent = await listRecentImports(app.db, { organizationId: request.organization.id, now: app.clock() });
    return sendPage(
      reply,
      <ImportUploadPage ctx={pageContext(request, reply)} errors={errors} recent={recent} maxBytes={maxBytes} />,
      errors.length > 0 ? 422 : 200,
    );
  }

  /**
   * Reads the form as it arrives: the CSRF token (the form sends it first) is checked before a
   * byte of the file is stored, then the file streams into the database. The token stays in the
   * body, where the app's own CSRF check (a later hook) finds it too.
   */
  async function receiveUpload(request: FastifyRequest, reply: FastifyReply) {
    const fields: Record<string, unknown> = {};
    request.body = fields;
    if (!request.isMultipart()) return;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || fields.file !== undefined) {
        part.file.resume();
        continue;
      }
      let tokenValid = false;
      app.csrfProtection(request, reply, () => {
        tokenValid = true;
      });
      // A missing or wrong token has been answered with 403; nothing is stored.
      if (!tokenValid) return reply;
      const account = request.account as Account;
      fields.file = await stageUpload(app.db, {
        organizationId: request.organization.id,
        accountId: account.id,
        fileName: part.filename || 'rejestr.csv',
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes,
        now: app.clock(),
      });
    }
  }

  app.get('/panel/rejestr/import', editAccess, async (request, reply) => renderUpload(request, reply));

  app.post('/panel/rejestr/import', { ...editAccess, preValidation: receiveUpload }, async (request, reply) => {
    const staged = ((request.body ?? {}) as { file?: StagedUpload }).file;
    if (!staged || (!staged.ok && staged.reason === 'empty')) {
      return renderUpload(request, reply, [{ field: 'file', message: 'Wybierz plik CSV z rejestrem.' }]);
    }
    if (!staged.ok) {
      return renderUpload(request, reply, [
        {
          field: 'file',
          message: `${describeTooLarge(staged.size, maxBytes, { cutOff: true })} Plik nie został wczytany: podziel go na mniejsze pliki.`,
        },
      ]);
    }
    return reply.redirect(`/panel/rejestr/import/${staged.item.id}`, 303);
  });

  app.get('/panel/rejestr/import/:id', editAccess, async (request, reply) => {
    const item = await findImport(app.db, {
      organizationId: request.organization.id,
      id: idOf(request),
      now: app.clock(),
    });
    if (!item) throw new AppError('not_found', 'no such import');
    // `?odswiezanie=nie` turns the page's self-refresh off for those who want to read in peace.
    const autoRefresh = (request.query as { odswiezanie?: string }).odswiezanie !== 'nie';
    return sendPage(
      reply,
      <ImportReportPage ctx={pageContext(request, reply)} item={item} autoRefresh={autoRefresh} />,
    );
  });

  app.post('/panel/rejestr/import/:id/zatwierdz', editAccess, async (request, reply) => {
    const id = idOf(request);
    const account = request.account as Account;
    try {
      await requestApply(app.db, {
        organizationId: request.organization.id,
        id,
        accountId: account.id,
        origin: requestOrigin(request),
        now: app.clock(),
      });
    } catch (error) {
      // Already confirmed (a second click) or expired: the report page says which.
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    }
    return reply.redirect(`/panel/rejestr/import/${id}`, 303);
  });
}
