import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors.ts';
import { listFiles, removeFile } from '../../files/store.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { audited, editorAccess, fieldErrorsOf, formFields, idOf, uploadedFile } from './editor-http.ts';
import {
  addSection,
  addSectionAttachment,
  findSection,
  hideSection,
  listSectionLevel,
  moveSection,
  renameSection,
  type Section,
  type SectionInput,
  unhideSection,
  updateSectionBody,
} from './sections.ts';
import {
  ConfirmHidePage,
  EditSectionPage,
  type NewSectionForm,
  type SectionNode,
  SectionTreePage,
} from './views/editor-sections.tsx';

const notices: Record<string, string> = {
  dodano: 'Dodano stronę.',
  zapisano: 'Zapisano zmiany.',
  przesunieto: 'Zmieniono kolejność.',
  ukryto: 'Strona jest ukryta.',
  pokazano: 'Strona jest znów widoczna.',
  plik: 'Dodano plik.',
  usunieto: 'Usunięto plik.',
};

const kinds = ['page', 'tenders', 'gazette', 'forms', 'accessibility'] as const;

/** The editor's sections: the tree with order and visibility, and each page's name, body and files. */
export async function editorSectionRoutes(app: FastifyInstance) {
  async function loadTree(organizationId: number): Promise<SectionNode[]> {
    const top = await listSectionLevel(app.db, { organizationId, parentId: null });
    return Promise.all(
      top.map(async (section) => ({
        section,
        children: await listSectionLevel(app.db, { organizationId, parentId: section.id }),
      })),
    );
  }

  async function loadSection(request: FastifyRequest): Promise<Section> {
    return findSection(app.db, request.organization.id, idOf(request));
  }

  const noticeOf = (request: FastifyRequest) => {
    const what = (request.query as { zrobiono?: string }).zrobiono;
    return what ? notices[what] : undefined;
  };

  app.get('/panel/strona/dzialy', editorAccess, async (request, reply) => {
    const tree = await loadTree(request.organization.id);
    return sendPage(
      reply,
      <SectionTreePage ctx={pageContext(request, reply)} tree={tree} notice={noticeOf(request)} />,
    );
  });

  app.post('/panel/strona/dzialy', editorAccess, async (request, reply) => {
    const form: NewSectionForm = formFields(request);
    const kind = kinds.find((k) => k === form.kind) ?? 'page';
    const parentId = form.parentId && /^\d{1,15}$/.test(form.parentId) ? Number(form.parentId) : null;
    const input: SectionInput = { title: form.title ?? '', slug: form.slug, kind, parentId };
    try {
      const section = await audited(app, request)(
        (db) => addSection({ db, organizationId: request.organization.id, input }),
        (added) => ({
          action: 'site.section_added',
          subjectType: 'section',
          subjectId: added.id,
          detail: { title: added.title, slug: added.slug, parentId: added.parentId },
        }),
      );
      return reply.redirect(`/panel/strona/dzialy/${section.id}?zrobiono=dodano`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const tree = await loadTree(request.organization.id);
      return sendPage(
        reply,
        <SectionTreePage ctx={pageContext(request, reply)} tree={tree} form={form} errors={errors} />,
        422,
      );
    }
  });

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    section: Section,
    options: {
      errors?: FieldError[];
      renameForm?: { title?: string; slug?: string };
      body?: string;
      uploadForm?: Record<string, string>;
    } = {},
  ) {
    const organizationId = request.organization.id;
    const [parent, children, attachments] = await Promise.all([
      section.parentId === null ? undefined : findSection(app.db, organizationId, section.parentId),
      section.parentId === null ? listSectionLevel(app.db, { organizationId, parentId: section.id }) : [],
      listFiles(app.db, organizationId, { sectionId: section.id }),
    ]);
    const errors = options.errors ?? [];
    return sendPage(
      reply,
      <EditSectionPage
        ctx={pageContext(request, reply)}
        section={section}
        parent={parent}
        children={children}
        attachments={attachments}
        renameForm={options.renameForm}
        body={options.body}
        uploadForm={options.uploadForm}
        errors={errors}
        notice={errors.length ? undefined : noticeOf(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/strona/dzialy/:id', editorAccess, async (request, reply) => {
    return renderEdit(request, reply, await loadSection(request));
  });

  const back = (section: Section, what: keyof typeof notices) => `/panel/strona/dzialy/${section.id}?zrobiono=${what}`;

  app.post('/panel/strona/dzialy/:id/nazwa', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    const form = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          renameSection({
            db,
            organizationId: request.organization.id,
            id: section.id,
            input: { title: form.title ?? '', ...(form.slug ? { slug: form.slug } : {}) },
            now: app.clock(),
          }),
        (renamed) => ({
          action: 'site.section_renamed',
          subjectType: 'section',
          subjectId: renamed.id,
          detail: {
            from: { title: section.title, slug: section.slug },
            to: { title: renamed.title, slug: renamed.slug },
          },
        }),
      );
      return reply.redirect(back(section, 'zapisano'), 303);
    } catch (error) {
      return renderEdit(request, reply, section, { errors: fieldErrorsOf(error), renameForm: form });
    }
  });

  app.post('/panel/strona/dzialy/:id/tresc', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    const body = formFields(request).body ?? '';
    try {
      await audited(app, request)(
        (db) =>
          updateSectionBody({ db, organizationId: request.organization.id, id: section.id, body, now: app.clock() }),
        (updated) => ({
          action: 'site.section_body_updated',
          subjectType: 'section',
          subjectId: updated.id,
          detail: { title: updated.title, length: updated.body.length },
        }),
      );
      return reply.redirect(back(section, 'zapisano'), 303);
    } catch (error) {
      return renderEdit(request, reply, section, { errors: fieldErrorsOf(error), body });
    }
  });

  for (const [path, direction] of [
    ['w-gore', 'up'],
    ['w-dol', 'down'],
  ] as const) {
    app.post(`/panel/strona/dzialy/:id/${path}`, editorAccess, async (request, reply) => {
      const section = await loadSection(request);
      await audited(app, request)(
        (db) => moveSection({ db, organizationId: request.organization.id, id: section.id, direction }),
        () => ({ action: 'site.section_moved', subjectType: 'section', subjectId: section.id, detail: { direction } }),
      );
      return reply.redirect('/panel/strona/dzialy?zrobiono=przesunieto', 303);
    });
  }

  app.get('/panel/strona/dzialy/:id/ukryj', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    const children = await listSectionLevel(app.db, { organizationId: request.organization.id, parentId: section.id });
    return sendPage(reply, <ConfirmHidePage ctx={pageContext(request, reply)} section={section} children={children} />);
  });

  app.post('/panel/strona/dzialy/:id/ukryj', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    const organizationId = request.organization.id;
    const children = await listSectionLevel(app.db, { organizationId, parentId: section.id });
    // Sub-pages go with their section, so that is asked first.
    if (children.some((c) => !c.hidden) && formFields(request).potwierdzam !== '1') {
      return reply.redirect(`/panel/strona/dzialy/${section.id}/ukryj`, 303);
    }
    await audited(app, request)(
      (db) => hideSection({ db, organizationId, id: section.id, now: app.clock() }),
      (hidden) => ({
        action: 'site.section_hidden',
        subjectType: 'section',
        subjectId: hidden.id,
        detail: { title: hidden.title, subPages: children.filter((c) => !c.hidden).length },
      }),
    );
    return reply.redirect('/panel/strona/dzialy?zrobiono=ukryto', 303);
  });

  app.post('/panel/strona/dzialy/:id/pokaz', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    await audited(app, request)(
      (db) => unhideSection({ db, organizationId: request.organization.id, id: section.id, now: app.clock() }),
      (shown) => ({
        action: 'site.section_unhidden',
        subjectType: 'section',
        subjectId: shown.id,
        detail: { title: shown.title },
      }),
    );
    return reply.redirect('/panel/strona/dzialy?zrobiono=pokazano', 303);
  });

  app.post('/panel/strona/dzialy/:id/pliki', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    const fields = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          addSectionAttachment({
            db,
            organizationId: request.organization.id,
            sectionId: section.id,
            upload: { ...uploadedFile(request), title: fields.fileTitle },
            ...(fields.version ? { version: fields.version } : {}),
            ...(fields.documentDate ? { documentDate: fields.documentDate.trim() } : {}),
          }),
        (file) => ({
          action: 'site.file_added',
          subjectType: 'section',
          subjectId: section.id,
          detail: {
            fileId: file.id,
            name: file.name,
            contentType: file.contentType,
            size: file.size,
            version: file.version,
          },
        }),
      );
      return reply.redirect(back(section, 'plik'), 303);
    } catch (error) {
      return renderEdit(request, reply, section, { errors: fieldErrorsOf(error), uploadForm: fields });
    }
  });

  app.post('/panel/strona/dzialy/:id/pliki/:fileId/usun', editorAccess, async (request, reply) => {
    const section = await loadSection(request);
    const fileId = idOf(request, 'fileId');
    await audited(app, request)(
      (db) => removeFile(db, { organizationId: request.organization.id, fileId, owner: { sectionId: section.id } }),
      (file) => ({
        action: 'site.file_removed',
        subjectType: 'section',
        subjectId: section.id,
        detail: { fileId: file.id, name: file.name },
      }),
    );
    return reply.redirect(back(section, 'usunieto'), 303);
  });
}
