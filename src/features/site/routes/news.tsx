import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../errors.ts';
import { listFiles } from '../../../files/store.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormValues, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams, pageNumber } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { markdownToSafeHtml } from '../../../lib/markdown.ts';
import { warsawLocalInput } from '../../../lib/warsaw-time.ts';
import {
  addNewsAttachment,
  createNews,
  newsInput,
  publishNews,
  scheduleInput,
  scheduleNews,
  unpublishNews,
  updateNews,
} from '../edit-news.ts';
import { noFields } from '../forms.ts';
import { countAllNews, findNewsById, listAllNews, type NewsItem } from '../queries.ts';
import { EditNewsPage, NewNewsPage, type NewsForm, NewsListPage } from '../views/editor-news.tsx';
import { NewsItemPage } from '../views/news-pages.tsx';
import { attachmentRoutes } from './attachment-routes.ts';
import { doneQuery, noticeOf } from './notices.ts';

const PER_PAGE = 20;
const listQuery = z.object({ strona: pageNumber.default(1) });

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

const notices = {
  zapisano: 'Zapisano zmiany.',
  opublikowano: 'Aktualność jest na stronie.',
  wycofano: 'Aktualność wycofano ze strony; jest teraz szkicem.',
  zaplanowano: 'Publikacja zaplanowana.',
  dodano: 'Dodano plik.',
  usunieto: 'Usunięto plik.',
};

const done = (itemId: number, what: keyof typeof notices) => `/panel/strona/aktualnosci/${itemId}?zrobiono=${what}`;

/** What the edit page shows besides the item: errors, and the fields of the form that had them. */
interface EditState {
  errors?: FieldError[];
  /** The item's fields as typed. */
  form?: FormValues;
  /** The upload form's fields as typed. */
  upload?: FormValues;
  notice?: string | undefined;
}

/** The editor's news pages: list, new item, edit with publication and attachments, preview. */
export const editorNewsRoutes: FastifyPluginAsyncZod = async (app) => {
  async function loadItem(request: FastifyRequest, itemId: number): Promise<NewsItem> {
    const item = await findNewsById(app.db, { organizationId: request.organization.id, id: itemId });
    if (!item) throw new AppError('not_found', 'no such news item');
    return item;
  }

  async function editPage(request: FastifyRequest, reply: FastifyReply, itemId: number, state: EditState = {}) {
    const item = await loadItem(request, itemId);
    const attachments = await listFiles(app.db, request.organization.id, { newsId: item.id });
    return (
      <EditNewsPage
        ctx={pageContext(request, reply)}
        item={item}
        attachments={attachments}
        now={app.clock()}
        form={state.form ?? formOf(item)}
        errors={state.errors}
        uploadForm={state.upload}
        notice={state.notice}
      />
    );
  }

  app.get(
    '/panel/strona/aktualnosci',
    { ...access('site.edit'), schema: { querystring: listQuery } },
    async (request, reply) => {
      const page = request.query.strona;
      const organizationId = request.organization.id;
      const total = await countAllNews(app.db, { organizationId });
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
    },
  );

  const newPage = (request: FastifyRequest, reply: FastifyReply, form = freshForm) => (
    <NewNewsPage ctx={pageContext(request, reply)} form={form.values} errors={form.errors} />
  );

  app.get('/panel/strona/aktualnosci/nowa', access('site.edit'), async (request, reply) =>
    sendPage(reply, newPage(request, reply)),
  );

  formRoute(app, '/panel/strona/aktualnosci', {
    access: 'site.edit',
    body: newsInput,
    run: async ({ request, body }) => {
      const item = await createNews(app.db, { actor: actorOf(request), input: body, now: app.clock() });
      return done(item.id, 'zapisano');
    },
    render: ({ request, reply, form }) => newPage(request, reply, form),
  });

  app.get(
    '/panel/strona/aktualnosci/:id',
    { ...access('site.edit'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await editPage(request, reply, request.params.id, { notice: noticeOf(notices, request.query.zrobiono) }),
      ),
  );

  formRoute(app, '/panel/strona/aktualnosci/:id', {
    access: 'site.edit',
    params: idParams,
    body: newsInput,
    run: async ({ request, params, body }) => {
      await updateNews(app.db, { actor: actorOf(request), id: params.id, input: body, now: app.clock() });
      return done(params.id, 'zapisano');
    },
    render: ({ request, reply, params, form }) =>
      editPage(request, reply, params.id, { errors: form.errors, form: form.values }),
  });

  formRoute(app, '/panel/strona/aktualnosci/:id/publikuj', {
    access: 'site.edit',
    params: idParams,
    body: noFields,
    run: async ({ request, params }) => {
      await publishNews(app.db, { actor: actorOf(request), id: params.id, now: app.clock() });
      return done(params.id, 'opublikowano');
    },
    render: ({ request, reply, params }) => editPage(request, reply, params.id),
  });

  formRoute(app, '/panel/strona/aktualnosci/:id/wycofaj', {
    access: 'site.edit',
    params: idParams,
    body: noFields,
    run: async ({ request, params }) => {
      await unpublishNews(app.db, { actor: actorOf(request), id: params.id, now: app.clock() });
      return done(params.id, 'wycofano');
    },
    render: ({ request, reply, params }) => editPage(request, reply, params.id),
  });

  formRoute(app, '/panel/strona/aktualnosci/:id/zaplanuj', {
    access: 'site.edit',
    params: idParams,
    body: scheduleInput,
    run: async ({ request, params, body }) => {
      await scheduleNews(app.db, { actor: actorOf(request), id: params.id, at: body.at, now: app.clock() });
      return done(params.id, 'zaplanowano');
    },
    // The schedule form keeps no value; its error shows at its field.
    render: ({ request, reply, params, form }) => editPage(request, reply, params.id, { errors: form.errors }),
  });

  app.get(
    '/panel/strona/aktualnosci/:id/podglad',
    { ...access('site.edit'), schema: { params: idParams } },
    async (request, reply) => {
      const item = await loadItem(request, request.params.id);
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
    },
  );

  attachmentRoutes(app, {
    base: '/panel/strona/aktualnosci',
    owner: (newsId) => ({ newsId }),
    add: ({ ownerId, ...input }) => addNewsAttachment(app.db, { ...input, newsId: ownerId }),
    back: done,
    page: editPage,
  });
};
