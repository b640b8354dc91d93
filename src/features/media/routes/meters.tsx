/** Staff pages of meters: buildings, a unit's meters, one meter (paper card reading, replacement). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { buildingAddress } from '../../../lib/address.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { findBuilding, listBuildings } from '../../units/queries.ts';
import { findUnitLabel, listUnitBases } from '../../units/unit-facts.ts';
import { meterForm, readingForm, replacementForm, windowForm } from '../forms.ts';
import { unitMeters } from '../member-units.ts';
import { addMeter, replaceMeter } from '../meters.ts';
import { findMediaSettings, findMeter, listBuildingMeters, listMeterReadings } from '../queries.ts';
import { enterReading } from '../readings.ts';
import { setReadingWindow } from '../settings.ts';
import { BuildingMetersPage, BuildingsPage, MeterPage, UnitMetersPage } from '../views/staff-pages.tsx';

const doneQuery = z.object({ zapisano: z.string().optional().catch(undefined) });

export const staffMeterRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);
  const today = () => warsawDate(app.clock());

  async function buildingsPage(request: FastifyRequest, reply: FastifyReply, form = freshForm, notice?: string) {
    const organizationId = request.organization.id;
    const settings = await findMediaSettings(app.db, { organizationId });
    return (
      <BuildingsPage
        ctx={pageContext(request, reply)}
        buildings={await listBuildings(app.db, { organizationId })}
        window={{ startDay: settings.windowStartDay, endDay: settings.windowEndDay, months: settings.windowMonths }}
        form={form}
        notice={notice}
      />
    );
  }

  app.get('/panel/media', { ...access('media.manage'), schema: { querystring: doneQuery } }, async (request, reply) =>
    sendPage(
      reply,
      await buildingsPage(request, reply, freshForm, request.query.zapisano ? 'Zapisano termin odczytów.' : undefined),
    ),
  );

  formRoute(app, '/panel/media/termin', {
    access: 'media.manage',
    body: windowForm,
    run: async ({ request, body }) => {
      await setReadingWindow(app.db, {
        actor: actorOf(request),
        startDay: body.od_dnia,
        endDay: body.do_dnia,
        months: body.miesiace,
      });
      return '/panel/media?zapisano=1';
    },
    render: ({ request, reply, form }) => buildingsPage(request, reply, form),
  });

  async function buildingPage(request: FastifyRequest, reply: FastifyReply, buildingId: number, form = freshForm) {
    const organizationId = request.organization.id;
    const building = await findBuilding(app.db, { organizationId, id: buildingId });
    if (!building) throw new AppError('not_found', 'no such building');
    const meters = await listBuildingMeters(app.db, { organizationId, buildingId });
    const units = (await listUnitBases(app.db, { organizationId, day: today() })).filter(
      (u) => u.buildingId === buildingId,
    );
    return (
      <BuildingMetersPage
        ctx={pageContext(request, reply)}
        building={{ id: building.id, label: buildingAddress(building) }}
        mainMeters={meters.filter((m) => m.unitId === null)}
        units={units.map((u) => ({
          unitId: u.unitId,
          number: u.number,
          meters: meters.filter((m) => m.unitId === u.unitId).length,
        }))}
        form={form}
      />
    );
  }

  async function unitPage(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: number,
    form = freshForm,
    notice?: string,
  ) {
    const organizationId = request.organization.id;
    const unit = await findUnitLabel(app.db, { organizationId, unitId });
    if (!unit) throw new AppError('not_found', 'no such unit');
    return (
      <UnitMetersPage
        ctx={pageContext(request, reply)}
        unit={unit}
        meters={await unitMeters(app.db, { organizationId, unitId })}
        form={form}
        notice={notice}
      />
    );
  }

  async function meterPage(
    request: FastifyRequest,
    reply: FastifyReply,
    meterId: number,
    forms: { reading?: FormState; replacement?: FormState; notice?: string | undefined } = {},
  ) {
    const organizationId = request.organization.id;
    const meter = await findMeter(app.db, { organizationId, id: meterId });
    if (!meter) throw new AppError('not_found', 'no such meter');
    // One more than shown: the consumption of the oldest shown counts from it.
    const latest = await listMeterReadings(app.db, { organizationId, meterId, limit: 61 });
    const readings = latest.slice(0, 60);
    return (
      <MeterPage
        ctx={pageContext(request, reply)}
        meter={meter}
        item={{ meter, readings, before: latest[60]?.value }}
        today={today()}
        readingForm={forms.reading ?? freshForm}
        replacementForm={forms.replacement ?? freshForm}
        notice={forms.notice}
      />
    );
  }

  app.get(
    '/panel/media/budynek/:id',
    { ...access('media.manage'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await buildingPage(request, reply, request.params.id)),
  );
  app.get(
    '/panel/media/lokal/:id',
    { ...access('media.manage'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await unitPage(request, reply, request.params.id, freshForm, request.query.zapisano ? 'Zapisano.' : undefined),
      ),
  );
  app.get(
    '/panel/media/licznik/:id',
    { ...access('media.manage'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await meterPage(request, reply, request.params.id, {
          notice: request.query.zapisano ? 'Zapisano.' : undefined,
        }),
      ),
  );

  const meterInput = (body: z.output<typeof meterForm>) => ({
    medium: body.medium,
    serial: body.numer,
    place: body.miejsce,
    decimals: body.miejsca_po_przecinku,
    installedOn: body.zamontowano,
    initialReading: body.odczyt_poczatkowy,
    legalisationUntil: body.legalizacja_do,
    rolloverAt: null,
  });

  formRoute(app, '/panel/media/lokal/:id/licznik', {
    access: 'media.manage',
    params: idParams,
    body: meterForm,
    run: async ({ request, params, body }) => {
      await addMeter(app.db, {
        actor: actorOf(request),
        input: { ...meterInput(body), unitId: params.id, buildingId: null },
      });
      return `/panel/media/lokal/${params.id}?zapisano=1`;
    },
    render: ({ request, reply, params, form }) => unitPage(request, reply, params.id, form),
  });

  formRoute(app, '/panel/media/budynek/:id/licznik', {
    access: 'media.manage',
    params: idParams,
    body: meterForm,
    run: async ({ request, params, body }) => {
      const meter = await addMeter(app.db, {
        actor: actorOf(request),
        input: { ...meterInput(body), unitId: null, buildingId: params.id },
      });
      return `/panel/media/licznik/${meter.id}?zapisano=1`;
    },
    render: ({ request, reply, params, form }) => buildingPage(request, reply, params.id, form),
  });

  formRoute(app, '/panel/media/licznik/:id/odczyt', {
    access: 'media.manage',
    params: idParams,
    body: readingForm,
    run: async ({ request, params, body }) => {
      const meter = await findMeter(app.db, { organizationId: request.organization.id, id: params.id });
      if (!meter) throw new AppError('not_found', 'no such meter');
      await enterReading(app.db, {
        actor: actorOf(request),
        source: 'karta',
        today: today(),
        input: {
          meterId: meter.id,
          readOn: body.data,
          value: body.odczyt,
          confirmed: body.potwierdzam,
          photo: body.zdjecie?.data,
        },
      });
      return `/panel/media/licznik/${meter.id}?zapisano=1`;
    },
    render: ({ request, reply, params, form }) => meterPage(request, reply, params.id, { reading: form }),
  });

  formRoute(app, '/panel/media/licznik/:id/wymiana', {
    access: 'media.manage',
    params: idParams,
    body: replacementForm,
    run: async ({ request, params, body }) => {
      const fresh = await replaceMeter(app.db, {
        actor: actorOf(request),
        input: {
          meterId: params.id,
          date: body.data_wymiany,
          finalReading: body.odczyt_koncowy,
          serial: body.nowy_numer,
          initialReading: body.nowy_odczyt,
          decimals: body.nowe_miejsca,
          legalisationUntil: body.nowa_legalizacja,
        },
      });
      return `/panel/media/licznik/${fresh.id}?zapisano=1`;
    },
    render: ({ request, reply, params, form }) => meterPage(request, reply, params.id, { replacement: form }),
  });
};
