/** The print queue: paper letters as one PDF for window envelopes, and confirming what was printed. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { listPrintQueue, markPrinted } from '../deliveries.ts';
import { idList, printedForm } from '../forms.ts';
import { listAttachmentFiles } from '../letter-queries.ts';
import { type PrintAttachment, printQueuePdf } from '../print.ts';
import { PrintQueuePage } from '../views/print.tsx';
import { doneQuery, noticeOf } from './shared.ts';

const QUEUE = '/panel/korespondencja/druk';

/** Names and postal addresses: `letters.recipients` (clerks and admins). */
export const printRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(QUEUE, { ...access('letters.recipients'), schema: { querystring: doneQuery } }, async (request, reply) => {
    const rows = await listPrintQueue(app.db, { organizationId: request.organization.id });
    return sendPage(
      reply,
      <PrintQueuePage ctx={pageContext(request, reply)} rows={rows} notice={noticeOf(request.query)} />,
    );
  });

  app.get(
    `${QUEUE}.pdf`,
    { ...access('letters.recipients'), schema: { querystring: z.object({ ids: z.string().catch('') }) } },
    async (request, reply) => {
      const organizationId = request.organization.id;
      const items = await listPrintQueue(app.db, { organizationId, onlyIds: idList(request.query.ids) });
      const attachments = new Map<number, PrintAttachment[]>();
      for (const letterId of new Set(items.map((i) => i.letter.id))) {
        attachments.set(letterId, await listAttachmentFiles(app.db, { organizationId, letterId }));
      }
      const pdf = await printQueuePdf({ organization: request.organization, items, attachments });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="korespondencja-do-druku-${warsawDate(app.clock())}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  formRoute(app, `${QUEUE}/potwierdz`, {
    access: 'letters.recipients',
    body: printedForm,
    run: async ({ request, body }) => {
      await markPrinted(app.db, { actor: actorOf(request), deliveryIds: body.deliveryIds, now: app.clock() });
      return `${QUEUE}?zrobiono=wydrukowano`;
    },
    // Nothing here breaks a rule at a field; should it, the queue is drawn again with the message.
    render: async ({ request, reply, form }) => {
      const rows = await listPrintQueue(app.db, { organizationId: request.organization.id });
      return <PrintQueuePage ctx={pageContext(request, reply)} rows={rows} errors={form.errors} />;
    },
  });
};
