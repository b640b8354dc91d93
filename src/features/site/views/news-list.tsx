import { formatLongDate } from '../../../lib/format.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import type { NewsSummary } from '../queries.ts';

/** A list of news summaries with links to the items. */
export function NewsList({ items, headingLevel = 2 }: { items: NewsSummary[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="news-list">
      {items.map((item) => (
        <li key={item.id}>
          <article>
            <Heading>
              <a href={`/aktualnosci/${item.slug}`}>{item.title}</a>
            </Heading>
            <p class="meta">
              <time dateTime={warsawDate(item.publishedAt)}>{formatLongDate(item.publishedAt)}</time>
            </p>
            {item.lead ? <p>{item.lead}</p> : null}
          </article>
        </li>
      ))}
    </ul>
  );
}
