import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FieldError } from '../../../errors.ts';
import { listFiles } from '../../../files/store.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormValues, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawLocalInput } from '../../../lib/warsaw-time.ts';
import {
  addTenderDocument,
  closeTender,
  closeTenderInput,
  createTender,
  findTender,
  listAllTenders,
  type Tender,
  tenderInput,
  updateTender,
} from '../tenders.ts';
import { EditTenderPage, type TenderForm, TenderListPage } from '../views/editor-tenders.tsx';
import { attachmentRoutes } from './attachment-routes.ts';
import { doneQuery, noticeOf, editorNotices as notices } from './notices.ts';

const done = (tenderId: number, what: keyof typeof notices) => `/panel/strona/przetargi/${tenderId}?zrobiono=${what}`;

/** The tender's fields as stored, the deadline in Warsaw time as the editor types it. */
const formOf = (tender: Tender): TenderForm => ({
  title: tender.title,
  description: tender.description,
  deadline: warsawLocalInput(tender.deadline).replace('T', ' '),
  result: tender.result ?? '',
});

/** What the tender's page shows besides the tender: errors, and the fields of the form that had them. */
interface EditState {
  errors?: FieldError[];
  /** The tender's fields as typed. */
  form?: FormValues;
  /** The closing form as typed. */
  close?: FormValues;
  /** The upload form as typed. */
  upload?: FormValues;
  notice?: string | undefined;
}

/** The editor's tenders: the list with a new tender's form, and each tender with its closing and documents. */
export const editorTenderRoutes: FastifyPluginAsyncZod = async (app) => {
  async function listPage(request: FastifyRequest, reply: FastifyReply, form = freshForm) {
    const tenders = await listAllTenders(app.db, { organizationId: request.organization.id });
    return (
      <TenderListPage
        ctx={pageContext(request, reply)}
        tenders={tenders}
        now={app.clock()}
        form={form.values}
        errors={form.errors}
      />
    );
  }

  async function tenderPage(request: FastifyRequest, reply: FastifyReply, tenderId: number, state: EditState = {}) {
    const organizationId = request.organization.id;
    const tender = await findTender(app.db, { organizationId, id: tenderId });
    const documents = await listFiles(app.db, organizationId, { tenderId: tender.id });
    return (
      <EditTenderPage
        ctx={pageContext(request, reply)}
        tender={tender}
        documents={documents}
        now={app.clock()}
        form={state.form ?? formOf(tender)}
        closeForm={state.close}
        uploadForm={state.upload}
        errors={state.errors}
        notice={state.notice}
      />
    );
  }

  app.get('/panel/strona/przetargi', access('site.edit'), async (request, reply) =>
    sendPage(reply, await listPage(request, reply)),
  );

  formRoute(app, '/panel/strona/przetargi', {
    access: 'site.edit',
    body: tenderInput,
    run: async ({ request, body }) => {
      const tender = await createTender(app.db, { actor: actorOf(request), input: body, now: app.clock() });
      return done(tender.id, 'dodano');
    },
    render: ({ request, reply, form }) => listPage(request, reply, form),
  });

  app.get(
    '/panel/strona/przetargi/:id',
    { ...access('site.edit'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await tenderPage(request, reply, request.params.id, { notice: noticeOf(notices, request.query.zrobiono) }),
      ),
  );

  formRoute(app, '/panel/strona/przetargi/:id', {
    access: 'site.edit',
    params: idParams,
    body: tenderInput,
    run: async ({ request, params, body }) => {
      await updateTender(app.db, { actor: actorOf(request), id: params.id, input: body, now: app.clock() });
      return done(params.id, 'zapisano');
    },
    render: ({ request, reply, params, form }) =>
      tenderPage(request, reply, params.id, { errors: form.errors, form: form.values }),
  });

  formRoute(app, '/panel/strona/przetargi/:id/zamknij', {
    access: 'site.edit',
    params: idParams,
    body: closeTenderInput,
    run: async ({ request, params, body }) => {
      await closeTender(app.db, { actor: actorOf(request), id: params.id, result: body.closeResult, now: app.clock() });
      return done(params.id, 'zamknieto');
    },
    render: ({ request, reply, params, form }) =>
      tenderPage(request, reply, params.id, { errors: form.errors, close: form.values }),
  });

  attachmentRoutes(app, {
    base: '/panel/strona/przetargi',
    owner: (tenderId) => ({ tenderId }),
    add: ({ ownerId, ...input }) => addTenderDocument(app.db, { ...input, tenderId: ownerId }),
    back: done,
    page: tenderPage,
  });
};
