import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, requestOrigin } from '../../../http/auth.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { ConfirmLinkPage, MessagePage } from '../../accounts/views/message-pages.tsx';
import { activationLinkState, type ConfirmResult, confirmActivationEmail, submitActivationRequest } from '../remote.ts';
import { MAX_SCAN_BYTES, scanField } from '../scans.ts';
import { RemoteApplicationPage } from '../views/public-pages.tsx';

const applicationBody = z.object({
  imie: z.string().default(''),
  nazwisko: z.string().default(''),
  pesel: z.string().default(''),
  adres: z.string().default(''),
  email: z.string().default(''),
  telefon: z.string().default(''),
  regulamin: z.string().default(''),
  formularz: scanField,
  dowod: scanField,
});
const tokenParams = z.object({ token: z.string() });
const noFields = z.object({});

/** What the e-mail confirmation link shows, by what it did (or could not do). */
const activationLinkPages = {
  confirmed: {
    title: 'Adres e-mail potwierdzony',
    text: 'Dziękujemy. Wniosek trafił do rozpatrzenia przez pracownika Spółdzielni; login i hasło startowe otrzymasz e-mailem.',
  },
  already_confirmed: {
    title: 'Adres już potwierdzony',
    text: 'Ten link został już użyty: wniosek czeka na rozpatrzenie.',
  },
  expired: {
    title: 'Link wygasł',
    text: 'Ten link jest już nieważny. Złóż wniosek ponownie albo przyjdź do biura Spółdzielni z dowodem osobistym.',
  },
  unknown: {
    title: 'Nieprawidłowy link',
    text: 'Nie rozpoznajemy tego linku. Sprawdź, czy skopiowano go w całości.',
  },
} as const;

/** The public side of activation: the remote application with its scans, and its e-mail link. */
export const activationPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (uploads) => {
    await acceptUploads(uploads, { maxFileBytes: MAX_SCAN_BYTES, files: 2 });

    uploads.get('/ebok/aktywacja', access('public'), async (request, reply) => {
      const ctx = pageContext(request, reply);
      return sendPage(reply, <RemoteApplicationPage organization={request.organization} csrfToken={ctx.csrfToken} />);
    });

    formRoute(uploads, '/ebok/aktywacja', {
      access: 'public',
      config: { rateLimit: { max: 10, timeWindow: 60 * 60_000 } },
      body: applicationBody,
      run: async ({ request, body: { formularz, dowod, ...form } }) => {
        await submitActivationRequest(app.db, {
          organization: request.organization,
          mailFrom: app.config.mailFrom,
          baseUrl: chromeContextOf(request).baseUrl ?? app.config.publicUrl,
          form,
          formScan: formularz,
          idScan: dowod,
          origin: requestOrigin(request),
          now: app.clock(),
        });
        return (
          <MessagePage
            organization={request.organization}
            title="Sprawdź skrzynkę e-mail"
            paragraphs={[
              `Wysłaliśmy wiadomość na adres ${form.email.trim().toLowerCase()}. Otwórz link z tej wiadomości i potwierdź adres — dopiero wtedy wniosek trafi do rozpatrzenia.`,
              'Po rozpatrzeniu wniosku otrzymasz login i hasło startowe w dwóch osobnych wiadomościach.',
            ]}
          />
        );
      },
      render: ({ request, reply, form }) => (
        <RemoteApplicationPage
          organization={request.organization}
          csrfToken={pageContext(request, reply).csrfToken}
          form={form.values}
          errors={form.errors}
        />
      ),
    });
  });

  function activationLinkPage(request: FastifyRequest, reply: FastifyReply, result: ConfirmResult) {
    const page = activationLinkPages[result];
    return sendPage(
      reply,
      <MessagePage
        organization={request.organization}
        title={page.title}
        paragraphs={[page.text]}
        links={result === 'expired' ? [{ href: '/ebok/aktywacja', label: 'Złóż wniosek ponownie' }] : []}
      />,
      result === 'confirmed' || result === 'already_confirmed' ? 200 : 410,
    );
  }

  // The e-mail link only shows a page on GET, so that a mail scanner following it confirms
  // nothing; the page's button does (a POST).
  app.get(
    '/ebok/aktywacja/potwierdz/:token',
    { ...access('public'), schema: { params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const state = await activationLinkState(app.db, {
        organizationId: request.organization.id,
        token,
        now: app.clock(),
      });
      if (state !== 'ready') return activationLinkPage(request, reply, state);
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ConfirmLinkPage
          organization={request.organization}
          csrfToken={ctx.csrfToken}
          title="Potwierdź adres e-mail"
          paragraphs={[
            'Potwierdź, że ten adres e-mail należy do Ciebie: wtedy wniosek o dostęp do e-BOK trafi do rozpatrzenia.',
          ]}
          action={`/ebok/aktywacja/potwierdz/${token}`}
          button="Potwierdzam adres e-mail"
        />,
      );
    },
  );

  formRoute(app, '/ebok/aktywacja/potwierdz/:token', {
    access: 'public',
    params: tokenParams,
    body: noFields,
    run: async ({ request, reply, params }) => {
      const result = await confirmActivationEmail(app.db, {
        organizationId: request.organization.id,
        token: params.token,
        now: app.clock(),
      });
      return activationLinkPage(request, reply, result);
    },
    render: () => {
      throw new Error('a confirmation button has no fields to correct');
    },
  });
};
