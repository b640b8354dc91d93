/** Sending a fee change's notices and the clerk's list of paper notices to mark as delivered. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import { z } from 'zod';
import { access, actorOf } from '../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../http/form-route.ts';
import { pageContext } from '../../http/page-context.ts';
import { idParams } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { mailSettings } from '../correspondence/routes/shared.ts';
import { describeHoldersOfUnits } from '../units/holders.ts';
import { postedForm, sendForm } from './forms.ts';
import { unitLabelsAndHolders } from './queries.ts';
import { sendPlan, withdrawPlan } from './send-plan.ts';
import { listNoticesToMark, markNoticesPosted } from './settle.ts';
import { NoticesToMarkPage } from './views/notices.tsx';

const BASE = '/panel/finanse/zmiany-oplat';
const marked = new Map([['oznaczono', 'Zawiadomienia oznaczone jako doręczone.']]);
const okQuery = z.object({ ok: z.string().optional().catch(undefined) });

export function noticeRoutes(app: Parameters<FastifyPluginAsyncZod>[0], planPage: PlanPageRenderer) {
  async function markPage(request: FastifyRequest, reply: FastifyReply, form: FormState, notice?: string) {
    const organizationId = request.organization.id;
    const today = warsawDate(app.clock());
    const waiting = await listNoticesToMark(app.db, { organizationId });
    const [labels, persons] = await Promise.all([
      unitLabelsAndHolders(app.db, { unitIds: [...new Set(waiting.map((w) => w.notice.unitId))], asOf: today }),
      describeHoldersOfUnits(app.db, {
        organizationId,
        pairs: waiting.map((w) => ({ personId: w.notice.personId, unitId: w.notice.unitId })),
      }),
    ]);
    const nameOf = new Map(persons.map((p) => [`${p.personId}:${p.unitId}`, `${p.firstName} ${p.lastName}`]));
    const rows = waiting.map(({ notice, plan }) => ({
      id: notice.id,
      planId: plan.id,
      planMonth: plan.month,
      sentAt: plan.sentAt,
      name: nameOf.get(`${notice.personId}:${notice.unitId}`) ?? '',
      unitLabel: labels.get(notice.unitId)?.label ?? '',
    }));
    return (
      <NoticesToMarkPage ctx={pageContext(request, reply)} rows={rows} form={form} notice={notice} today={today} />
    );
  }

  app.get(
    `${BASE}/doreczenia`,
    { ...access('letters.recipients'), schema: { querystring: okQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        await markPage(request, reply, freshForm, request.query.ok ? marked.get(request.query.ok) : undefined),
      ),
  );

  formRoute(app, `${BASE}/doreczenia`, {
    access: 'letters.recipients',
    body: postedForm,
    run: async ({ request, body }) => {
      await markNoticesPosted(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        noticeIds: body.zawiadomienia,
        day: body.dzien,
        now: app.clock(),
      });
      return `${BASE}/doreczenia?ok=oznaczono`;
    },
    render: ({ request, reply, form }) => markPage(request, reply, form),
  });

  formRoute(app, `${BASE}/:id/wyslij`, {
    access: 'ledger.book',
    params: idParams,
    body: sendForm,
    run: async ({ request, params }) => {
      await sendPlan(app.db, {
        ...mailSettings(app, request),
        actor: actorOf(request),
        organization: request.organization,
        planId: params.id,
        now: app.clock(),
      });
      return `${BASE}/${params.id}?ok=wyslano`;
    },
    render: ({ request, reply, params, form }) => planPage(request, reply, params.id, form),
  });

  withdrawRoute(app, planPage);
}

export type PlanPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  planId: number,
  form: FormState,
) => Promise<VNode>;

export function withdrawRoute(app: Parameters<FastifyPluginAsyncZod>[0], planPage: PlanPageRenderer) {
  formRoute(app, `${BASE}/:id/wycofaj`, {
    access: 'ledger.book',
    params: idParams,
    body: sendForm,
    run: async ({ request, params }) => {
      await withdrawPlan(app.db, {
        ...mailSettings(app, request),
        actor: actorOf(request),
        organization: request.organization,
        planId: params.id,
        now: app.clock(),
      });
      return `${BASE}/${params.id}?ok=wycofano`;
    },
    render: ({ request, reply, params, form }) => planPage(request, reply, params.id, form),
  });
}
