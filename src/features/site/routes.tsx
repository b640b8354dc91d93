import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { access } from '../../http/auth.ts';
import { sendPage } from '../../http/render.ts';
import { markdownToSafeHtml } from '../../lib/markdown.ts';
import { countPublishedNews, findPublishedNews, listPublishedNews } from './queries.ts';
import { HomePage } from './views/home-page.tsx';
import { NewsIndexPage, NewsItemPage } from './views/news-pages.tsx';

const NEWS_ON_HOME = 5;
const NEWS_PER_PAGE = 10;

const newsIndexQuery = z.object({ strona: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,200}$/) });

/** The public website: home page and news. */
export async function siteRoutes(app: FastifyInstance) {
  app.get('/', access('public'), async (request, reply) => {
    const news = await listPublishedNews(app.db, {
      organizationId: request.organization.id,
      limit: NEWS_ON_HOME,
    });
    return sendPage(reply, <HomePage organization={request.organization} news={news} />);
  });

  app.get('/aktualnosci', access('public'), async (request, reply) => {
    const { strona: page } = newsIndexQuery.parse(request.query);
    const organizationId = request.organization.id;
    const total = await countPublishedNews(app.db, { organizationId });
    const pageCount = Math.max(1, Math.ceil(total / NEWS_PER_PAGE));
    if (page > pageCount) throw new AppError('not_found', 'no such page of news');
    const news = await listPublishedNews(app.db, {
      organizationId,
      limit: NEWS_PER_PAGE,
      offset: (page - 1) * NEWS_PER_PAGE,
    });
    return sendPage(
      reply,
      <NewsIndexPage organization={request.organization} news={news} page={page} pageCount={pageCount} />,
    );
  });

  app.get('/aktualnosci/:slug', access('public'), async (request, reply) => {
    const params = slugParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'malformed slug');
    const item = await findPublishedNews(app.db, {
      organizationId: request.organization.id,
      slug: params.data.slug,
    });
    if (!item) throw new AppError('not_found', 'no such news item');
    return sendPage(
      reply,
      <NewsItemPage organization={request.organization} item={item} bodyHtml={markdownToSafeHtml(item.body)} />,
    );
  });
}
