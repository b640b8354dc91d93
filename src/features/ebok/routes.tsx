import type { FastifyInstance } from 'fastify';
import { access, safeNextPath, stepPath } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { accountRoutes } from '../accounts/routes.tsx';
import { SignInForm } from '../accounts/views/sign-in.tsx';
import { countUnread } from '../correspondence/deliveries.ts';
import { loadLedgerDashboard } from '../ledger/dashboard.ts';
import { memberUnitsOf } from '../units/routes.tsx';
import { EbokLandingPage } from './views/ebok-home.tsx';
import { MemberHomePage } from './views/member-home.tsx';

/** The members' portal at /ebok: the landing page with sign-in, or the member's start page. */
export async function ebokRoutes(app: FastifyInstance) {
  await app.register(
    accountRoutes({
      kind: 'member',
      renderSignIn: (ctx, form) => (
        <EbokLandingPage organization={ctx.organization}>
          <SignInForm action="/ebok/logowanie" csrfToken={ctx.csrfToken} {...form} />
        </EbokLandingPage>
      ),
    }),
  );

  app.get('/ebok', access('public'), async (request, reply) => {
    const { account, session } = request;
    if (account?.kind === 'member' && session) {
      if (session.stage !== 'full') return reply.redirect(stepPath('member', session.stage));
      // Independent reads, issued together.
      const [unreadLetters, ledger, units] = await Promise.all([
        account.personId
          ? countUnread(app.db, { organizationId: request.organization.id, personId: account.personId })
          : 0,
        loadLedgerDashboard(app.db, {
          organization: request.organization,
          personId: account.personId,
          today: warsawDate(app.clock()),
        }),
        memberUnitsOf(app, request),
      ]);
      return sendPage(
        reply,
        <MemberHomePage
          ctx={pageContext(request, reply)}
          units={units}
          unreadLetters={unreadLetters}
          ledger={ledger}
        />,
      );
    }
    const ctx = pageContext(request, reply);
    const query = request.query as { next?: string; wylogowano?: string };
    return sendPage(
      reply,
      <EbokLandingPage organization={request.organization}>
        <SignInForm
          action="/ebok/logowanie"
          csrfToken={ctx.csrfToken}
          next={safeNextPath(query.next)}
          notice={query.wylogowano ? 'Wylogowano. Do zobaczenia!' : undefined}
        />
      </EbokLandingPage>,
    );
  });
}
