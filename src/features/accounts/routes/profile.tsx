import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf, memberOf, requestOrigin } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { type FormState, formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { changePhone, confirmEmailChange, emailChangeOfLink, requestEmailChange } from '../profile.ts';
import { countUnusedRecoveryCodes } from '../queries.ts';
import { AccountPage } from '../views/account-pages.tsx';
import { ConfirmLinkPage, MessagePage } from '../views/message-pages.tsx';

const tokenParams = z.object({ token: z.string() });
const emailBody = z.object({ email: z.string().default('') });
const phoneBody = z.object({ telefon: z.string().default('') });
const noFields = z.object({});

/**
 * A member's contact data on /ebok/konto: a new e-mail address (confirmed by a link sent to it:
 * the link's page and its button) and the phone.
 */
export const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The account page again, with what was typed and the messages of a refused change. */
  async function accountPage(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const account = memberOf(request);
    const unused = await countUnusedRecoveryCodes(app.db, { accountId: account.id });
    return (
      <AccountPage
        ctx={pageContext(request, reply)}
        account={account}
        section="/ebok"
        unusedRecoveryCodes={unused}
        form={{ email: form.values.email, telefon: form.values.telefon }}
        errors={form.errors}
      />
    );
  }

  formRoute(app, '/ebok/konto/email', {
    access: 'member',
    body: emailBody,
    run: async ({ request, body }) => {
      await requestEmailChange(app.db, {
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
        actor: actorOf(request),
        account: memberOf(request),
        email: body.email,
        now: app.clock(),
      });
      return '/ebok/konto?zmieniono=email-link';
    },
    render: ({ request, reply, form }) => accountPage(request, reply, form),
  });

  const deadEmailLink = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      reply,
      <MessagePage
        organization={request.organization}
        title="Link wygasł"
        paragraphs={['Ten link jest nieważny albo został już użyty. Poproś o zmianę adresu jeszcze raz.']}
        links={[{ href: '/ebok/konto', label: 'Moje konto' }]}
      />,
      410,
    );

  // The link from the e-mail only shows a page, so that a mail scanner following it confirms
  // nothing; the page's button does (a POST).
  app.get(
    '/ebok/konto/email/:token',
    { ...access('public'), schema: { params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const change = await emailChangeOfLink(app.db, {
        organizationId: request.organization.id,
        token,
        now: app.clock(),
      });
      if (!change) return deadEmailLink(request, reply);
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ConfirmLinkPage
          organization={request.organization}
          csrfToken={ctx.csrfToken}
          title="Potwierdź nowy adres e-mail"
          paragraphs={[
            `Po potwierdzeniu adres ${change.email} zostanie zapisany w koncie ${change.login}: na niego wyślemy nowe hasło, gdy o nie poprosisz.`,
          ]}
          action={`/ebok/konto/email/${token}`}
          button="Potwierdzam nowy adres e-mail"
        />,
      );
    },
  );

  formRoute(app, '/ebok/konto/email/:token', {
    access: 'public',
    params: tokenParams,
    body: noFields,
    run: async ({ request, reply, params }) => {
      const ok = await confirmEmailChange(app.db, {
        organizationId: request.organization.id,
        token: params.token,
        origin: requestOrigin(request),
        now: app.clock(),
      });
      if (!ok) return deadEmailLink(request, reply);
      return (
        <MessagePage
          organization={request.organization}
          title="Adres e-mail zmieniony"
          paragraphs={['Nowy adres e-mail został zapisany: na niego wyślemy nowe hasło, gdy o nie poprosisz.']}
          links={[{ href: '/ebok/konto', label: 'Moje konto' }]}
        />
      );
    },
    render: () => {
      throw new Error('a confirmation button has no fields to correct');
    },
  });

  formRoute(app, '/ebok/konto/telefon', {
    access: 'member',
    body: phoneBody,
    run: async ({ request, body }) => {
      await changePhone(app.db, {
        actor: actorOf(request),
        account: memberOf(request),
        phone: body.telefon,
        now: app.clock(),
      });
      return '/ebok/konto?zmieniono=telefon';
    },
    render: ({ request, reply, form }) => accountPage(request, reply, form),
  });
};
