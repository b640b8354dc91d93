import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, safeNextPath, staffOf, stepPath } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { accountRoutes } from '../accounts/routes.tsx';
import { PanelSignInPage } from '../accounts/views/sign-in.tsx';
import { loadDesk } from '../desk/desk.ts';
import { PanelHomePage } from './views/panel-home.tsx';

/** Where the sign-in page was reached from: a page to return to after sign-in, or a sign-out. */
const signInQuery = z.object({
  next: z.string().optional().catch(undefined),
  wylogowano: z.string().optional().catch(undefined),
});

/** The staff back office at /panel: sign-in, or the start page by role. */
export const panelRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(
    accountRoutes({ kind: 'staff', renderSignIn: (ctx, form) => <PanelSignInPage ctx={ctx} {...form} /> }),
  );

  app.get('/panel', { ...access('public'), schema: { querystring: signInQuery } }, async (request, reply) => {
    const { session } = request;
    if (request.account?.kind === 'staff' && session) {
      if (session.stage !== 'full') return reply.redirect(stepPath('staff', session.stage));
      const account = staffOf(request);
      const desk = await loadDesk(app.db, { account, organizationId: request.organization.id });
      return sendPage(
        reply,
        <PanelHomePage ctx={pageContext(request, reply)} account={account} desk={desk} now={app.clock()} />,
      );
    }
    const ctx = { ...pageContext(request, reply), account: undefined };
    return sendPage(
      reply,
      <PanelSignInPage
        ctx={ctx}
        next={safeNextPath(request.query.next)}
        notice={request.query.wylogowano ? 'Wylogowano.' : undefined}
      />,
    );
  });
};
