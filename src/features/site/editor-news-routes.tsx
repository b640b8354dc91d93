import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { listFiles, removeFile } from '../../files/store.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { markdownToSafeHtml } from '../../lib/markdown.ts';
import { warsawLocalInput } from '../../lib/warsaw-time.ts';
import { addNewsAttachment, createNews, publishNews, scheduleNews, unpublishNews, updateNews } from './edit-news.ts';
import { audited, editorAccess, fieldErrorsOf, formFields, idOf, uploadedFile } from './editor-http.ts';
import { countAllNews, findNewsById, listAllNews, type NewsItem } from './queries.ts';
import { EditNewsPage, NewNewsPage, type NewsForm, NewsListPage } from './views/editor-news.tsx';
import { NewsItemPage } from './views/news-pages.tsx';

const PER_PAGE = 20;
const pageQuery = z.object({ strona: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });

/** The form as the item is stored: the date in Warsaw time, as the editor types it. */
function formOf(item: NewsItem): NewsForm {
  return {
    title: item.title,
    slug: item.slug,
    lead: item.lead,
    body: item.body,
    publishedAt: item.publishedAt ? warsawLocalInput(item.publishedAt).replace('T', ' ') : '',
  };
}

const notices: Record<string, string> = {
  zapisano: 'Zapisano zmiany.',
  opublikowano: 'Aktualność jest na stronie.',
  wycofano: 'Aktualność wycofano ze strony; jest teraz szkicem.',
  zaplanowano: 'Publikacja zaplanowana.',
  dodano: 'Dodano plik.',
  usunieto: 'Usunięto plik.',
};

/** The editor's news pages: list, new item, edit with publication and attachments, preview. */
export async function editorNewsRoutes(app: FastifyInstance) {
  async function loadItem(request: FastifyRequest): Promise<NewsItem> {
    const item = await findNewsById(app.db, { organizationId: request.organization.id, id: idOf(request) });
    if (!item) throw new AppError('not_found', 'no such news item');
    return item;
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    item: NewsItem,
    options: { form?: NewsForm; errors?: FieldError[]; uploadForm?: Record<string, string>; notice?: string } = {},
  ) {
    const attachments = await listFiles(app.db, request.organization.id, { newsId: item.id });
    const { errors = [] } = options;
    return sendPage(
      reply,
      <EditNewsPage
        ctx={pageContext(request, reply)}
        item={item}
        attachments={attachments}
        now={app.clock()}
        form={options.form ?? formOf(item)}
        errors={errors}
        uploadForm={options.uploadForm}
        notice={options.notice}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  const done = (item: NewsItem, what: keyof typeof notices) => `/panel/strona/aktualnosci/${item.id}?zrobiono=${what}`;

  app.get('/panel/strona/aktualnosci', editorAccess, async (request, reply) => {
    const { strona: page } = pageQuery.parse(request.query);
    const organizationId = request.organization.id;
    const total = await countAllNews(app.db, organizationId);
    const pageCount = Math.max(1, Math.ceil(total / PER_PAGE));
    if (page > pageCount) throw new AppError('not_found', 'no such page');
    const items = await listAllNews(app.db, { organizationId, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    return sendPage(
      reply,
      <NewsListPage
        ctx={pageContext(request, reply)}
        items={items}
        now={app.clock()}
        page={page}
        pageCount={pageCount}
        total={total}
      />,
    );
  });

  app.get('/panel/strona/aktualnosci/nowa', editorAccess, async (request, reply) => {
    return sendPage(reply, <NewNewsPage ctx={pageContext(request, reply)} />);
  });

  app.post('/panel/strona/aktualnosci', editorAccess, async (request, reply) => {
    const form = formFields(request);
    try {
      const item = await audited(app, request)(
        (db) =>
          createNews({ db, organizationId: request.organization.id, input: { ...form, title: form.title ?? '' } }),
        (created) => ({
          action: 'site.news_created',
          subjectType: 'news',
          subjectId: created.id,
          detail: { title: created.title, publishedAt: created.publishedAt?.toISOString() ?? null },
        }),
      );
      return reply.redirect(done(item, 'zapisano'), 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      return sendPage(reply, <NewNewsPage ctx={pageContext(request, reply)} form={form} errors={errors} />, 422);
    }
  });

  app.get('/panel/strona/aktualnosci/:id', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    const what = (request.query as { zrobiono?: string }).zrobiono;
    return renderEdit(request, reply, item, { notice: what ? notices[what] : undefined });
  });

  app.post('/panel/strona/aktualnosci/:id', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    const form = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          updateNews({
            db,
            organizationId: request.organization.id,
            id: item.id,
            input: { ...form, title: form.title ?? '' },
            now: app.clock(),
          }),
        (updated) => ({
          action: 'site.news_updated',
          subjectType: 'news',
          subjectId: updated.id,
          detail: { title: updated.title, publishedAt: updated.publishedAt?.toISOString() ?? null },
        }),
      );
      return reply.redirect(done(item, 'zapisano'), 303);
    } catch (error) {
      return renderEdit(request, reply, item, { form, errors: fieldErrorsOf(error) });
    }
  });

  app.post('/panel/strona/aktualnosci/:id/publikuj', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    await audited(app, request)(
      (db) => publishNews({ db, organizationId: request.organization.id, id: item.id, now: app.clock() }),
      (published) => ({
        action: 'site.news_published',
        subjectType: 'news',
        subjectId: published.id,
        detail: { title: published.title },
      }),
    );
    return reply.redirect(done(item, 'opublikowano'), 303);
  });

  app.post('/panel/strona/aktualnosci/:id/wycofaj', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    await audited(app, request)(
      (db) => unpublishNews({ db, organizationId: request.organization.id, id: item.id, now: app.clock() }),
      (draft) => ({
        action: 'site.news_unpublished',
        subjectType: 'news',
        subjectId: draft.id,
        detail: { title: draft.title },
      }),
    );
    return reply.redirect(done(item, 'wycofano'), 303);
  });

  app.post('/panel/strona/aktualnosci/:id/zaplanuj', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    const at = formFields(request).at ?? '';
    try {
      await audited(app, request)(
        (db) => scheduleNews({ db, organizationId: request.organization.id, id: item.id, at, now: app.clock() }),
        (scheduled) => ({
          action: 'site.news_scheduled',
          subjectType: 'news',
          subjectId: scheduled.id,
          detail: { title: scheduled.title, publishedAt: scheduled.publishedAt?.toISOString() ?? null },
        }),
      );
      return reply.redirect(done(item, 'zaplanowano'), 303);
    } catch (error) {
      // The schedule form's field is `at`; the rule names the item's publication date.
      const errors = fieldErrorsOf(error).map((e) => (e.field === 'publishedAt' ? { ...e, field: 'at' } : e));
      return renderEdit(request, reply, item, { errors });
    }
  });

  app.get('/panel/strona/aktualnosci/:id/podglad', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    const attachments = await listFiles(app.db, request.organization.id, { newsId: item.id });
    reply.header('x-robots-tag', 'noindex');
    return sendPage(
      reply,
      <NewsItemPage
        organization={request.organization}
        item={item}
        bodyHtml={markdownToSafeHtml(item.body)}
        attachments={attachments}
      />,
    );
  });

  app.post('/panel/strona/aktualnosci/:id/pliki', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    const fields = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          addNewsAttachment({
            db,
            organizationId: request.organization.id,
            newsId: item.id,
            upload: { ...uploadedFile(request), title: fields.fileTitle },
          }),
        (file) => ({
          action: 'site.file_added',
          subjectType: 'news',
          subjectId: item.id,
          detail: { fileId: file.id, name: file.name, contentType: file.contentType, size: file.size },
        }),
      );
      return reply.redirect(done(item, 'dodano'), 303);
    } catch (error) {
      return renderEdit(request, reply, item, { errors: fieldErrorsOf(error), uploadForm: fields });
    }
  });

  app.post('/panel/strona/aktualnosci/:id/pliki/:fileId/usun', editorAccess, async (request, reply) => {
    const item = await loadItem(request);
    const fileId = idOf(request, 'fileId');
    await audited(app, request)(
      (db) => removeFile(db, { organizationId: request.organization.id, fileId, owner: { newsId: item.id } }),
      (file) => ({
        action: 'site.file_removed',
        subjectType: 'news',
        subjectId: item.id,
        detail: { fileId: file.id, name: file.name },
      }),
    );
    return reply.redirect(done(item, 'usunieto'), 303);
  });
}
