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

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[ukryte]' },
  };
}
