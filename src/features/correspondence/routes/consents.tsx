/**
 * Consents to electronic correspondence: the member's page in e-BOK (online, or a scan of the
 * signed declaration), the confirmation link (signed out), and staff recording declarations.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams, searchText } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { findPerson } from '../../units/queries.ts';
import { searchPersons } from '../../units/search.ts';
import {
  checkConfirmationToken,
  confirmConsent,
  consentHistory,
  requestConsent,
  withdrawConsent,
} from '../consents.ts';
import { deskConsentForm, memberScanForm, noFields, onlineConsentForm } from '../forms.ts';
import { listScansOfPerson, submitConsentScan } from '../scans.ts';
import { ConfirmPage, ConsentsPage, MemberConsentPage, PersonConsentPage } from '../views/consents.tsx';
import { consentDeclaration, doneQuery, mailSettings, memberPersonId, noticeOf, tokenParams } from './shared.ts';

export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  // e-BOK ---------------------------------------------------------------------------------------

  /** The member's consent page; drawn again after a form with `form`'s errors and address. */
  async function memberConsentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    { form = freshForm, notice }: { form?: FormState; notice?: string | undefined } = {},
  ) {
    const personId = memberPersonId(request);
    const organizationId = request.organization.id;
    const [history, text, scans, person] = await Promise.all([
      consentHistory(app.db, { organizationId, personId }),
      consentDeclaration(app, request),
      listScansOfPerson(app.db, { organizationId, personId }),
      findPerson(app.db, { organizationId, id: personId }),
    ]);
    const typed = form.values.email ?? form.values.scanEmail;
    return (
      <MemberConsentPage
        ctx={pageContext(request, reply)}
        history={history}
        declaration={text}
        email={typed ?? history[0]?.email ?? person?.email ?? memberOf(request).activationEmail ?? ''}
        errors={form.errors}
        notice={notice}
        scans={scans}
      />
    );
  }
  const redrawMemberConsent = ({
    request,
    reply,
    form,
  }: {
    request: FastifyRequest;
    reply: FastifyReply;
    form: FormState;
  }) => memberConsentPage(request, reply, { form });

  app.get(
    '/ebok/korespondencja/zgoda',
    { ...access('member'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await memberConsentPage(request, reply, { notice: noticeOf(request.query) })),
  );

  formRoute(app, '/ebok/korespondencja/zgoda', {
    access: 'member',
    body: onlineConsentForm,
    run: async ({ request, body }) => {
      const personId = memberPersonId(request);
      const text = await consentDeclaration(app, request);
      await requestConsent(app.db, {
        ...mailSettings(app, request),
        organization: request.organization,
        actor: actorOf(request),
        via: 'ebok',
        personId,
        method: 'online',
        textVersion: text.version,
        email: body.email,
        now: app.clock(),
      });
      return '/ebok/korespondencja/zgoda?zrobiono=link';
    },
    render: redrawMemberConsent,
  });

  formRoute(app, '/ebok/korespondencja/zgoda/wycofaj', {
    access: 'member',
    body: noFields,
    run: async ({ request }) => {
      await withdrawConsent(app.db, {
        actor: actorOf(request),
        via: 'ebok',
        personId: memberPersonId(request),
        now: app.clock(),
      });
      return '/ebok/korespondencja/zgoda?zrobiono=wycofano';
    },
    render: redrawMemberConsent,
  });

  formRoute(app, '/ebok/korespondencja/zgoda/skan', {
    access: 'member',
    body: memberScanForm,
    run: async ({ request, body }) => {
      await submitConsentScan(app.db, {
        organizationId: request.organization.id,
        personId: memberPersonId(request),
        form: body,
        now: app.clock(),
      });
      return '/ebok/korespondencja/zgoda?zrobiono=skan';
    },
    render: redrawMemberConsent,
  });

  // The confirmation link (works signed out). GET only shows the page, so that a mail scanner
  // following links cannot confirm for the person; the button does.

  app.get(
    '/korespondencja/potwierdz/:token',
    { ...access('public'), schema: { params: tokenParams } },
    async (request, reply) => {
      const result = await checkConfirmationToken(app.db, {
        organizationId: request.organization.id,
        token: request.params.token,
        now: app.clock(),
      });
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ConfirmPage
          ctx={ctx}
          state={result.kind === 'confirmed' ? 'ask' : result.kind}
          email={result.kind === 'confirmed' ? result.consent.email : undefined}
          csrfToken={ctx.csrfToken}
          action={`/korespondencja/potwierdz/${encodeURIComponent(request.params.token)}`}
        />,
        result.kind === 'confirmed' ? 200 : 404,
      );
    },
  );

  formRoute(app, '/korespondencja/potwierdz/:token', {
    access: 'public',
    params: tokenParams,
    body: noFields,
    run: async ({ request, reply, params }) => {
      const result = await confirmConsent(app.db, {
        organizationId: request.organization.id,
        token: params.token,
        now: app.clock(),
      });
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ConfirmPage
          ctx={ctx}
          state={result.kind}
          email={result.kind === 'confirmed' ? result.consent.email : undefined}
          csrfToken={ctx.csrfToken}
          action=""
        />,
        result.kind === 'confirmed' ? 200 : 404,
      );
    },
    // The button has no fields and confirming breaks no rule at a field: nothing to redraw.
    render: ({ request, reply }) => {
      const ctx = pageContext(request, reply);
      return <ConfirmPage ctx={ctx} state="invalid" csrfToken={ctx.csrfToken} action="" />;
    },
  });

  // Back office: declarations recorded by staff ------------------------------------------------

  app.get(
    '/panel/korespondencja/zgody',
    { ...access('consents.manage'), schema: { querystring: z.object({ q: searchText }) } },
    async (request, reply) => {
      const query = request.query.q;
      const persons = query
        ? (
            await searchPersons(app.db, {
              organizationId: request.organization.id,
              query,
              asOf: warsawDate(app.clock()),
              pageSize: 50,
            })
          ).items
        : [];
      return sendPage(reply, <ConsentsPage ctx={pageContext(request, reply)} query={query} persons={persons} />);
    },
  );

  async function personConsentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    personId: number,
    { form = freshForm, notice }: { form?: FormState; notice?: string | undefined } = {},
  ) {
    const organizationId = request.organization.id;
    const person = await findPerson(app.db, { organizationId, id: personId });
    if (!person) throw new AppError('not_found', 'no such person');
    const [history, text] = await Promise.all([
      consentHistory(app.db, { organizationId, personId: person.id }),
      consentDeclaration(app, request),
    ]);
    return (
      <PersonConsentPage
        ctx={pageContext(request, reply)}
        person={person}
        history={history}
        declaration={text}
        email={form.values.email ?? person.email ?? ''}
        method={form.values.method}
        errors={form.errors}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/korespondencja/zgody/:id',
    { ...access('consents.manage'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await personConsentPage(request, reply, request.params.id, { notice: noticeOf(request.query) })),
  );

  /** The person of the URL (404 when the organization has no such person). */
  async function personOfUrl(request: FastifyRequest, personId: number) {
    const person = await findPerson(app.db, { organizationId: request.organization.id, id: personId });
    if (!person) throw new AppError('not_found', 'no such person');
    return person;
  }

  formRoute(app, '/panel/korespondencja/zgody/:id', {
    access: 'consents.manage',
    params: idParams,
    body: deskConsentForm,
    run: async ({ request, params, body }) => {
      const person = await personOfUrl(request, params.id);
      const text = await consentDeclaration(app, request);
      await requestConsent(app.db, {
        ...mailSettings(app, request),
        organization: request.organization,
        actor: actorOf(request),
        via: 'office',
        personId: person.id,
        method: body.method,
        textVersion: text.version,
        email: body.email,
        now: app.clock(),
      });
      return `/panel/korespondencja/zgody/${person.id}?zrobiono=link`;
    },
    render: ({ request, reply, params, form }) => personConsentPage(request, reply, params.id, { form }),
  });

  formRoute(app, '/panel/korespondencja/zgody/:id/wycofaj', {
    access: 'consents.manage',
    params: idParams,
    body: noFields,
    run: async ({ request, params }) => {
      const person = await personOfUrl(request, params.id);
      await withdrawConsent(app.db, { actor: actorOf(request), via: 'office', personId: person.id, now: app.clock() });
      return `/panel/korespondencja/zgody/${person.id}?zrobiono=wycofano`;
    },
    render: ({ request, reply, params, form }) => personConsentPage(request, reply, params.id, { form }),
  });
};
