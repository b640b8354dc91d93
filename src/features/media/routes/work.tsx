/** Staff work on readings: the flagged queue, photos, the imports of meters and readings. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError, ValidationError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { meterImportForm, readingImportForm, reviewForm } from '../forms.ts';
import { importMeters } from '../import-meters.ts';
import { importReadings } from '../import-readings.ts';
import { findPhoto, listFlaggedReadings, listImportMappings } from '../queries.ts';
import { reviewReading } from '../readings.ts';
import { MeterImportPage, QueuePage, ReadingImportPage } from '../views/work-pages.tsx';

const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

export const staffWorkRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);

  async function queuePage(request: FastifyRequest, reply: FastifyReply, notice?: string, errors: FieldError[] = []) {
    const rows = await listFlaggedReadings(app.db, { organizationId: request.organization.id });
    return <QueuePage ctx={pageContext(request, reply)} rows={rows} notice={notice} errors={errors} />;
  }

  app.get(
    '/panel/media/odczyty-do-sprawdzenia',
    { ...access('media.manage'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await queuePage(request, reply, request.query.zrobiono ? 'Zapisano decyzję.' : undefined)),
  );

  formRoute(app, '/panel/media/odczyty/:id/decyzja', {
    access: 'media.manage',
    params: idParams,
    body: reviewForm,
    run: async ({ request, params, body }) => {
      await reviewReading(app.db, {
        actor: actorOf(request),
        readingId: params.id,
        decision: body.decyzja,
        note: body.uwaga,
      });
      return '/panel/media/odczyty-do-sprawdzenia?zrobiono=1';
    },
    render: ({ request, reply, form }) => queuePage(request, reply, undefined, form.errors),
  });

  app.get(
    '/panel/media/zdjecie/:id',
    { ...access('media.manage'), schema: { params: idParams } },
    async (request, reply) => {
      const photo = await findPhoto(app.db, { organizationId: request.organization.id, id: request.params.id });
      if (!photo) throw new AppError('not_found', 'no such photo');
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'private, no-store')
        .send(photo.data);
    },
  );

  const meterImportPage = (request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm) => (
    <MeterImportPage ctx={pageContext(request, reply)} form={form} />
  );
  app.get('/panel/media/import-licznikow', access('media.manage'), async (request, reply) =>
    sendPage(reply, meterImportPage(request, reply)),
  );
  formRoute(app, '/panel/media/import-licznikow', {
    access: 'media.manage',
    body: meterImportForm,
    run: async ({ request, reply, body }) => {
      const report = await importMeters(app.db, { actor: actorOf(request), data: body.plik.data });
      const page = <MeterImportPage ctx={pageContext(request, reply)} form={freshForm} report={report} />;
      return sendPage(reply, page, report.errors.length > 0 ? 422 : 200);
    },
    render: ({ request, reply, form }) => meterImportPage(request, reply, form),
  });

  async function readingImportPage(request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm) {
    const mappings = await listImportMappings(app.db, { organizationId: request.organization.id });
    return <ReadingImportPage ctx={pageContext(request, reply)} form={form} mappings={mappings} />;
  }
  app.get('/panel/media/import-odczytow', access('media.manage'), async (request, reply) =>
    sendPage(reply, await readingImportPage(request, reply)),
  );
  formRoute(app, '/panel/media/import-odczytow', {
    access: 'media.manage',
    body: readingImportForm,
    run: async ({ request, reply, body }) => {
      if (body.plik.data.length === 0) throw new ValidationError([{ field: 'plik', message: 'Wybierz plik CSV.' }]);
      const report = await importReadings(app.db, {
        actor: actorOf(request),
        data: body.plik.data,
        today: warsawDate(app.clock()),
        mapping: {
          source: body.zrodlo,
          serialColumn: body.kolumna_numer,
          dateColumn: body.kolumna_data,
          valueColumn: body.kolumna_odczyt,
        },
      });
      const mappings = await listImportMappings(app.db, { organizationId: request.organization.id });
      const page = (
        <ReadingImportPage ctx={pageContext(request, reply)} form={freshForm} mappings={mappings} report={report} />
      );
      return sendPage(reply, page, report.errors.length > 0 ? 422 : 200);
    },
    render: ({ request, reply, form }) => readingImportPage(request, reply, form),
  });
};
