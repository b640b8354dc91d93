import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { findFileByKey, listFiles } from '../../../files/store.ts';
import { chromeContextOf } from '../../../http/chrome-context.ts';
import { pageNumber } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { markdownToSafeHtml } from '../../../lib/markdown.ts';
import { generatedDocuments } from '../../documents/generate.ts';
import { atomFeed, robotsTxt, sitemap } from '../feeds.ts';
import { listGazetteIssues } from '../gazette.ts';
import {
  countPublishedNews,
  findPublishedNews,
  listNewsForFeed,
  listNewsOfYear,
  listNewsPaths,
  listNewsYears,
  listPublishedNews,
} from '../queries.ts';
import { searchSite } from '../search.ts';
import { findVisibleSection, listVisibleChildren, listVisibleSectionPaths, type Section } from '../section-queries.ts';
import { listPublicTenders, type Tender } from '../tenders.ts';
import { ContactPage } from '../views/contact-page.tsx';
import { HomePage } from '../views/home-page.tsx';
import { NewsArchivePage, NewsIndexPage, NewsItemPage } from '../views/news-pages.tsx';
import { SearchPage } from '../views/search-page.tsx';
import { type SectionExtras, SectionPage, type TenderView } from '../views/section-page.tsx';
import { fileParams, sendSiteFile } from './site-files.ts';

const NEWS_ON_HOME = 5;
const NEWS_PER_PAGE = 10;
const NEWS_IN_FEED = 20;

const newsIndexQuery = z.object({ strona: pageNumber.default(1) });
const newsParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,200}$/) });
const yearParams = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number),
});
const slug = z.string().regex(/^[a-z0-9-]{1,120}$/);
const sectionParams = z.object({ section: slug });
const subPageParams = z.object({ section: slug, page: slug });
const searchQuery = z.object({ q: z.string().max(200).catch('').default('') });

/** A page's description for search engines: the first sentences of its text, without markup. */
function summarize(markdown: string): string | undefined {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(#+|>|[-+]|\d+\.)\s+/gm, '')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  return text.length > 180 ? `${text.slice(0, 177).replace(/\s+\S*$/, '')}…` : text;
}

/** The public website: home page, news, sections, contact, search, files, feed and sitemap. */
export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  // Public routes; `page` says whether a request is a page view for the visitor counter.
  const publicPage = { config: { access: 'public', page: 'public' } } as const;
  const notAPage = { config: { access: 'public', page: 'none' } } as const;
  // The same for every visitor who is not signed in: kept in the page cache until the site changes.
  const cachedPage = { config: { access: 'public', page: 'public', cache: true } } as const;
  const cachedFile = { config: { access: 'public', page: 'none', cache: true } } as const;

  app.get('/', cachedPage, async (request, reply) => {
    const news = await listPublishedNews(app.db, {
      organizationId: request.organization.id,
      limit: NEWS_ON_HOME,
      now: app.clock(),
    });
    return sendPage(reply, <HomePage organization={request.organization} news={news} />);
  });

  app.get('/aktualnosci', { ...cachedPage, schema: { querystring: newsIndexQuery } }, async (request, reply) => {
    const page = request.query.strona;
    const organizationId = request.organization.id;
    const now = app.clock();
    const [total, years] = await Promise.all([
      countPublishedNews(app.db, { organizationId, now }),
      listNewsYears(app.db, { organizationId, now }),
    ]);
    const pageCount = Math.max(1, Math.ceil(total / NEWS_PER_PAGE));
    if (page > pageCount) throw new AppError('not_found', 'no such page of news');
    const news = await listPublishedNews(app.db, {
      organizationId,
      limit: NEWS_PER_PAGE,
      offset: (page - 1) * NEWS_PER_PAGE,
      now,
    });
    return sendPage(
      reply,
      <NewsIndexPage organization={request.organization} news={news} page={page} pageCount={pageCount} years={years} />,
    );
  });

  app.get('/aktualnosci/archiwum', notAPage, async (_request, reply) => reply.redirect('/aktualnosci', 301));

  app.get('/aktualnosci/archiwum/:year', { ...cachedPage, schema: { params: yearParams } }, async (request, reply) => {
    const year = request.params.year;
    const organizationId = request.organization.id;
    const now = app.clock();
    const [news, years] = await Promise.all([
      listNewsOfYear(app.db, { organizationId, year, now }),
      listNewsYears(app.db, { organizationId, now }),
    ]);
    if (news.length === 0) throw new AppError('not_found', 'no news in that year');
    return sendPage(
      reply,
      <NewsArchivePage organization={request.organization} year={year} news={news} years={years} />,
    );
  });

  app.get('/aktualnosci/feed.xml', cachedFile, async (request, reply) => {
    const items = await listNewsForFeed(app.db, {
      organizationId: request.organization.id,
      now: app.clock(),
      limit: NEWS_IN_FEED,
    });
    const { baseUrl = '' } = chromeContextOf(request);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(atomFeed({ baseUrl, title: request.organization.name, items }));
  });

  app.get('/aktualnosci/:slug', { ...cachedPage, schema: { params: newsParams } }, async (request, reply) => {
    const organizationId = request.organization.id;
    const item = await findPublishedNews(app.db, { organizationId, slug: request.params.slug, now: app.clock() });
    if (!item) throw new AppError('not_found', 'no such news item');
    const attachments = await listFiles(app.db, organizationId, { newsId: item.id });
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

  app.get('/kontakt', cachedPage, async (request, reply) => {
    return sendPage(reply, <ContactPage organization={request.organization} />);
  });

  app.get('/szukaj', { ...publicPage, schema: { querystring: searchQuery } }, async (request, reply) => {
    const query = request.query.q.trim();
    const hits = query
      ? await searchSite(app.db, { organizationId: request.organization.id, query, now: app.clock() })
      : undefined;
    return sendPage(reply, <SearchPage organization={request.organization} query={query} hits={hits} />);
  });

  // Attachments of a news item or section are public only while it is; caches keep them briefly.
  app.get('/pliki/:key/:name', { ...notAPage, schema: { params: fileParams } }, async (request, reply) => {
    const file = await findFileByKey(app.db, {
      organizationId: request.organization.id,
      key: request.params.key,
      publicAt: app.clock(),
    });
    return sendSiteFile(reply, file, 'public, max-age=600');
  });

  app.get('/robots.txt', cachedFile, async (request, reply) => {
    const { baseUrl = '' } = chromeContextOf(request);
    return reply.type('text/plain; charset=utf-8').send(robotsTxt(baseUrl));
  });

  app.get('/sitemap.xml', cachedFile, async (request, reply) => {
    const organizationId = request.organization.id;
    const now = app.clock();
    const [news, sections] = await Promise.all([
      listNewsPaths(app.db, { organizationId, now }),
      listVisibleSectionPaths(app.db, { organizationId }),
    ]);
    const { baseUrl = '' } = chromeContextOf(request);
    const pages = [
      { path: '/' },
      { path: '/aktualnosci' },
      ...sections,
      { path: '/kontakt' },
      { path: '/ebok' },
      ...news.map((n) => ({ path: `/aktualnosci/${n.slug}`, updatedAt: n.updatedAt })),
    ];
    return reply.type('application/xml; charset=utf-8').send(sitemap(baseUrl, pages));
  });

  async function renderSection(request: FastifyRequest, reply: FastifyReply, path: [string] | [string, string]) {
    const organizationId = request.organization.id;
    const found = await findVisibleSection(app.db, { organizationId, path });
    if (!found) throw new AppError('not_found', 'no such section');
    const { section, parent } = found;
    const [children, attachments, extras] = await Promise.all([
      parent ? Promise.resolve<Section[]>([]) : listVisibleChildren(app.db, { organizationId, parentId: section.id }),
      listFiles(app.db, organizationId, { sectionId: section.id }),
      sectionExtras(section, organizationId),
    ]);
    return sendPage(
      reply,
      <SectionPage
        organization={request.organization}
        section={section}
        parent={parent}
        bodyHtml={markdownToSafeHtml(section.body)}
        children={children}
        attachments={attachments}
        extras={extras}
        description={summarize(section.body)}
      />,
    );
  }

  async function tenderView(tender: Tender, organizationId: number): Promise<TenderView> {
    return {
      tender,
      descriptionHtml: markdownToSafeHtml(tender.description),
      resultHtml: tender.result ? markdownToSafeHtml(tender.result) : undefined,
      documents: await listFiles(app.db, organizationId, { tenderId: tender.id }),
    };
  }

  async function sectionExtras(section: Section, organizationId: number): Promise<SectionExtras> {
    switch (section.kind) {
      case 'tenders': {
        const { open, closed } = await listPublicTenders(app.db, { organizationId, now: app.clock() });
        return {
          kind: 'tenders',
          open: await Promise.all(open.map((t) => tenderView(t, organizationId))),
          closed: await Promise.all(closed.map((t) => tenderView(t, organizationId))),
        };
      }
      case 'gazette':
        return { kind: 'gazette', issues: await listGazetteIssues(app.db, { organizationId }) };
      case 'forms':
        return { kind: 'forms', documents: generatedDocuments };
      default:
        return { kind: 'none' };
    }
  }

  // Sections last: static routes above win over these parametric ones.
  app.get('/:section', { ...cachedPage, schema: { params: sectionParams } }, async (request, reply) =>
    renderSection(request, reply, [request.params.section]),
  );

  app.get('/:section/:page', { ...cachedPage, schema: { params: subPageParams } }, async (request, reply) =>
    renderSection(request, reply, [request.params.section, request.params.page]),
  );
};
