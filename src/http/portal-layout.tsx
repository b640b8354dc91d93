import type { ComponentChildren } from 'preact';
import { type Capability, can } from '../policy.ts';
import type { MenuItem } from './chrome-context.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** The back office's sections, each shown to the staff whose roles grant its capability. */
const staffMenu: (MenuItem & { capability: Capability })[] = [
  { label: 'Rejestr', href: '/panel/rejestr', capability: 'register.read' },
  { label: 'Finanse', href: '/panel/finanse', capability: 'ledger.read' },
  { label: 'Media', href: '/panel/media', capability: 'media.manage' },
  { label: 'Aktywacja e-BOK', href: '/panel/aktywacja', capability: 'accounts.open' },
  { label: 'Poczta wychodząca', href: '/panel/poczta', capability: 'outbox.read' },
  { label: 'Korespondencja', href: '/panel/korespondencja', capability: 'letters.send' },
  { label: 'Zgłoszenia', href: '/panel/zgloszenia', capability: 'requests.handle' },
  { label: 'Rezerwacje sal', href: '/panel/rezerwacje', capability: 'requests.handle' },
  { label: 'Strona internetowa', href: '/panel/strona', capability: 'site.edit' },
  { label: 'Dokumenty dla członków', href: '/panel/dokumenty-czlonkow', capability: 'site.edit' },
  { label: 'Pracownicy', href: '/panel/pracownicy', capability: 'staff.manage' },
  { label: 'Dziennik zdarzeń', href: '/panel/dziennik', capability: 'audit.read' },
  { label: 'Kopie zapasowe', href: '/panel/kopie-zapasowe', capability: 'system.backups' },
];

/** Section menus of e-BOK and the back office, by what the signed-in account may open. */
function sectionNav(ctx: PageContext): MenuItem[] | undefined {
  const account = ctx.account;
  if (!account) return undefined;
  if (account.kind === 'member') {
    return [
      { label: 'Pulpit', href: '/ebok' },
      { label: 'Finanse', href: '/ebok/finanse' },
      { label: 'Liczniki', href: '/ebok/liczniki' },
      { label: 'Moje lokale', href: '/ebok/lokale' },
      { label: 'Korespondencja', href: '/ebok/korespondencja' },
      { label: 'Zgłoszenia', href: '/ebok/zgloszenia' },
      { label: 'Wiadomości', href: '/ebok/wiadomosci' },
      { label: 'Dokumenty', href: '/ebok/dokumenty' },
      { label: 'Rezerwacja sali', href: '/ebok/rezerwacje' },
      { label: 'Moje konto', href: '/ebok/konto' },
    ];
  }
  const items: MenuItem[] = [{ label: 'Pulpit', href: '/panel' }];
  for (const entry of staffMenu) if (can(account, entry.capability)) items.push(entry);
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
