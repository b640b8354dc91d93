/** The queue of statement entries that wait for the accountant, and the decisions on one entry. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { listUnitLabels } from '../../units/unit-facts.ts';
import { assignCredit, bookDebit, dismissEntry, resolveUnit } from '../decide.ts';
import { assignForm, debitForm, dismissForm } from '../forms.ts';
import { findEntry, listWaiting } from '../queries.ts';
import { EntryPage } from '../views/entry.tsx';
import { QueuePage } from '../views/queue.tsx';

const notices = new Map([
  ['przypisano', 'Zaksięgowano wpłatę na lokal.'],
  ['decyzja', 'Zapisano decyzję.'],
  ['korekta', 'Zaksięgowano korektę.'],
]);
const noticeQuery = z.object({ ok: z.string().optional().catch(undefined) });
const QUEUE = '/panel/finanse/wyciagi/do-wyjasnienia';

export const statementQueueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(QUEUE, { ...access('ledger.book'), schema: { querystring: noticeQuery } }, async (request, reply) => {
    const entries = await listWaiting(app.db, { organizationId: request.organization.id });
    return sendPage(
      reply,
      <QueuePage
        ctx={pageContext(request, reply)}
        entries={entries}
        notice={request.query.ok ? notices.get(request.query.ok) : undefined}
      />,
    );
  });

  async function entryPage(request: FastifyRequest, reply: FastifyReply, entryId: number, form: FormState = freshForm) {
    const organizationId = request.organization.id;
    const entry = await findEntry(app.db, { organizationId, entryId });
    if (!entry) throw new AppError('not_found', 'no such bank entry');
    const wanted = new Set([...entry.suggestions, ...(entry.unitId ? [entry.unitId] : [])]);
    const labels = wanted.size > 0 ? await listUnitLabels(app.db, { organizationId }) : [];
    return (
      <EntryPage
        ctx={pageContext(request, reply)}
        entry={entry}
        suggestions={labels.filter((u) => entry.suggestions.includes(u.unitId))}
        unit={labels.find((u) => u.unitId === entry.unitId)}
        errors={form.errors}
        values={form.values}
        lists={form.lists}
      />
    );
  }

  app.get(
    '/panel/finanse/wyciagi/operacje/:id',
    { ...access('ledger.book'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await entryPage(request, reply, request.params.id)),
  );

  formRoute(app, '/panel/finanse/wyciagi/operacje/:id/przypisz', {
    access: 'ledger.book',
    params: idParams,
    body: assignForm,
    run: async ({ request, params, body }) => {
      const organizationId = request.organization.id;
      const entry = await findEntry(app.db, { organizationId, entryId: params.id });
      if (!entry) throw new AppError('not_found', 'no such bank entry');
      const parts = [];
      for (const row of body) {
        const unit = await resolveUnit(app.db, { organizationId, text: row.unit, field: 'lokal' });
        parts.push({ unitId: unit.unitId, amount: row.amount ?? entry.amount });
      }
      await assignCredit(app.db, { actor: actorOf(request), entryId: params.id, parts });
      return `${QUEUE}?ok=przypisano`;
    },
    render: ({ request, reply, params, form }) => entryPage(request, reply, params.id, form),
  });

  formRoute(app, '/panel/finanse/wyciagi/operacje/:id/odrzuc', {
    access: 'ledger.book',
    params: idParams,
    body: dismissForm,
    run: async ({ request, params, body }) => {
      await dismissEntry(app.db, {
        actor: actorOf(request),
        entryId: params.id,
        decision: body.decyzja,
        note: body.uwagi,
      });
      return `${QUEUE}?ok=decyzja`;
    },
    render: ({ request, reply, params, form }) => entryPage(request, reply, params.id, form),
  });

  formRoute(app, '/panel/finanse/wyciagi/operacje/:id/obciazenie', {
    access: 'ledger.book',
    params: idParams,
    body: debitForm,
    run: async ({ request, params, body }) => {
      const organizationId = request.organization.id;
      const unit = await resolveUnit(app.db, { organizationId, text: body.lokal, field: 'lokal' });
      await bookDebit(app.db, { actor: actorOf(request), entryId: params.id, unitId: unit.unitId, note: body.uwagi });
      return `${QUEUE}?ok=korekta`;
    },
    render: ({ request, reply, params, form }) => entryPage(request, reply, params.id, form),
  });
};
