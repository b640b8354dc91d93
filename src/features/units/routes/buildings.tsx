/** The register's buildings in /panel: the list, a new building, changing one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { createBuilding, updateBuilding } from '../buildings.ts';
import { buildingForm } from '../forms.ts';
import { findBuilding, listBuildings } from '../queries.ts';
import { BuildingFormPage } from '../views/register-forms.tsx';
import { BuildingListPage } from '../views/register-lists.tsx';
import { doneQuery, noticeOf, text } from './common.ts';

export const buildingRoutes: FastifyPluginAsyncZod = async (app) => {
  function formPage(request: FastifyRequest, reply: FastifyReply, form: FormState, buildingId?: number) {
    return (
      <BuildingFormPage
        ctx={pageContext(request, reply)}
        form={form.values}
        errors={form.errors}
        buildingId={buildingId}
      />
    );
  }

  app.get(
    '/panel/rejestr/budynki',
    { ...access('register.read'), schema: { querystring: doneQuery } },
    async (request, reply) => {
      const buildings = await listBuildings(app.db, { organizationId: request.organization.id });
      return sendPage(
        reply,
        <BuildingListPage ctx={pageContext(request, reply)} buildings={buildings} notice={noticeOf(request.query)} />,
      );
    },
  );

  app.get('/panel/rejestr/budynki/nowy', access('register.change'), async (request, reply) =>
    sendPage(reply, formPage(request, reply, { ...freshForm, values: { city: request.organization.city ?? '' } })),
  );

  formRoute(app, '/panel/rejestr/budynki', {
    access: 'register.change',
    body: buildingForm,
    run: async ({ request, body }) => {
      await createBuilding(app.db, { actor: actorOf(request), input: body });
      return '/panel/rejestr/budynki?zrobiono=dodano';
    },
    render: ({ request, reply, form }) => formPage(request, reply, form),
  });

  app.get(
    '/panel/rejestr/budynki/:id/edycja',
    { ...access('register.change'), schema: { params: idParams } },
    async (request, reply) => {
      const building = await findBuilding(app.db, { organizationId: request.organization.id, id: request.params.id });
      if (!building) throw new AppError('not_found', 'no such building');
      const values = {
        street: building.street,
        number: building.number,
        postcode: building.postcode,
        city: building.city,
        estate: text(building.estate),
        externalKey: text(building.externalKey),
        notes: text(building.notes),
      };
      return sendPage(reply, formPage(request, reply, { ...freshForm, values }, building.id));
    },
  );

  formRoute(app, '/panel/rejestr/budynki/:id', {
    access: 'register.change',
    params: idParams,
    body: buildingForm,
    run: async ({ request, params, body }) => {
      await updateBuilding(app.db, { actor: actorOf(request), buildingId: params.id, input: body });
      return '/panel/rejestr/budynki?zrobiono=zapisano';
    },
    render: ({ request, reply, params, form }) => formPage(request, reply, form, params.id),
  });
};
