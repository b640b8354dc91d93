/** e-BOK's documents (issued for the member's units, and members-only) and their back-office page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../../files/store.ts';
import { access, actorOf, memberOf } from '../../../http/auth.ts';
import { repeated, requiredText } from '../../../http/fields.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { acceptUploads, uploadField } from '../../../http/uploads.ts';
import { buildingAddress } from '../../../lib/address.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { unitsHeldBy } from '../../units/person-lookup.ts';
import { listBuildings } from '../../units/queries.ts';
import type { IssuedDocument } from '../document-source.ts';
import {
  downloadMemberDocument,
  listMemberDocuments,
  listMemberDocumentsForStaff,
  publishMemberDocument,
  withdrawMemberDocument,
} from '../members-only.ts';
import { documentSources } from '../sources.ts';
import { MemberDocumentsPage, StaffMemberDocumentsPage } from '../views/pages.tsx';

const STAFF = '/panel/dokumenty-czlonkow';
const notices: Record<string, string> = { opublikowano: 'Dokument opublikowany.', wycofano: 'Dokument wycofany.' };
const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

const publishForm = z.object({
  title: requiredText('Podaj tytuł dokumentu.', 200),
  // An absent file part is an empty upload: the file store says "choose a file" at the field.
  file: uploadField()
    .optional()
    .transform((file) => file ?? { fileName: '', data: Buffer.alloc(0) }),
  buildingIds: repeated(z.string()).transform((ids) => ids.filter((v) => /^\d{1,15}$/.test(v)).map(Number)),
});

export const memberDocumentRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);

  /** The buildings of the units the member holds today. */
  const memberBuildings = async (request: FastifyRequest) => {
    const { personId } = memberOf(request);
    if (!personId) return [];
    const units = await unitsHeldBy(app.db, {
      organizationId: request.organization.id,
      personId,
      asOf: warsawDate(app.clock()),
    });
    return [...new Set(units.map((u) => u.buildingId))];
  };

  app.get('/ebok/dokumenty', access('member'), async (request, reply) => {
    const organizationId = request.organization.id;
    const now = app.clock();
    const { personId } = memberOf(request);
    const today = warsawDate(now);
    const [lists, membersOnly] = await Promise.all([
      personId ? Promise.all(documentSources.map((s) => s.list(app.db, { organizationId, personId, today, now }))) : [],
      listMemberDocuments(app.db, { organizationId, buildingIds: await memberBuildings(request), now }),
    ]);
    const issued: IssuedDocument[] = lists.flat().sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
    return sendPage(
      reply,
      <MemberDocumentsPage ctx={pageContext(request, reply)} issued={issued} membersOnly={membersOnly} />,
    );
  });

  app.get('/ebok/dokumenty/:id/plik', { ...access('member'), schema: { params: idParams } }, async (request, reply) => {
    const file = await downloadMemberDocument(app.db, {
      actor: actorOf(request),
      documentId: request.params.id,
      buildingIds: await memberBuildings(request),
      now: app.clock(),
    });
    return reply
      .type(file.contentType)
      .header('content-disposition', contentDisposition({ name: file.name, contentType: 'application/octet-stream' }))
      .header('cache-control', 'private, no-store')
      .send(file.data);
  });

  const buildingsOf = async (organizationId: number) =>
    (await listBuildings(app.db, { organizationId })).map((b) => ({ id: b.id, label: buildingAddress(b) }));

  async function staffPage(request: FastifyRequest, reply: FastifyReply, form: FormState, notice?: string) {
    const organizationId = request.organization.id;
    const [documents, buildings] = await Promise.all([
      listMemberDocumentsForStaff(app.db, { organizationId }),
      buildingsOf(organizationId),
    ]);
    return (
      <StaffMemberDocumentsPage
        ctx={pageContext(request, reply)}
        documents={documents}
        buildings={buildings}
        form={form}
        notice={notice}
      />
    );
  }

  app.get(STAFF, { ...access('site.edit'), schema: { querystring: doneQuery } }, async (request, reply) =>
    sendPage(
      reply,
      await staffPage(request, reply, freshForm, request.query.zrobiono ? notices[request.query.zrobiono] : undefined),
    ),
  );

  formRoute(app, STAFF, {
    access: 'site.edit',
    body: publishForm,
    async run({ request, body }) {
      const known = (await buildingsOf(request.organization.id)).map((b) => b.id);
      await publishMemberDocument(app.db, {
        actor: actorOf(request),
        title: body.title,
        upload: body.file,
        buildingIds: body.buildingIds,
        known,
        now: app.clock(),
      });
      return `${STAFF}?zrobiono=opublikowano`;
    },
    render: ({ request, reply, form }) => staffPage(request, reply, form),
  });

  formRoute(app, `${STAFF}/:id/wycofaj`, {
    access: 'site.edit',
    params: idParams,
    body: z.object({}),
    async run({ request, params }) {
      await withdrawMemberDocument(app.db, { actor: actorOf(request), documentId: params.id, now: app.clock() });
      return `${STAFF}?zrobiono=wycofano`;
    },
    render: ({ request, reply }) => staffPage(request, reply, freshForm),
  });
};
