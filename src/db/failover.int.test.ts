import net from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../test/support/factories.ts';
import { type PgProxy, startPgProxy } from '../../test/support/pg-proxy.ts';
import { createTestPostgresDatabase, testEngine } from '../../test/support/test-db.ts';
import { loadConfig } from '../config.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { enqueueMail, senderFor } from '../features/outbox/outbox.ts';
import { findOutboxMessage } from '../features/outbox/queries.ts';
import { buildApp } from '../http/app.ts';
import { renderMail } from '../mail/templates.tsx';
import { drainOutbox } from '../mail/worker.ts';
import { type Database, openDatabase, queryRows } from './client.ts';
import { isTransientDatabaseError } from './transient.ts';

/**
 * Failover on a real PostgreSQL server (TEST_DATABASE_URL), whose "servers" are TCP proxies in
 * front of it: a proxy that stops drops every connection and refuses new ones, as a killed server
 * does; a read-only proxy plays the standby, and turning it read-write plays its promotion.
 */
describe.skipIf(testEngine !== 'postgres')('failover between PostgreSQL servers', () => {
  let test: { url: string; drop(): Promise<void> };
  let target: { host: string; port: number };
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    const created = await createTestPostgresDatabase();
    if (!created) throw new Error('TEST_DATABASE_URL is not set');
    test = created;
    const url = new URL(created.url);
    target = { host: url.hostname, port: Number(url.port || 5432) };
  });
  afterAll(async () => {
    for (const item of opened.reverse()) await item.close();
    await test?.drop();
  });

  /** The test database's URL with these servers instead of the real one. */
  const urlThrough = (ports: number[], target_session_attrs?: string) => {
    const url = new URL(test.url);
    const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
    const query = target_session_attrs ? `?target_session_attrs=${target_session_attrs}` : '';
    return `postgres://${credentials}${ports.map((port) => `127.0.0.1:${port}`).join(',')}${url.pathname}${query}`;
  };
  const proxy = async (readOnly = false) => {
    const started = await startPgProxy(target, readOnly);
    opened.push({ close: () => started.stop() });
    return started;
  };
  const open = async (url: string) => {
    const database = await openDatabase({ url, poolSize: 4, connectTimeoutMs: 2000 });
    opened.push(database);
    return database;
  };
  const readOnly = async (database: Database) =>
    (await queryRows<{ transaction_read_only: string }>(database.db, sql`show transaction_read_only`))[0]
      ?.transaction_read_only;

  it('fails fast while its only server is down and serves again once it is back, dead connections gone', async () => {
    const server = await proxy();
    const database = await open(urlThrough([server.port]));
    // Fill the pool with idle connections, and keep one in a transaction when the server dies.
    await Promise.all([1, 2, 3].map(() => database.db.execute(sql`select pg_sleep(0.05)`)));
    const inTransaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await server.stop();
      await tx.execute(sql`select 2`);
    });
    await expect(inTransaction).rejects.toSatisfy(isTransientDatabaseError);

    const started = performance.now();
    const whileDown = await database.db.execute(sql`select 1`).catch((error: unknown) => error);
    expect(isTransientDatabaseError(whileDown)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);

    await server.start();
    for (let i = 0; i < 6; i++) expect(await readOnly(database)).toBe('off');
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
    });
  });

  it('connects to the writable server of several, and to the promoted standby after a failover', async () => {
    const refused = await closedPort();
    const primary = await proxy();
    const standby = await proxy(true);
    const database = await open(urlThrough([refused, standby.port, primary.port], 'read-write'));
    expect(await readOnly(database)).toBe('off');
    expect(primary.opened).toBeGreaterThan(0);
    const standbyBefore = standby.opened;

    // The primary dies; the standby is promoted.
    await primary.stop();
    standby.readOnly = false;
    expect(await readOnly(database)).toBe('off');
    expect(standby.opened).toBeGreaterThan(standbyBefore);
    await database.db.execute(sql`create temporary table written (n int)`);
  });

  it('does not settle for a standby: no writable server is an error, not a read-only session', async () => {
    const standby = await proxy(true);
    const database = await open(urlThrough([standby.port], 'read-write'));
    const error = await database.db.execute(sql`select 1`).catch((caught: unknown) => caught);
    expect(isTransientDatabaseError(error)).toBe(true);
    expect(String((error as Error).cause)).toMatch(/127\.0\.0\.1:\d+ is read-only/);
    // target_session_attrs=any takes the standby as it is.
    expect(await readOnly(await open(urlThrough([standby.port], 'any')))).toBe('on');
  });

  describe('the app and the mail worker during a switch', () => {
    let primary: PgProxy;
    let standby: PgProxy;
    let database: Database;
    let app: FastifyInstance;
    let organization: Organization;

    beforeAll(async () => {
      primary = await proxy();
      standby = await proxy(true);
      database = await open(urlThrough([primary.port, standby.port], 'read-write'));
      organization = await makeOrganization(database.db, { name: 'Spółdzielnia Mieszkaniowa „Przełącznik”' });
      app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
        gate: { database },
      });
      opened.push({ close: () => app.close() });
    });

    it('answers 503 "try again in a moment" at once while no server is writable, then serves', async () => {
      // A page that reads the database on every request (public pages such as / may come from the
      // page cache, which rightly keeps answering while no server is writable).
      const page = '/szukaj?q=remont';
      expect((await app.inject(page)).statusCode).toBe(200);
      await primary.stop();
      const started = performance.now();
      const during = await app.inject(page);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(during.statusCode).toBe(503);
      expect(during.headers['retry-after']).toBe('5');
      expect(during.body).toContain('Spróbuj ponownie za chwilę.');
      standby.readOnly = false;
      const after = await app.inject(page);
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('Przełącznik');
      // Back to the first arrangement for the next test: the old primary returns, the standby steps down.
      await primary.start();
      await standby.stop();
      standby.readOnly = true;
      await standby.start();
    });

    it('marks a message sent once the database is back, so the SMTP server gets it once', async () => {
      const queued = await enqueueMail(database.db, {
        organization,
        from: senderFor(organization, undefined),
        to: 'jan.kowalski@example.com',
        purpose: 'test',
        now: new Date(),
        mail: renderMail(organization, { subject: 'Po przełączeniu', paragraphs: ['Treść.'] }),
      });
      const sent: string[] = [];
      const warnings: unknown[] = [];
      // The SMTP server accepts the message just as the primary dies; the standby is promoted 1.5 s later.
      const transport = {
        async sendMail(message: { messageId: string }) {
          sent.push(message.messageId);
          await primary.stop();
          setTimeout(() => {
            standby.readOnly = false;
          }, 1500);
          return {};
        },
        close() {},
      };
      const worker = {
        db: database.db,
        transport: transport as never,
        log: { info() {}, warn: (detail: unknown) => warnings.push(detail), error() {} },
        lockMs: 20_000,
      };
      // The pass may end with the failed claim of a next batch during the switch (the polling
      // logs it and runs the next pass); the message itself is settled.
      await drainOutbox(worker).catch((error: unknown) => expect(isTransientDatabaseError(error)).toBe(true));
      expect(await drainOutbox(worker)).toBe(0);
      expect(sent).toEqual([queued.messageId]);
      expect(warnings.length).toBeGreaterThan(0);
      expect((await findOutboxMessage(database.db, { organizationId: organization.id, id: queued.id }))?.status).toBe(
        'sent',
      );
    });
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
