/** A member's certificates of no arrears (/ebok/finanse/:unitId/zaswiadczenie): ask, see, download. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { certificatePdf } from '../certificate-pdf.ts';
import { findCertificate, listPersonCertificates } from '../certificate-queries.ts';
import { requestCertificate } from '../certificates.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { MemberCertificatesPage } from '../views/certificates.tsx';
import { memberLedger, unitParams } from './member.tsx';
import { noticeQuery } from './staff-common.ts';

const notices = new Map([
  ['wydane', 'Zaświadczenie zostało wydane: pobierz PDF z listy poniżej.'],
  [
    'wniosek',
    'Na dziś są należności po terminie, więc wniosek trafił do księgowości; odpowiedź zobaczysz na tej stronie.',
  ],
]);

export const memberCertificateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { today, ownUnit } = memberLedger(app);

  app.get(
    '/ebok/finanse/:unitId/zaswiadczenie',
    { ...access('member'), schema: { params: unitParams, querystring: noticeQuery } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const personId = memberOf(request).personId;
      if (!personId) throw new AppError('not_found', 'no person');
      const certificates = await listPersonCertificates(app.db, {
        organizationId: request.organization.id,
        unitId: unit.unitId,
        personId,
      });
      return sendPage(
        reply,
        <MemberCertificatesPage
          ctx={pageContext(request, reply)}
          unit={unit}
          certificates={certificates}
          notice={request.query.ok ? notices.get(request.query.ok) : undefined}
        />,
      );
    },
  );

  formRoute(app, '/ebok/finanse/:unitId/zaswiadczenie', {
    access: 'member',
    params: unitParams,
    body: z.object({}),
    run: async ({ request, params }) => {
      const unit = await ownUnit(request, params.unitId);
      const member = memberOf(request);
      if (!member.personId) throw new AppError('not_found', 'no person');
      const result = await requestCertificate(app.db, {
        actor: actorOf(request),
        unit,
        personId: member.personId,
        holderName: member.displayName,
        today: today(),
        settings: ledgerSettingsOf(request.organization),
      });
      return `/ebok/finanse/${unit.unitId}/zaswiadczenie?ok=${result.issued ? 'wydane' : 'wniosek'}`;
    },
    render: async ({ request, reply, params }) => {
      const unit = await ownUnit(request, params.unitId);
      return <MemberCertificatesPage ctx={pageContext(request, reply)} unit={unit} certificates={[]} />;
    },
  });

  app.get(
    '/ebok/finanse/:unitId/zaswiadczenie/:certificateId.pdf',
    { ...access('member'), schema: { params: unitParams.extend({ certificateId: id }) } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const certificate = await findCertificate(app.db, {
        organizationId: request.organization.id,
        id: request.params.certificateId,
      });
      if (
        !certificate ||
        certificate.unitId !== unit.unitId ||
        certificate.personId !== memberOf(request).personId ||
        certificate.status !== 'issued' ||
        !certificate.number ||
        !certificate.verificationCode
      ) {
        throw new AppError('not_found', 'no such certificate');
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
};
