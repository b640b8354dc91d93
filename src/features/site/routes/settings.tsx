import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { siteSettingsInput, updateSiteSettings } from '../settings.ts';
import { SettingsPage } from '../views/editor-settings.tsx';
import { doneQuery, noticeOf, editorNotices as notices } from './notices.ts';

/** The site's settings: office hours and the visitor counter's start. */
export const editorSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  function settingsPage(request: FastifyRequest, reply: FastifyReply, form?: FormState, notice?: string) {
    const settings = request.organization.settings;
    const stored = {
      officeHours: (settings.officeHours ?? []).join('\n'),
      visitorCountStart: String(settings.visitorCountStart ?? 0),
    };
    return (
      <SettingsPage
        ctx={pageContext(request, reply)}
        form={form?.values ?? stored}
        errors={form?.errors}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/strona/ustawienia',
    { ...access('site.edit'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, settingsPage(request, reply, undefined, noticeOf(notices, request.query.zrobiono))),
  );

  formRoute(app, '/panel/strona/ustawienia', {
    access: 'site.edit',
    body: siteSettingsInput,
    run: async ({ request, body }) => {
      await updateSiteSettings(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        input: body,
        now: app.clock(),
      });
      return '/panel/strona/ustawienia?zrobiono=zapisano';
    },
    render: ({ request, reply, form }) => settingsPage(request, reply, form),
  });
};
