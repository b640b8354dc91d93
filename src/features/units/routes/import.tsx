/**
 * Import of a register file in /panel: the upload streams into the database (multipart, in this
 * plugin's scope only), background jobs check and apply it (import/jobs.ts), and the report page
 * shows their progress. See import/uploads.ts for why the file lives in the database.
 */
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../errors.ts';
import { access, requestOrigin, staffOf } from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { describeTooLarge } from '../../../lib/file-size.ts';
import { findImport, listRecentImports, requestApply, type StagedUpload, stageUpload } from '../import/uploads.ts';
import { ImportReportPage, ImportUploadPage } from '../views/import-pages.tsx';

const UPLOAD_URL = '/panel/rejestr/import';

/** `?odswiezanie=nie` turns the report page's self-refresh off for those who want to read in peace. */
const reportQuery = z.object({ odswiezanie: z.string().optional().catch(undefined) });

/** The upload form once its file is stored (receiveUpload): the stored file, or why there is none. */
function uploadForm(maxBytes: number) {
  return z.object({
    file: z
      .custom<StagedUpload>()
      .optional()
      .transform((staged, ctx) => {
        if (!staged || (!staged.ok && staged.reason === 'empty')) {
          ctx.addIssue({ code: 'custom', message: 'Wybierz plik CSV z rejestrem.' });
          return z.NEVER;
        }
        if (!staged.ok) {
          const tooLarge = describeTooLarge(staged.size, maxBytes, { cutOff: true });
          ctx.addIssue({
            code: 'custom',
            message: `${tooLarge} Plik nie został wczytany: podziel go na mniejsze pliki.`,
          });
          return z.NEVER;
        }
        return staged.item;
      }),
  });
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.config.importMaxBytes;
  // One byte over the limit is enough to know the file is too large; the rest is not kept.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6 },
  });

  /**
   * Reads the upload form as it arrives: the CSRF token (the form sends it first) is checked
   * before a byte of the file is stored, then the file streams into the database. The token stays
   * in the body, where the app's own CSRF check (a later hook) finds it too; the stored file is
   * the body's `file`, for the form's schema.
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
      fields.file = await stageUpload(app.db, {
        organizationId: request.organization.id,
        accountId: staffOf(request).id,
        fileName: part.filename || 'rejestr.csv',
        stream: part.file,
        truncated: () => part.file.truncated,
        maxBytes,
        now: app.clock(),
      });
    }
  }
  // The upload form's route reads its body itself, before validation (see receiveUpload).
  app.addHook('onRoute', (route) => {
    if (route.method === 'POST' && route.url === UPLOAD_URL) route.preValidation = receiveUpload;
  });

  async function uploadPage(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
    const recent = await listRecentImports(app.db, { organizationId: request.organization.id, now: app.clock() });
    return <ImportUploadPage ctx={pageContext(request, reply)} errors={errors} recent={recent} maxBytes={maxBytes} />;
  }

  async function reportPage(request: FastifyRequest, reply: FastifyReply, id: number, autoRefresh = true) {
    const item = await findImport(app.db, { organizationId: request.organization.id, id, now: app.clock() });
    if (!item) throw new AppError('not_found', 'no such import');
    return <ImportReportPage ctx={pageContext(request, reply)} item={item} autoRefresh={autoRefresh} />;
  }

  app.get(UPLOAD_URL, access('register.change'), async (request, reply) =>
    sendPage(reply, await uploadPage(request, reply)),
  );

  formRoute(app, UPLOAD_URL, {
    access: 'register.change',
    body: uploadForm(maxBytes),
    run: async ({ body }) => `${UPLOAD_URL}/${body.file.id}`,
    render: ({ request, reply, form }) => uploadPage(request, reply, form.errors),
  });

  app.get(
    `${UPLOAD_URL}/:id`,
    { ...access('register.change'), schema: { params: idParams, querystring: reportQuery } },
    async (request, reply) =>
      sendPage(reply, await reportPage(request, reply, request.params.id, request.query.odswiezanie !== 'nie')),
  );

  formRoute(app, `${UPLOAD_URL}/:id/zatwierdz`, {
    access: 'register.change',
    params: idParams,
    body: z.object({}),
    run: async ({ request, params }) => {
      // Already confirmed (a second click) or expired: queues nothing, and the report page says which.
      await requestApply(app.db, {
        organizationId: request.organization.id,
        id: params.id,
        accountId: staffOf(request).id,
        origin: requestOrigin(request),
        now: app.clock(),
      });
      return `${UPLOAD_URL}/${params.id}`;
    },
    render: ({ request, reply, params }) => reportPage(request, reply, params.id),
  });
};
