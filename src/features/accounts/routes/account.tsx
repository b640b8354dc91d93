import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, setSessionCookie } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { listAudit } from '../../audit/audit.ts';
import { changePassword, confirmTotpEnrolment, disableTotp, pendingTotpSecret } from '../account-settings.ts';
import { type Account, countUnusedRecoveryCodes, findAccount, listSessionsOfAccount } from '../queries.ts';
import type { AccountKind } from '../schema.ts';
import { rotateSession, signOutOtherSessions } from '../sessions.ts';
import { nextStage } from '../stages.ts';
import { totpUri } from '../totp.ts';
import { AccountPage, ChangePasswordPage, HistoryPage, SessionsPage } from '../views/account-pages.tsx';
import { RecoveryCodesPage, TotpEnrolmentPage } from '../views/two-factor-pages.tsx';
import { codeBody, sectionTools } from './section.ts';

const passwordBody = z.object({
  obecne: z.string().optional(),
  nowe: z.string().default(''),
  powtorzone: z.string().default(''),
});
const passwordConfirmation = z.object({ haslo: z.string().default('') });
const noFields = z.object({});

/** Confirmations after a change, by the `zmieniono` the change redirects with. */
const changeNotices = new Map([
  ['haslo', 'Hasło zostało zmienione. Pozostałe sesje zostały wylogowane.'],
  ['2fa', 'Weryfikacja dwuetapowa została wyłączona.'],
  ['email-link', 'Wysłaliśmy link na nowy adres e-mail: zmiana nastąpi po jego otwarciu i potwierdzeniu.'],
  ['telefon', 'Numer telefonu został zapisany.'],
]);
const accountQuery = z.object({ zmieniono: z.string().optional().catch(undefined) });
const sessionsQuery = z.object({ wylogowano: z.string().optional().catch(undefined) });

/**
 * The account pages of one section (/ebok/konto, /panel/konto): the password, two-factor
 * authentication, the sessions and the account's history. The password and the enrolment of the
 * second factor are also steps of a first sign-in, so they take a session at that step.
 */
export function accountPageRoutes({ kind }: { kind: AccountKind }): FastifyPluginAsyncZod {
  return async (app) => {
    const { section, own, stepOf, advance } = sectionTools(app, kind);

    /** The account again after a change, as the next step is decided from it. */
    async function reloaded(account: Account): Promise<Account> {
      const found = await findAccount(app.db, { organizationId: account.organizationId, id: account.id });
      if (!found) throw new AppError('not_found', 'account gone');
      return found;
    }

    /** The account page, with the errors of a refused change at their fields and what was typed. */
    async function accountPage(
      request: FastifyRequest,
      reply: FastifyReply,
      { form = freshForm, notice }: { form?: FormState; notice?: string | undefined } = {},
    ) {
      const { account } = own(request);
      const unused = await countUnusedRecoveryCodes(app.db, { accountId: account.id });
      return (
        <AccountPage
          ctx={pageContext(request, reply)}
          account={account}
          section={section}
          unusedRecoveryCodes={unused}
          form={{ email: form.values.email, telefon: form.values.telefon }}
          errors={form.errors}
          notice={notice}
        />
      );
    }

    const passwordPath = `${section}/konto/haslo`;

    function passwordPage(request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm) {
      const { account } = own(request);
      return (
        <ChangePasswordPage
          ctx={pageContext(request, reply)}
          account={account}
          action={passwordPath}
          forced={account.mustChangePassword}
          errors={form.errors}
        />
      );
    }

    app.get(passwordPath, access('session'), async (request, reply) => {
      const { session } = own(request);
      if (session.stage !== 'full' && session.stage !== 'password_change') return reply.redirect(stepOf(session.stage));
      return sendPage(reply, passwordPage(request, reply));
    });

    formRoute(app, passwordPath, {
      access: 'session',
      body: passwordBody,
      run: async ({ request, reply, body }) => {
        const { account, session } = own(request);
        if (session.stage !== 'full' && session.stage !== 'password_change') return stepOf(session.stage);
        await changePassword(app.db, {
          actor: actorOf(request),
          account,
          organization: request.organization,
          currentPassword: body.obecne,
          newPassword: body.nowe,
          confirmation: body.powtorzone,
          keepSessionId: session.id,
          now: app.clock(),
        });
        if (session.stage === 'full') {
          // Still a privilege change: the session gets a new token.
          const token = await rotateSession(app.db, { session, stage: 'full', now: app.clock() });
          setSessionCookie(reply, app.config, token);
          return `${section}/konto?zmieniono=haslo`;
        }
        return advance(reply, await reloaded(account), session);
      },
      render: ({ request, reply, form }) => passwordPage(request, reply, form),
    });

    const enrolmentPath = `${section}/konto/weryfikacja-dwuetapowa`;

    async function enrolmentPage(request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm) {
      const { account, session } = own(request);
      const secret = await pendingTotpSecret(app.db, { account, totpKey: (await app.secrets()).totpKey });
      const uri = totpUri({ secret, issuer: request.organization.shortName, login: account.login });
      const qrDataUri = await QRCode.toDataURL(uri, { margin: 1, width: 224, errorCorrectionLevel: 'M' });
      return (
        <TotpEnrolmentPage
          ctx={pageContext(request, reply)}
          action={enrolmentPath}
          secret={secret}
          qrDataUri={qrDataUri}
          forced={session.stage === 'mfa_enrolment'}
          errors={form.errors}
        />
      );
    }

    app.get(enrolmentPath, access('session'), async (request, reply) => {
      const { account, session } = own(request);
      if (session.stage !== 'full' && session.stage !== 'mfa_enrolment') return reply.redirect(stepOf(session.stage));
      if (account.totpEnabledAt) return reply.redirect(`${section}/konto`);
      return sendPage(reply, await enrolmentPage(request, reply));
    });

    formRoute(app, enrolmentPath, {
      access: 'session',
      body: codeBody,
      run: async ({ request, reply, body }) => {
        const { account, session } = own(request);
        if (session.stage !== 'full' && session.stage !== 'mfa_enrolment') return stepOf(session.stage);
        if (account.totpEnabledAt) return `${section}/konto`;
        const codes = await confirmTotpEnrolment(app.db, {
          actor: actorOf(request),
          account,
          code: body.kod,
          totpKey: (await app.secrets()).totpKey,
          now: app.clock(),
        });
        const updated = await reloaded(account);
        const stage = nextStage(updated, { secondFactorVerified: true });
        const token = await rotateSession(app.db, { session, stage, now: app.clock() });
        setSessionCookie(reply, app.config, token);
        // The codes page is drawn for the session as it is now.
        request.session = { ...session, stage };
        request.account = updated;
        return (
          <RecoveryCodesPage
            ctx={pageContext(request, reply)}
            codes={codes}
            continueHref={stage === 'full' ? section : stepOf(stage)}
          />
        );
      },
      render: ({ request, reply, form }) => enrolmentPage(request, reply, form),
    });

    formRoute(app, `${section}/konto/weryfikacja-dwuetapowa/wylacz`, {
      access: kind,
      body: passwordConfirmation,
      run: async ({ request, body }) => {
        await disableTotp(app.db, {
          actor: actorOf(request),
          account: own(request).account,
          password: body.haslo,
          now: app.clock(),
        });
        return `${section}/konto?zmieniono=2fa`;
      },
      render: ({ request, reply, form }) => accountPage(request, reply, { form }),
    });

    app.get(`${section}/konto`, { ...access(kind), schema: { querystring: accountQuery } }, async (request, reply) => {
      const notice = changeNotices.get(request.query.zmieniono ?? '');
      return sendPage(reply, await accountPage(request, reply, { notice }));
    });

    async function sessionsPage(request: FastifyRequest, reply: FastifyReply, ended?: string) {
      const { account, session } = own(request);
      const sessions = await listSessionsOfAccount(app.db, { accountId: account.id });
      return (
        <SessionsPage
          ctx={pageContext(request, reply)}
          section={section}
          sessions={sessions}
          currentId={session.id}
          notice={ended ? `Wylogowano pozostałe sesje: ${ended}.` : undefined}
        />
      );
    }

    app.get(
      `${section}/konto/sesje`,
      { ...access(kind), schema: { querystring: sessionsQuery } },
      async (request, reply) => sendPage(reply, await sessionsPage(request, reply, request.query.wylogowano)),
    );

    formRoute(app, `${section}/konto/sesje/wyloguj-pozostale`, {
      access: kind,
      body: noFields,
      run: async ({ request }) => {
        const { account, session } = own(request);
        const ended = await signOutOtherSessions(app.db, {
          actor: actorOf(request),
          account,
          session,
          now: app.clock(),
        });
        return `${section}/konto/sesje?wylogowano=${ended}`;
      },
      render: ({ request, reply }) => sessionsPage(request, reply),
    });

    app.get(`${section}/konto/historia`, access(kind), async (request, reply) => {
      const { account } = own(request);
      const { rows } = await listAudit(app.db, {
        organizationId: account.organizationId,
        involvingAccountId: account.id,
        limit: 100,
      });
      return sendPage(reply, <HistoryPage ctx={pageContext(request, reply)} entries={rows} />);
    });
  };
}
