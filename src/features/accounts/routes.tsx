import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError, ValidationError } from '../../errors.ts';
import {
  access,
  clearSessionCookie,
  requestOrigin,
  safeNextPath,
  sectionOf,
  setSessionCookie,
  stepPath,
} from '../../http/auth.ts';
import { type PageContext, pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { counted, countOf } from '../../lib/plural.ts';
import { listAudit, recordAudit } from '../audit/audit.ts';
import { changePassword, confirmTotpEnrolment, disableTotp, pendingTotpSecret } from './account-settings.ts';
import { PASSWORD_MAX_LENGTH } from './password-policy.ts';
import {
  type Account,
  countUnusedRecoveryCodes,
  deleteSession,
  deleteSessionsOfAccount,
  findAccount,
  listSessionsOfAccount,
  type Session,
} from './queries.ts';
import type { AccountKind } from './schema.ts';
import { rotateSession, startSession } from './sessions.ts';
import { LOGIN_MAX_LENGTH, signIn, verifySecondFactor } from './sign-in.ts';
import { nextStage, sessionTimeouts } from './stages.ts';
import { totpUri } from './totp.ts';
import {
  AccountPage,
  ChangePasswordPage,
  HistoryPage,
  RecoveryCodesPage,
  SessionsPage,
  TotpEnrolmentPage,
} from './views/account-pages.tsx';
import { SecondFactorPage, type SignInFormProps } from './views/sign-in.tsx';

const signInBody = z.object({
  login: z.string().default(''),
  haslo: z.string().default(''),
  next: z.string().optional(),
});

const codeBody = z.object({ kod: z.string().max(20).default('') });
const passwordBody = z.object({
  obecne: z.string().optional(),
  nowe: z.string().default(''),
  powtorzone: z.string().default(''),
});

/** Renders the section's sign-in page (e-BOK landing or the back office's) with the form state. */
export type SignInRenderer = (ctx: PageContext, form: Omit<SignInFormProps, 'action' | 'csrfToken'>) => JSX.Element;

/** Sign-in, its steps and the account pages of one section: /ebok for members, /panel for staff. */
export function accountRoutes({ kind, renderSignIn }: { kind: AccountKind; renderSignIn: SignInRenderer }) {
  const section = sectionOf(kind);

  return async function register(app: FastifyInstance) {
    /** The signed-in account of this section, or 404 for anyone else. */
    function own(request: FastifyRequest): { account: Account; session: Session } {
      const { account, session } = request;
      if (!account || !session || account.kind !== kind) throw new AppError('not_found', 'other section');
      return { account, session };
    }

    /** Moves a session to its next step with a fresh token and sends the browser there. */
    async function advance(reply: FastifyReply, account: Account, session: Session) {
      // Every step after the first comes after the second factor, so it is verified by now.
      const stage = nextStage(account, { secondFactorVerified: true });
      const token = await rotateSession({ db: app.db, session, stage, now: app.clock() });
      setSessionCookie(reply, app.config, token);
      return reply.redirect(stage === 'full' ? section : stepPath(kind, stage), 303);
    }

    app.post(
      `${section}/logowanie`,
      {
        config: {
          access: 'public',
          // Per address: slows guessing across many accounts without locking anyone out.
          rateLimit: { max: 20, timeWindow: 10 * 60_000 },
        },
      },
      async (request, reply) => {
        const body = signInBody.parse(request.body ?? {});
        const ctx = pageContext(request, reply);
        const next = safeNextPath(body.next);
        const fail = (message: string, field = 'login', status = 401) =>
          sendPage(
            reply,
            renderSignIn(ctx, { login: body.login.slice(0, LOGIN_MAX_LENGTH), next, errors: [{ field, message }] }),
            status,
          );

        // Over-long input is refused before any hashing.
        if (body.login.length > LOGIN_MAX_LENGTH)
          return fail(`Login może mieć najwyżej ${countOf(LOGIN_MAX_LENGTH, counted.characters)}.`, 'login', 400);
        if (body.haslo.length > PASSWORD_MAX_LENGTH)
          return fail(`Hasło może mieć najwyżej ${countOf(PASSWORD_MAX_LENGTH, counted.characters)}.`, 'haslo', 400);
        if (!body.login.trim() || !body.haslo)
          return fail('Podaj login i hasło.', body.login.trim() ? 'haslo' : 'login', 400);

        const now = app.clock();
        const result = await signIn({
          db: app.db,
          organization: request.organization,
          mailFrom: app.config.mailFrom,
          kind,
          login: body.login,
          password: body.haslo,
          origin: requestOrigin(request),
          now,
        });
        if (!result.ok) {
          if (result.reason === 'temporary_password_expired') {
            return fail('Hasło startowe wygasło. Skontaktuj się ze Spółdzielnią, aby otrzymać nowe.', 'haslo');
          }
          if (result.reason === 'temporary_password_used') {
            return fail(
              'To hasło startowe zostało już użyte do logowania i nie działa ponownie. Skontaktuj się ze Spółdzielnią, aby otrzymać nowe.',
              'haslo',
            );
          }
          return fail('Nieprawidłowy login lub hasło.');
        }
        // A new session with a new token at every sign-in: a planted session id is worthless.
        if (request.session) await deleteSession(app.db, request.session.id);
        const token = await startSession({
          db: app.db,
          account: result.account,
          stage: result.stage,
          now,
          origin: requestOrigin(request),
          timeouts: sessionTimeouts(request.organization.settings),
        });
        setSessionCookie(reply, app.config, token);
        return reply.redirect(result.stage === 'full' ? (next ?? section) : stepPath(kind, result.stage), 303);
      },
    );

    app.get(`${section}/logowanie/kod`, access('session'), async (request, reply) => {
      const { session } = own(request);
      if (session.stage !== 'mfa') return reply.redirect(stepPath(kind, session.stage));
      return sendPage(
        reply,
        <SecondFactorPage ctx={pageContext(request, reply)} action={`${section}/logowanie/kod`} />,
      );
    });

    app.post(`${section}/logowanie/kod`, access('session'), async (request, reply) => {
      const { account, session } = own(request);
      if (session.stage !== 'mfa') return reply.redirect(stepPath(kind, session.stage), 303);
      const { kod } = codeBody.parse(request.body ?? {});
      const ok = await verifySecondFactor({
        db: app.db,
        organization: request.organization,
        mailFrom: app.config.mailFrom,
        account,
        code: kod,
        totpKey: (await app.secrets()).totpKey,
        origin: requestOrigin(request),
        now: app.clock(),
      });
      if (!ok) {
        const errors = [{ field: 'kod', message: 'Kod jest nieprawidłowy albo został już użyty. Wpisz aktualny kod.' }];
        return sendPage(
          reply,
          <SecondFactorPage ctx={pageContext(request, reply)} action={`${section}/logowanie/kod`} errors={errors} />,
          401,
        );
      }
      return advance(reply, account, session);
    });

    app.get(`${section}/konto/haslo`, access('session'), async (request, reply) => {
      const { account, session } = own(request);
      if (session.stage !== 'full' && session.stage !== 'password_change')
        return reply.redirect(stepPath(kind, session.stage));
      return sendPage(
        reply,
        <ChangePasswordPage
          ctx={pageContext(request, reply)}
          action={`${section}/konto/haslo`}
          forced={account.mustChangePassword}
        />,
      );
    });

    app.post(`${section}/konto/haslo`, access('session'), async (request, reply) => {
      const { account, session } = own(request);
      if (session.stage !== 'full' && session.stage !== 'password_change')
        return reply.redirect(stepPath(kind, session.stage), 303);
      const body = passwordBody.parse(request.body ?? {});
      try {
        await changePassword({
          db: app.db,
          account,
          organization: request.organization,
          currentPassword: body.obecne,
          newPassword: body.nowe,
          confirmation: body.powtorzone,
          keepSessionId: session.id,
          origin: requestOrigin(request),
          now: app.clock(),
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          reply,
          <ChangePasswordPage
            ctx={pageContext(request, reply)}
            action={`${section}/konto/haslo`}
            forced={account.mustChangePassword}
            errors={error.fields}
          />,
          422,
        );
      }
      const updated = (await findAccount(app.db, account.organizationId, account.id)) as Account;
      if (session.stage === 'full') {
        // Still a privilege change: the session gets a new token.
        const token = await rotateSession({ db: app.db, session, stage: 'full', now: app.clock() });
        setSessionCookie(reply, app.config, token);
        return reply.redirect(`${section}/konto?zmieniono=haslo`, 303);
      }
      return advance(reply, updated, session);
    });

    app.get(`${section}/konto/weryfikacja-dwuetapowa`, access('session'), async (request, reply) => {
      const { account, session } = own(request);
      if (session.stage !== 'full' && session.stage !== 'mfa_enrolment')
        return reply.redirect(stepPath(kind, session.stage));
      if (account.totpEnabledAt) return reply.redirect(`${section}/konto`);
      return sendPage(reply, await enrolmentPage(request, reply, account, session.stage === 'mfa_enrolment'));
    });

    app.post(`${section}/konto/weryfikacja-dwuetapowa`, access('session'), async (request, reply) => {
      const { account, session } = own(request);
      if (session.stage !== 'full' && session.stage !== 'mfa_enrolment')
        return reply.redirect(stepPath(kind, session.stage), 303);
      if (account.totpEnabledAt) return reply.redirect(`${section}/konto`, 303);
      const { kod } = codeBody.parse(request.body ?? {});
      let codes: string[];
      try {
        codes = await confirmTotpEnrolment({
          db: app.db,
          account,
          code: kod,
          totpKey: (await app.secrets()).totpKey,
          origin: requestOrigin(request),
          now: app.clock(),
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          reply,
          await enrolmentPage(request, reply, account, session.stage === 'mfa_enrolment', error.fields),
          422,
        );
      }
      const updated = (await findAccount(app.db, account.organizationId, account.id)) as Account;
      const stage = nextStage(updated, { secondFactorVerified: true });
      const token = await rotateSession({ db: app.db, session, stage, now: app.clock() });
      setSessionCookie(reply, app.config, token);
      request.session = { ...session, stage };
      request.account = updated;
      return sendPage(
        reply,
        <RecoveryCodesPage
          ctx={pageContext(request, reply)}
          codes={codes}
          continueHref={stage === 'full' ? section : stepPath(kind, stage)}
        />,
      );
    });

    async function enrolmentPage(
      request: FastifyRequest,
      reply: FastifyReply,
      account: Account,
      forced: boolean,
      errors: { field: string; message: string }[] = [],
    ) {
      const secret = await pendingTotpSecret({ db: app.db, account, totpKey: (await app.secrets()).totpKey });
      const uri = totpUri({ secret, issuer: request.organization.shortName, login: account.login });
      const qrDataUri = await QRCode.toDataURL(uri, { margin: 1, width: 224, errorCorrectionLevel: 'M' });
      return (
        <TotpEnrolmentPage
          ctx={pageContext(request, reply)}
          action={`${section}/konto/weryfikacja-dwuetapowa`}
          secret={secret}
          qrDataUri={qrDataUri}
          forced={forced}
          errors={errors}
        />
      );
    }

    app.post(`${section}/konto/weryfikacja-dwuetapowa/wylacz`, access(kind), async (request, reply) => {
      const { account } = own(request);
      const body = z.object({ haslo: z.string().default('') }).parse(request.body ?? {});
      try {
        await disableTotp({
          db: app.db,
          account,
          password: body.haslo,
          origin: requestOrigin(request),
          now: app.clock(),
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const unused = await countUnusedRecoveryCodes(app.db, account.id);
        return sendPage(
          reply,
          <AccountPage
            ctx={pageContext(request, reply)}
            section={section}
            unusedRecoveryCodes={unused}
            errors={error.fields}
          />,
          422,
        );
      }
      return reply.redirect(`${section}/konto?zmieniono=2fa`, 303);
    });

    app.get(`${section}/konto`, access(kind), async (request, reply) => {
      const { account } = own(request);
      const changed = (request.query as { zmieniono?: string }).zmieniono;
      const notice =
        changed === 'haslo'
          ? 'Hasło zostało zmienione. Pozostałe sesje zostały wylogowane.'
          : changed === '2fa'
            ? 'Weryfikacja dwuetapowa została wyłączona.'
            : changed === 'email-link'
              ? 'Wysłaliśmy link na nowy adres e-mail: zmiana nastąpi po jego otwarciu i potwierdzeniu.'
              : changed === 'telefon'
                ? 'Numer telefonu został zapisany.'
                : undefined;
      const unused = await countUnusedRecoveryCodes(app.db, account.id);
      return sendPage(
        reply,
        <AccountPage
          ctx={pageContext(request, reply)}
          section={section}
          unusedRecoveryCodes={unused}
          notice={notice}
        />,
      );
    });

    app.get(`${section}/konto/sesje`, access(kind), async (request, reply) => {
      const { account, session } = own(request);
      const sessions = await listSessionsOfAccount(app.db, account.id);
      const ended = (request.query as { wylogowano?: string }).wylogowano;
      return sendPage(
        reply,
        <SessionsPage
          ctx={pageContext(request, reply)}
          section={section}
          sessions={sessions}
          currentId={session.id}
          notice={ended ? `Wylogowano pozostałe sesje: ${ended}.` : undefined}
        />,
      );
    });

    app.post(`${section}/konto/sesje/wyloguj-pozostale`, access(kind), async (request, reply) => {
      const { account, session } = own(request);
      const ended = await app.db.transaction(async (tx) => {
        const count = await deleteSessionsOfAccount(tx, account.id, session.id);
        await recordAudit(tx, {
          organizationId: account.organizationId,
          actorAccountId: account.id,
          action: 'session.signout_others',
          subjectType: 'account',
          subjectId: account.id,
          origin: requestOrigin(request),
          detail: { ended: count },
          at: app.clock(),
        });
        return count;
      });
      return reply.redirect(`${section}/konto/sesje?wylogowano=${ended}`, 303);
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

/** Sign-out, shared by both sections. */
export async function signOutRoutes(app: FastifyInstance) {
  app.post('/wyloguj', access('session'), async (request, reply) => {
    const { account, session } = request;
    if (account && session) {
      await app.db.transaction(async (tx) => {
        await deleteSession(tx, session.id);
        await recordAudit(tx, {
          organizationId: account.organizationId,
          actorAccountId: account.id,
          action: 'session.signout',
          subjectType: 'account',
          subjectId: account.id,
          origin: requestOrigin(request),
          at: app.clock(),
        });
      });
    }
    clearSessionCookie(reply, app.config);
    return reply.redirect(`${sectionOf(account?.kind ?? 'member')}?wylogowano=1`, 303);
  });
}
