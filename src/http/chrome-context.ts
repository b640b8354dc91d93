import type { FastifyRequest } from 'fastify';
import { createContext } from 'preact';
import { fallbackChrome, type SiteChrome } from '../features/site/menu.ts';

/** What the page shell needs from the request, handed to Layout by sendPage (no prop drilling). */
export interface ChromeContextValue {
  chrome: SiteChrome;
  /** Absolute base address of the site, for canonical and Open Graph URLs. */
  baseUrl: string | undefined;
  /** Path and query of the request. */
  url: string | undefined;
}

export const ChromeContext = createContext<ChromeContextValue>({
  chrome: fallbackChrome,
  baseUrl: undefined,
  url: undefined,
});

/** The page chrome of a request (fallback chrome before the database is there). */
export function chromeContextOf(request: FastifyRequest): ChromeContextValue {
  const organization = request.organization as FastifyRequest['organization'] | undefined;
  const baseUrl = organization?.hostname
    ? `${request.protocol}://${organization.hostname}`
    : request.server.config.publicUrl;
  return { chrome: request.chrome ?? fallbackChrome, baseUrl, url: request.url };
}
