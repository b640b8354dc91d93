import type { ComponentChildren } from 'preact';
import type { Organization } from '../features/organizations/queries.ts';
import { type MenuItem, mainMenu } from '../features/site/menu.ts';
import { assetUrl } from './assets.ts';

export interface LayoutProps {
  /** Page title, without the organization's name (added here). */
  title: string;
  organization: Organization | undefined;
  /** Path of the current page, to mark the menu entry. */
  path?: string;
  description?: string;
  /** The signed-in user, shown in the header with a sign-out button. */
  user?: SignedInUser | undefined;
  /** Navigation of e-BOK or the back office, below the main menu. */
  sectionNav?: MenuItem[] | undefined;
  children: ComponentChildren;
}

export interface SignedInUser {
  name: string;
  /** CSRF token for the sign-out form. */
  csrfToken: string;
}

/** The page shell of every HTML page: header, main menu, content and footer. */
export function Layout({ title, organization, path = '', description, user, sectionNav, children }: LayoutProps) {
  const siteName = organization?.name ?? 'Osiedle';
  return (
    <html lang="pl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === siteName ? siteName : `${title} · ${siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#tresc">
          Przejdź do treści
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href="/">
              {siteName}
            </a>
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
              <p class="site-tagline">
                {organization.postcode} {organization.city}, {organization.street}
              </p>
            ) : null}
          </div>
          <nav class="main-menu" aria-label="Menu główne">
            <ul class="wrap">
              {mainMenu.map((item) => (
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

function Footer({ organization }: { organization: Organization | undefined }) {
  if (!organization) return <footer class="site-footer" />;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          <strong>{organization.name}</strong>
          <br />
          {organization.street}, {organization.postcode} {organization.city}
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
      </div>
    </footer>
  );
}
