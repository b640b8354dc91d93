import type { ComponentChildren } from 'preact';
import type { MenuItem } from '../features/site/menu.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** Section menus of e-BOK and the back office, by what the signed-in account may open. */
function sectionNav(ctx: PageContext): MenuItem[] | undefined {
  const account = ctx.account;
  if (!account) return undefined;
  if (account.kind === 'member') {
    return [
      { label: 'Pulpit', href: '/ebok' },
      { label: 'Finanse', href: '/ebok/finanse' },
      { label: 'Moje lokale', href: '/ebok/lokale' },
      { label: 'Korespondencja', href: '/ebok/korespondencja' },
      { label: 'Moje konto', href: '/ebok/konto' },
    ];
  }
  const items: MenuItem[] = [{ label: 'Pulpit', href: '/panel' }];
  if (['admin', 'clerk', 'accountant'].some((role) => account.roles.includes(role as never))) {
    items.push({ label: 'Rejestr', href: '/panel/rejestr' });
    items.push({ label: 'Finanse', href: '/panel/finanse' });
  }
  if (account.roles.includes('admin') || account.roles.includes('clerk')) {
    items.push({ label: 'Aktywacja e-BOK', href: '/panel/aktywacja' });
    items.push({ label: 'Poczta wychodząca', href: '/panel/poczta' });
  }
  if (account.roles.some((role) => role === 'admin' || role === 'clerk' || role === 'editor')) {
    items.push({ label: 'Korespondencja', href: '/panel/korespondencja' });
  }
  if (account.roles.includes('admin') || account.roles.includes('editor')) {
    items.push({ label: 'Strona internetowa', href: '/panel/strona' });
  }
  if (account.roles.includes('admin')) {
    items.push(
      { label: 'Pracownicy', href: '/panel/pracownicy' },
      { label: 'Dziennik zdarzeń', href: '/panel/dziennik' },
    );
  }
  items.push({ label: 'Moje konto', href: '/panel/konto' });
  return items;
}

/** The page shell for signed-in pages: the site's layout with the user bar and section menu. */
export function PortalLayout({
  ctx,
  title,
  children,
  fullNav = true,
  head,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra elements for <head>. */
  head?: ComponentChildren;
  /** False on sign-in steps, where nothing else may be opened yet. */
  fullNav?: boolean;
}) {
  const account = ctx.account;
  return (
    <Layout
      title={title}
      organization={ctx.organization}
      path={ctx.path}
      user={account ? { name: account.displayName, csrfToken: ctx.csrfToken } : undefined}
      sectionNav={fullNav ? sectionNav(ctx) : undefined}
      head={head}
    >
      {children}
    </Layout>
  );
}
