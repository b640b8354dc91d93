import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../features/accounts/queries.ts';
import type { Organization } from '../features/organizations/queries.ts';

/** What every page of e-BOK and the back office needs from the request. */
export interface PageContext {
  organization: Organization;
  account: Account | undefined;
  /** CSRF token for the page's forms (and the sign-out button). */
  csrfToken: string;
  /** Path without the query, to mark the current menu entry. */
  path: string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    organization: request.organization,
    account: request.account,
    csrfToken: reply.generateCsrf(),
    path: request.url.split('?')[0] ?? request.url,
  };
}
