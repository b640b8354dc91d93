/** e-BOK: the member's fault reports and messages to the office, each only their own. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads } from '../../../http/uploads.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { unitsHeldBy } from '../../units/person-lookup.ts';
import { faultForm, memberPostForm, messageForm } from '../forms.ts';
import { MAX_PHOTO_BYTES } from '../photos.ts';
import { findMemberThread, listMemberThreads, listPosts, listThreadFiles } from '../queries.ts';
import type { ThreadKind } from '../rules/status.ts';
import { addMemberPost, reportFault, writeMessage } from '../threads.ts';
import { MemberThreadListPage, MemberThreadPage, NewFaultPage, NewMessagePage } from '../views/member-pages.tsx';
import { doneQuery, fileParams, noticeOf, sendThreadFile } from './shared.ts';

const bases: Record<ThreadKind, string> = { fault: '/ebok/zgloszenia', message: '/ebok/wiadomosci' };

export const memberRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  // A few files more than allowed reach the form's check, which says how many may go.
  await acceptUploads(app, { maxFileBytes: MAX_PHOTO_BYTES, files: 10 });

  const writerOf = (request: FastifyRequest) => {
    const account = memberOf(request);
    return { id: account.id, personId: account.personId };
  };

  const unitsOf = async (request: FastifyRequest) => {
    const { personId } = memberOf(request);
    return personId
      ? unitsHeldBy(app.db, { organizationId: request.organization.id, personId, asOf: warsawDate(app.clock()) })
      : [];
  };

  const threadOf = async (request: FastifyRequest, kind: ThreadKind, id: number) => {
    const thread = await findMemberThread(app.db, {
      organizationId: request.organization.id,
      accountId: memberOf(request).id,
      kind,
      id,
    });
    if (!thread) throw new AppError('not_found', 'no such thread');
    return thread;
  };

  async function threadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: ThreadKind,
    id: number,
    form: FormState = freshForm,
    notice?: string,
  ) {
    const thread = await threadOf(request, kind, id);
    const organizationId = request.organization.id;
    const [posts, files] = await Promise.all([
      listPosts(app.db, { organizationId, threadId: thread.id, withInternal: false }),
      listThreadFiles(app.db, { organizationId, threadId: thread.id }),
    ]);
    // Files of staff-only notes stay with staff.
    const visiblePosts = new Set(posts.map((p) => p.id));
    return (
      <MemberThreadPage
        ctx={pageContext(request, reply)}
        kind={kind}
        thread={thread}
        posts={posts}
        files={files.filter((f) => f.postId === null || visiblePosts.has(f.postId))}
        form={form}
        notice={notice}
      />
    );
  }

  for (const kind of ['fault', 'message'] as const) {
    const base = bases[kind];

    app.get(base, { ...access('member'), schema: { querystring: doneQuery } }, async (request, reply) => {
      const threads = await listMemberThreads(app.db, {
        organizationId: request.organization.id,
        accountId: memberOf(request).id,
        kind,
      });
      return sendPage(
        reply,
        <MemberThreadListPage
          ctx={pageContext(request, reply)}
          kind={kind}
          threads={threads}
          notice={noticeOf(request.query)}
        />,
      );
    });

    app.get(
      `${base}/:id`,
      { ...access('member'), schema: { params: idParams, querystring: doneQuery } },
      async (request, reply) =>
        sendPage(reply, await threadPage(request, reply, kind, request.params.id, freshForm, noticeOf(request.query))),
    );

    app.get(
      `${base}/:id/pliki/:fileId`,
      { ...access('member'), schema: { params: fileParams } },
      async (request, reply) =>
        sendThreadFile(app, reply, {
          thread: await threadOf(request, kind, request.params.id),
          fileId: request.params.fileId,
        }),
    );

    formRoute(app, `${base}/:id/odpowiedz`, {
      access: 'member',
      params: idParams,
      body: memberPostForm,
      async run({ request, params, body }) {
        await addMemberPost(app.db, {
          actor: actorOf(request),
          writer: writerOf(request),
          kind,
          threadId: params.id,
          body: body.body,
          attachments: body.attachments,
          now: app.clock(),
        });
        return `${base}/${params.id}?zrobiono=dopisano`;
      },
      render: ({ request, reply, params, form }) => threadPage(request, reply, kind, params.id, form),
    });
  }

  app.get('/ebok/zgloszenia/nowe', access('member'), async (request, reply) =>
    sendPage(reply, <NewFaultPage ctx={pageContext(request, reply)} units={await unitsOf(request)} form={freshForm} />),
  );

  formRoute(app, '/ebok/zgloszenia/nowe', {
    access: 'member',
    body: faultForm,
    async run({ request, body }) {
      const thread = await reportFault(app.db, {
        actor: actorOf(request),
        writer: writerOf(request),
        units: await unitsOf(request),
        input: { category: body.category, place: body.place, unitId: body.unitId, description: body.description },
        photos: body.photos,
        now: app.clock(),
      });
      return `/ebok/zgloszenia/${thread.id}?zrobiono=zgloszono`;
    },
    render: async ({ request, reply, form }) => (
      <NewFaultPage ctx={pageContext(request, reply)} units={await unitsOf(request)} form={form} />
    ),
  });

  app.get('/ebok/wiadomosci/nowe', access('member'), async (request, reply) =>
    sendPage(reply, <NewMessagePage ctx={pageContext(request, reply)} form={freshForm} />),
  );

  formRoute(app, '/ebok/wiadomosci/nowe', {
    access: 'member',
    body: messageForm,
    async run({ request, body }) {
      const thread = await writeMessage(app.db, {
        actor: actorOf(request),
        writer: writerOf(request),
        input: { subject: body.subject, body: body.body },
        attachments: body.attachments,
        now: app.clock(),
      });
      return `/ebok/wiadomosci/${thread.id}?zrobiono=wyslano`;
    },
    render: ({ request, reply, form }) => <NewMessagePage ctx={pageContext(request, reply)} form={form} />,
  });
};
