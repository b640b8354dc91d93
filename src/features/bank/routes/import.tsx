/** Uploading bank statement files (/panel/finanse/wyciagi): several at once, each booked whole or not at all. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, staffOf } from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { can } from '../../../policy.ts';
import { MAX_STATEMENT_BYTES, statementUploadForm } from '../forms.ts';
import { BACKGROUND_IMPORT_BYTES, findImportJob, queueStatementImport } from '../import-jobs.ts';
import { importStatements } from '../import-statements.ts';
import { countWaiting } from '../queries.ts';
import { MAX_STATEMENT_FILES, StatementImportPage } from '../views/import.tsx';
import { StatementImportJobPage } from '../views/import-job.tsx';

/** `?odswiezanie=nie` turns the job page's self-refresh off. */
const jobQuery = z.object({ odswiezanie: z.string().optional().catch(undefined) });

export const statementImportRoutes: FastifyPluginAsyncZod = async (app) => {
  // Each file streamed to a private temporary file (removed once the reply is sent), never held whole in memory.
  await acceptUploads(app, { maxFileBytes: MAX_STATEMENT_BYTES, files: MAX_STATEMENT_FILES, toDisk: true });
  const waiting = async (organizationId: number) => (await countWaiting(app.db, { organizationId })).count;

  app.get('/panel/finanse/wyciagi', access('ledger.book'), async (request, reply) =>
    sendPage(
      reply,
      <StatementImportPage
        ctx={pageContext(request, reply)}
        maxBytes={MAX_STATEMENT_BYTES}
        waiting={await waiting(request.organization.id)}
        canConfigure={can(staffOf(request), 'ledger.configure')}
      />,
    ),
  );

  // The results are the answer: what each file booked, or why it was refused (422, nothing booked from it).
  formRoute(app, '/panel/finanse/wyciagi', {
    access: 'ledger.book',
    body: statementUploadForm,
    run: async ({ request, reply, body }) => {
      const files = body.pliki.map((file) => ({ name: file.fileName || 'wyciag', path: file.path }));
      // Large files are imported in the background; their page shows the progress, then the results.
      if (body.pliki.reduce((sum, f) => sum + f.size, 0) > BACKGROUND_IMPORT_BYTES) {
        const id = await queueStatementImport(app.db, {
          actor: actorOf(request),
          files,
          encoding: body.kodowanie,
          now: app.clock(),
        });
        return `/panel/finanse/wyciagi/import/${id}`;
      }
      const reports = await importStatements(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        files,
        encoding: body.kodowanie,
      });
      return sendPage(
        reply,
        <StatementImportPage
          ctx={pageContext(request, reply)}
          reports={reports}
          maxBytes={MAX_STATEMENT_BYTES}
          waiting={await waiting(request.organization.id)}
          canConfigure={can(staffOf(request), 'ledger.configure')}
        />,
        reports.some((r) => r.error !== undefined) ? 422 : 200,
      );
    },
    render: async ({ request, reply, form }) => (
      <StatementImportPage
        ctx={pageContext(request, reply)}
        errors={form.errors}
        values={form.values}
        maxBytes={MAX_STATEMENT_BYTES}
        waiting={await waiting(request.organization.id)}
        canConfigure={can(staffOf(request), 'ledger.configure')}
      />
    ),
  });

  app.get(
    '/panel/finanse/wyciagi/import/:id',
    { ...access('ledger.book'), schema: { params: idParams, querystring: jobQuery } },
    async (request, reply) => {
      const job = await findImportJob(app.db, { organizationId: request.organization.id, id: request.params.id });
      if (!job) throw new AppError('not_found', 'no such statement import');
      return sendPage(
        reply,
        <StatementImportJobPage
          ctx={pageContext(request, reply)}
          job={job}
          autoRefresh={request.query.odswiezanie !== 'nie'}
        />,
      );
    },
  );
};
