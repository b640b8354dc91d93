import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Organization } from '../features/organizations/queries.ts';
import { organizationAddress } from '../lib/address.ts';
import { visitorCountLine } from '../lib/plural.ts';
import { assetUrl } from './assets.ts';
import type { MenuItem } from './chrome-context.ts';
import { ChromeContext } from './chrome-context.ts';

export interface LayoutProps {
  /** Page title, without the organization's name (added here). */
  title: string;
  organization: Organization | undefined;
  /** Path of the current page, to mark the menu entry. */
  path?: string;
  description?: string | undefined;
  /** Open Graph type: `article` for news items. */
  ogType?: 'website' | 'article';
  /** Extra elements for <head> (e.g. the news feed link). */
  head?: ComponentChildren;
  /** The signed-in user, shown in the header with a sign-out button. */
  user?: SignedInUser | undefined;
  /** Navigation of e-BOK or the back office, below the main menu. */
  sectionNav?: MenuItem[] | undefined;
  /** A sign-in page: the first skip link goes straight to the login field (`pole-login`). */
  skipToSignIn?: boolean;
  children: ComponentChildren;
}

export interface SignedInUser {
  name: string;
  /** CSRF token for the sign-out form. */
  csrfToken: string;
}

/** The page shell of every HTML page: header, main menu, content and footer. */
export function Layout({
  title,
  organization,
  path = '',
  description,
  ogType = 'website',
  head,
  user,
  sectionNav,
  skipToSignIn = false,
  children,
}: LayoutProps) {
  const { chrome, brand } = useContext(ChromeContext);
  const siteName = organization?.name ?? 'Osiedle';
  return (
    <html lang="pl">
      <DocumentHead title={title} organization={organization} description={description} ogType={ogType}>
        {organization ? (
          <link rel="alternate" type="application/atom+xml" title="Aktualności" href="/aktualnosci/feed.xml" />
        ) : null}
        {head}
      </DocumentHead>
      <body>
        {skipToSignIn ? (
          <a class="skip-link" href="#pole-login">
            Przejdź do logowania
          </a>
        ) : null}
        <a class="skip-link" href="#tresc">
          Przejdź do treści
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <div>
              <a class="site-name" href="/">
                {brand.logo ? <img class="site-logo" src={brand.logo} alt="" height={48} /> : null}
                {siteName}
              </a>
              {organization ? (
                <p class="site-tagline">
                  {organization.postcode} {organization.city}, {organization.street}
                </p>
              ) : null}
            </div>
            {user ? (
              <form class="user-bar" method="post" action="/wyloguj">
                <span>
                  Zalogowano: <strong>{user.name}</strong>
                </span>
                <input type="hidden" name="_csrf" value={user.csrfToken} />
                <button type="submit" class="secondary small">
                  Wyloguj
                </button>
              </form>
            ) : null}
            {organization ? (
              <search class="search-form">
                <form method="get" action="/szukaj">
                  <label for="szukaj-q" class="visually-hidden">
                    Szukaj w serwisie
                  </label>
                  <input id="szukaj-q" type="search" name="q" placeholder="Szukaj w serwisie" maxLength={200} />
                  <button type="submit">Szukaj</button>
                </form>
              </search>
            ) : null}
          </div>
          <nav class="main-menu" aria-label="Menu główne">
            <ul class="wrap">
              {chrome.menu.map((item) => (
                <li key={item.href}>
                  <a
                    href={item.href}
                    aria-current={path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {sectionNav ? (
            <nav class="section-menu" aria-label="Menu serwisu">
              <ul class="wrap">
                {sectionNav.map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="tresc" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <Footer organization={organization} />
      </body>
    </html>
  );
}

/** The organization's emergency numbers (settings), as links a phone can call. */
export function EmergencyPhones({ phones }: { phones: { label: string; phone: string }[] }) {
  if (phones.length === 0) return null;
  return (
    <section class="emergency-phones" aria-label="Numery alarmowe">
      <h2>Numery alarmowe</h2>
      <ul class="contact-list">
        {phones.map((entry) => (
          <li key={entry.label}>
            {entry.label}: <a href={`tel:${entry.phone.replace(/[^\d+]/g, '')}`}>{entry.phone}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The <head> of every page: title with the organization's name, description, Open Graph, styles, icons. */
export function DocumentHead({
  title,
  organization,
  description,
  ogType = 'website',
  children,
}: {
  title: string;
  organization: Organization | undefined;
  description?: string | undefined;
  ogType?: 'website' | 'article';
  children?: ComponentChildren;
}) {
  const { baseUrl, url, brand } = useContext(ChromeContext);
  const siteName = organization?.name ?? 'Osiedle';
  const fullTitle = title === siteName ? siteName : `${title} · ${siteName}`;
  const pageDescription =
    description ?? (organization ? `${organization.name}, ${organizationAddress(organization)}` : undefined);
  const absoluteUrl = baseUrl && url ? `${baseUrl}${url}` : undefined;
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{fullTitle}</title>
      {pageDescription ? <meta name="description" content={pageDescription} /> : null}
      <meta property="og:title" content={title} />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:type" content={ogType} />
      <meta property="og:locale" content="pl_PL" />
      {pageDescription ? <meta property="og:description" content={pageDescription} /> : null}
      {absoluteUrl ? <meta property="og:url" content={absoluteUrl} /> : null}
      <meta name="theme-color" content={brand.themeColor} />
      <link rel="stylesheet" href={assetUrl('site.css')} />
      {brand.stylesheet ? <link rel="stylesheet" href={brand.stylesheet} /> : null}
      <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
      <link rel="apple-touch-icon" href={assetUrl('icons/apple-touch-icon.png')} />
      {organization ? <link rel="manifest" href="/manifest.webmanifest" /> : null}
      {children}
    </head>
  );
}

function Footer({ organization }: { organization: Organization | undefined }) {
  const { chrome } = useContext(ChromeContext);
  if (!organization) return <footer class="site-footer" />;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          <strong>{organization.name}</strong>
          <br />
          {organizationAddress(organization)}
        </p>
        <ul class="contact-list">
          {organization.phone ? (
            <li>
              tel. <a href={`tel:${organization.phone.replace(/[^\d+]/g, '')}`}>{organization.phone}</a>
            </li>
          ) : null}
          {organization.fax ? <li>tel./faks {organization.fax}</li> : null}
          {organization.email ? (
            <li>
              e-mail: <a href={`mailto:${organization.email}`}>{organization.email}</a>
            </li>
          ) : null}
        </ul>
        <EmergencyPhones phones={organization.settings.emergencyPhones ?? []} />
        <ul class="footer-links">
          {chrome.footerLinks.map((item) => (
            <li key={item.href}>
              <a href={item.href}>{item.label}</a>
            </li>
          ))}
          <li>
            <a href="/aktualnosci/feed.xml">Kanał Atom aktualności</a>
          </li>
        </ul>
        {chrome.visitors !== undefined ? <VisitorCount count={chrome.visitors} /> : null}
      </div>
    </footer>
  );
}

/** The footer's visitor count; the page cache puts the current one into a stored page (page-cache.ts). */
export function VisitorCount({ count }: { count: number }) {
  return <p class="visitor-count">{visitorCountLine(count)}</p>;
}
