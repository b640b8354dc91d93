import { markdownToSafeHtml } from '../../lib/markdown.ts';
import { escapeXml } from '../../lib/xml.ts';
import type { NewsItem } from './queries.ts';

/** When an item last changed for its readers: edited after publication, or published. */
function lastChange(item: NewsItem): Date {
  const published = item.publishedAt ?? item.createdAt;
  return new Date(Math.max(item.updatedAt.getTime(), published.getTime()));
}

/**
 * The Atom feed of news. Every value is escaped; the body goes in as sanitized HTML, itself
 * escaped as text (type="html"), so a reader never gets markup from the source unsanitized.
 */
export function atomFeed({ baseUrl, title, items }: { baseUrl: string; title: string; items: NewsItem[] }): string {
  const updated = new Date(Math.max(0, ...items.map((item) => lastChange(item).getTime())));
  const entries = items.map((item) => {
    const url = `${baseUrl}/aktualnosci/${item.slug}`;
    const published = (item.publishedAt ?? item.createdAt).toISOString();
    return `  <entry>
    <title>${escapeXml(item.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <id>${escapeXml(url)}</id>
    <published>${published}</published>
    <updated>${lastChange(item).toISOString()}</updated>
${item.lead ? `    <summary>${escapeXml(item.lead)}</summary>\n` : ''}    <content type="html">${escapeXml(markdownToSafeHtml(item.body))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pl">
  <title>${escapeXml(`Aktualności · ${title}`)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${baseUrl}/aktualnosci/feed.xml`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}/aktualnosci`)}"/>
  <id>${escapeXml(`${baseUrl}/aktualnosci`)}</id>
  <updated>${updated.toISOString()}</updated>
  <author><name>${escapeXml(title)}</name></author>
${entries.join('\n')}
</feed>
`;
}

/** sitemap.xml from absolute paths with their last change. */
export function sitemap(baseUrl: string, pages: { path: string; updatedAt?: Date | undefined }[]): string {
  const urls = pages.map(
    (page) =>
      `  <url><loc>${escapeXml(`${baseUrl}${page.path}`)}</loc>${page.updatedAt ? `<lastmod>${page.updatedAt.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}

/** robots.txt: everything public may be indexed except the members' portal and the back office. */
export function robotsTxt(baseUrl: string): string {
  return `User-agent: *
Disallow: /ebok/
Disallow: /panel
Allow: /

Sitemap: ${baseUrl}/sitemap.xml
`;
}
