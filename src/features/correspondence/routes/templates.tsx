/** Saved letter templates (create, change, delete, start a letter from one) and the letter preview. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { letterHtml } from '../mail.ts';
import {
  createTemplate,
  deleteTemplate,
  findTemplate,
  type LetterTemplate,
  listTemplates,
  templateForm,
  updateTemplate,
} from '../templates/templates.ts';
import { PreviewPage } from '../views/preview.tsx';
import { TemplatePage, TemplatesPage } from '../views/templates.tsx';

const TEMPLATES = '/panel/korespondencja/szablony';

const notices: Record<string, string> = {
  dodano: 'Zapisano szablon.',
  zmieniono: 'Zapisano zmiany szablonu.',
  usunieto: 'Szablon usunięty.',
};
const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });
const noticeOf = (what: string | undefined) => (what && Object.hasOwn(notices, what) ? notices[what] : undefined);

/** A letter's body as members will read it; nothing while empty. */
export const previewOf = (body: string | undefined) => (body?.trim() ? letterHtml({ bodyMarkdown: body }) : undefined);

/** What a preview reads of any letter or template form (other fields are ignored). */
const previewForm = z.object({
  subject: z.string().optional().default(''),
  body: z.string().optional().default(''),
});

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  async function listPage(request: FastifyRequest, reply: FastifyReply, form = freshForm, notice?: string) {
    const templates = await listTemplates(app.db, { organizationId: request.organization.id });
    return (
      <TemplatesPage
        ctx={pageContext(request, reply)}
        templates={templates}
        form={form}
        previewHtml={previewOf(form.values.body)}
        notice={notice}
      />
    );
  }

  function templatePage(
    request: FastifyRequest,
    reply: FastifyReply,
    template: LetterTemplate,
    form?: FormState,
    notice?: string,
  ) {
    const shown: FormState = form ?? {
      errors: [],
      values: { name: template.name, subject: template.subject, body: template.bodyMarkdown },
      lists: {},
    };
    return (
      <TemplatePage
        ctx={pageContext(request, reply)}
        template={template}
        form={shown}
        previewHtml={previewOf(shown.values.body)}
        notice={notice}
      />
    );
  }

  const templateOf = (request: FastifyRequest, templateId: number) =>
    findTemplate(app.db, { organizationId: request.organization.id, templateId });

  app.get(TEMPLATES, { ...access('letters.send'), schema: { querystring: doneQuery } }, async (request, reply) =>
    sendPage(reply, await listPage(request, reply, freshForm, noticeOf(request.query.zrobiono))),
  );

  formRoute(app, TEMPLATES, {
    access: 'letters.send',
    body: templateForm,
    run: async ({ request, body }) => {
      const template = await createTemplate(app.db, { actor: actorOf(request), form: body, now: app.clock() });
      return `${TEMPLATES}/${template.id}?zrobiono=dodano`;
    },
    render: ({ request, reply, form }) => listPage(request, reply, form),
  });

  app.get(
    `${TEMPLATES}/:id`,
    { ...access('letters.send'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        templatePage(
          request,
          reply,
          await templateOf(request, request.params.id),
          undefined,
          noticeOf(request.query.zrobiono),
        ),
      ),
  );

  formRoute(app, `${TEMPLATES}/:id`, {
    access: 'letters.send',
    params: idParams,
    body: templateForm,
    run: async ({ request, params, body }) => {
      await updateTemplate(app.db, { actor: actorOf(request), templateId: params.id, form: body, now: app.clock() });
      return `${TEMPLATES}/${params.id}?zrobiono=zmieniono`;
    },
    render: async ({ request, reply, params, form }) =>
      templatePage(request, reply, await templateOf(request, params.id), form),
  });

  formRoute(app, `${TEMPLATES}/:id/usun`, {
    access: 'letters.send',
    params: idParams,
    body: z.object({}),
    run: async ({ request, params }) => {
      await deleteTemplate(app.db, { actor: actorOf(request), templateId: params.id, now: app.clock() });
      return `${TEMPLATES}?zrobiono=usunieto`;
    },
    render: async ({ request, reply, params, form }) =>
      templatePage(request, reply, await templateOf(request, params.id), form),
  });

  /**
   * The typed letter as members will read it, changing nothing: the "Podgląd" button's page
   * without JavaScript, and the fragment js/letter-preview.js takes from it while typing.
   */
  formRoute(app, '/panel/korespondencja/podglad', {
    access: 'letters.send',
    body: previewForm,
    run: async ({ request, reply, body }) => {
      reply.header('cache-control', 'no-store');
      return (
        <PreviewPage
          ctx={pageContext(request, reply)}
          subject={body.subject.trim()}
          html={previewOf(body.body) ?? ''}
        />
      );
    },
    render: ({ request, reply }) => <PreviewPage ctx={pageContext(request, reply)} subject="" html="" />,
  });
};
