/** The register's lists in /panel: units (the register's start page) and persons. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { pageNumber } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { readUnitKind } from '../labels.ts';
import { listBuildings } from '../queries.ts';
import { searchPersons, searchUnits } from '../search.ts';
import { PersonListPage, UnitListPage } from '../views/register-lists.tsx';
import { doneQuery, noticeOf, today } from './common.ts';

const PAGE_SIZE = 25;

/** A list's search box: anything longer than a search needs searches for nothing. */
const listSearch = z.string().max(100).catch('').default('');
const direction = z.enum(['asc', 'desc']).catch('asc').default('asc');

const unitListQuery = doneQuery.extend({
  q: listSearch,
  rodzaj: z.string().optional().catch(undefined),
  budynek: z.coerce.number().int().positive().optional().catch(undefined),
  sort: z.enum(['address', 'area', 'kind', 'externalKey']).catch('address').default('address'),
  kierunek: direction,
  strona: pageNumber,
});

const personListQuery = z.object({
  q: listSearch,
  sort: z.enum(['name', 'email', 'externalKey']).catch('name').default('name'),
  kierunek: direction,
  strona: pageNumber,
});

export const registerListRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/panel/rejestr',
    { ...access('register.read'), schema: { querystring: unitListQuery } },
    async (request, reply) => {
      const q = request.query;
      const organizationId = request.organization.id;
      const kind = q.rodzaj ? readUnitKind(q.rodzaj) : undefined;
      const [result, buildings] = await Promise.all([
        searchUnits(app.db, {
          organizationId,
          query: q.q,
          kind,
          buildingId: q.budynek,
          asOf: today(app),
          page: q.strona,
          pageSize: PAGE_SIZE,
          sort: q.sort,
          dir: q.kierunek,
        }),
        listBuildings(app.db, { organizationId }),
      ]);
      return sendPage(
        reply,
        <UnitListPage
          ctx={pageContext(request, reply)}
          query={{ q: q.q, kind, buildingId: q.budynek, sort: q.sort, dir: q.kierunek }}
          result={result}
          buildings={buildings}
          notice={noticeOf(q)}
        />,
      );
    },
  );

  app.get(
    '/panel/rejestr/osoby',
    { ...access('register.read'), schema: { querystring: personListQuery } },
    async (request, reply) => {
      const q = request.query;
      const result = await searchPersons(app.db, {
        organizationId: request.organization.id,
        query: q.q,
        asOf: today(app),
        page: q.strona,
        pageSize: PAGE_SIZE,
        sort: q.sort,
        dir: q.kierunek,
      });
      return sendPage(
        reply,
        <PersonListPage
          ctx={pageContext(request, reply)}
          query={{ q: q.q, sort: q.sort, dir: q.kierunek }}
          result={result}
        />,
      );
    },
  );
};
