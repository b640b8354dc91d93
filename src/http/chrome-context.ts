import type { FastifyRequest } from 'fastify';
import { createContext } from 'preact';

/** One entry of the site's main menu or footer links. */
export interface MenuItem {
  label: string;
  href: string;
}

/**
 * What every page's shell shows besides the organization: menu, footer links, visitor count. The
 * site feature builds it (site/menu.ts) and the app puts it on the request.
 */
export interface SiteChrome {
  menu: MenuItem[];
  footerLinks: MenuItem[];
  /** Unique visitors so far, with the organization's starting value; undefined: not shown. */
  visitors: number | undefined;
}

/** The shell before the database is there, or for an organization without sections. */
export const fallbackChrome: SiteChrome = {
  menu: [
    { label: 'Aktualności', href: '/aktualnosci' },
    { label: 'eBOK', href: '/ebok' },
  ],
  footerLinks: [{ label: 'Kontakt', href: '/kontakt' }],
  visitors: undefined,
};

/** The organization's look (features/branding): its colour stylesheet, logo and theme colour. */
export interface Brand {
  /** Address of the stylesheet with the organization's colours; undefined: the defaults of site.css. */
  stylesheet: string | undefined;
  /** Address of the logo; undefined: the header shows the name alone. */
  logo: string | undefined;
  /** The browser's theme colour (the main colour). */
  themeColor: string;
}

export const defaultBrand: Brand = { stylesheet: undefined, logo: undefined, themeColor: '#14532d' };

/** What the page shell needs from the request, handed to Layout by sendPage (no prop drilling). */
export interface ChromeContextValue {
  chrome: SiteChrome;
  brand: Brand;
  /** Absolute base address of the site, for canonical and Open Graph URLs. */
  baseUrl: string | undefined;
  /** Path and query of the request. */
  url: string | undefined;
}

export const ChromeContext = createContext<ChromeContextValue>({
  chrome: fallbackChrome,
  brand: defaultBrand,
  baseUrl: undefined,
  url: undefined,
});

/** The page chrome of a request (fallback chrome before the database is there). */
export function chromeContextOf(request: FastifyRequest): ChromeContextValue {
  const organization = request.organization as FastifyRequest['organization'] | undefined;
  const baseUrl = organization?.hostname
    ? `${request.protocol}://${organization.hostname}`
    : request.server.config.publicUrl;
  return { chrome: request.chrome ?? fallbackChrome, brand: request.brand ?? defaultBrand, baseUrl, url: request.url };
}
