import net from 'node:net';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { DatabaseUnavailableError } from '../db/transient.ts';
import { buildApp } from './app.ts';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** What a request meets when the database fails over under it, as node-postgres and Drizzle throw it. */
const failures: Record<string, () => unknown> = {
  'admin-shutdown': () =>
    new DrizzleQueryError('select 1', [], pgError('57P01', 'terminating connection due to administrator command')),
  'read-only': () =>
    new DrizzleQueryError('insert …', [], pgError('25006', 'cannot execute INSERT in a read-only transaction')),
  'connection-lost': () => new DrizzleQueryError('select 1', [], new Error('Connection terminated unexpectedly')),
  refused: () => pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
  'pool-timeout': () => new Error('timeout exceeded when trying to connect'),
  'no-primary': () => new DatabaseUnavailableError('127.0.0.1:5433 is read-only (a standby)'),
  'statement-timeout': () =>
    new DrizzleQueryError('select …', [], pgError('57014', 'canceling statement due to statement timeout')),
};

describe('a database that is failing over', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, (app) => {
      for (const [name, failure] of Object.entries(failures)) {
        app.get(`/test-db/${name}`, { config: { access: 'public' } }, async () => {
          throw failure();
        });
      }
      app.get('/test-db/duplicate', { config: { access: 'public' } }, async () => {
        throw new DrizzleQueryError('insert …', [], pgError('23505', 'duplicate key value'));
      });
    });
    await makeOrganization(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 with Retry-After and "try again in a moment" in Polish, for every kind of failure', async () => {
    for (const name of Object.keys(failures)) {
      const response = await t.app.inject(`/test-db/${name}`);
      expect(response.statusCode, name).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('Serwis chwilowo niedostępny');
      expect(response.body).toContain('Spróbuj ponownie za chwilę.');
      expect(response.body).not.toContain('ECONNREFUSED');
    }
  });

  it('still answers a real database error with the 500 page', async () => {
    const response = await t.app.inject('/test-db/duplicate');
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Przepraszamy, wystąpił błąd');
  });
});

describe('an app whose PostgreSQL servers are all down', () => {
  it('answers pages 503 at once (not after a hang) and /readyz 503', async () => {
    const ports = await Promise.all([closedPort(), closedPort()]);
    const database = await openDatabase({
      url: `postgres://osiedle@127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}/osiedle?target_session_attrs=read-write`,
      connectTimeoutMs: 1000,
    });
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), gate: { database } });
    try {
      const started = performance.now();
      const page = await app.inject('/');
      expect(performance.now() - started).toBeLessThan(1500);
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('Spróbuj ponownie za chwilę.');
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});

/** A port nothing listens on: connections to it are refused at once. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
