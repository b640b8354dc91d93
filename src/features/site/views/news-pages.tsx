import { Layout } from '../../../http/layout.tsx';
import { formatLongDate, isoDateInWarsaw } from '../../../lib/format.ts';
import type { Organization } from '../../organizations/queries.ts';
import type { NewsItem, NewsSummary } from '../queries.ts';
import { NewsList } from './news-list.tsx';

export function NewsIndexPage({
  organization,
  news,
  page,
  pageCount,
}: {
  organization: Organization;
  news: NewsSummary[];
  page: number;
  pageCount: number;
}) {
  return (
    <Layout title="Aktualności" organization={organization} path="/aktualnosci">
      <h1>Aktualności</h1>
      {news.length > 0 ? <NewsList items={news} /> : <p class="empty">Nie opublikowano jeszcze żadnych aktualności.</p>}
      {pageCount > 1 ? (
        <nav class="pagination" aria-label="Strony aktualności">
          {page > 1 ? (
            <a href={`/aktualnosci?strona=${page - 1}`} rel="prev">
              « nowsze
            </a>
          ) : null}
          <span>
            Strona {page} z {pageCount}
          </span>
          {page < pageCount ? (
            <a href={`/aktualnosci?strona=${page + 1}`} rel="next">
              starsze »
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function NewsItemPage({
  organization,
  item,
  bodyHtml,
}: {
  organization: Organization;
  item: NewsItem;
  /** The body rendered from Markdown and sanitized. */
  bodyHtml: string;
}) {
  const publishedAt = item.publishedAt ?? item.createdAt;
  return (
    <Layout title={item.title} organization={organization} path="/aktualnosci" description={item.lead || undefined}>
      <article class="news-item">
        <h1>{item.title}</h1>
        <p class="meta">
          <time dateTime={isoDateInWarsaw(publishedAt)}>{formatLongDate(publishedAt)}</time>
        </p>
        {item.lead ? <p class="lead">{item.lead}</p> : null}
        {/* Sanitized by markdownToSafeHtml: the only place HTML from content enters a page. */}
        <div class="prose" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      </article>
      <p>
        <a href="/aktualnosci">« Wszystkie aktualności</a>
      </p>
    </Layout>
  );
}
