/** The back office's letters: drafts, their recipients and attachments, sending, the delivery list. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute } from '../../../http/form-route.ts';
import { id, idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import type { Capability } from '../../../policy.ts';
import { deliveriesCsv } from '../csv.ts';
import { listDeliveries } from '../deliveries.ts';
import {
  addRecipientForm,
  attachmentForm,
  letterForm,
  noFields,
  removeRecipientForm,
  scheduleForm,
  sendForm,
} from '../forms.ts';
import {
  addAttachment,
  addRecipients,
  createLetter,
  deleteLetter,
  removeAttachment,
  removeRecipient,
  scheduleLetter,
  unscheduleLetter,
  updateLetter,
} from '../letter-commands.ts';
import { findLetter } from '../letter-queries.ts';
import { sendLetter } from '../sending.ts';
import { letterPages, seesRecipients } from './letter-pages.tsx';
import { attachmentParams, doneQuery, mailSettings, noticeOf, searchQuery, sendAttachment } from './shared.ts';

const LETTERS = '/panel/korespondencja';

export const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { lettersPage, letterPage, editPage } = letterPages(app);
  const letterOf = (request: FastifyRequest, letterId: number) =>
    findLetter(app.db, { organizationId: request.organization.id, letterId });
  const draftRef = (request: FastifyRequest, letterId: number) => ({
    organizationId: request.organization.id,
    letterId,
  });

  app.get(
    LETTERS,
    {
      ...access('letters.send'),
      schema: { querystring: doneQuery.extend({ szablon: id.optional().catch(undefined) }) },
    },
    async (request, reply) =>
      sendPage(
        reply,
        await lettersPage(request, reply, { notice: noticeOf(request.query), templateId: request.query.szablon }),
      ),
  );

  formRoute(app, LETTERS, {
    access: 'letters.send',
    body: letterForm,
    run: async ({ request, body }) => {
      const letter = await createLetter(app.db, {
        actor: actorOf(request),
        form: body,
        mayPickRecipients: seesRecipients(request),
        now: app.clock(),
      });
      return `${LETTERS}/${letter.id}`;
    },
    render: ({ request, reply, form }) => lettersPage(request, reply, { form }),
  });

  app.get(
    `${LETTERS}/:id`,
    { ...access('letters.send'), schema: { params: idParams, querystring: searchQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await letterPage(request, reply, request.params.id, {
          notice: noticeOf(request.query),
          query: request.query.szukaj.trim(),
        }),
      ),
  );

  app.get(
    `${LETTERS}/:id/edycja`,
    { ...access('letters.send'), schema: { params: idParams } },
    async (request, reply) => {
      const letter = await letterOf(request, request.params.id);
      if (letter.state !== 'draft') return reply.redirect(`${LETTERS}/${letter.id}`, 303);
      return sendPage(reply, await editPage(request, reply, letter));
    },
  );

  formRoute(app, `${LETTERS}/:id/edycja`, {
    access: 'letters.send',
    params: idParams,
    body: letterForm,
    run: async ({ request, params, body }) => {
      // Sent or scheduled meanwhile: nothing to change, back to the letter.
      const letter = await letterOf(request, params.id);
      if (letter.state !== 'draft') return `${LETTERS}/${letter.id}`;
      await updateLetter(app.db, {
        ...draftRef(request, letter.id),
        form: body,
        mayPickRecipients: seesRecipients(request),
        now: app.clock(),
      });
      return `${LETTERS}/${letter.id}?zrobiono=zmieniono`;
    },
    render: async ({ request, reply, params, form }) =>
      editPage(request, reply, await letterOf(request, params.id), form),
  });

  /** A change made on the letter's page; its errors are shown there. */
  function letterAction<B extends z.ZodType>(
    path: string,
    capability: Capability,
    body: B,
    run: (request: FastifyRequest, letterId: number, body: z.output<B>) => Promise<string>,
  ) {
    formRoute(app, `${LETTERS}/:id/${path}`, {
      access: capability,
      params: idParams,
      body,
      run: ({ request, params, body }) => run(request, params.id, body),
      render: ({ request, reply, params, form }) => letterPage(request, reply, params.id, { form }),
    });
  }

  letterAction('usun', 'letters.send', noFields, async (request, letterId) => {
    await deleteLetter(app.db, draftRef(request, letterId));
    return `${LETTERS}?zrobiono=usunieto`;
  });

  letterAction('wstrzymaj', 'letters.send', noFields, async (request, letterId) => {
    await unscheduleLetter(app.db, draftRef(request, letterId));
    return `${LETTERS}/${letterId}?zrobiono=wstrzymano`;
  });

  // Picking units or persons means searching the register: clerks and admins only.
  letterAction('adresaci', 'letters.recipients', addRecipientForm, async (request, letterId, { id }) => {
    await addRecipients(app.db, { ...draftRef(request, letterId), ids: [id] });
    return `${LETTERS}/${letterId}?zrobiono=dodano-adresata#wybrani`;
  });

  letterAction('adresaci/usun', 'letters.recipients', removeRecipientForm, async (request, letterId, { id }) => {
    await removeRecipient(app.db, { ...draftRef(request, letterId), id });
    return `${LETTERS}/${letterId}#wybrani`;
  });

  letterAction('zalaczniki', 'letters.send', attachmentForm, async (request, letterId, { file }) => {
    await addAttachment(app.db, { ...draftRef(request, letterId), upload: file });
    return `${LETTERS}/${letterId}?zrobiono=dodano`;
  });

  letterAction('wyslij', 'letters.send', sendForm, async (request, letterId, body) => {
    await sendLetter(app.db, {
      ...mailSettings(app, request),
      organization: request.organization,
      actor: actorOf(request),
      letterId,
      confirmation: { checked: body.potwierdzam, email: body.email, paper: body.papier },
      now: app.clock(),
    });
    return `${LETTERS}/${letterId}?zrobiono=wyslano`;
  });

  letterAction('zaplanuj', 'letters.send', scheduleForm, async (request, letterId, { at }) => {
    await scheduleLetter(app.db, { ...draftRef(request, letterId), at, now: app.clock() });
    return `${LETTERS}/${letterId}?zrobiono=zaplanowano`;
  });

  app.get(
    `${LETTERS}/:id/zalaczniki/:attachment`,
    { ...access('letters.send'), schema: { params: attachmentParams } },
    async (request, reply) => {
      const letter = await letterOf(request, request.params.id);
      return sendAttachment(app, reply, { letter, attachmentId: request.params.attachment });
    },
  );

  formRoute(app, `${LETTERS}/:id/zalaczniki/:attachment/usun`, {
    access: 'letters.send',
    params: attachmentParams,
    body: noFields,
    run: async ({ request, params }) => {
      await removeAttachment(app.db, { ...draftRef(request, params.id), attachmentId: params.attachment });
      return `${LETTERS}/${params.id}?zrobiono=usunieto-zalacznik`;
    },
    render: ({ request, reply, params, form }) => letterPage(request, reply, params.id, { form }),
  });

  // Names, addresses and e-mails of the recipients: clerks and admins only.
  app.get(
    `${LETTERS}/:id/raport.csv`,
    { ...access('letters.recipients'), schema: { params: idParams } },
    async (request, reply) => {
      const letter = await letterOf(request, request.params.id);
      const rows = await listDeliveries(app.db, { organizationId: request.organization.id, letterId: letter.id });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="doreczenia-list-${letter.id}.csv"`)
        .send(deliveriesCsv(rows));
    },
  );
};
