/**
 * Heating settlements from the specialist company: the accountant imports its per-unit results
 * (with its PDFs) for a building; the import lands as a preview run, posted like water's.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { buildingAddress, withCity } from '../../../lib/address.ts';
import { listBuildings } from '../../units/queries.ts';
import { heatingImportForm } from '../forms.ts';
import { importHeating } from '../heating.ts';
import { HeatingImportPage } from '../views/heating-pages.tsx';

/** A building's PDFs of one settlement: one per unit, so allow a large building's worth. */
const MAX_PDFS = 400;

export const heatingRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app, { files: MAX_PDFS + 1 });

  async function page(request: FastifyRequest, reply: FastifyReply, form = freshForm) {
    const buildings = await listBuildings(app.db, { organizationId: request.organization.id });
    return (
      <HeatingImportPage
        ctx={pageContext(request, reply)}
        buildings={buildings.map((b) => ({ id: b.id, label: withCity(buildingAddress(b), b) }))}
        form={form}
      />
    );
  }

  app.get('/panel/media/ogrzewanie', access('ledger.book'), async (request, reply) =>
    sendPage(reply, await page(request, reply)),
  );

  formRoute(app, '/panel/media/ogrzewanie', {
    access: 'ledger.book',
    body: heatingImportForm,
    run: async ({ request, body }) => {
      const { run } = await importHeating(app.db, {
        actor: actorOf(request),
        buildingId: body.budynek,
        csv: body.plik.data,
        pdfs: body.pdf ?? [],
      });
      return `/panel/media/rozliczenia/${run.id}`;
    },
    render: ({ request, reply, form }) => page(request, reply, form),
  });
};
