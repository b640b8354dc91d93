import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { currentDocumentText } from '../../documents/texts.ts';
import { activationCandidates } from '../matching.ts';
import { activationScan, approveActivationRequest, decisionNotice, rejectActivationRequest } from '../remote.ts';
import { findActivationRequest, listActivationRequests } from '../requests.ts';
import { RequestDetailPage, RequestQueuePage } from '../views/request-pages.tsx';

const requestParams = z.object({ id });
const scanParams = z.object({ id, which: z.enum(['formularz', 'dowod']) });
/** The clerk's search for a person; anything odd (or too long) is no search. */
const searchText = z.string().max(100).catch('');
const requestQuery = z.object({ szukaj: searchText });
/** Which request was just decided, to say so on the queue (a number; anything else is nothing). */
const queueQuery = z.object({
  zatwierdzono: z.coerce.number().int().positive().optional().catch(undefined),
  odrzucono: z.coerce.number().int().positive().optional().catch(undefined),
});

const approvalBody = z.object({
  osoba: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const personId = Number(value);
      if (Number.isSafeInteger(personId) && personId > 0) return personId;
      ctx.addIssue({ code: 'custom', message: 'Wybierz osobę z rejestru.' });
      return z.NEVER;
    }),
  dokument: z.string().default(''),
  szukaj: z.string().default(''),
});
const rejectionBody = z.object({ powod: z.string().default('') });

/** The queue of remote applications and their decision (/panel/aktywacja/wnioski, BOK). */
export const remoteRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());

  app.get(
    '/panel/aktywacja/wnioski',
    { ...access('accounts.open'), schema: { querystring: queueQuery } },
    async (request, reply) => {
      const organizationId = request.organization.id;
      const [pending, waiting, notice] = await Promise.all([
        listActivationRequests(app.db, { organizationId, status: 'pending' }),
        listActivationRequests(app.db, { organizationId, status: 'awaiting_email' }),
        decisionNotice(app.db, { organizationId, ...request.query }),
      ]);
      return sendPage(
        reply,
        <RequestQueuePage
          ctx={pageContext(request, reply)}
          pending={pending}
          waitingForEmail={waiting.length}
          notice={notice}
        />,
      );
    },
  );

  /** A request with the persons it may be approved for: suggested, and found by the clerk's search. */
  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    requestId: number,
    {
      search,
      selected,
      rejectReason,
      errors = [],
    }: { search: string; selected?: number; rejectReason?: string | undefined; errors?: FieldError[] },
  ) {
    const organizationId = request.organization.id;
    const found = await findActivationRequest(app.db, { organizationId, id: requestId });
    if (!found || found.status === 'awaiting_email') throw new AppError('not_found', 'no such request');
    const candidates =
      found.status === 'pending'
        ? await activationCandidates(app.db, { organizationId, request: found, search, asOf: today() })
        : [];
    return (
      <RequestDetailPage
        ctx={pageContext(request, reply)}
        request={found}
        candidates={candidates}
        search={search}
        selected={selected}
        rejectReason={rejectReason}
        errors={errors}
      />
    );
  }

  app.get(
    '/panel/aktywacja/wnioski/:id',
    { ...access('accounts.open'), schema: { params: requestParams, querystring: requestQuery } },
    async (request, reply) =>
      sendPage(reply, await requestPage(request, reply, request.params.id, { search: request.query.szukaj })),
  );

  app.get(
    '/panel/aktywacja/wnioski/:id/skan/:which',
    { ...access('accounts.open'), schema: { params: scanParams } },
    async (request, reply) => {
      const { which } = request.params;
      const scan = await activationScan(app.db, {
        organizationId: request.organization.id,
        id: request.params.id,
        which,
      });
      if (!scan) throw new AppError('not_found', 'scan deleted');
      return reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `inline; filename="${which}.${scan.contentType === 'application/pdf' ? 'pdf' : scan.contentType.slice(6)}"`,
        )
        .type(scan.contentType)
        .send(scan.data);
    },
  );

  formRoute(app, '/panel/aktywacja/wnioski/:id/zatwierdz', {
    access: 'accounts.open',
    params: requestParams,
    body: approvalBody,
    run: async ({ request, params, body }) => {
      const organization = request.organization;
      const terms = await currentDocumentText(app.db, {
        organizationId: organization.id,
        organizationName: organization.name,
        kind: 'ebok_terms',
      });
      await approveActivationRequest(app.db, {
        organization,
        mailFrom: app.config.mailFrom,
        baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
        requestId: params.id,
        personId: body.osoba,
        documentType: body.dokument,
        termsVersion: terms.version,
        actor: actorOf(request),
        now: app.clock(),
      });
      return `/panel/aktywacja/wnioski?zatwierdzono=${params.id}`;
    },
    render: ({ request, reply, params, form }) =>
      requestPage(request, reply, params.id, {
        search: searchText.parse(form.values.szukaj),
        selected: Number(form.values.osoba ?? ''),
        errors: form.errors,
      }),
  });

  formRoute(app, '/panel/aktywacja/wnioski/:id/odrzuc', {
    access: 'accounts.open',
    params: requestParams,
    body: rejectionBody,
    run: async ({ request, params, body }) => {
      await rejectActivationRequest(app.db, {
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        requestId: params.id,
        reason: body.powod,
        actor: actorOf(request),
        now: app.clock(),
      });
      return `/panel/aktywacja/wnioski?odrzucono=${params.id}`;
    },
    render: ({ request, reply, params, form }) =>
      requestPage(request, reply, params.id, {
        search: '',
        rejectReason: form.values.powod ?? '',
        errors: form.errors,
      }),
  });
};
