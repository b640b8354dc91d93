import type { FastifyInstance } from 'fastify';
import { access, safeNextPath, staffOf, stepPath } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { accountRoutes } from '../accounts/routes.tsx';
import { PanelSignInPage } from '../accounts/views/sign-in.tsx';
import { PanelHomePage } from './views/panel-home.tsx';

/** The staff back office at /panel: sign-in, or the start page by role. */
export async function panelRoutes(app: FastifyInstance) {
  await app.register(
    accountRoutes({ kind: 'staff', renderSignIn: (ctx, form) => <PanelSignInPage ctx={ctx} {...form} /> }),
  );

  app.get('/panel', access('public'), async (request, reply) => {
    const { account, session } = request;
    if (account?.kind === 'staff' && session) {
      if (session.stage !== 'full') return reply.redirect(stepPath('staff', session.stage));
      return sendPage(reply, <PanelHomePage ctx={pageContext(request, reply)} account={staffOf(request)} />);
    }
    const query = request.query as { next?: string; wylogowano?: string };
    const ctx = { ...pageContext(request, reply), account: undefined };
    return sendPage(
      reply,
      <PanelSignInPage
        ctx={ctx}
        next={safeNextPath(query.next)}
        notice={query.wylogowano ? 'Wylogowano.' : undefined}
      />,
    );
  });
}
