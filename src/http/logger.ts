import type { FastifyServerOptions } from 'fastify';

/**
 * Paths that never reach a log line: credentials, session cookies and personal numbers.
 * Fastify logs no bodies by default; these cover headers and anything a handler logs.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.pesel',
  '*.totp',
  '*.token',
  '*.secret',
  'body.password',
  'body.pesel',
];

/**
 * A URL fit for a log: the secret tokens of e-mailed links (`/ebok/nowe-haslo/<token>`,
 * `/korespondencja/potwierdz/<token>`, …) are hidden. Any path segment or query value that looks
 * like one of our tokens (`randomToken`: 43 base64url characters) is, so a link added later is
 * covered too, while slugs (lower case, digits, hyphens) stay readable; so are PESEL numbers
 * typed into a search. The database keeps only
 * the tokens' hashes and the log must not keep more.
 */
export function redactUrl(url: string): string {
  return (
    url
      .replace(/([/=])(?=[A-Za-z0-9-]*[A-Z_])[A-Za-z0-9_-]{32,}(?=[/?&#]|$)/g, '$1[ukryte]')
      // A PESEL typed into a search box (?osoba=…, ?q=…): eleven digits, wherever they stand.
      .replace(/(?:(?<=%[0-9A-Fa-f]{2})|(?<![\d%]))\d{11}(?!\d)/g, '[ukryte]')
  );
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[ukryte]' },
    serializers: {
      req(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        };
      },
    },
  };
}
