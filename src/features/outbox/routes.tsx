import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { access } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { idParams } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { findOutboxMessage, listOutbox } from './queries.ts';
import { outboxStatuses } from './schema.ts';
import { OutboxListPage, OutboxMessagePage } from './views/outbox-pages.tsx';

const listQuery = z.object({ stan: z.enum(outboxStatuses).optional().catch(undefined) });

/** The outbox in the back office: what was sent, what waits, what failed (administrators, BOK). */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/panel/poczta', { ...access('outbox.read'), schema: { querystring: listQuery } }, async (request, reply) => {
    const { stan } = request.query;
    const { rows, total } = await listOutbox(app.db, {
      organizationId: request.organization.id,
      status: stan,
      limit: 100,
      offset: 0,
    });
    return sendPage(
      reply,
      <OutboxListPage
        ctx={pageContext(request, reply)}
        messages={rows}
        total={total}
        status={stan}
        smtpConfigured={Boolean(app.config.smtpUrl)}
      />,
    );
  });

  app.get('/panel/poczta/:id', { ...access('outbox.read'), schema: { params: idParams } }, async (request, reply) => {
    const message = await findOutboxMessage(app.db, { organizationId: request.organization.id, id: request.params.id });
    if (!message) throw new AppError('not_found', 'no such message');
    return sendPage(reply, <OutboxMessagePage ctx={pageContext(request, reply)} message={message} />);
  });
};
