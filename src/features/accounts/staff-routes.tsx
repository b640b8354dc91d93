import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, ValidationError } from '../../errors.ts';
import { access, requestOrigin } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { type Account, findAccount, listAccountsOfKind } from './queries.ts';
import { changeStaffRoles, createStaffAccount, resetTotp, setStaffDisabled, unlockAccount } from './staff.ts';
import { StaffDetailPage, StaffListPage, TemporaryPasswordPage } from './views/staff-pages.tsx';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);

/** Staff management in the back office (administrators only). */
export async function staffRoutes(app: FastifyInstance) {
  const admin = access(['admin']);

  function staffAction(request: FastifyRequest) {
    return { db: app.db, actor: request.account as Account, origin: requestOrigin(request), now: app.clock() };
  }

  async function loadStaff(request: FastifyRequest): Promise<Account> {
    const params = idParams.safeParse(request.params);
    const account = params.success ? await findAccount(app.db, request.organization.id, params.data.id) : undefined;
    if (account?.kind !== 'staff') throw new AppError('not_found', 'no such staff member');
    return account;
  }

  app.get('/panel/pracownicy', admin, async (request, reply) => {
    const staff = await listAccountsOfKind(app.db, request.organization.id, 'staff');
    return sendPage(reply, <StaffListPage ctx={pageContext(request, reply)} staff={staff} now={app.clock()} />);
  });

  app.post('/panel/pracownicy', admin, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = {
      login: String(body.login ?? ''),
      displayName: String(body.displayName ?? ''),
      email: String(body.email ?? ''),
      roles: asList(body.roles),
    };
    try {
      const { account, temporaryPassword } = await createStaffAccount({
        ...staffAction(request),
        organization: request.organization,
        input: form,
      });
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        <TemporaryPasswordPage
          ctx={pageContext(request, reply)}
          account={account}
          password={temporaryPassword}
          expiresAt={account.passwordExpiresAt as Date}
        />,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const staff = await listAccountsOfKind(app.db, request.organization.id, 'staff');
      return sendPage(
        reply,
        <StaffListPage
          ctx={pageContext(request, reply)}
          staff={staff}
          now={app.clock()}
          form={form}
          errors={error.fields}
        />,
        422,
      );
    }
  });

  app.get('/panel/pracownicy/:id', admin, async (request, reply) => {
    const account = await loadStaff(request);
    const done = (request.query as { zrobiono?: string }).zrobiono;
    return sendPage(
      reply,
      <StaffDetailPage
        ctx={pageContext(request, reply)}
        account={account}
        now={app.clock()}
        notice={done ? 'Zapisano zmiany.' : undefined}
      />,
    );
  });

  /** One action on a staff account: runs it, then back to the account's page or the page with the error. */
  function action(path: string, run: (request: FastifyRequest, target: Account) => Promise<void>) {
    app.post(`/panel/pracownicy/:id/${path}`, admin, async (request, reply) => {
      const target = await loadStaff(request);
      try {
        await run(request, target);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          reply,
          <StaffDetailPage
            ctx={pageContext(request, reply)}
            account={target}
            now={app.clock()}
            errors={error.fields}
          />,
          422,
        );
      }
      return reply.redirect(`/panel/pracownicy/${target.id}?zrobiono=1`, 303);
    });
  }

  action('role', (request, target) =>
    changeStaffRoles({
      ...staffAction(request),
      accountId: target.id,
      roles: asList((request.body as Record<string, unknown>)?.roles),
    }),
  );
  action('wylacz', (request, target) =>
    setStaffDisabled({ ...staffAction(request), accountId: target.id, disabled: true }),
  );
  action('wlacz', (request, target) =>
    setStaffDisabled({ ...staffAction(request), accountId: target.id, disabled: false }),
  );
  action('odblokuj', (request, target) => unlockAccount({ ...staffAction(request), accountId: target.id }));
  action('reset-2fa', (request, target) => resetTotp({ ...staffAction(request), accountId: target.id }));
}
