import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, requestOrigin } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import {
  accountOfResetToken,
  dismissResetRequest,
  issueNewPassword,
  requestPasswordReset,
  resetPasswordWithToken,
} from '../password-reset.ts';
import { listPendingResetRequests, resetRequestNotice } from '../reset-requests.ts';
import { MessagePage } from '../views/message-pages.tsx';
import { ForgotPasswordPage, ResetQueuePage, SelfResetPage } from '../views/password-reset-pages.tsx';

const tokenParams = z.object({ token: z.string() });
const forgotBody = z.object({ login: z.string().default('') });
const newPasswordBody = z.object({ nowe: z.string().default(''), powtorzone: z.string().default('') });
const noFields = z.object({});
/** Which request was just answered, to say so on the queue. */
const queueQuery = z.object({
  wyslano: z.coerce.number().int().positive().optional().catch(undefined),
  zamknieto: z.coerce.number().int().positive().optional().catch(undefined),
});

/** "I forgot my password" and the self-service link of e-BOK (public pages). */
export const memberPasswordResetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/ebok/nie-pamietam-hasla', access('public'), async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, <ForgotPasswordPage organization={request.organization} csrfToken={ctx.csrfToken} />);
  });

  formRoute(app, '/ebok/nie-pamietam-hasla', {
    access: 'public',
    config: { rateLimit: { max: 10, timeWindow: 60 * 60_000 } },
    body: forgotBody,
    run: async ({ request, body }) => {
      await requestPasswordReset(app.db, {
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
        typed: body.login,
        origin: requestOrigin(request),
        now: app.clock(),
      });
      // The same answer whatever was typed: it tells no one which accounts exist.
      return (
        <MessagePage
          organization={request.organization}
          title="Prośba przyjęta"
          paragraphs={[
            'Jeśli podane dane pasują do konta e-BOK, Spółdzielnia wyśle nowe hasło startowe na adres e-mail podany we wniosku o aktywację.',
            'Jeśli we wniosku nie podano adresu e-mail, nowe hasło można odebrać tylko osobiście w biurze Spółdzielni z dowodem osobistym.',
          ]}
          links={[{ href: '/ebok', label: 'Wróć do logowania' }]}
        />
      );
    },
    render: ({ request, reply, form }) => (
      <ForgotPasswordPage
        organization={request.organization}
        csrfToken={pageContext(request, reply).csrfToken}
        typed={form.values.login}
        errors={form.errors}
      />
    ),
  });

  /** A self-service link that is unknown, used up or expired. */
  const deadLinkPage = (request: FastifyRequest) => (
    <MessagePage
      organization={request.organization}
      title="Link wygasł"
      paragraphs={['Ten link jest nieważny albo został już użyty. Poproś o nowe hasło jeszcze raz.']}
      links={[{ href: '/ebok/nie-pamietam-hasla', label: 'Nie pamiętam hasła' }]}
    />
  );

  /** The form behind a live link, or the page saying the link is dead. */
  async function selfResetPage(request: FastifyRequest, reply: FastifyReply, token: string, form = freshForm) {
    const account = await accountOfResetToken(app.db, {
      organizationId: request.organization.id,
      token,
      now: app.clock(),
    });
    if (!account) return undefined;
    return (
      <SelfResetPage
        organization={request.organization}
        csrfToken={pageContext(request, reply).csrfToken}
        action={`/ebok/nowe-haslo/${token}`}
        account={account}
        errors={form.errors}
      />
    );
  }

  app.get(
    '/ebok/nowe-haslo/:token',
    { ...access('public'), schema: { params: tokenParams } },
    async (request, reply) => {
      const page = await selfResetPage(request, reply, request.params.token);
      return page ? sendPage(reply, page) : sendPage(reply, deadLinkPage(request), 410);
    },
  );

  formRoute(app, '/ebok/nowe-haslo/:token', {
    access: 'public',
    params: tokenParams,
    body: newPasswordBody,
    run: async ({ request, reply, params, body }) => {
      const account = await resetPasswordWithToken(app.db, {
        organization: request.organization,
        token: params.token,
        newPassword: body.nowe,
        confirmation: body.powtorzone,
        origin: requestOrigin(request),
        now: app.clock(),
      });
      // Unknown, expired, or used by another tab a moment ago.
      if (!account) return sendPage(reply, deadLinkPage(request), 410);
      return '/ebok?haslo=zmienione';
    },
    // The account is looked up again only to show the form with its errors.
    render: async ({ request, reply, params, form }) =>
      (await selfResetPage(request, reply, params.token, form)) ?? deadLinkPage(request),
  });
};

/** The staff's queue of password requests (/panel/hasla, BOK). */
export const staffPasswordResetRoutes: FastifyPluginAsyncZod = async (app) => {
  async function queuePage(request: FastifyRequest, reply: FastifyReply, form = freshForm, answered?: number) {
    const organizationId = request.organization.id;
    const [requests, notice] = await Promise.all([
      listPendingResetRequests(app.db, { organizationId }),
      resetRequestNotice(app.db, { organizationId, requestId: answered }),
    ]);
    return (
      <ResetQueuePage ctx={pageContext(request, reply)} requests={requests} errors={form.errors} notice={notice} />
    );
  }

  app.get('/panel/hasla', { ...access('accounts.open'), schema: { querystring: queueQuery } }, async (request, reply) =>
    sendPage(reply, await queuePage(request, reply, freshForm, request.query.wyslano ?? request.query.zamknieto)),
  );

  formRoute(app, '/panel/hasla/:id/wyslij', {
    access: 'accounts.open',
    params: idParams,
    body: noFields,
    run: async ({ request, params }) => {
      const pending = await listPendingResetRequests(app.db, { organizationId: request.organization.id });
      const found = pending.find((row) => row.request.id === params.id);
      if (!found?.account) throw new AppError('not_found', 'no such request');
      await issueNewPassword(app.db, {
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
        accountId: found.account.id,
        deliver: 'email',
        requestId: params.id,
        actor: actorOf(request),
        now: app.clock(),
      });
      return `/panel/hasla?wyslano=${params.id}`;
    },
    render: ({ request, reply, form }) => queuePage(request, reply, form),
  });

  formRoute(app, '/panel/hasla/:id/zamknij', {
    access: 'accounts.open',
    params: idParams,
    body: noFields,
    run: async ({ request, params }) => {
      await dismissResetRequest(app.db, { requestId: params.id, actor: actorOf(request), now: app.clock() });
      return `/panel/hasla?zamknieto=${params.id}`;
    },
    render: ({ request, reply, form }) => queuePage(request, reply, form),
  });
};
