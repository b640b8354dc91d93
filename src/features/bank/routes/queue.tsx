/** The queue of statement entries that wait for the accountant, and the decisions on one entry. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm, typedForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { type OpenCharge, openCharges } from '../../ledger/bank-payments.ts';
import { listUnitLabels } from '../../units/unit-facts.ts';
import {
  type AssignPart,
  assignCredit,
  bookDebit,
  chargesForSplit,
  dismissEntry,
  findUnit,
  resolveUnit,
} from '../decide.ts';
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

  async function entryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    entryId: number,
    form: FormState = freshForm,
    charges?: Map<number, OpenCharge[]>,
  ) {
    const organizationId = request.organization.id;
    const entry = await findEntry(app.db, { organizationId, entryId });
    if (!entry) throw new AppError('not_found', 'no such bank entry');
    const wanted = new Set([...entry.suggestions, ...(entry.unitId ? [entry.unitId] : []), ...(charges?.keys() ?? [])]);
    const labels = wanted.size > 0 ? await listUnitLabels(app.db, { organizationId }) : [];
    return (
      <EntryPage
        ctx={pageContext(request, reply)}
        entry={entry}
        suggestions={labels.filter((u) => entry.suggestions.includes(u.unitId))}
        unit={labels.find((u) => u.unitId === entry.unitId)}
        charges={
          charges &&
          [...charges].map(([unitId, list]) => ({
            unit: labels.find((u) => u.unitId === unitId),
            charges: list,
          }))
        }
        errors={form.errors}
        values={form.values}
        lists={form.lists}
      />
    );
  }

  /** The units of the split as typed (rows that name no unit are left out), for the charges shown again with a refused form. */
  async function chargesOfTyped(request: FastifyRequest, form: FormState) {
    const typed = form.lists.lokal ?? [];
    if ((form.lists.naleznosc ?? []).length === 0 && form.values.krok !== 'naleznosci') return undefined;
    const organization = request.organization;
    const unitIds: number[] = [];
    for (const text of typed.filter((t) => t.trim())) {
      const unit = await findUnit(app.db, { organizationId: organization.id, text });
      if (unit) unitIds.push(unit.unitId);
    }
    return openCharges(app.db, { organization, unitIds, asOf: warsawDate(app.clock()) });
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
    run: async ({ request, reply, params, body }) => {
      const organization = request.organization;
      const entry = await findEntry(app.db, { organizationId: organization.id, entryId: params.id });
      if (!entry) throw new AppError('not_found', 'no such bank entry');
      const parts: AssignPart[] = [];
      for (const row of body.rows) {
        const unit = await resolveUnit(app.db, { organizationId: organization.id, text: row.unit, field: 'lokal' });
        parts.push({ unitId: unit.unitId, amount: row.amount ?? entry.amount, label: row.unit });
      }
      const asOf = warsawDate(app.clock());
      if (body.step === 'naleznosci') {
        const charges = await chargesForSplit(app.db, { organization, entryId: params.id, parts, asOf });
        return entryPage(request, reply, params.id, typedForm(request.body), charges);
      }
      await assignCredit(app.db, {
        actor: actorOf(request),
        organization,
        entryId: params.id,
        parts,
        chargeIds: body.charges,
        asOf,
      });
      return `${QUEUE}?ok=przypisano`;
    },
    render: async ({ request, reply, params, form }) =>
      entryPage(request, reply, params.id, form, await chargesOfTyped(request, form)),
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
