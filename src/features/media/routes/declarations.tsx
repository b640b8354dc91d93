/** Persons-count declarations: members declare in e-BOK, staff decide in the back office. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id, idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { findUnitLabel } from '../../units/unit-facts.ts';
import { decideDeclaration, personsCountOn, submitDeclaration } from '../declarations.ts';
import { decisionForm, declarationForm } from '../forms.ts';
import { memberUnit } from '../member-units.ts';
import { listUnitDeclarations, listWaitingDeclarations } from '../queries.ts';
import { DeclarationsQueuePage, MemberDeclarationPage } from '../views/declaration-pages.tsx';

const unitParams = z.object({ unitId: id });
const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

export const declarationRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());

  async function ownUnit(request: FastifyRequest, unitId: number) {
    const { personId } = memberOf(request);
    const unit = personId
      ? await memberUnit(app.db, { organizationId: request.organization.id, personId, today: today(), unitId })
      : undefined;
    if (!unit) throw new AppError('not_found', 'not the member’s unit');
    return unit;
  }

  async function memberPage(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: number,
    form = freshForm,
    notice?: string,
  ) {
    const unit = await ownUnit(request, unitId);
    const organizationId = request.organization.id;
    return (
      <MemberDeclarationPage
        ctx={pageContext(request, reply)}
        unit={unit}
        current={await personsCountOn(app.db, { organizationId, unitId, day: today() })}
        declarations={await listUnitDeclarations(app.db, { organizationId, unitId })}
        today={today()}
        form={form}
        notice={notice}
      />
    );
  }

  app.get(
    '/ebok/deklaracje/:unitId',
    { ...access('member'), schema: { params: unitParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await memberPage(
          request,
          reply,
          request.params.unitId,
          freshForm,
          request.query.zrobiono ? 'Deklaracja złożona: czeka na decyzję Spółdzielni.' : undefined,
        ),
      ),
  );

  formRoute(app, '/ebok/deklaracje/:unitId', {
    access: 'member',
    params: unitParams,
    body: declarationForm,
    run: async ({ request, params, body }) => {
      const unit = await ownUnit(request, params.unitId);
      await submitDeclaration(app.db, {
        actor: actorOf(request),
        accountId: memberOf(request).id,
        input: {
          unitId: unit.unitId,
          personsCount: body.liczba_osob,
          effectiveFrom: body.od,
          reason: body.powod,
          truthful: body.prawda,
        },
      });
      return `/ebok/deklaracje/${unit.unitId}?zrobiono=1`;
    },
    render: ({ request, reply, params, form }) => memberPage(request, reply, params.unitId, form),
  });

  async function queuePage(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], notice?: string) {
    const organizationId = request.organization.id;
    const waiting = await listWaitingDeclarations(app.db, { organizationId });
    const rows = await Promise.all(
      waiting.map(async (d) => ({
        ...d,
        unitLabel: (await findUnitLabel(app.db, { organizationId, unitId: d.unitId }))?.label ?? String(d.unitId),
        current: await personsCountOn(app.db, { organizationId, unitId: d.unitId, day: d.effectiveFrom }),
      })),
    );
    return <DeclarationsQueuePage ctx={pageContext(request, reply)} rows={rows} errors={errors} notice={notice} />;
  }

  app.get(
    '/panel/media/deklaracje',
    { ...access('media.manage'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await queuePage(request, reply, [], request.query.zrobiono ? 'Zapisano decyzję.' : undefined)),
  );

  formRoute(app, '/panel/media/deklaracje/:id/decyzja', {
    access: 'media.manage',
    params: idParams,
    body: decisionForm,
    run: async ({ request, params, body }) => {
      await decideDeclaration(app.db, {
        actor: actorOf(request),
        declarationId: params.id,
        approve: body.decyzja === 'approve',
        reason: body.uzasadnienie,
        now: app.clock(),
      });
      return '/panel/media/deklaracje?zrobiono=1';
    },
    render: ({ request, reply, form }) => queuePage(request, reply, form.errors),
  });
};
