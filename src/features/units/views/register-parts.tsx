/** Shared parts of the register's back-office pages: the shell, selects, sorting and paging. */
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import { can } from '../../../policy.ts';

export { unitAddress } from '../../../lib/address.ts';

/** `01.10.2001 – 01.03.2026`, or `od 01.10.2001` while open-ended. */
export const period = (from: string, to: string | null) =>
  to ? `${formatCalendarDate(from)} – ${formatCalendarDate(to)}` : `od ${formatCalendarDate(from)}`;

/** A link back to the page a form belongs to. */
export function Back({ href, label }: { href: string; label: string }) {
  return (
    <nav class="breadcrumbs" aria-label="Okruszki">
      <a href={href}>« {label}</a>
    </nav>
  );
}

const tabs = [
  { href: '/panel/rejestr', label: 'Lokale' },
  { href: '/panel/rejestr/osoby', label: 'Osoby' },
  { href: '/panel/rejestr/budynki', label: 'Budynki' },
];

/** Every register page: the back-office shell with the register's own tabs. */
export function RegisterLayout({
  ctx,
  title,
  children,
  head,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra elements for <head>. */
  head?: ComponentChildren;
}) {
  const links = can(ctx.account, 'register.change')
    ? [...tabs, { href: '/panel/rejestr/import', label: 'Import z pliku' }]
    : tabs;
  return (
    <PortalLayout ctx={ctx} title={title} head={head}>
      <nav class="filters register-tabs" aria-label="Rejestr">
        {links.map((tab) => (
          <a key={tab.href} href={tab.href} aria-current={ctx.path === tab.href ? 'page' : undefined}>
            {tab.label}
          </a>
        ))}
      </nav>
      {children}
    </PortalLayout>
  );
}

/** Builds list URLs that keep the search and change one parameter. */
export function listUrl(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** A column header that sorts the list by it; a second click reverses the order. */
export function SortHeader({
  label,
  column,
  current,
  dir,
  href,
  class: className,
}: {
  label: string;
  column: string;
  current: string;
  dir: 'asc' | 'desc';
  /** The list's URL for a sort column and direction. */
  href: (column: string, dir: 'asc' | 'desc') => string;
  class?: string;
}) {
  const active = column === current;
  const nextDir = active && dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" class={className} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={href(column, nextDir)}>
        {label}
        {active ? <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
}

export function Pagination({
  page,
  pages,
  total,
  href,
  label,
}: {
  page: number;
  pages: number;
  total: number;
  href: (page: number) => string;
  label: string;
}) {
  return (
    <nav class="pagination" aria-label={label}>
      {page > 1 ? <a href={href(page - 1)}>« poprzednia</a> : null}
      <span>
        Strona {page} z {pages} (razem {total})
      </span>
      {page < pages ? <a href={href(page + 1)}>następna »</a> : null}
    </nav>
  );
}

/** Definition list of a record's data. */
export function DataList({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="data-list">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
