/** Import of payments from a bank's CSV file (/panel/finanse/import): all rows or none. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { paymentImportForm } from '../forms.ts';
import { importPayments } from '../import-payments.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { ImportPaymentsPage } from '../views/import-payments.tsx';
import { todayOf } from './staff-common.ts';

export const paymentImportRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);

  app.get('/panel/finanse/import', access('ledger.book'), async (request, reply) =>
    sendPage(reply, <ImportPaymentsPage ctx={pageContext(request, reply)} />),
  );

  // The report is the answer: what was booked, or every row's error (422, nothing booked).
  formRoute(app, '/panel/finanse/import', {
    access: 'ledger.book',
    body: paymentImportForm,
    run: async ({ request, reply, body }) => {
      const report = await importPayments(app.db, {
        actor: actorOf(request),
        source: { bytes: body.plik.data, name: body.plik.fileName || 'wplaty.csv' },
        bookingDate: todayOf(app),
        startDate: ledgerSettingsOf(request.organization).startDate,
      });
      const failed = report.fileError !== undefined || report.errors.length > 0;
      return sendPage(
        reply,
        <ImportPaymentsPage ctx={pageContext(request, reply)} report={report} />,
        failed ? 422 : 200,
      );
    },
    render: ({ request, reply, form }) => <ImportPaymentsPage ctx={pageContext(request, reply)} errors={form.errors} />,
  });
};
