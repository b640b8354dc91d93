import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTestDatabase } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real app on a fresh test database, for `app.inject` requests. `addRoutes` may register
 * extra routes (e.g. one that fails on purpose) before the app is sealed.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  addRoutes?: (app: FastifyInstance) => void,
  options: { clock?: () => Date } = {},
): Promise<TestApp> {
  // Edits made by calling feature functions directly show on the next request.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SITE_CACHE_CHECK_MS: '0', ...env });
  const database = await createTestDatabase();
  const app = await buildApp({ config, gate: { database }, ...options });
  addRoutes?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
