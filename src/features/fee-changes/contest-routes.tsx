/** Contested fee changes in the back office: recording a holder's suit, the contest's page, closing it. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { access, actorOf, staffOf } from '../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../http/form-route.ts';
import { pageContext } from '../../http/page-context.ts';
import { idParams } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { can } from '../../policy.ts';
import { describeHoldersOfUnits } from '../units/holders.ts';
import { findContest, listContests } from './contest-queries.ts';
import { closeContest, recordContest } from './contests.ts';
import { closeContestForm, contestForm } from './forms.ts';
import { findPlan, unitLabelsAndHolders } from './queries.ts';
import { noticeStates } from './settle.ts';
import { ContestFormPage, ContestPage } from './views/contests.tsx';

const BASE = '/panel/finanse/zmiany-oplat';
const notices = new Map([
  ['zapisano', 'Zaskarżenie zapisane: do prawomocnego wyroku lokal płaci dotychczasowe opłaty zależne od spółdzielni.'],
  ['zamknieto', 'Zaskarżenie zamknięte z rozstrzygnięciem sądu.'],
]);
const okQuery = z.object({ ok: z.string().optional().catch(undefined) });

export const contestRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());

  /** Names of (person, unit) pairs and labels of units, read once for a page. */
  async function namesOf(organizationId: number, pairs: { personId: number; unitId: number }[]) {
    const [labels, persons] = await Promise.all([
      unitLabelsAndHolders(app.db, { unitIds: [...new Set(pairs.map((p) => p.unitId))], asOf: today() }),
      describeHoldersOfUnits(app.db, { organizationId, pairs }),
    ]);
    const names = new Map(persons.map((p) => [`${p.personId}:${p.unitId}`, `${p.firstName} ${p.lastName}`]));
    return {
      label: (unitId: number) => labels.get(unitId)?.label ?? '',
      name: (personId: number, unitId: number) => names.get(`${personId}:${unitId}`) ?? '',
    };
  }

  async function formPage(request: FastifyRequest, reply: FastifyReply, planId: number, form: FormState) {
    const organizationId = request.organization.id;
    const plan = await findPlan(app.db, { organizationId, planId });
    if (plan.state !== 'sent') throw new AppError('not_found', 'only a sent plan can be contested');
    const states = await noticeStates(app.db, { organizationId, planIds: [plan.id] });
    const { label, name } = await namesOf(organizationId, states);
    const holders = states
      .map((n) => ({ noticeId: n.id, label: `${label(n.unitId)} — ${name(n.personId, n.unitId)}` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'pl', { numeric: true }));
    return (
      <ContestFormPage ctx={pageContext(request, reply)} plan={plan} holders={holders} form={form} today={today()} />
    );
  }

  app.get(
    `${BASE}/:id/zaskarzenia/nowe`,
    { ...access('ledger.book'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await formPage(request, reply, request.params.id, freshForm)),
  );

  formRoute(app, `${BASE}/:id/zaskarzenia`, {
    access: 'ledger.book',
    params: idParams,
    body: contestForm,
    run: async ({ request, params, body }) => {
      const contest = await recordContest(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        planId: params.id,
        form: body,
        now: app.clock(),
      });
      return `${BASE}/zaskarzenia/${contest.id}?ok=zapisano`;
    },
    render: ({ request, reply, params, form }) => formPage(request, reply, params.id, form),
  });

  async function contestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    contestId: number,
    form: FormState,
    notice?: string,
  ) {
    const organizationId = request.organization.id;
    const found = await findContest(app.db, { organizationId, contestId });
    const [contest] = (await listContests(app.db, { organizationId, planId: found.planId })).filter(
      (c) => c.id === found.id,
    );
    if (!contest) throw new AppError('not_found', 'no such contest');
    const { label, name } = await namesOf(organizationId, [contest]);
    return (
      <ContestPage
        ctx={pageContext(request, reply)}
        contest={contest}
        unitLabel={label(contest.unitId)}
        holderName={name(contest.personId, contest.unitId)}
        canBook={can(staffOf(request), 'ledger.book')}
        form={form}
        today={today()}
        notice={notice}
      />
    );
  }

  app.get(
    `${BASE}/zaskarzenia/:id`,
    { ...access('ledger.read'), schema: { params: idParams, querystring: okQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await contestPage(
          request,
          reply,
          request.params.id,
          freshForm,
          request.query.ok ? notices.get(request.query.ok) : undefined,
        ),
      ),
  );

  formRoute(app, `${BASE}/zaskarzenia/:id/zamknij`, {
    access: 'ledger.book',
    params: idParams,
    body: closeContestForm,
    run: async ({ request, params, body }) => {
      await closeContest(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        contestId: params.id,
        form: body,
        now: app.clock(),
      });
      return `${BASE}/zaskarzenia/${params.id}?ok=zamknieto`;
    },
    render: ({ request, reply, params, form }) => contestPage(request, reply, params.id, form),
  });
};
