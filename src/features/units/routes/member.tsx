/** The member's units in e-BOK: the list of units they hold today and one unit's page. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { access, memberOf, requestOrigin } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { sendPage } from '../../../http/render.ts';
import { recordAudit } from '../../audit/audit.ts';
import { getUnitForPerson, listUnitsOfPerson, type MemberUnit } from '../member.ts';
import { MemberUnitPageView, MemberUnitsSection } from '../views/member-units.tsx';
import { today } from './common.ts';

/** The units a signed-in member holds today, for the start page of e-BOK (undefined for others). */
async function memberUnitsOf(app: FastifyInstance, request: FastifyRequest): Promise<MemberUnit[] | undefined> {
  const account = request.account;
  if (account?.kind !== 'member') return undefined;
  if (!account.personId) return [];
  return listUnitsOfPerson(app.db, {
    organizationId: request.organization.id,
    personId: account.personId,
    asOf: today(app),
  });
}

export const memberUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/ebok/lokale', access('member'), async (request, reply) => {
    const units = await memberUnitsOf(app, request);
    return sendPage(
      reply,
      <PortalLayout ctx={pageContext(request, reply)} title="Moje lokale">
        <h1 class="visually-hidden">Moje lokale</h1>
        <MemberUnitsSection units={units ?? []} />
      </PortalLayout>,
    );
  });

  app.get('/ebok/lokale/:id', { ...access('member'), schema: { params: idParams } }, async (request, reply) => {
    const account = memberOf(request);
    const unitId = request.params.id;
    const query = { organizationId: request.organization.id, personId: account.personId ?? 0, asOf: today(app) };
    const unit = account.personId ? await getUnitForPerson(app.db, { ...query, unitId }) : undefined;
    if (!unit) {
      // Someone else's unit, an ended right or another organization's: the same 404, recorded.
      await recordAudit(app.db, {
        organizationId: query.organizationId,
        actorAccountId: account.id,
        action: 'access.denied',
        subjectType: 'unit',
        subjectId: unitId,
        origin: requestOrigin(request),
        detail: { method: request.method, url: request.url.slice(0, 300), asOf: query.asOf },
        at: app.clock(),
      });
      throw new AppError('not_found', 'not a unit of this member');
    }
    const units = await listUnitsOfPerson(app.db, query);
    return sendPage(reply, <MemberUnitPageView ctx={pageContext(request, reply)} unit={unit} units={units} />);
  });
};
