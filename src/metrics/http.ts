import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseGate } from '../http/app.ts';
import { access } from '../http/auth.ts';
import { httpRequestDuration, httpServerErrors } from './registry.ts';
import { bearerTokenMatches, enableMetrics, metricsContentType, renderMetrics } from './scrape.ts';

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Whether this configuration collects metrics at all (a metrics port, or a token for /metrics). */
export function metricsEnabled(config: Config): boolean {
  return config.metrics.port !== undefined || config.metrics.token !== undefined;
}

/**
 * Times every response by its route pattern and counts 5xx, when metrics are on; with METRICS_TOKEN
 * and no METRICS_PORT, also serves /metrics on this app behind the token. Returns that path then.
 */
export function installMetrics(app: FastifyInstance, { config, gate }: { config: Config; gate: DatabaseGate }) {
  if (!metricsEnabled(config)) return undefined;
  enableMetrics();
  app.addHook('onResponse', async (request, reply) => {
    // The pattern the router matched (`/ebok/finanse/:unitId`), never the URL with its ids or tokens.
    const route = request.routeOptions.url ?? '(none)';
    const method = methods.has(request.method) ? request.method : 'OTHER';
    const status = String(reply.statusCode);
    httpRequestDuration.observe({ route, method, status }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) httpServerErrors.inc({ route, status });
  });
  const token = config.metrics.token;
  if (config.metrics.port !== undefined || !token) return undefined;
  app.get(
    '/metrics',
    { ...access('public'), config: { ...access('public').config, page: 'none' } },
    async (request, reply) => {
      if (!bearerTokenMatches(request.headers.authorization, token)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer')
          .type('text/plain')
          .send('metrics need the bearer token\n');
      }
      return reply
        .header('cache-control', 'no-store')
        .type(metricsContentType)
        .send(await renderMetrics(gate.database));
    },
  );
  return '/metrics';
}
