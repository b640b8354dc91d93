import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../errors.ts';
import { findFileByKey, listFiles, removeFile } from '../../files/store.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate, warsawLocalInput } from '../../lib/warsaw-time.ts';
import { currentDocumentText, listDocumentTextVersions, saveDocumentText } from '../documents/texts.ts';
import { acceptUploads, audited, editorAccess, fieldErrorsOf, formFields, idOf, uploadedFile } from './editor-http.ts';
import { editorNewsRoutes } from './editor-news-routes.tsx';
import { editorSectionRoutes } from './editor-section-routes.tsx';
import { addGazetteIssue, listGazetteIssues } from './gazette.ts';
import { fileKey, sendSiteFile } from './routes.tsx';
import { updateSiteSettings } from './settings.ts';
import {
  addTenderDocument,
  closeTender,
  createTender,
  findTender,
  listAllTenders,
  type Tender,
  updateTender,
} from './tenders.ts';
import {
  DocumentsPage,
  DocumentTextPage,
  documentKinds,
  EditorOverviewPage,
  EditTenderPage,
  GazettePage,
  SettingsPage,
  type TenderForm,
  TenderListPage,
} from './views/editor-pages.tsx';

const notices: Record<string, string> = {
  zapisano: 'Zapisano zmiany.',
  dodano: 'Dodano.',
  zamknieto: 'Przetarg zamknięty; wynik jest na stronie.',
  usunieto: 'Usunięto plik.',
};

function noticeOf(request: FastifyRequest): string | undefined {
  const what = (request.query as { zrobiono?: string }).zrobiono;
  return what ? notices[what] : undefined;
}

const warsawInput = (instant: Date) => warsawLocalInput(instant).replace('T', ' ');

/**
 * The editor's back office for the public website, at /panel/strona (editors and administrators).
 * Its own scope: file uploads (multipart) are accepted only here.
 */
export async function editorRoutes(app: FastifyInstance) {
  await acceptUploads(app);
  await app.register(editorNewsRoutes);
  await app.register(editorSectionRoutes);

  // Editors download any file of the site, also of a draft, a scheduled item or a hidden page.
  app.get<{ Params: { key: string; name: string } }>(
    '/panel/strona/pliki/:key/:name',
    editorAccess,
    async (request, reply) => {
      const file = await findFileByKey(app.db, {
        organizationId: request.organization.id,
        key: fileKey(request.params.key),
      });
      return sendSiteFile(reply, file, 'private, no-store');
    },
  );

  app.get('/panel/strona', editorAccess, async (request, reply) => {
    return sendPage(reply, <EditorOverviewPage ctx={pageContext(request, reply)} />);
  });

  // Tenders

  async function loadTender(request: FastifyRequest): Promise<Tender> {
    return findTender(app.db, request.organization.id, idOf(request));
  }

  const tenderForm = (tender: Tender): TenderForm => ({
    title: tender.title,
    description: tender.description,
    deadline: warsawInput(tender.deadline),
    result: tender.result ?? '',
  });

  async function renderTender(
    request: FastifyRequest,
    reply: FastifyReply,
    tender: Tender,
    options: {
      form?: TenderForm;
      errors?: FieldError[];
      closeForm?: { closeResult?: string };
      uploadForm?: Record<string, string>;
    } = {},
  ) {
    const documents = await listFiles(app.db, request.organization.id, { tenderId: tender.id });
    const errors = options.errors ?? [];
    return sendPage(
      reply,
      <EditTenderPage
        ctx={pageContext(request, reply)}
        tender={tender}
        documents={documents}
        now={app.clock()}
        form={options.form ?? tenderForm(tender)}
        closeForm={options.closeForm}
        uploadForm={options.uploadForm}
        errors={errors}
        notice={errors.length ? undefined : noticeOf(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/strona/przetargi', editorAccess, async (request, reply) => {
    const tenders = await listAllTenders(app.db, request.organization.id);
    return sendPage(reply, <TenderListPage ctx={pageContext(request, reply)} tenders={tenders} now={app.clock()} />);
  });

  app.post('/panel/strona/przetargi', editorAccess, async (request, reply) => {
    const form = formFields(request);
    try {
      const tender = await audited(app, request)(
        (db) =>
          createTender({
            db,
            organizationId: request.organization.id,
            input: { ...form, title: form.title ?? '', deadline: form.deadline ?? '' },
          }),
        (created) => ({
          action: 'site.tender_created',
          subjectType: 'tender',
          subjectId: created.id,
          detail: { title: created.title, deadline: created.deadline.toISOString() },
        }),
      );
      return reply.redirect(`/panel/strona/przetargi/${tender.id}?zrobiono=dodano`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const tenders = await listAllTenders(app.db, request.organization.id);
      return sendPage(
        reply,
        <TenderListPage
          ctx={pageContext(request, reply)}
          tenders={tenders}
          now={app.clock()}
          form={form}
          errors={errors}
        />,
        422,
      );
    }
  });

  app.get('/panel/strona/przetargi/:id', editorAccess, async (request, reply) => {
    return renderTender(request, reply, await loadTender(request));
  });

  app.post('/panel/strona/przetargi/:id', editorAccess, async (request, reply) => {
    const tender = await loadTender(request);
    const form = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          updateTender({
            db,
            organizationId: request.organization.id,
            id: tender.id,
            input: { ...form, title: form.title ?? '', deadline: form.deadline ?? '' },
            now: app.clock(),
          }),
        (updated) => ({
          action: 'site.tender_updated',
          subjectType: 'tender',
          subjectId: updated.id,
          detail: { title: updated.title, deadline: updated.deadline.toISOString() },
        }),
      );
      return reply.redirect(`/panel/strona/przetargi/${tender.id}?zrobiono=zapisano`, 303);
    } catch (error) {
      return renderTender(request, reply, tender, { form, errors: fieldErrorsOf(error) });
    }
  });

  app.post('/panel/strona/przetargi/:id/zamknij', editorAccess, async (request, reply) => {
    const tender = await loadTender(request);
    const closeResult = formFields(request).closeResult ?? '';
    try {
      await audited(app, request)(
        (db) =>
          closeTender({
            db,
            organizationId: request.organization.id,
            id: tender.id,
            result: closeResult,
            now: app.clock(),
          }),
        (closed) => ({
          action: 'site.tender_closed',
          subjectType: 'tender',
          subjectId: closed.id,
          detail: { title: closed.title, deadline: closed.deadline.toISOString() },
        }),
      );
      return reply.redirect(`/panel/strona/przetargi/${tender.id}?zrobiono=zamknieto`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error).map((e) => (e.field === 'result' ? { ...e, field: 'closeResult' } : e));
      return renderTender(request, reply, tender, { errors, closeForm: { closeResult } });
    }
  });

  app.post('/panel/strona/przetargi/:id/pliki', editorAccess, async (request, reply) => {
    const tender = await loadTender(request);
    const fields = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          addTenderDocument({
            db,
            organizationId: request.organization.id,
            tenderId: tender.id,
            upload: { ...uploadedFile(request), title: fields.fileTitle },
          }),
        (file) => ({
          action: 'site.file_added',
          subjectType: 'tender',
          subjectId: tender.id,
          detail: { fileId: file.id, name: file.name, contentType: file.contentType, size: file.size },
        }),
      );
      return reply.redirect(`/panel/strona/przetargi/${tender.id}?zrobiono=dodano`, 303);
    } catch (error) {
      return renderTender(request, reply, tender, { errors: fieldErrorsOf(error), uploadForm: fields });
    }
  });

  app.post('/panel/strona/przetargi/:id/pliki/:fileId/usun', editorAccess, async (request, reply) => {
    const tender = await loadTender(request);
    const fileId = idOf(request, 'fileId');
    await audited(app, request)(
      (db) => removeFile(db, { organizationId: request.organization.id, fileId, owner: { tenderId: tender.id } }),
      (file) => ({
        action: 'site.file_removed',
        subjectType: 'tender',
        subjectId: tender.id,
        detail: { fileId: file.id, name: file.name },
      }),
    );
    return reply.redirect(`/panel/strona/przetargi/${tender.id}?zrobiono=usunieto`, 303);
  });

  // Gazette

  app.get('/panel/strona/gazetka', editorAccess, async (request, reply) => {
    const issues = await listGazetteIssues(app.db, request.organization.id);
    return sendPage(
      reply,
      <GazettePage ctx={pageContext(request, reply)} issues={issues} notice={noticeOf(request)} />,
    );
  });

  app.post('/panel/strona/gazetka', editorAccess, async (request, reply) => {
    const form = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          addGazetteIssue({
            db,
            organizationId: request.organization.id,
            input: { title: form.title ?? '', issueDate: form.issueDate ?? '' },
            upload: uploadedFile(request),
          }),
        (file) => ({
          action: 'site.gazette_added',
          subjectType: 'file',
          subjectId: file.id,
          detail: { title: file.title, issueDate: file.documentDate, size: file.size },
        }),
      );
      return reply.redirect('/panel/strona/gazetka?zrobiono=dodano', 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const issues = await listGazetteIssues(app.db, request.organization.id);
      return sendPage(
        reply,
        <GazettePage ctx={pageContext(request, reply)} issues={issues} form={form} errors={errors} />,
        422,
      );
    }
  });

  // Document texts

  app.get('/panel/strona/dokumenty', editorAccess, async (request, reply) => {
    const organization = request.organization;
    const current = await Promise.all(
      documentKinds.map(({ kind }) =>
        currentDocumentText(app.db, { organizationId: organization.id, organizationName: organization.name, kind }),
      ),
    );
    return sendPage(
      reply,
      <DocumentsPage ctx={pageContext(request, reply)} current={current} notice={noticeOf(request)} />,
    );
  });

  function documentOf(request: FastifyRequest) {
    const slug = (request.params as { slug?: string }).slug;
    const doc = documentKinds.find((d) => d.slug === slug);
    if (!doc) throw new AppError('not_found', 'no such document');
    return doc;
  }

  async function renderDocument(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { body?: string; effectiveFrom?: string },
    errors: FieldError[] = [],
  ) {
    const doc = documentOf(request);
    const organization = request.organization;
    const versions = await listDocumentTextVersions(app.db, {
      organizationId: organization.id,
      organizationName: organization.name,
      kind: doc.kind,
    });
    // A new version starts from the current text.
    const initial = { body: versions[0]?.body ?? '', effectiveFrom: warsawDate(app.clock()) };
    return sendPage(
      reply,
      <DocumentTextPage
        ctx={pageContext(request, reply)}
        doc={doc}
        versions={versions}
        form={form ?? initial}
        errors={errors}
        notice={errors.length ? undefined : noticeOf(request)}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get('/panel/strona/dokumenty/:slug', editorAccess, async (request, reply) => renderDocument(request, reply));

  app.post('/panel/strona/dokumenty/:slug', editorAccess, async (request, reply) => {
    const doc = documentOf(request);
    const form = formFields(request);
    try {
      await audited(app, request)(
        (db) =>
          saveDocumentText({
            db,
            organizationId: request.organization.id,
            kind: doc.kind,
            input: { body: form.body ?? '', effectiveFrom: form.effectiveFrom ?? '' },
          }),
        (saved) => ({
          action: 'document.text_saved',
          subjectType: 'document',
          subjectId: doc.kind,
          detail: { version: saved.version, effectiveFrom: saved.effectiveFrom },
        }),
      );
      return reply.redirect(`/panel/strona/dokumenty/${doc.slug}?zrobiono=zapisano`, 303);
    } catch (error) {
      return renderDocument(request, reply, form, fieldErrorsOf(error));
    }
  });

  // Settings

  app.get('/panel/strona/ustawienia', editorAccess, async (request, reply) => {
    const settings = request.organization.settings;
    const form = {
      officeHours: (settings.officeHours ?? []).join('\n'),
      visitorCountStart: String(settings.visitorCountStart ?? 0),
    };
    return sendPage(reply, <SettingsPage ctx={pageContext(request, reply)} form={form} notice={noticeOf(request)} />);
  });

  app.post('/panel/strona/ustawienia', editorAccess, async (request, reply) => {
    const form = formFields(request);
    const before = request.organization.settings;
    try {
      await audited(app, request)(
        (db) => updateSiteSettings({ db, organization: request.organization, input: form }),
        (saved) => ({
          action: 'site.settings_changed',
          subjectType: 'organization',
          subjectId: request.organization.id,
          detail: {
            from: { officeHours: before.officeHours ?? [], visitorCountStart: before.visitorCountStart ?? 0 },
            to: saved,
          },
        }),
      );
      return reply.redirect('/panel/strona/ustawienia?zrobiono=zapisano', 303);
    } catch (error) {
      return sendPage(
        reply,
        <SettingsPage ctx={pageContext(request, reply)} form={form} errors={fieldErrorsOf(error)} />,
        422,
      );
    }
  });
}
