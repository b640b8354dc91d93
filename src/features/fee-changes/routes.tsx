/** Fee changes in the back office (/panel/finanse/zmiany-oplat): plans, their effects, editing drafts. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf, staffOf } from '../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../http/form-route.ts';
import { pageContext } from '../../http/page-context.ts';
import { idParams } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { can } from '../../policy.ts';
import { listFeeComponents } from '../ledger/queries.ts';
import { formatRate } from '../ledger/rules/money.ts';
import { ledgerSettingsOf } from '../ledger/settings.ts';
import { listBuildings } from '../units/queries.ts';
import { listContests } from './contest-queries.ts';
import { contestRoutes } from './contest-routes.tsx';
import { planForm } from './forms.ts';
import { historyRoutes } from './history-routes.tsx';
import { noticeReport } from './notice-report.ts';
import { noticeRoutes } from './notice-routes.tsx';
import { createPlan, earliestByKind, previewPlan, updatePlan } from './plans.ts';
import { findPlan, listPlanRates, listPlans, unitLabelsAndHolders } from './queries.ts';
import { PlanFormPage, PlanPage, PlansPage } from './views/plans.tsx';

const BASE = '/panel/finanse/zmiany-oplat';
const notices = new Map([
  ['przygotowano', 'Zmiana opłat przygotowana. Sprawdź jej skutki poniżej.'],
  ['zapisano', 'Zmiany zapisane.'],
  ['wycofano', 'Zmiana opłat wycofana. Zawiadomieni posiadacze dostali zawiadomienie o wycofaniu.'],
  [
    'wyslano',
    'Zawiadomienia wysłane. Doręczenia e-maili zapisują się same; papierowe oznacz po wręczeniu lub nadaniu.',
  ],
]);
const noticeQuery = z.object({ ok: z.string().optional().catch(undefined) });

export const feeChangeRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(contestRoutes);
  await app.register(historyRoutes);
  const canBook = (request: FastifyRequest) => can(staffOf(request), 'ledger.book');

  async function formPage(request: FastifyRequest, reply: FastifyReply, form: FormState, planId?: number) {
    const organizationId = request.organization.id;
    const [components, buildings, plan] = await Promise.all([
      listFeeComponents(app.db, { organizationId }),
      listBuildings(app.db, { organizationId }),
      planId ? findPlan(app.db, { organizationId, planId }) : undefined,
    ]);
    const earliest = earliestByKind(components, {
      today: warsawDate(app.clock()),
      dueDay: ledgerSettingsOf(request.organization).dueDay,
    });
    return (
      <PlanFormPage
        ctx={pageContext(request, reply)}
        plan={plan}
        components={components}
        buildings={buildings}
        form={form}
        earliest={earliest}
      />
    );
  }

  app.get(BASE, { ...access('ledger.read'), schema: { querystring: noticeQuery } }, async (request, reply) => {
    const plans = await listPlans(app.db, { organizationId: request.organization.id });
    return sendPage(
      reply,
      <PlansPage
        ctx={pageContext(request, reply)}
        plans={plans}
        canBook={canBook(request)}
        notice={request.query.ok ? notices.get(request.query.ok) : undefined}
      />,
    );
  });

  app.get(`${BASE}/nowa`, access('ledger.book'), async (request, reply) =>
    sendPage(reply, await formPage(request, reply, freshForm)),
  );

  formRoute(app, BASE, {
    access: 'ledger.book',
    body: planForm,
    run: async ({ request, body }) => {
      const plan = await createPlan(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        form: body,
        now: app.clock(),
      });
      return `${BASE}/${plan.id}?ok=przygotowano`;
    },
    render: ({ request, reply, form }) => formPage(request, reply, form),
  });

  async function planPage(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: number,
    form: FormState,
    notice?: string,
  ) {
    const organization = request.organization;
    const preview = await previewPlan(app.db, { organization, planId, now: app.clock() });
    const report =
      preview.plan.state === 'draft'
        ? undefined
        : await noticeReport(app.db, {
            organization,
            plan: preview.plan,
            kinds: [...new Set(preview.components.map((c) => c.costKind))],
            labels: new Map(preview.units.map((u) => [u.unitId, { label: u.label, holders: u.holders }])),
          });
    const staff = staffOf(request);
    const contests = await listContests(app.db, { organizationId: organization.id, planId });
    const contestLabels = new Map(
      contests.map((c) => [c.id, preview.units.find((u) => u.unitId === c.unitId)?.label ?? '']),
    );
    return (
      <PlanPage
        contests={contests}
        contestLabels={contestLabels}
        ctx={pageContext(request, reply)}
        preview={preview}
        canBook={canBook(request)}
        canMark={can(staff, 'letters.recipients')}
        canSeeLetter={can(staff, 'letters.send')}
        today={warsawDate(app.clock())}
        report={report}
        form={form}
        notice={notice}
      />
    );
  }

  noticeRoutes(app, planPage);

  app.get(
    `${BASE}/:id`,
    { ...access('ledger.read'), schema: { params: idParams, querystring: noticeQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await planPage(
          request,
          reply,
          request.params.id,
          freshForm,
          request.query.ok ? notices.get(request.query.ok) : undefined,
        ),
      ),
  );

  app.get(`${BASE}/:id/edycja`, { ...access('ledger.book'), schema: { params: idParams } }, async (request, reply) => {
    const organizationId = request.organization.id;
    const plan = await findPlan(app.db, { organizationId, planId: request.params.id });
    const rates = await listPlanRates(app.db, { organizationId, planId: plan.id });
    const values: Record<string, string> = {
      miesiac: plan.month,
      zakres: plan.scope.kind,
      uzasadnienie: plan.justification,
    };
    for (const r of rates) values[`stawka_${r.componentId}`] = formatRate(r.rate);
    if (plan.scope.kind === 'units') {
      const labels = await unitLabelsAndHolders(app.db, { unitIds: plan.scope.unitIds, asOf: warsawDate(app.clock()) });
      values.lokale = plan.scope.unitIds.map((id) => labels.get(id)?.label ?? '').join('\n');
    }
    const lists = { budynki: plan.scope.kind === 'buildings' ? plan.scope.buildingIds.map(String) : [] };
    return sendPage(reply, await formPage(request, reply, { errors: [], values, lists }, plan.id));
  });

  formRoute(app, `${BASE}/:id/edycja`, {
    access: 'ledger.book',
    params: idParams,
    body: planForm,
    run: async ({ request, params, body }) => {
      await updatePlan(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        planId: params.id,
        form: body,
        now: app.clock(),
      });
      return `${BASE}/${params.id}?ok=zapisano`;
    },
    render: ({ request, reply, params, form }) => formPage(request, reply, form, params.id),
  });
};
