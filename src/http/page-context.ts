import type { FastifyRequest } from 'fastify';
import { createContext } from 'preact';
import { fallbackChrome, type SiteChrome } from '../features/site/menu.ts';

/** What the page shell needs from the request, handed to Layout by sendPage (no prop drilling). */
export interface PageContextValue {
  chrome: SiteChrome;
  /** Absolute base address of the site, for canonical and Open Graph URLs. */
  baseUrl: string | undefined;
  /** Path and query of the request. */
  url: string | undefined;
}

export const PageContext = createContext<PageContextValue>({
  chrome: fallbackChrome,
  baseUrl: undefined,
  url: undefined,
});

/** The page context of a request (fallback chrome before the database is there). */
export function pageContextOf(request: FastifyRequest): PageContextValue {
  const organization = request.organization as FastifyRequest['organization'] | undefined;
  const baseUrl = organization?.hostname
    ? `${request.protocol}://${organization.hostname}`
    : request.server.config.publicUrl;
  return { chrome: request.chrome ?? fallbackChrome, baseUrl, url: request.url };
}
