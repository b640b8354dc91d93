/**
 * Scans of the signed declaration: the form on the public site for people without e-BOK, and the
 * back office's queue where staff check each scan (matching the public form's to a person).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { FieldError } from '../../../errors.ts';
import { contentDisposition } from '../../../files/store.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { findPerson, findPersonsByIds } from '../../units/queries.ts';
import { searchPersons } from '../../units/search.ts';
import { acceptScanForm, publicScanForm, rejectScanForm } from '../forms.ts';
import {
  acceptConsentScan,
  type ConsentScan,
  findScan,
  listPendingScans,
  rejectConsentScan,
  scanFile,
  submitPublicConsentScan,
} from '../scans.ts';
import { PublicConsentPage, PublicConsentSentPage, ScanPage, ScanQueuePage } from '../views/scans.tsx';
import { consentDeclaration, doneQuery, mailSettings, noticeOf, searchQuery } from './shared.ts';

const QUEUE = '/panel/korespondencja/skany';

export const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  // Back office: the queue of scans to decide ---------------------------------------------------

  app.get(QUEUE, { ...access('consents.manage'), schema: { querystring: doneQuery } }, async (request, reply) => {
    const organizationId = request.organization.id;
    const scans = await listPendingScans(app.db, { organizationId });
    const persons = await findPersonsByIds(app.db, {
      organizationId,
      ids: scans.flatMap((s) => (s.personId ? [s.personId] : [])),
    });
    const names = new Map(persons.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
    return sendPage(
      reply,
      <ScanQueuePage ctx={pageContext(request, reply)} scans={scans} names={names} notice={noticeOf(request.query)} />,
    );
  });

  /** One scan to decide; for the public form, persons of the register to match it with. */
  async function scanPage(
    request: FastifyRequest,
    reply: FastifyReply,
    scan: ConsentScan,
    { query = '', errors = [] }: { query?: string; errors?: FieldError[] } = {},
  ) {
    const organizationId = request.organization.id;
    const person = scan.personId ? await findPerson(app.db, { organizationId, id: scan.personId }) : undefined;
    const candidates = scan.personId
      ? []
      : (
          await searchPersons(app.db, {
            organizationId,
            query: query || `${scan.lastName ?? ''} ${scan.firstName ?? ''}`.trim(),
            asOf: warsawDate(app.clock()),
            pageSize: 20,
          })
        ).items.map((p) => ({
          id: p.id,
          label: [`${p.lastName} ${p.firstName}`, p.email, p.peselMasked, `lokale: ${p.currentUnits}`]
            .filter(Boolean)
            .join(', '),
        }));
    return (
      <ScanPage
        ctx={pageContext(request, reply)}
        scan={scan}
        personName={person ? `${person.firstName} ${person.lastName}` : undefined}
        candidates={candidates}
        query={query}
        errors={errors}
      />
    );
  }

  const scanOf = (request: FastifyRequest, scanId: number) =>
    findScan(app.db, { organizationId: request.organization.id, scanId });

  app.get(
    `${QUEUE}/:id`,
    { ...access('consents.manage'), schema: { params: idParams, querystring: searchQuery } },
    async (request, reply) => {
      const scan = await scanOf(request, request.params.id);
      // Decided meanwhile (by someone else): back to the queue.
      if (scan.state !== 'pending') return reply.redirect(QUEUE, 303);
      return sendPage(reply, await scanPage(request, reply, scan, { query: request.query.szukaj.trim() }));
    },
  );

  for (const [path, which] of [
    ['plik', 'declaration'],
    ['dowod', 'id'],
  ] as const) {
    app.get(
      `${QUEUE}/:id/${path}`,
      { ...access('consents.manage'), schema: { params: idParams } },
      async (request, reply) => {
        const file = await scanFile(app.db, { scan: await scanOf(request, request.params.id), which });
        return reply
          .type(file.contentType)
          .header(
            'content-disposition',
            contentDisposition({ name: file.name, contentType: 'application/octet-stream' }),
          )
          .header('cache-control', 'private, no-store')
          .send(file.data);
      },
    );
  }

  /** A decision on a scan: a scan decided meanwhile sends staff back to the queue. */
  function decision<B extends z.ZodType>(
    path: string,
    body: B,
    decide: (request: FastifyRequest, scan: ConsentScan, body: z.output<B>) => Promise<string>,
  ) {
    formRoute(app, `${QUEUE}/:id/${path}`, {
      access: 'consents.manage',
      params: idParams,
      body,
      run: async ({ request, params, body }) => {
        const scan = await scanOf(request, params.id);
        if (scan.state !== 'pending') return QUEUE;
        return decide(request, scan, body);
      },
      render: async ({ request, reply, params, form }) =>
        scanPage(request, reply, await scanOf(request, params.id), { errors: form.errors }),
    });
  }

  decision('przyjmij', acceptScanForm, async (request, scan, { personId }) => {
    const text = await consentDeclaration(app, request);
    await acceptConsentScan(app.db, {
      ...mailSettings(app, request),
      organization: request.organization,
      actor: actorOf(request),
      scanId: scan.id,
      textVersion: text.version,
      personId,
      now: app.clock(),
    });
    return `${QUEUE}?zrobiono=przyjeto`;
  });

  decision('odrzuc', rejectScanForm, async (request, scan, form) => {
    await rejectConsentScan(app.db, {
      mailFrom: app.config.mailFrom,
      organization: request.organization,
      actor: actorOf(request),
      scanId: scan.id,
      form,
      now: app.clock(),
    });
    return `${QUEUE}?zrobiono=odrzucono`;
  });

  // Public site: the declaration as scans from someone without e-BOK ---------------------------

  app.get('/korespondencja/zgoda', access('public'), async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, <PublicConsentPage ctx={ctx} declaration={await consentDeclaration(app, request)} />);
  });

  formRoute(app, '/korespondencja/zgoda', {
    access: 'public',
    config: { rateLimit: { max: 10, timeWindow: 60 * 60_000 } },
    body: publicScanForm,
    run: async ({ request, reply, body }) => {
      const scan = await submitPublicConsentScan(app.db, {
        organization: request.organization,
        form: body,
        now: app.clock(),
      });
      return <PublicConsentSentPage ctx={pageContext(request, reply)} email={scan.email} />;
    },
    render: async ({ request, reply, form }) => (
      <PublicConsentPage
        ctx={pageContext(request, reply)}
        declaration={await consentDeclaration(app, request)}
        form={form.values}
        errors={form.errors}
      />
    ),
  });
};
