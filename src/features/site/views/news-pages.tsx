import type { SiteFile } from '../../../files/store.ts';
import { Layout } from '../../../http/layout.tsx';
import { formatLongDate } from '../../../lib/format.ts';
import { polishPlural } from '../../../lib/plural.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import type { Organization } from '../../organizations/queries.ts';
import type { NewsItem, NewsSummary } from '../queries.ts';
import { AttachmentList } from './attachments.tsx';
import { NewsList } from './news-list.tsx';

function ArchiveLinks({ years, current }: { years: { year: number; count: number }[]; current?: number }) {
  if (years.length === 0) return null;
  return (
    <nav class="side-nav archive-years" aria-label="Archiwum aktualności">
      <h2>Archiwum</h2>
      <ul>
        {years.map(({ year, count }) => (
          <li key={year}>
            <a href={`/aktualnosci/archiwum/${year}`} aria-current={year === current ? 'page' : undefined}>
              {year}
            </a>{' '}
            <span class="meta">
              ({count} {polishPlural(count, { one: 'wpis', few: 'wpisy', many: 'wpisów' })})
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function NewsIndexPage({
  organization,
  news,
  page,
  pageCount,
  years,
}: {
  organization: Organization;
  news: NewsSummary[];
  page: number;
  pageCount: number;
  years: { year: number; count: number }[];
}) {
  return (
    <Layout
      title={page > 1 ? `Aktualności, strona ${page}` : 'Aktualności'}
      organization={organization}
      path="/aktualnosci"
      description={`Aktualności: ${organization.name}.`}
    >
      <h1>Aktualności</h1>
      <div class="with-sidebar">
        <div>
          {news.length > 0 ? (
            <NewsList items={news} />
          ) : (
            <p class="empty">Nie opublikowano jeszcze żadnych aktualności.</p>
          )}
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
        </div>
        <ArchiveLinks years={years} />
      </div>
    </Layout>
  );
}

export function NewsArchivePage({
  organization,
  year,
  news,
  years,
}: {
  organization: Organization;
  year: number;
  news: NewsSummary[];
  years: { year: number; count: number }[];
}) {
  return (
    <Layout
      title={`Aktualności z ${year} roku`}
      organization={organization}
      path="/aktualnosci"
      description={`Archiwum aktualności z ${year} roku.`}
    >
      <p class="breadcrumbs">
        <a href="/aktualnosci">Aktualności</a> › Archiwum {year}
      </p>
      <h1>Aktualności z {year} roku</h1>
      <div class="with-sidebar">
        <div>
          <NewsList items={news} />
        </div>
        <ArchiveLinks years={years} current={year} />
      </div>
    </Layout>
  );
}

export function NewsItemPage({
  organization,
  item,
  bodyHtml,
  attachments,
}: {
  organization: Organization;
  item: NewsItem;
  /** The body rendered from Markdown and sanitized. */
  bodyHtml: string;
  attachments: SiteFile[];
}) {
  const publishedAt = item.publishedAt ?? item.createdAt;
  return (
    <Layout
      title={item.title}
      organization={organization}
      path="/aktualnosci"
      description={item.lead || undefined}
      ogType="article"
    >
      <article class="news-item">
        <h1>{item.title}</h1>
        <p class="meta">
          <time dateTime={warsawDate(publishedAt)}>{formatLongDate(publishedAt)}</time>
        </p>
        {item.lead ? <p class="lead">{item.lead}</p> : null}
        {/* Sanitized by markdownToSafeHtml: the only place HTML from content enters a page. */}
        <div class="prose" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        <AttachmentList files={attachments} headingId="zalaczniki" />
      </article>
      <p>
        <a href="/aktualnosci">« Wszystkie aktualności</a>
      </p>
    </Layout>
  );
}
