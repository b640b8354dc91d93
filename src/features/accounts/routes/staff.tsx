import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { type Account, findAccount, listAccountsOfKind } from '../queries.ts';
import {
  changeStaffRoles,
  createStaffAccount,
  newStaffSchema,
  resetTotp,
  setStaffDisabled,
  staffRolesSchema,
  unlockAccount,
} from '../staff.ts';
import { StaffDetailPage, StaffListPage, TemporaryPasswordPage } from '../views/staff-pages.tsx';

const doneQuery = z.object({ zrobiono: z.string().optional() });
const noFields = z.object({});

/** Staff management in the back office (administrators only). */
export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  function staffAction(request: FastifyRequest) {
    return { actor: actorOf(request), now: app.clock() };
  }

  async function loadStaff(request: FastifyRequest, id: number): Promise<Account> {
    const account = await findAccount(app.db, { organizationId: request.organization.id, id });
    if (account?.kind !== 'staff') throw new AppError('not_found', 'no such staff member');
    return account;
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, form = freshForm) {
    const staff = await listAccountsOfKind(app.db, { organizationId: request.organization.id, kind: 'staff' });
    const ctx = pageContext(request, reply);
    const typed = { ...form.values, roles: form.lists.roles ?? [] };
    return <StaffListPage ctx={ctx} staff={staff} now={app.clock()} form={typed} errors={form.errors} />;
  }

  app.get('/panel/pracownicy', access('staff.manage'), async (request, reply) =>
    sendPage(reply, await listPage(request, reply)),
  );

  formRoute(app, '/panel/pracownicy', {
    access: 'staff.manage',
    body: newStaffSchema,
    run: async ({ request, reply, body }) => {
      const { account, temporaryPassword, expiresAt } = await createStaffAccount(app.db, {
        ...staffAction(request),
        organization: request.organization,
        input: body,
      });
      reply.header('cache-control', 'no-store');
      return (
        <TemporaryPasswordPage
          ctx={pageContext(request, reply)}
          account={account}
          password={temporaryPassword}
          expiresAt={expiresAt}
        />
      );
    },
    render: ({ request, reply, form }) => listPage(request, reply, form),
  });

  app.get(
    '/panel/pracownicy/:id',
    { ...access('staff.manage'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        <StaffDetailPage
          ctx={pageContext(request, reply)}
          account={await loadStaff(request, request.params.id)}
          now={app.clock()}
          notice={request.query.zrobiono ? 'Zapisano zmiany.' : undefined}
        />,
      ),
  );

  /** One action on a staff account: runs it, then back to the account's page or the page with the error. */
  function action<B extends z.ZodType>(
    path: string,
    body: B,
    run: (request: FastifyRequest, target: Account, body: z.output<B>) => Promise<void>,
  ) {
    formRoute(app, `/panel/pracownicy/:id/${path}`, {
      access: 'staff.manage',
      params: idParams,
      body,
      run: async ({ request, params, body }) => {
        const target = await loadStaff(request, params.id);
        await run(request, target, body);
        return `/panel/pracownicy/${target.id}?zrobiono=1`;
      },
      render: async ({ request, reply, params, form }) => (
        <StaffDetailPage
          ctx={pageContext(request, reply)}
          account={await loadStaff(request, params.id)}
          now={app.clock()}
          errors={form.errors}
        />
      ),
    });
  }

  action('role', staffRolesSchema, (request, target, { roles }) =>
    changeStaffRoles(app.db, { ...staffAction(request), accountId: target.id, roles }),
  );
  action('wylacz', noFields, (request, target) =>
    setStaffDisabled(app.db, { ...staffAction(request), accountId: target.id, disabled: true }),
  );
  action('wlacz', noFields, (request, target) =>
    setStaffDisabled(app.db, { ...staffAction(request), accountId: target.id, disabled: false }),
  );
  action('odblokuj', noFields, (request, target) =>
    unlockAccount(app.db, { ...staffAction(request), accountId: target.id }),
  );
  action('reset-2fa', noFields, (request, target) =>
    resetTotp(app.db, { ...staffAction(request), accountId: target.id }),
  );
};
