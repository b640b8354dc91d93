import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Account } from '../features/accounts/queries.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { organizationAddress } from '../lib/address.ts';
import { type Capability, can } from '../policy.ts';
import { ChromeContext, type MenuItem } from './chrome-context.ts';
import { DocumentHead, Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** The back office's sections, each shown to the staff whose roles grant its capability. */
export const staffMenu: readonly (MenuItem & { capability: Capability })[] = [
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
  { label: 'Wygląd', href: '/panel/wyglad', capability: 'branding.edit' },
];

/** The member's sections of e-BOK. */
export const memberMenu: readonly MenuItem[] = [
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

/** The back office's menu for this staff member: the desk, the sections their roles open, the account. */
export function staffNav(account: Pick<Account, 'kind' | 'roles'>): MenuItem[] {
  return [
    { label: 'Pulpit', href: '/panel' },
    ...staffMenu.filter((entry) => can(account, entry.capability)),
    { label: 'Moje konto', href: '/panel/konto' },
  ];
}

/** Whether a menu entry is the current page's section (the start pages match only themselves). */
function isCurrent(path: string, href: string): boolean {
  if (href === '/panel' || href === '/ebok') return path === href;
  return path === href || path.startsWith(`${href}/`);
}

/**
 * The page shell for signed-in pages: a compact back office for staff, a compact e-BOK for members
 * (no public menu above the content; the public site is one link away), and the site's layout on
 * sign-in steps before anyone is known.
 */
export function PortalLayout({
  ctx,
  title,
  children,
  fullNav = true,
  head,
  skipToSignIn = false,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra elements for <head>. */
  head?: ComponentChildren;
  /** False on sign-in steps, where nothing else may be opened yet. */
  fullNav?: boolean;
  /** A sign-in page: the first skip link goes to the login field. */
  skipToSignIn?: boolean;
}) {
  const account = ctx.account;
  if (!account) {
    return (
      <Layout title={title} organization={ctx.organization} path={ctx.path} head={head} skipToSignIn={skipToSignIn}>
        {children}
      </Layout>
    );
  }
  const staff = account.kind === 'staff';
  const nav = fullNav ? (staff ? staffNav(account) : [...memberMenu]) : undefined;
  return (
    <html lang="pl">
      <DocumentHead title={title} organization={ctx.organization}>
        {head}
      </DocumentHead>
      <body class={staff ? 'portal portal-staff' : 'portal portal-member'}>
        <a class="skip-link" href="#tresc">
          Przejdź do treści
        </a>
        <header class="portal-header">
          <div class="wrap portal-bar">
            <a class="portal-name" href={staff ? '/panel' : '/ebok'}>
              <PortalLogo />
              <span class="portal-org">{ctx.organization.name}</span>{' '}
              <span class="portal-section">{staff ? 'Panel pracownika' : 'e-BOK'}</span>
            </a>
            <form class="portal-user" method="post" action="/wyloguj">
              <span class="portal-who">
                <span class="visually-hidden">Zalogowano: </span>
                {account.displayName}
              </span>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <button type="submit" class="secondary small">
                Wyloguj
              </button>
            </form>
          </div>
          {nav ? (
            <nav class="portal-nav" aria-label="Menu serwisu">
              <details class="nav-fold">
                <summary>Menu</summary>
                <ul class="wrap">
                  {nav.map((item) => (
                    <li key={item.href}>
                      <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                  {staff ? null : (
                    <li class="nav-public">
                      <a href="/">Strona Spółdzielni</a>
                    </li>
                  )}
                </ul>
              </details>
            </nav>
          ) : null}
        </header>
        <main id="tresc" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <PortalFooter organization={ctx.organization} staff={staff} />
      </body>
    </html>
  );
}

/** The organization's logo beside its name, when it has one (the name stays as text). */
function PortalLogo() {
  const { brand } = useContext(ChromeContext);
  return brand.logo ? <img class="portal-logo" src={brand.logo} alt="" height={32} /> : null;
}

function PortalFooter({ organization, staff }: { organization: Organization; staff: boolean }) {
  return (
    <footer class="portal-footer">
      <div class="wrap">
        <p>
          <strong>{organization.name}</strong>, {organizationAddress(organization)}
          {organization.phone ? (
            <>
              {' · '}tel. <a href={`tel:${organization.phone.replace(/[^\d+]/g, '')}`}>{organization.phone}</a>
            </>
          ) : null}
          {' · '}
          <a href="/">{staff ? 'Strona publiczna' : 'Strona Spółdzielni'}</a>
        </p>
      </div>
    </footer>
  );
}
