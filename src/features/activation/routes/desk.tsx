import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { issueNewPassword } from '../../accounts/password-reset.ts';
import { type Account, findAccount, findMemberAccountOfPerson } from '../../accounts/queries.ts';
import { listPendingResetRequests } from '../../accounts/reset-requests.ts';
import { activationFormPdf } from '../../documents/generate.ts';
import { currentDocumentText } from '../../documents/texts.ts';
import { findRegisterPerson, unitsHeldBy } from '../../units/person-lookup.ts';
import { credentialsLetterPdf } from '../credentials-letter.ts';
import { searchForDesk } from '../desk-search.ts';
import { openMemberAccount } from '../open-account.ts';
import { listActivationRequests } from '../requests.ts';
import { ActivationHomePage, CredentialsPage, DeskPersonPage, unitAddress } from '../views/desk-pages.tsx';

const homeQuery = z.object({ q: z.string().max(100).catch('') });
const deskBody = z.object({
  email: z.string().default(''),
  telefon: z.string().default(''),
  dokument: z.string().default(''),
  podpisany: z.string().default(''),
});
const newPasswordBody = z.object({
  dostarczenie: z.string().default(''),
  dokument: z.string().default(''),
});

/**
 * Activation at the desk (/panel/aktywacja, BOK): find a person, print the activation form, open
 * the account and hand over login and starting password; a new starting password for a member who
 * forgot theirs.
 */
export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());
  const baseUrlOf = (request: FastifyRequest) => chromeContextOf(request).baseUrl ?? app.config.publicUrl;

  app.get(
    '/panel/aktywacja',
    { ...access('accounts.open'), schema: { querystring: homeQuery } },
    async (request, reply) => {
      const { q } = request.query;
      const organizationId = request.organization.id;
      const [persons, pending, resets] = await Promise.all([
        q.trim() ? searchForDesk(app.db, { organizationId, query: q, asOf: today(), now: app.clock() }) : undefined,
        listActivationRequests(app.db, { organizationId, status: 'pending' }),
        listPendingResetRequests(app.db, { organizationId }),
      ]);
      return sendPage(
        reply,
        <ActivationHomePage
          ctx={pageContext(request, reply)}
          query={q}
          persons={persons}
          pendingRequests={pending.length}
          pendingResets={resets.length}
        />,
      );
    },
  );

  /** A person's desk page: their units today, their account or the form that opens one. */
  async function deskPage(request: FastifyRequest, reply: FastifyReply, personId: number, form: FormState = freshForm) {
    const organizationId = request.organization.id;
    const person = await findRegisterPerson(app.db, { organizationId, personId });
    if (!person) throw new AppError('not_found', 'no such person');
    const [units, account] = await Promise.all([
      unitsHeldBy(app.db, { organizationId, personId, asOf: today() }),
      findMemberAccountOfPerson(app.db, { organizationId, personId }),
    ]);
    return (
      <DeskPersonPage
        ctx={pageContext(request, reply)}
        person={person}
        units={units}
        account={account}
        form={form.values}
        errors={form.errors}
      />
    );
  }

  /** Shows login and starting password once, with the credentials letter as a PDF to download. */
  async function credentialsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      account,
      password,
      expiresAt,
      backHref,
    }: { account: Account; password: string; expiresAt: Date; backHref: string },
  ) {
    const letter = await credentialsLetterPdf({
      organization: request.organization,
      name: account.displayName,
      login: account.login,
      password,
      expiresAt,
      ebokUrl: `${baseUrlOf(request)}/ebok`,
    });
    reply.header('cache-control', 'no-store');
    return (
      <CredentialsPage
        ctx={pageContext(request, reply)}
        name={account.displayName}
        login={account.login}
        password={password}
        expiresAt={expiresAt}
        letterDataUri={`data:application/pdf;base64,${letter.toString('base64')}`}
        backHref={backHref}
      />
    );
  }

  app.get(
    '/panel/aktywacja/osoba/:id',
    { ...access('accounts.open'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await deskPage(request, reply, request.params.id)),
  );

  app.get(
    '/panel/aktywacja/osoba/:id/formularz.pdf',
    { ...access('accounts.open'), schema: { params: idParams } },
    async (request, reply) => {
      const organization = request.organization;
      const person = await findRegisterPerson(app.db, { organizationId: organization.id, personId: request.params.id });
      if (!person) throw new AppError('not_found', 'no such person');
      const units = await unitsHeldBy(app.db, { organizationId: organization.id, personId: person.id, asOf: today() });
      const terms = await currentDocumentText(app.db, {
        organizationId: organization.id,
        organizationName: organization.name,
        kind: 'ebok_terms',
      });
      const pdf = await activationFormPdf({
        organization,
        terms,
        person: {
          name: `${person.firstName} ${person.lastName}`,
          units: units.map(unitAddress),
          ...(person.email ? { email: person.email } : {}),
          ...(person.phone ? { phone: person.phone } : {}),
        },
      });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="formularz-aktywacji.pdf"')
        .type('application/pdf')
        .send(pdf);
    },
  );

  formRoute(app, '/panel/aktywacja/osoba/:id', {
    access: 'accounts.open',
    params: idParams,
    body: deskBody,
    run: async ({ request, reply, params, body }) => {
      const organization = request.organization;
      const terms = await currentDocumentText(app.db, {
        organizationId: organization.id,
        organizationName: organization.name,
        kind: 'ebok_terms',
      });
      const opened = await openMemberAccount(app.db, {
        organization,
        personId: params.id,
        contact: { email: body.email, phone: body.telefon },
        verification: {
          method: 'desk',
          documentType: body.dokument,
          formSigned: body.podpisany === 'tak',
          termsVersion: terms.version,
        },
        actor: actorOf(request),
        now: app.clock(),
      });
      return credentialsPage(request, reply, {
        account: opened.account,
        password: opened.temporaryPassword,
        expiresAt: opened.expiresAt,
        backHref: `/panel/aktywacja/osoba/${params.id}`,
      });
    },
    render: ({ request, reply, params, form }) => deskPage(request, reply, params.id, form),
  });

  formRoute(app, '/panel/konta/:id/nowe-haslo', {
    access: 'accounts.open',
    params: idParams,
    body: newPasswordBody,
    run: async ({ request, reply, params, body }) => {
      const result = await issueNewPassword(app.db, {
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        baseUrl: baseUrlOf(request),
        accountId: params.id,
        deliver: body.dostarczenie === 'email' ? 'email' : 'desk',
        documentType: body.dokument,
        actor: actorOf(request),
        now: app.clock(),
      });
      const back = result.account.personId ? `/panel/aktywacja/osoba/${result.account.personId}` : '/panel/aktywacja';
      if (result.temporaryPassword) {
        return credentialsPage(request, reply, {
          account: result.account,
          password: result.temporaryPassword,
          expiresAt: result.expiresAt,
          backHref: back,
        });
      }
      return `${back}?wyslano=1`;
    },
    // The member's desk page again, with the message at its field.
    render: async ({ request, reply, params, form }) => {
      const account = await findAccount(app.db, { organizationId: request.organization.id, id: params.id });
      if (!account?.personId) throw new AppError('invalid_input', 'a new password for an account without a person');
      return deskPage(request, reply, account.personId, { ...form, values: { dokument: form.values.dokument ?? '' } });
    },
  });
};
