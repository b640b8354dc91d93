import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assetUrl } from '../../http/assets.ts';
import { access, memberOf, safeNextPath, stepPath } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { accountRoutes } from '../accounts/routes.tsx';
import { previousSignInAt } from '../accounts/sign-in-history.ts';
import { SignInForm } from '../accounts/views/sign-in.tsx';
import { paletteOfOrganization } from '../branding/branding.ts';
import { countUnread } from '../correspondence/deliveries.ts';
import { loadLedgerDashboard } from '../ledger/dashboard.ts';
import { listNoticesForBuildings } from '../requests/notices.ts';
import { countMemberOpen } from '../requests/queries.ts';
import { unitsHeldBy } from '../units/person-lookup.ts';
import { EbokLandingPage } from './views/ebok-home.tsx';
import { MemberHomePage } from './views/member-home.tsx';

/** Where the landing page was reached from: a page to return to after sign-in, or a sign-out. */
const landingQuery = z.object({
  next: z.string().optional().catch(undefined),
  wylogowano: z.string().optional().catch(undefined),
});

/** The members' portal at /ebok: the landing page with sign-in, or the member's start page. */
export const ebokRoutes: FastifyPluginAsyncZod = async (app) => {
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

  /** The web-app manifest, so members can pin e-BOK to a phone's home screen. */
  app.get('/manifest.webmanifest', access('public'), async (request, reply) => {
    const organization = request.organization;
    return reply
      .type('application/manifest+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send({
        name: `e-BOK · ${organization.name}`,
        short_name: organization.shortName || 'e-BOK',
        lang: 'pl',
        start_url: '/ebok',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: paletteOfOrganization(organization).primary,
        // PNGs for home screens that do not take SVG; the maskable one keeps the house inside the
        // central safe zone that launchers crop to a circle or squircle.
        icons: [
          { src: assetUrl('favicon.svg'), sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: assetUrl('icons/icon-192.png'), sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: assetUrl('icons/icon-512.png'), sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: assetUrl('icons/maskable-512.png'), sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      });
  });

  app.get('/ebok', { ...access('public'), schema: { querystring: landingQuery } }, async (request, reply) => {
    const { session } = request;
    if (request.account?.kind === 'member' && session) {
      if (session.stage !== 'full') return reply.redirect(stepPath('member', session.stage));
      const account = memberOf(request);
      const organizationId = request.organization.id;
      const today = warsawDate(app.clock());
      // Independent reads, issued together.
      const [unreadLetters, ledger, units, requests, previousSignIn] = await Promise.all([
        account.personId ? countUnread(app.db, { organizationId, personId: account.personId }) : 0,
        loadLedgerDashboard(app.db, { organization: request.organization, personId: account.personId, today }),
        account.personId ? unitsHeldBy(app.db, { organizationId, personId: account.personId, asOf: today }) : [],
        countMemberOpen(app.db, { organizationId, accountId: account.id }),
        previousSignInAt(app.db, { organizationId, accountId: account.id }),
      ]);
      const notices = await listNoticesForBuildings(app.db, {
        organizationId,
        buildingIds: units.map((u) => u.buildingId),
        now: app.clock(),
      });
      return sendPage(
        reply,
        <MemberHomePage
          ctx={pageContext(request, reply)}
          account={account}
          units={units}
          unreadLetters={unreadLetters}
          ledger={ledger}
          notices={notices}
          requests={requests}
          previousSignIn={previousSignIn}
        />,
      );
    }
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <EbokLandingPage organization={request.organization}>
        <SignInForm
          action="/ebok/logowanie"
          csrfToken={ctx.csrfToken}
          next={safeNextPath(request.query.next)}
          notice={request.query.wylogowano ? 'Wylogowano. Do zobaczenia!' : undefined}
        />
      </EbokLandingPage>,
    );
  });
};
