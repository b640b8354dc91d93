import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JSX } from 'preact';
import { z } from 'zod';
import {
  access,
  actorOf,
  clearSessionCookie,
  requestOrigin,
  safeNextPath,
  sectionOf,
  sessionAccountOf,
  setSessionCookie,
} from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { type PageContext, pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { counted, countOf } from '../../../lib/plural.ts';
import { addressWait, countAddressFailure } from '../address-failures.ts';
import { PASSWORD_MAX_LENGTH } from '../password-policy.ts';
import { deleteSession } from '../queries.ts';
import type { AccountKind } from '../schema.ts';
import { signOut, startSession } from '../sessions.ts';
import { LOGIN_MAX_LENGTH, signIn, verifySecondFactor } from '../sign-in.ts';
import { sessionTimeouts } from '../stages.ts';
import { MessagePage } from '../views/message-pages.tsx';
import { SecondFactorPage, type SignInFormProps } from '../views/sign-in.tsx';
import { codeBody, sectionTools } from './section.ts';

const signInBody = z.object({
  login: z.string().default(''),
  haslo: z.string().default(''),
  next: z.string().optional(),
});

/** Renders the section's sign-in page (e-BOK landing or the back office's) with the form state. */
export type SignInRenderer = (ctx: PageContext, form: Omit<SignInFormProps, 'action' | 'csrfToken'>) => JSX.Element;

/** Sign-in and its second step (the code) of one section. */
export function signInRoutes({
  kind,
  renderSignIn,
}: {
  kind: AccountKind;
  renderSignIn: SignInRenderer;
}): FastifyPluginAsyncZod {
  return async (app) => {
    const { section, own, stepOf, advance } = sectionTools(app, kind);

    formRoute(app, `${section}/logowanie`, {
      access: 'public',
      // Guessing is stopped by counting failures (per account: lockout; per address: below), so
      // honest members sharing an address are never refused; this ceiling only stops a flood.
      config: { rateLimit: { max: 300, timeWindow: 10 * 60_000 } },
      body: signInBody,
      run: async ({ request, reply, body }) => {
        const next = safeNextPath(body.next);
        // A refused sign-in is not a form to correct but an answer: 400 for what was not typed
        // right, 401 for credentials that do not open an account.
        const fail = (message: string, field = 'login', status = 401) =>
          sendPage(
            reply,
            renderSignIn(pageContext(request, reply), {
              login: body.login.slice(0, LOGIN_MAX_LENGTH),
              next,
              errors: [{ field, message }],
            }),
            status,
          );

        // Over-long input is refused before any hashing.
        if (body.login.length > LOGIN_MAX_LENGTH)
          return fail(`Login może mieć najwyżej ${countOf(LOGIN_MAX_LENGTH, counted.characters)}.`, 'login', 400);
        if (body.haslo.length > PASSWORD_MAX_LENGTH)
          return fail(`Hasło może mieć najwyżej ${countOf(PASSWORD_MAX_LENGTH, counted.characters)}.`, 'haslo', 400);
        if (!body.login.trim() || !body.haslo)
          return fail('Podaj login i hasło.', body.login.trim() ? 'haslo' : 'login', 400);

        const now = app.clock();
        const where = { organizationId: request.organization.id, section, ip: request.ip, now };
        const wait = await addressWait(app.db, where);
        if (wait > 0) {
          const minutes = Math.max(1, Math.ceil(wait / 60_000));
          const phone = request.organization.phone;
          reply.header('retry-after', String(Math.ceil(wait / 1000)));
          return sendPage(
            reply,
            <MessagePage
              organization={request.organization}
              title="Zbyt wiele nieudanych prób logowania"
              paragraphs={[
                `Z tego adresu było zbyt wiele nieudanych prób logowania. Spróbuj ponownie za ${countOf(minutes, counted.minutes)}.`,
                phone
                  ? `Jeśli nie pamiętasz loginu lub hasła, zadzwoń do biura Spółdzielni: tel. ${phone}.`
                  : 'Jeśli nie pamiętasz loginu lub hasła, skontaktuj się z biurem Spółdzielni.',
              ]}
              links={[{ href: section, label: 'Wróć do logowania' }]}
            />,
            429,
          );
        }
        const result = await signIn(app.db, {
          organization: request.organization,
          mailFrom: app.config.mailFrom,
          kind,
          login: body.login,
          password: body.haslo,
          origin: requestOrigin(request),
          now,
        });
        if (!result.ok) {
          await countAddressFailure(app.db, where);
          if (result.reason === 'temporary_password_expired') {
            return fail('Hasło startowe wygasło. Skontaktuj się ze Spółdzielnią, aby otrzymać nowe.', 'haslo');
          }
          if (result.reason === 'temporary_password_used') {
            return fail(
              'To hasło startowe zostało już użyte do logowania i nie działa ponownie. Skontaktuj się ze Spółdzielnią, aby otrzymać nowe.',
              'haslo',
            );
          }
          return fail('Nieprawidłowy login lub hasło.');
        }
        // A new session with a new token at every sign-in: a planted session id is worthless.
        if (request.session) await deleteSession(app.db, { id: request.session.id });
        const token = await startSession(app.db, {
          account: result.account,
          stage: result.stage,
          now,
          origin: requestOrigin(request),
          timeouts: sessionTimeouts(request.organization.settings),
        });
        setSessionCookie(reply, app.config, token);
        return result.stage === 'full' ? (next ?? section) : stepOf(result.stage);
      },
      render: ({ request, reply, form }) =>
        renderSignIn(pageContext(request, reply), {
          login: form.values.login?.slice(0, LOGIN_MAX_LENGTH),
          next: safeNextPath(form.values.next),
          errors: form.errors,
        }),
    });

    const codePage = `${section}/logowanie/kod`;

    app.get(codePage, access('session'), async (request, reply) => {
      const { session } = own(request);
      if (session.stage !== 'mfa') return reply.redirect(stepOf(session.stage));
      return sendPage(reply, <SecondFactorPage ctx={pageContext(request, reply)} action={codePage} />);
    });

    formRoute(app, codePage, {
      access: 'session',
      body: codeBody,
      run: async ({ request, reply, body }) => {
        const { account, session } = own(request);
        if (session.stage !== 'mfa') return stepOf(session.stage);
        const ok = await verifySecondFactor(app.db, {
          organization: request.organization,
          mailFrom: app.config.mailFrom,
          account,
          code: body.kod,
          totpKey: (await app.secrets()).totpKey,
          origin: requestOrigin(request),
          now: app.clock(),
        });
        if (!ok) {
          const errors = [
            { field: 'kod', message: 'Kod jest nieprawidłowy albo został już użyty. Wpisz aktualny kod.' },
          ];
          return sendPage(
            reply,
            <SecondFactorPage ctx={pageContext(request, reply)} action={codePage} errors={errors} />,
            401,
          );
        }
        return advance(reply, account, session);
      },
      render: ({ request, reply, form }) => (
        <SecondFactorPage ctx={pageContext(request, reply)} action={codePage} errors={form.errors} />
      ),
    });
  };
}

const noFields = z.object({});

/** Sign-out, shared by both sections. */
export const signOutRoutes: FastifyPluginAsyncZod = async (app) => {
  formRoute(app, '/wyloguj', {
    access: 'session',
    body: noFields,
    run: async ({ request, reply }) => {
      const { account, session } = sessionAccountOf(request);
      await signOut(app.db, { actor: actorOf(request), account, session, now: app.clock() });
      clearSessionCookie(reply, app.config);
      return `${sectionOf(account.kind)}?wylogowano=1`;
    },
    render: () => {
      throw new Error('signing out has no fields to correct');
    },
  });
};
