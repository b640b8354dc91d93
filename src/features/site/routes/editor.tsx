import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findFileByKey } from '../../../files/store.ts';
import { access } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { EditorOverviewPage } from '../views/editor-overview.tsx';
import { editorDocumentRoutes } from './documents.tsx';
import { editorGazetteRoutes } from './gazette.tsx';
import { editorNewsRoutes } from './news.tsx';
import { editorSectionRoutes } from './sections.tsx';
import { editorSettingsRoutes } from './settings.tsx';
import { fileParams, sendSiteFile } from './site-files.ts';
import { editorTenderRoutes } from './tenders.tsx';

/**
 * The editor's back office for the public website, at /panel/strona (editors and administrators).
 * Its own scope: file uploads (multipart) are accepted only here.
 */
export const editorRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);
  await app.register(editorNewsRoutes);
  await app.register(editorSectionRoutes);
  await app.register(editorTenderRoutes);
  await app.register(editorGazetteRoutes);
  await app.register(editorDocumentRoutes);
  await app.register(editorSettingsRoutes);

  // Editors download any file of the site, also of a draft, a scheduled item or a hidden page.
  app.get(
    '/panel/strona/pliki/:key/:name',
    { ...access('site.edit'), schema: { params: fileParams } },
    async (request, reply) => {
      const file = await findFileByKey(app.db, { organizationId: request.organization.id, key: request.params.key });
      return sendSiteFile(reply, file, 'private, no-store');
    },
  );

  app.get('/panel/strona', access('site.edit'), async (request, reply) =>
    sendPage(reply, <EditorOverviewPage ctx={pageContext(request, reply)} />),
  );
};
