/** e-BOK: the member's letters, one letter, its attachments. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, memberOf } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { listInbox, openLetter } from '../deliveries.ts';
import { listAttachments } from '../letter-queries.ts';
import { deliveredHtml } from '../personal/delivered.ts';
import { InboxPage, LetterPage } from '../views/inbox.tsx';
import { attachmentParams, memberPersonId, sendAttachment } from './shared.ts';

export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/ebok/korespondencja', access('member'), async (request, reply) => {
    const personId = memberOf(request).personId;
    const rows = personId ? await listInbox(app.db, { organizationId: request.organization.id, personId }) : [];
    return sendPage(reply, <InboxPage ctx={pageContext(request, reply)} rows={rows} linked={Boolean(personId)} />);
  });

  app.get('/ebok/korespondencja/:id', { ...access('member'), schema: { params: idParams } }, async (request, reply) => {
    const organizationId = request.organization.id;
    const { letter, deliveries } = await openLetter(app.db, {
      organizationId,
      personId: memberPersonId(request),
      letterId: request.params.id,
      now: app.clock(),
    });
    const html = await deliveredHtml(letter, deliveries);
    const attachments = await listAttachments(app.db, { organizationId, letterId: letter.id });
    return sendPage(
      reply,
      <LetterPage
        ctx={pageContext(request, reply)}
        letter={letter}
        html={html}
        attachments={attachments}
        attachmentBase={`/ebok/korespondencja/${letter.id}/zalaczniki`}
        back={{ href: '/ebok/korespondencja', label: 'Korespondencja' }}
      />,
    );
  });

  app.get(
    '/ebok/korespondencja/:id/zalaczniki/:attachment',
    { ...access('member'), schema: { params: attachmentParams } },
    async (request, reply) => {
      // Through the member's own delivery: someone else's letter is not there.
      const { letter } = await openLetter(app.db, {
        organizationId: request.organization.id,
        personId: memberPersonId(request),
        letterId: request.params.id,
        now: app.clock(),
      });
      return sendAttachment(app, reply, { letter, attachmentId: request.params.attachment });
    },
  );
};
