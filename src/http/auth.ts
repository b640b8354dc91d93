import fastifyCookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { type AppSecrets, loadAppSecrets } from '../features/accounts/app-secrets.ts';
import type { Account, Session } from '../features/accounts/queries.ts';
import type { AccountKind, SessionStage } from '../features/accounts/schema.ts';
import { resolveSession } from '../features/accounts/sessions.ts';
import { sessionTimeouts } from '../features/accounts/stages.ts';
import { type Actor, type RequestOrigin, recordAudit } from '../features/audit/audit.ts';
import { type Capability, can, isCapability } from '../policy.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

/**
 * Who may use a route. Every route declares it (registration fails otherwise), so a route that
 * forgets its guard cannot exist:
 * - `public`: anyone;
 * - `session`: any signed-in session, at any step of sign-in (sign-out, the sign-in steps);
 * - `member` / `staff`: a fully signed-in account of that kind;
 * - a capability of `policy.ts` (`ledger.book`): fully signed-in staff whose roles grant it.
 */
export type Access = 'public' | 'session' | 'member' | 'staff' | Capability;

/** Route options declaring who may use the route: `app.get('/x', access('member'), handler)`. */
export function access(level: Access) {
  return { config: { access: level } };
}

/** A fully signed-in member's account. */
export type MemberAccount = Account & { kind: 'member' };
/** A fully signed-in staff account. */
export type StaffAccount = Account & { kind: 'staff' };

/**
 * The member behind a request of a `member` route. The guard has already let only members in, so
 * anything else here is a route declared with the wrong access level: a page that does not exist.
 */
export function memberOf(request: FastifyRequest): MemberAccount {
  const account = request.account;
  if (account?.kind !== 'member' || request.session?.stage !== 'full') {
    throw new AppError('not_found', 'not a signed-in member');
  }
  return account as MemberAccount;
}

/** The staff member behind a request of a staff route (see `memberOf`). */
export function staffOf(request: FastifyRequest): StaffAccount {
  const account = request.account;
  if (account?.kind !== 'staff' || request.session?.stage !== 'full') {
    throw new AppError('not_found', 'not a signed-in staff member');
  }
  return account as StaffAccount;
}

/** The account behind a request of a `session` route: signed in, at any step. */
export function sessionAccountOf(request: FastifyRequest): { account: Account; session: Session } {
  const { account, session } = request;
  if (!account || !session) throw new AppError('not_found', 'not signed in');
  return { account, session };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: Session | undefined;
    account: Account | undefined;
  }
  interface FastifyInstance {
    /** Keys derived from the installation's secret. */
    secrets(): Promise<AppSecrets>;
    /** Every route with its access level, for the route safety test. */
    routeList: { method: string; url: string; access: Access }[];
  }
}

export function sessionCookieName(config: Config): string {
  // `__Host-` binds the cookie to this host over HTTPS; browsers refuse it without Secure.
  return config.isProduction ? '__Host-osiedle-sesja' : 'osiedle-sesja';
}

export function requestOrigin(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The signed-in account (or no one) behind a request, for the audit rows of what it changes. */
export function actorOf(request: FastifyRequest): Actor {
  return {
    organizationId: request.organization.id,
    actorAccountId: request.account?.id ?? null,
    actorLabel: request.account?.login,
    origin: requestOrigin(request),
  };
}

/** The section an account belongs to: members use e-BOK, staff the back office. */
export function sectionOf(kind: AccountKind): '/ebok' | '/panel' {
  return kind === 'member' ? '/ebok' : '/panel';
}

/** Where an account goes to take the sign-in step its session is at. */
export function stepPath(kind: AccountKind, stage: SessionStage): string {
  const section = sectionOf(kind);
  switch (stage) {
    case 'mfa':
      return `${section}/logowanie/kod`;
    case 'password_change':
      return `${section}/konto/haslo`;
    case 'mfa_enrolment':
      return `${section}/konto/weryfikacja-dwuetapowa`;
    case 'full':
      return section;
  }
}

/** Characters a local path and query may hold; no controls, spaces, backslashes or non-ASCII. */
const localPath = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/**
 * A local path to return to after sign-in; anything else is dropped: other hosts (`//x`, `/\\x`),
 * and control characters that browsers strip (`/<TAB>/evil.example` would become `//evil.example`).
 */
export function safeNextPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 500 || !localPath.test(next)) return undefined;
  const resolved = new URL(next, 'http://osiedle.invalid');
  if (resolved.origin !== 'http://osiedle.invalid') return undefined;
  // Dot segments can fold into a protocol-relative path: `/.//evil.example` → `//evil.example`.
  if (resolved.pathname.startsWith('//')) return undefined;
  return `${resolved.pathname}${resolved.search}`;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isProduction,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isProduction,
  });
}

/**
 * Whether a state-changing request comes from a page of this site. Browsers say where a form was
 * sent from in `Sec-Fetch-Site`, and in `Origin` — which is `null` for our own forms, since our
 * pages send no referrer (Referrer-Policy: no-referrer). A request without either (not a browser)
 * is left to the CSRF token.
 */
function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

function isAllowed(access: Exclude<Access, 'public' | 'session'>, account: Account): boolean {
  if (access === 'member') return account.kind === 'member';
  if (access === 'staff') return account.kind === 'staff';
  return can(account, access);
}

function sectionOfAccess(access: Access, url: string): '/ebok' | '/panel' {
  if (access === 'member') return '/ebok';
  if (access === 'session') return url.startsWith('/panel') ? '/panel' : '/ebok';
  return '/panel';
}

async function authPlugin(app: FastifyInstance, { config, getDb }: { config: Config; getDb: () => Db }) {
  let secrets: Promise<AppSecrets> | undefined;
  app.decorate('secrets', () => {
    secrets ??= loadAppSecrets(getDb(), { sessionSecret: config.sessionSecret });
    // A failed read (database not ready) must not be remembered.
    secrets.catch(() => {
      secrets = undefined;
    });
    return secrets;
  });

  await app.register(fastifyCookie);
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: config.isProduction ? '__Host-osiedle-csrf' : 'osiedle-csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.isProduction },
  });
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(getDb, () => app.clock()),
    // Per client address; behind a proxy TRUST_PROXY makes request.ip the client's.
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => {
      const minutes = Math.max(1, Math.ceil(context.ttl / 60_000));
      const error = new AppError(
        'too_many_requests',
        `Zbyt wiele prób z tego adresu. Spróbuj ponownie za ${minutes} min.`,
      );
      return Object.assign(error, { statusCode: 429 });
    },
  });

  app.decorateRequest('session', undefined);
  app.decorateRequest('account', undefined);

  // Safe by construction: a route without a declared access level cannot be registered.
  app.decorate('routeList', []);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/') || route.method === 'HEAD') return;
    const level = route.config?.access;
    if (!level) throw new Error(`route ${String(route.method)} ${route.url} declares no access level (config.access)`);
    if (!['public', 'session', 'member', 'staff'].includes(level) && !isCapability(level)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares an unknown capability ${level}`);
    }
    for (const method of [route.method].flat()) app.routeList.push({ method, url: route.url, access: level });
  });

  app.addHook('onRequest', async (request, reply) => {
    const organization = request.organization;
    if (!organization) return;
    const token = request.cookies[sessionCookieName(config)];
    if (token) {
      const found = await resolveSession(getDb(), {
        organizationId: organization.id,
        token,
        now: app.clock(),
        timeouts: sessionTimeouts(organization.settings),
      });
      if (found) {
        request.session = found.session;
        request.account = found.account;
      } else {
        clearSessionCookie(reply, config);
      }
    }
    return guard(request, reply);
  });

  // Every state-changing request carries the form's CSRF token. Multipart forms (the editor's
  // uploads) have their fields parsed into the body before this hook (attachFieldsToBody), so
  // `_csrf` is read from them the same way; without it they are refused before anything is stored.
  // Defence in depth beside the token and SameSite: a browser names the page a form was sent
  // from in Origin, and a form of another site is refused before its token is even read.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    // No route (the 404 page): nothing would change, so answer 404 rather than 403.
    if (!request.routeOptions.url) return done();
    if (!isSameOrigin(request)) return done(new AppError('forbidden_origin', 'a form sent from another site'));
    app.csrfProtection(request, reply, done);
  });

  async function guard(request: FastifyRequest, reply: FastifyReply) {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    const { session, account } = request;
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    if (!session || !account) {
      const section = sectionOfAccess(access, request.url);
      const next = readOnly && request.url !== section ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`${section}${next}`, readOnly ? 302 : 303);
    }
    if (access === 'session') return;
    if (!isAllowed(access, account)) {
      await recordAudit(getDb(), {
        organizationId: account.organizationId,
        actorAccountId: account.id,
        action: 'access.denied',
        origin: requestOrigin(request),
        detail: { method: request.method, url: request.url.slice(0, 300) },
        at: app.clock(),
      });
      throw new AppError('not_found', 'not allowed for this account');
    }
    if (session.stage !== 'full') return reply.redirect(stepPath(account.kind, session.stage), readOnly ? 302 : 303);
  }
}

export const auth = fp(authPlugin, { name: 'osiedle-auth' });
