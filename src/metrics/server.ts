import { createServer, type Server } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseGate } from '../http/app.ts';
import { bearerTokenMatches, metricsContentType, renderMetrics } from './scrape.ts';

/**
 * /metrics on a port of its own (METRICS_PORT on METRICS_HOST, loopback by default), for a
 * Prometheus that should not go through the public proxy; with METRICS_TOKEN it wants the token too.
 */
export async function startMetricsServer({
  config,
  gate,
  log,
}: {
  config: Config;
  gate: DatabaseGate;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}): Promise<{ port: number; close(): Promise<void> } | undefined> {
  const { port, host, token } = config.metrics;
  if (port === undefined) return undefined;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only /metrics here\n');
      return;
    }
    if (token && !bearerTokenMatches(request.headers.authorization, token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('metrics need the bearer token\n');
      return;
    }
    renderMetrics(gate.database).then(
      (text) => {
        response.writeHead(200, { 'content-type': metricsContentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        log.warn({ err: error }, 'metrics could not be read');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be read\n');
      },
    );
  });
  // A scrape is one short request: no keep-alive connection holds the stop up.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  log.info({ host, port: actual }, 'metrics listening');
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
