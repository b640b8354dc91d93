/** A unit in /panel: its page, a new unit, changing one, and its persons count. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { occupancyForm, unitForm } from '../forms.ts';
import { recordOccupancyChange } from '../occupancy.ts';
import { findUnit, listBuildings } from '../queries.ts';
import { formatAreaNumber } from '../rules/parse.ts';
import { createUnit, updateUnit } from '../units.ts';
import { UnitFormPage } from '../views/register-forms.tsx';
import { UnitPage } from '../views/unit-page.tsx';
import { doneQuery, noticeOf, text, today, unitDetailsOr404 } from './common.ts';

/** `?budynek=…` from a building's list: the new unit's building, chosen already. */
const newUnitQuery = z.object({ budynek: z.string().optional().catch(undefined) });

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  async function formPage(request: FastifyRequest, reply: FastifyReply, form: FormState, unitId?: number) {
    const buildings = await listBuildings(app.db, { organizationId: request.organization.id });
    return (
      <UnitFormPage
        ctx={pageContext(request, reply)}
        form={form.values}
        errors={form.errors}
        unitId={unitId}
        buildings={buildings}
      />
    );
  }

  app.get(
    '/panel/rejestr/lokale/nowy',
    { ...access('register.change'), schema: { querystring: newUnitQuery } },
    async (request, reply) => {
      const values = { buildingId: request.query.budynek ?? '', kind: 'mieszkalny' };
      return sendPage(reply, await formPage(request, reply, { ...freshForm, values }));
    },
  );

  formRoute(app, '/panel/rejestr/lokale', {
    access: 'register.change',
    body: unitForm,
    run: async ({ request, body }) => {
      const unit = await createUnit(app.db, { actor: actorOf(request), input: body });
      return `/panel/rejestr/lokale/${unit.id}?zrobiono=dodano`;
    },
    render: ({ request, reply, form }) => formPage(request, reply, form),
  });

  app.get(
    '/panel/rejestr/lokale/:id',
    { ...access('register.read'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) => {
      const details = await unitDetailsOr404(app, request, request.params.id);
      return sendPage(
        reply,
        <UnitPage
          ctx={pageContext(request, reply)}
          details={details}
          asOf={today(app)}
          notice={noticeOf(request.query)}
        />,
      );
    },
  );

  app.get(
    '/panel/rejestr/lokale/:id/edycja',
    { ...access('register.change'), schema: { params: idParams } },
    async (request, reply) => {
      const unit = await findUnit(app.db, { organizationId: request.organization.id, id: request.params.id });
      if (!unit) throw new AppError('not_found', 'no such unit');
      const values = {
        buildingId: String(unit.buildingId),
        number: unit.number,
        kind: unit.kind,
        area: formatAreaNumber(unit.areaHundredths),
        floor: text(unit.floor),
        rooms: text(unit.rooms),
        externalKey: text(unit.externalKey),
        notes: text(unit.notes),
      };
      return sendPage(reply, await formPage(request, reply, { ...freshForm, values }, unit.id));
    },
  );

  formRoute(app, '/panel/rejestr/lokale/:id', {
    access: 'register.change',
    params: idParams,
    body: unitForm,
    run: async ({ request, params, body }) => {
      await updateUnit(app.db, { actor: actorOf(request), unitId: params.id, input: body });
      return `/panel/rejestr/lokale/${params.id}?zrobiono=zapisano`;
    },
    render: ({ request, reply, params, form }) => formPage(request, reply, form, params.id),
  });

  formRoute(app, '/panel/rejestr/lokale/:id/liczba-osob', {
    access: 'register.change',
    params: idParams,
    body: occupancyForm,
    run: async ({ request, params, body }) => {
      await recordOccupancyChange(app.db, {
        actor: actorOf(request),
        input: {
          unitId: params.id,
          effectiveFrom: body.effectiveFrom ?? '',
          personsCount: body.personsCount ?? '',
          note: body.note,
        },
      });
      return `/panel/rejestr/lokale/${params.id}?zrobiono=liczba`;
    },
    render: async ({ request, reply, params, form }) => (
      <UnitPage
        ctx={pageContext(request, reply)}
        details={await unitDetailsOr404(app, request, params.id)}
        asOf={today(app)}
        occupancyForm={form.values}
        errors={form.errors}
      />
    ),
  });
};
