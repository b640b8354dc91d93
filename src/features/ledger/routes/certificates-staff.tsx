/**
 * Certificates in the back office: the accountant's queue (/panel/finanse/zaswiadczenia), one
 * request with its decision, the PDF, issuing at the desk from a unit's account; and the public
 * check of a verification code (/zaswiadczenie), which shows only validity, number and date.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, staffOf } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { can } from '../../../policy.ts';
import { certificatePdf } from '../certificate-pdf.ts';
import { findByCode, findCertificate, listWaitingCertificates } from '../certificate-queries.ts';
import { decideCertificate, issueAtDesk, normalizeCode } from '../certificates.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { CertificatePage, CertificateQueuePage, DeskIssuePage, VerifyCertificatePage } from '../views/certificates.tsx';
import { canBook, todayOf, unitOf } from './staff-common.ts';

const decisionForm = z.object({
  decyzja: z.enum(['wydaj', 'odmow']).catch('wydaj'),
  powod: z.string().default(''),
});

export const staffCertificateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/panel/finanse/zaswiadczenia', access('ledger.certify'), async (request, reply) => {
    const waiting = await listWaitingCertificates(app.db, { organizationId: request.organization.id });
    const labelled = await Promise.all(
      waiting.map(async (c) => ({ ...c, unitLabel: (await unitOf(app, request, c.unitId)).label })),
    );
    return sendPage(
      reply,
      <CertificateQueuePage ctx={pageContext(request, reply)} waiting={labelled} canBook={canBook(request)} />,
    );
  });

  async function certificateOf(request: FastifyRequest, certificateId: number) {
    const certificate = await findCertificate(app.db, { organizationId: request.organization.id, id: certificateId });
    if (!certificate) throw new AppError('not_found', 'no such certificate');
    return { certificate, unit: await unitOf(app, request, certificate.unitId) };
  }

  async function certificatePage(
    request: FastifyRequest,
    reply: FastifyReply,
    certificateId: number,
    form: FormState = freshForm,
  ) {
    const { certificate, unit } = await certificateOf(request, certificateId);
    return (
      <CertificatePage
        ctx={pageContext(request, reply)}
        certificate={certificate}
        unitLabel={unit.label}
        canDecide={can(staffOf(request), 'ledger.certify')}
        errors={form.errors}
        values={form.values}
      />
    );
  }

  app.get(
    '/panel/finanse/zaswiadczenia/:id',
    { ...access('ledger.certify'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await certificatePage(request, reply, request.params.id)),
  );

  formRoute(app, '/panel/finanse/zaswiadczenia/:id', {
    access: 'ledger.certify',
    params: idParams,
    body: decisionForm,
    run: async ({ request, params, body }) => {
      await certificateOf(request, params.id);
      await decideCertificate(app.db, {
        actor: actorOf(request),
        id: params.id,
        issue: body.decyzja === 'wydaj',
        reason: body.powod,
        today: todayOf(app),
        settings: ledgerSettingsOf(request.organization),
      });
      return `/panel/finanse/zaswiadczenia/${params.id}`;
    },
    render: ({ request, reply, params, form }) => certificatePage(request, reply, params.id, form),
  });

  app.get(
    '/panel/finanse/zaswiadczenia/:id/pdf',
    { ...access('ledger.certify'), schema: { params: idParams } },
    async (request, reply) => {
      const { certificate, unit } = await certificateOf(request, request.params.id);
      if (certificate.status !== 'issued' || !certificate.number || !certificate.verificationCode) {
        throw new AppError('not_found', 'not issued');
      }
      const pdf = await certificatePdf(request.organization, {
        number: certificate.number,
        issuedOn: certificate.issuedOn ?? certificate.asOf,
        holderName: certificate.holderName,
        unitLabel: unit.label,
        code: certificate.verificationCode,
        verifyUrl: `${chromeContextOf(request).baseUrl ?? app.config.publicUrl}/zaswiadczenie?kod=${certificate.verificationCode}`,
      });
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="zaswiadczenie-${certificate.number.replace('/', '-')}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  // The unit account page (ledger.read) redraws with the error when it cannot be issued.
  formRoute(app, '/panel/finanse/lokal/:id/zaswiadczenie', {
    access: 'ledger.certify',
    params: idParams,
    body: z.object({}),
    run: async ({ request, params }) => {
      const unit = await unitOf(app, request, params.id);
      const certificateId = await issueAtDesk(app.db, {
        actor: actorOf(request),
        unitId: unit.unitId,
        today: todayOf(app),
        settings: ledgerSettingsOf(request.organization),
      });
      return `/panel/finanse/zaswiadczenia/${certificateId}`;
    },
    render: async ({ request, reply, params, form }) => {
      const unit = await unitOf(app, request, params.id);
      return (
        <DeskIssuePage
          ctx={pageContext(request, reply)}
          unitId={unit.unitId}
          unitLabel={unit.label}
          errors={form.errors}
        />
      );
    },
  });

  app.get(
    '/zaswiadczenie',
    { ...access('public'), schema: { querystring: z.object({ kod: z.string().max(40).optional().catch(undefined) }) } },
    async (request, reply) => {
      const typed = request.query.kod ?? '';
      const code = normalizeCode(typed);
      const found = code ? await findByCode(app.db, { organizationId: request.organization.id, code }) : undefined;
      return sendPage(
        reply,
        <VerifyCertificatePage ctx={pageContext(request, reply)} code={typed} found={found} asked={typed !== ''} />,
      );
    },
  );
};
