import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import {
  currentDocumentText,
  documentTextInput,
  listDocumentTextVersions,
  saveDocumentText,
} from '../../documents/texts.ts';
import { DocumentsPage, DocumentTextPage, documentKinds } from '../views/editor-documents.tsx';
import { doneQuery, noticeOf, editorNotices as notices } from './notices.ts';

const slugParams = z.object({ slug: z.string() });

function documentOf(slug: string) {
  const doc = documentKinds.find((d) => d.slug === slug);
  if (!doc) throw new AppError('not_found', 'no such document');
  return doc;
}

/** The texts of the generated documents (e-BOK terms, consent): a new version, and the history. */
export const editorDocumentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/panel/strona/dokumenty',
    { ...access('site.edit'), schema: { querystring: doneQuery } },
    async (request, reply) => {
      const organization = request.organization;
      const current = await Promise.all(
        documentKinds.map(({ kind }) =>
          currentDocumentText(app.db, { organizationId: organization.id, organizationName: organization.name, kind }),
        ),
      );
      return sendPage(
        reply,
        <DocumentsPage
          ctx={pageContext(request, reply)}
          current={current}
          notice={noticeOf(notices, request.query.zrobiono)}
        />,
      );
    },
  );

  async function documentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form?: FormState,
    notice?: string,
  ) {
    const doc = documentOf(slug);
    const organization = request.organization;
    const versions = await listDocumentTextVersions(app.db, {
      organizationId: organization.id,
      organizationName: organization.name,
      kind: doc.kind,
    });
    // A new version starts from the current text.
    const initial = { body: versions[0]?.body ?? '', effectiveFrom: warsawDate(app.clock()) };
    return (
      <DocumentTextPage
        ctx={pageContext(request, reply)}
        doc={doc}
        versions={versions}
        form={form?.values ?? initial}
        errors={form?.errors}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/strona/dokumenty/:slug',
    { ...access('site.edit'), schema: { params: slugParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await documentPage(request, reply, request.params.slug, undefined, noticeOf(notices, request.query.zrobiono)),
      ),
  );

  formRoute(app, '/panel/strona/dokumenty/:slug', {
    access: 'site.edit',
    params: slugParams,
    body: documentTextInput,
    run: async ({ request, params, body }) => {
      const doc = documentOf(params.slug);
      await saveDocumentText(app.db, { actor: actorOf(request), kind: doc.kind, input: body, now: app.clock() });
      return `/panel/strona/dokumenty/${doc.slug}?zrobiono=zapisano`;
    },
    render: ({ request, reply, params, form }) => documentPage(request, reply, params.slug, form),
  });
};
