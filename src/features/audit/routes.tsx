import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { pageNumber } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { parseDate } from '../../lib/dates.ts';
import { findAccount, findAccountByLogin, listAccountsOfKind } from '../accounts/queries.ts';
import { listAudit } from './audit.ts';
import { AuditLogPage } from './views/audit-log-page.tsx';

const PER_PAGE = 50;

/** A day of the filter as typed (DD.MM.RRRR or RRRR-MM-DD) → `YYYY-MM-DD`; anything else: no filter. */
const isoDate = z
  .string()
  .transform((text) => {
    const parsed = parseDate(text);
    return parsed.ok ? parsed.value : undefined;
  })
  .optional()
  .catch(undefined);

const filterQuery = z.object({
  zdarzenie: z.string().max(60).optional().catch(undefined),
  /** An account by id (links from the staff pages and from the log's own rows). */
  konto: z.coerce.number().int().positive().optional().catch(undefined),
  /** An account by login, as typed into the filter; also finds attempts with unknown logins. */
  login: z.string().trim().max(100).optional().catch(undefined),
  tekst: z.string().max(100).optional().catch(undefined),
  od: isoDate,
  do: isoDate,
  strona: pageNumber.default(1),
});

/** Start of a Warsaw calendar day as an instant (good enough for a filter: ±1 h around DST). */
function warsawDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+01:00`);
}

/** The audit log in the back office (administrators). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/panel/dziennik',
    { ...access('audit.read'), schema: { querystring: filterQuery } },
    async (request, reply) => {
      const query = request.query;
      const organizationId = request.organization.id;
      const account = query.login
        ? await findAccountByLogin(app.db, { organizationId, login: query.login })
        : query.konto
          ? await findAccount(app.db, { organizationId, id: query.konto })
          : undefined;
      const login = query.login || account?.login;
      const { rows, total } = await listAudit(app.db, {
        organizationId,
        action: query.zdarzenie || undefined,
        // An account id from a link that belongs to no account of this organization finds nothing.
        involvingAccountId: account?.id ?? query.konto,
        typedLogin: login,
        text: query.tekst || undefined,
        from: query.od ? warsawDayStart(query.od) : undefined,
        to: query.do ? new Date(warsawDayStart(query.do).getTime() + 86_400_000) : undefined,
        limit: PER_PAGE,
        offset: (query.strona - 1) * PER_PAGE,
      });
      const [staff, members] = await Promise.all([
        listAccountsOfKind(app.db, { organizationId, kind: 'staff' }),
        listAccountsOfKind(app.db, { organizationId, kind: 'member' }),
      ]);
      const logins = new Map([...staff, ...members].map((a) => [a.id, a.login]));
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries({ ...query, konto: undefined, login, strona: undefined })) {
        if (value !== undefined && value !== '') params.set(key, String(value));
      }
      return sendPage(
        reply,
        <AuditLogPage
          ctx={pageContext(request, reply)}
          entries={rows}
          total={total}
          page={query.strona}
          pageCount={Math.max(1, Math.ceil(total / PER_PAGE))}
          filter={{ ...query, login }}
          loginOf={(id) => logins.get(id)}
          queryWithoutPage={params.toString()}
        />,
      );
    },
  );
};
