/** Back office: the queues of fault reports and messages and the handling of one thread. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, staffOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id, idParams, pageNumber } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { can } from '../../../policy.ts';
import { findAccount } from '../../accounts/queries.ts';
import { assignForm, staffPostForm, statusForm } from '../forms.ts';
import { findStaffThread, listPosts, listQueue, listThreadFiles, type QueueFilter, queueChoices } from '../queries.ts';
import { faultCategories, openFaultStatuses, type ThreadKind, type ThreadStatus } from '../rules/status.ts';
import { addStaffPost, assignThread, changeFaultStatus } from '../threads.ts';
import { QueuePage, StaffThreadPage, staffBases } from '../views/staff-pages.tsx';
import { doneQuery, fileParams, mailSettings, noticeOf, sendThreadFile } from './shared.ts';

const PAGE_SIZE = 50;

const queueQuery = z.object({
  status: z.string().max(20).optional().catch(undefined),
  budynek: id.optional().catch(undefined),
  kategoria: z.enum(faultCategories).optional().catch(undefined),
  wiek: z.enum(['3', '7', '30']).optional().catch(undefined),
  moje: z.string().optional().catch(undefined),
  strona: pageNumber.default(1),
});

const statusSets: Record<ThreadKind, Record<string, readonly ThreadStatus[]>> = {
  fault: {
    otwarte: openFaultStatuses,
    nowe: ['nowe'],
    przyjete: ['przyjete'],
    w_realizacji: ['w_realizacji'],
    wykonane: ['wykonane'],
    odrzucone: ['odrzucone'],
    wszystkie: [],
  },
  message: { oczekuje: ['oczekuje'], odpowiedziano: ['odpowiedziano'], wszystkie: [] },
};
const defaultStatus: Record<ThreadKind, string> = { fault: 'otwarte', message: 'oczekuje' };

export const staffRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Staff who handle requests, for assignment and names. */
  const choices = async (organizationId: number, withBuildings: boolean) => {
    const { buildings, staff } = await queueChoices(app.db, { organizationId, withBuildings });
    return {
      buildings,
      handlers: staff
        .filter((a) => can({ kind: 'staff', roles: a.roles }, 'requests.handle'))
        .map((a) => ({ id: a.id, name: a.name })),
    };
  };
  const handlers = async (organizationId: number) => (await choices(organizationId, false)).handlers;

  const threadOf = async (request: FastifyRequest, kind: ThreadKind, threadId: number) => {
    const thread = await findStaffThread(app.db, { organizationId: request.organization.id, kind, id: threadId });
    if (!thread) throw new AppError('not_found', 'no such thread');
    return thread;
  };

  async function threadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: ThreadKind,
    threadId: number,
    form: FormState = freshForm,
    notice?: string,
  ) {
    const organizationId = request.organization.id;
    const thread = await threadOf(request, kind, threadId);
    const [posts, files, staff, member] = await Promise.all([
      listPosts(app.db, { organizationId, threadId, withInternal: true }),
      listThreadFiles(app.db, { organizationId, threadId }),
      handlers(organizationId),
      findAccount(app.db, { organizationId, id: thread.accountId }),
    ]);
    return (
      <StaffThreadPage
        ctx={pageContext(request, reply)}
        kind={kind}
        thread={thread}
        memberName={member ? `${member.displayName} (${member.login})` : '—'}
        posts={posts}
        files={files}
        staff={staff}
        form={form}
        notice={notice}
      />
    );
  }

  for (const kind of ['fault', 'message'] as const) {
    const base = staffBases[kind];

    app.get(base, { ...access('requests.handle'), schema: { querystring: queueQuery } }, async (request, reply) => {
      const organizationId = request.organization.id;
      const q = request.query;
      const now = app.clock();
      const status = q.status && q.status in statusSets[kind] ? q.status : defaultStatus[kind];
      const filter: QueueFilter = {
        kind,
        statuses: statusSets[kind][status] ?? [],
        buildingId: kind === 'fault' ? q.budynek : undefined,
        category: kind === 'fault' ? q.kategoria : undefined,
        olderThan: q.wiek ? new Date(now.getTime() - Number(q.wiek) * 86_400_000) : undefined,
        assigneeId: q.moje ? staffOf(request).id : undefined,
      };
      const [{ rows, total }, { buildings, handlers: staff }] = await Promise.all([
        listQueue(app.db, { organizationId, filter, page: q.strona, pageSize: PAGE_SIZE }),
        choices(organizationId, kind === 'fault'),
      ]);
      const view = {
        status,
        building: q.budynek ? String(q.budynek) : '',
        category: q.kategoria ?? '',
        age: q.wiek ?? '',
        mine: Boolean(q.moje),
      };
      const queryString = new URLSearchParams({
        status,
        ...(view.building ? { budynek: view.building } : {}),
        ...(view.category ? { kategoria: view.category } : {}),
        ...(view.age ? { wiek: view.age } : {}),
        ...(view.mine ? { moje: '1' } : {}),
      }).toString();
      return sendPage(
        reply,
        <QueuePage
          ctx={pageContext(request, reply)}
          kind={kind}
          rows={rows}
          total={total}
          page={q.strona}
          pageSize={PAGE_SIZE}
          view={view}
          buildings={buildings}
          staffNames={new Map(staff.map((s) => [s.id, s.name]))}
          now={now}
          queryString={queryString}
        />,
      );
    });

    app.get(
      `${base}/:id`,
      { ...access('requests.handle'), schema: { params: idParams, querystring: doneQuery } },
      async (request, reply) =>
        sendPage(reply, await threadPage(request, reply, kind, request.params.id, freshForm, noticeOf(request.query))),
    );

    app.get(
      `${base}/:id/pliki/:fileId`,
      { ...access('requests.handle'), schema: { params: fileParams } },
      async (request, reply) =>
        sendThreadFile(app, reply, {
          thread: await threadOf(request, kind, request.params.id),
          fileId: request.params.fileId,
        }),
    );

    const render = ({
      request,
      reply,
      params,
      form,
    }: {
      request: FastifyRequest;
      reply: FastifyReply;
      params: { id: number };
      form: FormState;
    }) => threadPage(request, reply, kind, params.id, form);

    formRoute(app, `${base}/:id/odpowiedz`, {
      access: 'requests.handle',
      params: idParams,
      body: staffPostForm,
      async run({ request, params, body }) {
        await addStaffPost(app.db, {
          actor: actorOf(request),
          mail: mailSettings(app, request),
          kind,
          threadId: params.id,
          body: body.body,
          internal: body.internal,
          now: app.clock(),
        });
        return `${base}/${params.id}?zrobiono=${body.internal ? 'notatka' : kind === 'message' ? 'odpowiedziano' : 'dopisano'}`;
      },
      render,
    });

    formRoute(app, `${base}/:id/przypisz`, {
      access: 'requests.handle',
      params: idParams,
      body: assignForm,
      async run({ request, params, body }) {
        await assignThread(app.db, {
          actor: actorOf(request),
          kind,
          threadId: params.id,
          assigneeId: body.assigneeId,
          priority: body.priority,
          now: app.clock(),
        });
        return `${base}/${params.id}?zrobiono=przypisano`;
      },
      render,
    });
  }

  formRoute(app, '/panel/zgloszenia/:id/status', {
    access: 'requests.handle',
    params: idParams,
    body: statusForm,
    async run({ request, params, body }) {
      await changeFaultStatus(app.db, {
        actor: actorOf(request),
        mail: mailSettings(app, request),
        threadId: params.id,
        status: body.status,
        reason: body.reason,
        now: app.clock(),
      });
      return `/panel/zgloszenia/${params.id}?zrobiono=status`;
    },
    render: ({ request, reply, params, form }) => threadPage(request, reply, 'fault', params.id, form),
  });
};
