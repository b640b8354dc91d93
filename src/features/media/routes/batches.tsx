/**
 * The water settlement of every building at once (staff with `ledger.book`): preview all
 * buildings of a medium and period, see the units that stop it, then the batch's totals per
 * building, and post every building in one transaction.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { batchForm, postForm } from '../forms.ts';
import { listBatches, listBatchRuns } from '../queries.ts';
import { addDays } from '../rules/days.ts';
import { postSettlements, previewAllBuildings, type StoppedBuilding } from '../settlement.ts';
import { BatchPage, BatchStartPage } from '../views/batch-pages.tsx';

const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

export const batchRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());

  async function startPage(request: FastifyRequest, reply: FastifyReply, form: FormState, stopped?: StoppedBuilding[]) {
    return (
      <BatchStartPage
        ctx={pageContext(request, reply)}
        form={form}
        batches={await listBatches(app.db, { organizationId: request.organization.id })}
        stopped={stopped}
      />
    );
  }

  app.get('/panel/media/rozliczenia/wszystkie', access('ledger.book'), async (request, reply) =>
    sendPage(reply, await startPage(request, reply, freshForm)),
  );

  formRoute(app, '/panel/media/rozliczenia/wszystkie', {
    access: 'ledger.book',
    body: batchForm,
    run: async ({ request, reply, body }) => {
      const preview = await previewAllBuildings(app.db, {
        actor: actorOf(request),
        medium: body.medium,
        periodFrom: body.od,
        periodTo: body.do,
      });
      if ('stopped' in preview) {
        const values = { medium: body.medium, od: body.od, do: body.do };
        return sendPage(
          reply,
          await startPage(request, reply, { errors: [], values, lists: {} }, preview.stopped),
          422,
        );
      }
      return `/panel/media/rozliczenia/wszystkie/${preview.batchId}`;
    },
    render: ({ request, reply, form }) => startPage(request, reply, form),
  });

  async function batchPage(
    request: FastifyRequest,
    reply: FastifyReply,
    batchId: number,
    form = freshForm,
    notice?: string,
  ) {
    const runs = await listBatchRuns(app.db, { organizationId: request.organization.id, batchId });
    if (runs.length === 0) throw new AppError('not_found', 'no such batch');
    return (
      <BatchPage
        ctx={pageContext(request, reply)}
        batchId={batchId}
        runs={runs}
        today={today()}
        dueDate={addDays(today(), 14)}
        form={form}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/media/rozliczenia/wszystkie/:id',
    { ...access('ledger.book'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await batchPage(
          request,
          reply,
          request.params.id,
          freshForm,
          request.query.zrobiono ? 'Rozliczenia wszystkich budynków zaksięgowane.' : undefined,
        ),
      ),
  );

  formRoute(app, '/panel/media/rozliczenia/wszystkie/:id/ksieguj', {
    access: 'ledger.book',
    params: idParams,
    body: postForm,
    run: async ({ request, params, body }) => {
      const runs = await listBatchRuns(app.db, { organizationId: request.organization.id, batchId: params.id });
      if (runs.length === 0) throw new AppError('not_found', 'no such batch');
      await postSettlements(app.db, {
        actor: actorOf(request),
        runIds: runs.map((r) => r.id),
        bookingDate: body.data_ksiegowania,
        dueDate: body.termin,
        now: app.clock(),
      });
      return `/panel/media/rozliczenia/wszystkie/${params.id}?zrobiono=1`;
    },
    render: ({ request, reply, params, form }) => batchPage(request, reply, params.id, form),
  });
};
