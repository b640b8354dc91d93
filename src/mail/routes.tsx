import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { access } from '../http/auth.ts';
import { pageContext } from '../http/page-context.ts';
import { sendPage } from '../http/render.ts';
import { findOutboxMessage, listOutbox } from './outbox.ts';
import { OutboxListPage, OutboxMessagePage } from './views/outbox-pages.tsx';

const listQuery = z.object({ stan: z.enum(['pending', 'sending', 'sent', 'failed']).optional().catch(undefined) });
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** The outbox in the back office: what was sent, what waits, what failed (administrators, BOK). */
export async function outboxRoutes(app: FastifyInstance) {
  const staff = access('outbox.read');

  app.get('/panel/poczta', staff, async (request, reply) => {
    const { stan } = listQuery.parse(request.query ?? {});
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

  app.get('/panel/poczta/:id', staff, async (request, reply) => {
    const params = idParams.safeParse(request.params);
    const message = params.success
      ? await findOutboxMessage(app.db, request.organization.id, params.data.id)
      : undefined;
    if (!message) throw new AppError('not_found', 'no such message');
    return sendPage(reply, <OutboxMessagePage ctx={pageContext(request, reply)} message={message} />);
  });
}
