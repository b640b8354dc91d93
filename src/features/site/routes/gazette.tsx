import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { gazetteForm } from '../forms.ts';
import { addGazetteIssue, listGazetteIssues } from '../gazette.ts';
import { GazettePage } from '../views/editor-gazette.tsx';
import { doneQuery, noticeOf, editorNotices as notices } from './notices.ts';

/** The editor's gazette: its issues and the form of a new one (a PDF). */
export const editorGazetteRoutes: FastifyPluginAsyncZod = async (app) => {
  async function gazettePage(request: FastifyRequest, reply: FastifyReply, form = freshForm, notice?: string) {
    const issues = await listGazetteIssues(app.db, { organizationId: request.organization.id });
    return (
      <GazettePage
        ctx={pageContext(request, reply)}
        issues={issues}
        form={form.values}
        errors={form.errors}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/strona/gazetka',
    { ...access('site.edit'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await gazettePage(request, reply, freshForm, noticeOf(notices, request.query.zrobiono))),
  );

  formRoute(app, '/panel/strona/gazetka', {
    access: 'site.edit',
    body: gazetteForm,
    run: async ({ request, body: { file, ...input } }) => {
      await addGazetteIssue(app.db, { actor: actorOf(request), input, upload: file, now: app.clock() });
      return '/panel/strona/gazetka?zrobiono=dodano';
    },
    render: ({ request, reply, form }) => gazettePage(request, reply, form),
  });
};
