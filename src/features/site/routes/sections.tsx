import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FieldError } from '../../../errors.ts';
import { listFiles } from '../../../files/store.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormValues, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { hideSectionForm, newSectionForm, noFields, sectionAttachmentForm } from '../forms.ts';
import { findSection, listSectionLevel } from '../section-queries.ts';
import {
  addSection,
  addSectionAttachment,
  hideSection,
  moveSection,
  renameSection,
  sectionBodyInput,
  sectionNameInput,
  unhideSection,
  updateSectionBody,
} from '../sections.ts';
import { ConfirmHidePage, EditSectionPage } from '../views/editor-section.tsx';
import { type SectionNode, SectionTreePage } from '../views/editor-sections.tsx';
import { fileRemovalRoute } from './attachment-routes.ts';
import { doneQuery, noticeOf } from './notices.ts';

const notices = {
  dodano: 'Dodano stronę.',
  zapisano: 'Zapisano zmiany.',
  przesunieto: 'Zmieniono kolejność.',
  ukryto: 'Strona jest ukryta.',
  pokazano: 'Strona jest znów widoczna.',
  plik: 'Dodano plik.',
  usunieto: 'Usunięto plik.',
};

const back = (sectionId: number, what: keyof typeof notices) => `/panel/strona/dzialy/${sectionId}?zrobiono=${what}`;

/** What the edit page shows besides the section: errors, and the fields of the form that had them. */
interface EditState {
  errors?: FieldError[];
  /** The name form as typed. */
  name?: FormValues;
  /** The body as typed. */
  body?: string | undefined;
  /** The upload form as typed. */
  upload?: FormValues;
  notice?: string | undefined;
}

/** The editor's sections: the tree with order and visibility, and each page's name, body and files. */
export const editorSectionRoutes: FastifyPluginAsyncZod = async (app) => {
  async function loadTree(organizationId: number): Promise<SectionNode[]> {
    const top = await listSectionLevel(app.db, { organizationId, parentId: null });
    return Promise.all(
      top.map(async (section) => ({
        section,
        children: await listSectionLevel(app.db, { organizationId, parentId: section.id }),
      })),
    );
  }

  async function treePage(request: FastifyRequest, reply: FastifyReply, form = freshForm, notice?: string) {
    const tree = await loadTree(request.organization.id);
    return (
      <SectionTreePage
        ctx={pageContext(request, reply)}
        tree={tree}
        form={form.values}
        errors={form.errors}
        notice={notice}
      />
    );
  }

  async function editPage(request: FastifyRequest, reply: FastifyReply, sectionId: number, state: EditState = {}) {
    const organizationId = request.organization.id;
    const section = await findSection(app.db, { organizationId, id: sectionId });
    const [parent, children, attachments] = await Promise.all([
      section.parentId === null ? undefined : findSection(app.db, { organizationId, id: section.parentId }),
      section.parentId === null ? listSectionLevel(app.db, { organizationId, parentId: section.id }) : [],
      listFiles(app.db, organizationId, { sectionId: section.id }),
    ]);
    return (
      <EditSectionPage
        ctx={pageContext(request, reply)}
        section={section}
        parent={parent}
        children={children}
        attachments={attachments}
        renameForm={state.name}
        body={state.body}
        uploadForm={state.upload}
        errors={state.errors}
        notice={state.notice}
      />
    );
  }

  app.get(
    '/panel/strona/dzialy',
    { ...access('site.edit'), schema: { querystring: doneQuery } },
    async (request, reply) =>
      sendPage(reply, await treePage(request, reply, freshForm, noticeOf(notices, request.query.zrobiono))),
  );

  formRoute(app, '/panel/strona/dzialy', {
    access: 'site.edit',
    body: newSectionForm,
    run: async ({ request, body }) => {
      const section = await addSection(app.db, { actor: actorOf(request), input: body, now: app.clock() });
      return back(section.id, 'dodano');
    },
    render: ({ request, reply, form }) => treePage(request, reply, form),
  });

  app.get(
    '/panel/strona/dzialy/:id',
    { ...access('site.edit'), schema: { params: idParams, querystring: doneQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await editPage(request, reply, request.params.id, { notice: noticeOf(notices, request.query.zrobiono) }),
      ),
  );

  formRoute(app, '/panel/strona/dzialy/:id/nazwa', {
    access: 'site.edit',
    params: idParams,
    body: sectionNameInput,
    run: async ({ request, params, body }) => {
      await renameSection(app.db, { actor: actorOf(request), id: params.id, input: body, now: app.clock() });
      return back(params.id, 'zapisano');
    },
    render: ({ request, reply, params, form }) =>
      editPage(request, reply, params.id, { errors: form.errors, name: form.values }),
  });

  formRoute(app, '/panel/strona/dzialy/:id/tresc', {
    access: 'site.edit',
    params: idParams,
    body: sectionBodyInput,
    run: async ({ request, params, body }) => {
      await updateSectionBody(app.db, { actor: actorOf(request), id: params.id, body: body.body, now: app.clock() });
      return back(params.id, 'zapisano');
    },
    render: ({ request, reply, params, form }) =>
      editPage(request, reply, params.id, { errors: form.errors, body: form.values.body ?? '' }),
  });

  for (const [path, direction] of [
    ['w-gore', 'up'],
    ['w-dol', 'down'],
  ] as const) {
    formRoute(app, `/panel/strona/dzialy/:id/${path}`, {
      access: 'site.edit',
      params: idParams,
      body: noFields,
      run: async ({ request, params }) => {
        await moveSection(app.db, { actor: actorOf(request), id: params.id, direction, now: app.clock() });
        return '/panel/strona/dzialy?zrobiono=przesunieto';
      },
      render: ({ request, reply, form }) => treePage(request, reply, form),
    });
  }

  app.get(
    '/panel/strona/dzialy/:id/ukryj',
    { ...access('site.edit'), schema: { params: idParams } },
    async (request, reply) => {
      const organizationId = request.organization.id;
      const section = await findSection(app.db, { organizationId, id: request.params.id });
      const children = await listSectionLevel(app.db, { organizationId, parentId: section.id });
      return sendPage(
        reply,
        <ConfirmHidePage ctx={pageContext(request, reply)} section={section} children={children} />,
      );
    },
  );

  formRoute(app, '/panel/strona/dzialy/:id/ukryj', {
    access: 'site.edit',
    params: idParams,
    body: hideSectionForm,
    run: async ({ request, params, body }) => {
      const hidden = await hideSection(app.db, {
        actor: actorOf(request),
        id: params.id,
        subPagesConfirmed: body.potwierdzam === '1',
        now: app.clock(),
      });
      // Sub-pages go with their section, so that is asked first.
      return hidden ? '/panel/strona/dzialy?zrobiono=ukryto' : `/panel/strona/dzialy/${params.id}/ukryj`;
    },
    render: ({ request, reply, params, form }) => editPage(request, reply, params.id, { errors: form.errors }),
  });

  formRoute(app, '/panel/strona/dzialy/:id/pokaz', {
    access: 'site.edit',
    params: idParams,
    body: noFields,
    run: async ({ request, params }) => {
      await unhideSection(app.db, { actor: actorOf(request), id: params.id, now: app.clock() });
      return '/panel/strona/dzialy?zrobiono=pokazano';
    },
    render: ({ request, reply, params, form }) => editPage(request, reply, params.id, { errors: form.errors }),
  });

  formRoute(app, '/panel/strona/dzialy/:id/pliki', {
    access: 'site.edit',
    params: idParams,
    body: sectionAttachmentForm,
    run: async ({ request, params, body }) => {
      await addSectionAttachment(app.db, {
        actor: actorOf(request),
        sectionId: params.id,
        upload: { ...body.file, title: body.fileTitle },
        version: body.version,
        documentDate: body.documentDate,
        now: app.clock(),
      });
      return back(params.id, 'plik');
    },
    render: ({ request, reply, params, form }) =>
      editPage(request, reply, params.id, { errors: form.errors, upload: form.values }),
  });

  fileRemovalRoute(app, {
    base: '/panel/strona/dzialy',
    owner: (sectionId) => ({ sectionId }),
    back,
    page: editPage,
  });
};
