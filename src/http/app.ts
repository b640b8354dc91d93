import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { h } from 'preact';
import type { Config } from '../config.ts';
import { type Database, type Db, ping } from '../db/client.ts';
import { migrationStatus } from '../db/migrate.ts';
import { isTransientDatabaseError, sqlStateOf } from '../db/transient.ts';
import { AppError, type AppErrorCode } from '../errors.ts';
import { signOutRoutes, staffRoutes } from '../features/accounts/routes.tsx';
import { activationPanelRoutes, activationPublicRoutes } from '../features/activation/routes.tsx';
import { auditRoutes } from '../features/audit/routes.tsx';
import { bankRoutes } from '../features/bank/plugin.ts';
import { bookingRoutes } from '../features/bookings/routes/index.ts';
import { brandOf } from '../features/branding/branding.ts';
import { brandingRoutes } from '../features/branding/routes.tsx';
import { correspondenceRoutes } from '../features/correspondence/routes/index.ts';
import { documentRoutes } from '../features/documents/routes.ts';
import { ebokRoutes } from '../features/ebok/routes.tsx';
import { feeChangeRoutes } from '../features/fee-changes/routes.tsx';
import { ledgerRoutes } from '../features/ledger/plugin.ts';
import { mediaRoutes } from '../features/media/routes/index.ts';
import { memberDocumentRoutes } from '../features/member-documents/routes/index.tsx';
import { findOrganizationForHost, type Organization } from '../features/organizations/queries.ts';
import { outboxRoutes } from '../features/outbox/routes.tsx';
import { panelRoutes } from '../features/panel/routes.tsx';
import { reminderRoutes } from '../features/reminders/routes.tsx';
import { requestRoutes } from '../features/requests/routes/index.ts';
import { readSiteFreshness } from '../features/site/generation.ts';
import { editorRoutes } from '../features/site/routes/editor.tsx';
import { siteRoutes } from '../features/site/routes/public.tsx';
import { SiteMenuCache, VisitorTally } from '../features/site/visitors.ts';
import { registerRoutes } from '../features/units/routes.tsx';
import { warsawDate } from '../lib/warsaw-time.ts';
import { installMetrics } from '../metrics/http.ts';
import { backupRoutes } from '../ops/backup/routes.tsx';
import { assetPrefix, publicDir } from './assets.ts';
import { access, auth, sessionCookieName } from './auth.ts';
import type { Brand, SiteChrome } from './chrome-context.ts';
import {
  BadRequestPage,
  ExpiredFormPage,
  NotFoundPage,
  ServerErrorPage,
  TimeoutPage,
  TooManyRequestsPage,
  UnavailablePage,
} from './error-pages.tsx';
import { loggerOptions, redactUrl } from './logger.ts';
import { type CacheSlot, PageCache } from './page-cache.ts';
import { sendPage } from './render.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The current time; tests inject a clock to test expiry without waiting. */
    clock: () => Date;
    /** Requests being handled now; shutdown waits for them before closing the database. */
    inflight: { count: number };
    /** The database; throws `unavailable` until start-up has connected and migrated it. */
    db: Db;
    /** Rendered public pages of this process (page-cache.ts). */
    pageCache: PageCache;
    /** The visitor counter of this process, written to the database in batches. */
    visitors: VisitorTally;
  }
  interface FastifyRequest {
    /** The organization the request is for (resolved from the host name). */
    organization: Organization;
    /** Menu, footer links and visitor count of the organization's site, for the page shell. */
    chrome: SiteChrome | undefined;
    /** The organization's logo and colours, for the page shell. */
    brand: Brand | undefined;
    /** Set when the response may come from, or go to, the page cache. */
    pageCacheSlot: CacheSlot | undefined;
  }
  interface FastifyContextConfig {
    /**
     * `public`: a public page view, counted by the visitor counter. `none`: not a page (files,
     * feeds), so the shell is not loaded. Default: a page with the shell, not counted.
     */
    page?: 'public' | 'none';
    /**
     * A public page the same for every visitor who is not signed in (no query-dependent search):
     * kept in the page cache until the organization's site changes.
     */
    cache?: boolean;
  }
}

/** Holds the database once it is connected and migrated; until then the app answers 503. */
export interface DatabaseGate {
  database: Database | undefined;
}

export interface AppOptions {
  config: Config;
  gate: DatabaseGate;
  /** Overrides the logger (tests pass `false`). */
  logger?: FastifyServerOptions['logger'];
  clock?: () => Date;
}

const statusOfCode: Record<AppErrorCode, number> = {
  not_found: 404,
  // Not allowed looks the same as not there: no one learns what exists.
  forbidden: 404,
  forbidden_origin: 403,
  invalid_input: 400,
  conflict: 409,
  unavailable: 503,
  too_many_requests: 429,
};

/** How often each process writes the visitors it has counted. */
const VISITOR_FLUSH_MS = 5000;

/** Paths served without the database or an organization. */
function isInfrastructurePath(url: string): boolean {
  return url.startsWith('/assets/') || url === '/healthz' || url === '/readyz';
}

export async function buildApp({
  config,
  gate,
  logger,
  clock = () => new Date(),
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });

  // Route params and queries are declared as zod schemas and typed by them (ZodTypeProvider).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('inflight', { count: 0 });
  // Counted from the first hook to the response, also when the client has gone away meanwhile.
  app.addHook('onRequest', async () => {
    app.inflight.count++;
  });
  app.addHook('onResponse', async () => {
    app.inflight.count--;
  });
  // No request hangs forever: unanswered after REQUEST_TIMEOUT_SECONDS, it gets the "try again in
  // a moment" page; its work goes on (a transaction commits or rolls back whole), its late answer
  // is dropped. Uploads (imports of large files) are bounded by their size instead: their sender
  // waits for the report, which may take minutes for a whole bank year.
  if (config.requestTimeoutMs > 0) {
    app.addHook('onRequest', async (request, reply) => {
      if (isInfrastructurePath(request.url) || request.headers['content-type']?.startsWith('multipart/form-data')) {
        return;
      }
      const timer = setTimeout(() => {
        if (reply.sent) return;
        request.log.warn(
          { url: redactUrl(request.url), timeoutMs: config.requestTimeoutMs },
          'request timed out, answered 503',
        );
        sendPage(reply.header('retry-after', '30'), h(TimeoutPage, { organization: request.organization }), 503);
      }, config.requestTimeoutMs);
      reply.raw.once('close', () => clearTimeout(timer));
    });
  }
  app.decorate('db', {
    getter(): Db {
      if (!gate.database) throw new AppError('unavailable', 'database not ready');
      return gate.database.db;
    },
  });
  app.decorateRequest('organization', undefined as unknown as Organization);
  app.decorateRequest('chrome', undefined);
  app.decorateRequest('brand', undefined);
  app.decorateRequest('pageCacheSlot', undefined);
  const pageCache = new PageCache({ freshnessMs: config.siteCacheCheckMs });
  const visitors = new VisitorTally();
  const siteMenus = new SiteMenuCache();
  app.decorate('pageCache', pageCache);
  app.decorate('visitors', visitors);
  const flushVisitors = async () => {
    if (!gate.database) return;
    try {
      await visitors.flush(gate.database.db);
    } catch (error) {
      app.log.warn({ err: error }, 'visitor count not written, will try again');
    }
  };
  const visitorTimer = setInterval(flushVisitors, VISITOR_FLUSH_MS);
  visitorTimer.unref();
  // Stopping: the counted visitors are written while the database is still open.
  app.addHook('onClose', async () => {
    clearInterval(visitorTimer);
    await flushVisitors();
  });
  // A change made through this process shows on its cached pages at once (others within a second).
  app.addHook('onResponse', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.organization) {
      pageCache.forgetFreshness(request.organization.id);
    }
  });
  // With metrics on: response times by route; /metrics here too when it has no port of its own.
  const metricsPath = installMetrics(app, { config, gate });
  const sessionCookie = sessionCookieName(config);
  const isInfrastructure = (url: string) =>
    isInfrastructurePath(url) || (metricsPath !== undefined && url.split('?')[0] === metricsPath);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only where the site is served over HTTPS.
    strictTransportSecurity: config.isProduction ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
  });
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: assetPrefix,
    maxAge: '365d',
    immutable: true,
    index: false,
    wildcard: true,
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    const slot = request.pageCacheSlot;
    if (slot) payload = pageCache.store(request, reply, slot, payload, clock());
    if (!reply.hasHeader('cache-control')) {
      const type = String(reply.getHeader('content-type') ?? '');
      // Anything made for a signed-in person (a CSV of debtors, a statement) stays out of shared
      // caches and off the disk; public downloads set their own caching.
      if (request.account && !isInfrastructure(request.url)) reply.header('cache-control', 'private, no-store');
      else if (type.startsWith('text/html')) reply.header('cache-control', 'no-cache');
    }
    return payload;
  });

  app.get('/healthz', access('public'), async () => ({ status: 'ok' }));

  app.get('/readyz', access('public'), async (_request, reply) => {
    const database = gate.database;
    if (!database) return reply.status(503).send({ status: 'starting' });
    // PGlite: the state of its thread, not a query, which would wait behind a long import. Its
    // migrations ran before the gate opened, and no other process can reach its directory.
    if (database.pglite) {
      if (database.pglite.state === 'running') return { status: 'ready' };
      app.log.warn({ state: database.pglite.state }, 'not ready: the PGlite thread is not running');
      return reply.status(503).send({ status: 'unavailable' });
    }
    try {
      await ping(database.db);
      const migrations = await migrationStatus(database.db);
      if (migrations.applied < migrations.expected) {
        // Probes ask every few seconds: a debug line, not a warning per probe.
        app.log.debug({ migrations }, 'not ready: migrations pending');
        return reply.status(503).send({ status: 'migrating' });
      }
      // Anonymous callers learn ready or not; what runs underneath is for the operator's logs.
      return { status: 'ready' };
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (isInfrastructure(request.url)) return;
    if (!gate.database) {
      return sendPage(reply.header('retry-after', '10'), h(UnavailablePage, { reason: 'starting' }), 503);
    }
    const organization = await findOrganizationForHost(gate.database.db, request.hostname);
    if (!organization) return sendPage(reply, h(UnavailablePage, { reason: 'not_configured' }), 503);
    request.organization = organization;
    request.brand = brandOf(organization);
    const config = request.routeOptions.config;
    const page = config?.page;
    const db = gate.database.db;
    const now = clock();
    // A public page view by a person is counted in memory; the counter writes it in batches.
    if (page === 'public' && request.method === 'GET') {
      await visitors.note(db, {
        organizationId: organization.id,
        visit: { day: warsawDate(now), ip: request.ip, userAgent: request.headers['user-agent'] },
      });
    }
    const visitorCount =
      page === 'none'
        ? undefined
        : (organization.settings.visitorCountStart ?? 0) +
          (await visitors.count(db, { organizationId: organization.id }));
    // The site's generation: read at most once a second per process, for stored pages and menus.
    const siteFreshness = () =>
      pageCache.freshnessOf(organization.id, now, () =>
        readSiteFreshness(db, { organizationId: organization.id, now }),
      );
    // Signed-in people (a session cookie) always get a page made for them, never a stored one.
    if (
      config?.cache &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !hasCookie(request, sessionCookie)
    ) {
      const freshness = await siteFreshness();
      const slot: CacheSlot = {
        // The protocol too: canonical addresses of a page name it.
        key: `${organization.id} ${request.protocol} ${request.url}`,
        organization,
        freshness,
        count: visitorCount,
        hit: false,
      };
      if (pageCache.serve(request, reply, slot, now)) return reply;
      if (request.method === 'GET') request.pageCacheSlot = slot;
    }
    if (page === 'none') return;
    // The menu of the page shell, read again only when the site has changed.
    request.chrome = await siteMenus.chrome(db, {
      organizationId: organization.id,
      generation: (await siteFreshness()).generation,
      visitors: visitorCount,
    });
  });

  // PostgreSQL text cannot hold U+0000: such input is malformed, not a server error.
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.query) || containsNul(request.body)) {
      throw new AppError('invalid_input', 'a NUL character in the request');
    }
  });

  await app.register(auth, { config, getDb: () => app.db });

  app.setNotFoundHandler((request, reply) => {
    return sendPage(reply, h(NotFoundPage, { organization: request.organization }), 404);
  });

  app.setErrorHandler((error, request, reply) => {
    const organization = request.organization;
    if (error instanceof AppError) {
      const status = statusOfCode[error.code];
      if (status === 404) return sendPage(reply, h(NotFoundPage, { organization }), 404);
      if (status === 503) {
        return sendPage(reply.header('retry-after', '10'), h(UnavailablePage, { reason: 'starting' }), 503);
      }
      if (status === 429) return sendPage(reply, h(TooManyRequestsPage, { organization, message: error.message }), 429);
      if (error.code === 'forbidden_origin') {
        request.log.warn({ origin: request.headers.origin, url: redactUrl(request.url) }, 'cross-site form refused');
        return sendPage(reply, h(ExpiredFormPage, { organization }), 403);
      }
      if (status < 500) return sendPage(reply, h(BadRequestPage, { organization }), status);
    }
    // The database is away for a moment (a failover, a restart) or a statement ran past the
    // statement timeout: "try again in a moment", not an error page, and no error in the log.
    if (isTransientDatabaseError(error) || sqlStateOf(error) === '57014') {
      request.log.warn({ err: error, url: redactUrl(request.url) }, 'database unavailable, answered 503');
      return sendPage(reply.header('retry-after', '5'), h(UnavailablePage, { reason: 'database' }), 503);
    }
    // A route parameter that does not fit its schema (`/lokal/abc`) names nothing that exists.
    if ((error as { validationContext?: string }).validationContext === 'params') {
      return sendPage(reply, h(NotFoundPage, { organization }), 404);
    }
    const code = (error as { code?: string }).code;
    if (code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET') {
      request.log.warn({ url: redactUrl(request.url) }, 'CSRF token refused');
      return sendPage(reply, h(ExpiredFormPage, { organization }), 403);
    }
    // 22021: a NUL or invalid byte that reached the database another way (e.g. a multipart field).
    if (code === '22021') {
      request.log.info({ err: error }, 'malformed text refused by the database');
      return sendPage(reply, h(BadRequestPage, { organization }), 400);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      request.log.info({ err: error }, 'client error');
      return sendPage(reply, h(BadRequestPage, { organization }), status);
    }
    request.log.error({ err: error }, 'request failed');
    return sendPage(reply, h(ServerErrorPage, { organization, requestId: request.id }), 500);
  });

  await app.register(siteRoutes);
  await app.register(documentRoutes);
  await app.register(ebokRoutes);
  await app.register(panelRoutes);
  await app.register(signOutRoutes);
  await app.register(staffRoutes);
  await app.register(auditRoutes);
  await app.register(outboxRoutes);
  await app.register(activationPanelRoutes);
  await app.register(activationPublicRoutes);
  await app.register(editorRoutes);
  await app.register(registerRoutes);
  await app.register(correspondenceRoutes);
  await app.register(ledgerRoutes);
  await app.register(feeChangeRoutes);
  await app.register(bankRoutes);
  await app.register(mediaRoutes);
  await app.register(backupRoutes);
  await app.register(requestRoutes);
  await app.register(memberDocumentRoutes);
  await app.register(bookingRoutes);
  await app.register(reminderRoutes);
  await app.register(brandingRoutes);
  return app;
}

/** Whether the request carries a cookie of that name (read before the cookie plugin parses them). */
function hasCookie(request: FastifyRequest, name: string): boolean {
  const header = request.headers.cookie;
  return header?.split(';').some((part) => part.trim().startsWith(`${name}=`)) ?? false;
}

/** Whether a parsed query or form body holds U+0000 anywhere in its strings. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) return Object.values(value).some(containsNul);
  return false;
}
