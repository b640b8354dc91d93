import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { contentDisposition, findFileByKey, listFiles, type SiteFile } from '../../files/store.ts';
import type { Access } from '../../http/auth.ts';
import { chromeContextOf } from '../../http/chrome-context.ts';
import { sendPage } from '../../http/render.ts';
import { markdownToSafeHtml } from '../../lib/markdown.ts';
import { generatedDocuments } from '../documents/generate.ts';
import { atomFeed, robotsTxt, sitemap } from './feeds.ts';
import { listGazetteIssues } from './gazette.ts';
import {
  countPublishedNews,
  findPublishedNews,
  listNewsForFeed,
  listNewsOfYear,
  listNewsPaths,
  listNewsYears,
  listPublishedNews,
} from './queries.ts';
import { searchSite } from './search.ts';
import { findVisibleSection, listVisibleChildren, listVisibleSectionPaths, type Section } from './sections.ts';
import { listPublicTenders, type Tender } from './tenders.ts';
import { ContactPage } from './views/contact-page.tsx';
import { HomePage } from './views/home-page.tsx';
import { NewsArchivePage, NewsIndexPage, NewsItemPage } from './views/news-pages.tsx';
import { SearchPage } from './views/search-page.tsx';
import { type SectionExtras, SectionPage, type TenderView } from './views/section-page.tsx';

const NEWS_ON_HOME = 5;
const NEWS_PER_PAGE = 10;
const NEWS_IN_FEED = 20;

const newsIndexQuery = z.object({ strona: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,200}$/) });
const slug = z.string().regex(/^[a-z0-9-]{1,120}$/);
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

/** A file key from a URL; anything else is a file that does not exist. */
export function fileKey(text: string): string {
  if (!/^[A-Za-z0-9_-]{16}$/.test(text)) throw new AppError('not_found', 'malformed key');
  return text;
}

/** Sends a stored file with its type, its name and how long it may be cached; 404 without one. */
export function sendSiteFile(
  reply: FastifyReply,
  file: (SiteFile & { data: Buffer }) | undefined,
  cacheControl: string,
): FastifyReply {
  if (!file) throw new AppError('not_found', 'no such file');
  return reply
    .type(file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('content-length', file.size)
    .header('cache-control', cacheControl)
    .send(file.data);
}

/** The public website: home page, news, sections, contact, search, files, feed and sitemap. */
export async function siteRoutes(app: FastifyInstance) {
  // Public routes; `page` says whether a request is a page view for the visitor counter.
  const publicPage = { config: { access: 'public' as Access, page: 'public' as const } };
  const notAPage = { config: { access: 'public' as Access, page: 'none' as const } };

  app.get('/', publicPage, async (request, reply) => {
    const news = await listPublishedNews(app.db, {
      organizationId: request.organization.id,
      limit: NEWS_ON_HOME,
      now: app.clock(),
    });
    return sendPage(reply, <HomePage organization={request.organization} news={news} />);
  });

  app.get('/aktualnosci', publicPage, async (request, reply) => {
    const { strona: page } = newsIndexQuery.parse(request.query);
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

  app.get<{ Params: { year: string } }>('/aktualnosci/archiwum/:year', publicPage, async (request, reply) => {
    if (!/^\d{4}$/.test(request.params.year)) throw new AppError('not_found', 'malformed year');
    const year = Number(request.params.year);
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

  app.get('/aktualnosci/feed.xml', notAPage, async (request, reply) => {
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

  app.get('/aktualnosci/:slug', publicPage, async (request, reply) => {
    const params = slugParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'malformed slug');
    const organizationId = request.organization.id;
    const item = await findPublishedNews(app.db, { organizationId, slug: params.data.slug, now: app.clock() });
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

  app.get('/kontakt', publicPage, async (request, reply) => {
    return sendPage(reply, <ContactPage organization={request.organization} />);
  });

  app.get('/szukaj', publicPage, async (request, reply) => {
    const { q } = searchQuery.parse(request.query);
    const query = q.trim();
    const hits = query
      ? await searchSite(app.db, { organizationId: request.organization.id, query, now: app.clock() })
      : undefined;
    return sendPage(reply, <SearchPage organization={request.organization} query={query} hits={hits} />);
  });

  // Attachments of a news item or section are public only while it is; caches keep them briefly.
  app.get<{ Params: { key: string; name: string } }>('/pliki/:key/:name', notAPage, async (request, reply) => {
    const file = await findFileByKey(app.db, {
      organizationId: request.organization.id,
      key: fileKey(request.params.key),
      publicAt: app.clock(),
    });
    return sendSiteFile(reply, file, 'public, max-age=600');
  });

  app.get('/robots.txt', notAPage, async (request, reply) => {
    const { baseUrl = '' } = chromeContextOf(request);
    return reply.type('text/plain; charset=utf-8').send(robotsTxt(baseUrl));
  });

  app.get('/sitemap.xml', notAPage, async (request, reply) => {
    const organizationId = request.organization.id;
    const now = app.clock();
    const [news, sections] = await Promise.all([
      listNewsPaths(app.db, { organizationId, now }),
      listVisibleSectionPaths(app.db, organizationId),
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
      parent ? Promise.resolve([] as Section[]) : listVisibleChildren(app.db, organizationId, section.id),
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
        return { kind: 'gazette', issues: await listGazetteIssues(app.db, organizationId) };
      case 'forms':
        return { kind: 'forms', documents: generatedDocuments };
      default:
        return { kind: 'none' };
    }
  }

  // Sections last: static routes above win over these parametric ones.
  app.get<{ Params: { section: string } }>('/:section', publicPage, async (request, reply) => {
    const parsed = slug.safeParse(request.params.section);
    if (!parsed.success) throw new AppError('not_found', 'malformed section');
    return renderSection(request, reply, [parsed.data]);
  });

  app.get<{ Params: { section: string; page: string } }>('/:section/:page', publicPage, async (request, reply) => {
    const a = slug.safeParse(request.params.section);
    const b = slug.safeParse(request.params.page);
    if (!a.success || !b.success) throw new AppError('not_found', 'malformed section');
    return renderSection(request, reply, [a.data, b.data]);
  });
}
