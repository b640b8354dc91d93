/**
 * Reminders in the back office: the run as of a day with its preview and sending
 * (/panel/finanse/upomnienia), and the organization's stages (/panel/finanse/upomnienia/etapy).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError, ValidationError } from '../../errors.ts';
import { access, actorOf, staffOf } from '../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../http/form-route.ts';
import { pageContext } from '../../http/page-context.ts';
import { idParams } from '../../http/params.ts';
import { sendPage } from '../../http/render.ts';
import { parseDate } from '../../lib/dates.ts';
import { formatCalendarDate } from '../../lib/format.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import { can } from '../../policy.ts';
import { mailSettings } from '../correspondence/routes/shared.ts';
import { runForm, stageForm } from './forms.ts';
import { loadStages } from './queries.ts';
import { MAX_STAGES } from './rules/stages.ts';
import { previewReminders, sendReminders } from './run.ts';
import { removeLastStage, saveStage } from './stages.ts';
import { ReminderRunPage } from './views/run.tsx';
import { StagePage, StagesPage } from './views/stages.tsx';

const BASE = '/panel/finanse/upomnienia';

const runQuery = z.object({
  dzien: z.string().optional().catch(undefined),
  ok: z.enum(['wyslano', 'etapy']).optional().catch(undefined),
  n: z.coerce.number().int().min(0).optional().catch(undefined),
});

export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => warsawDate(app.clock());
  const canBook = (request: FastifyRequest) => can(staffOf(request), 'ledger.book');

  async function runPage(
    request: FastifyRequest,
    reply: FastifyReply,
    { day, errors = [], notice }: { day: string; errors?: FieldError[]; notice?: string | undefined },
  ) {
    const preview = await previewReminders(app.db, { organization: request.organization, asOf: day, now: app.clock() });
    return (
      <ReminderRunPage
        ctx={pageContext(request, reply)}
        day={day}
        today={today()}
        candidates={preview.candidates}
        stages={preview.stages}
        canSend={can(staffOf(request), 'reminders.send')}
        canBook={canBook(request)}
        notice={notice}
        errors={errors}
      />
    );
  }

  app.get(BASE, { ...access('ledger.read'), schema: { querystring: runQuery } }, async (request, reply) => {
    const errors: FieldError[] = [];
    let day = today();
    if (request.query.dzien) {
      const parsed = parseDate(request.query.dzien);
      if (parsed.ok) day = parsed.value;
      else errors.push({ field: 'dzien', message: `Dzień: ${parsed.message}.` });
    }
    const notice =
      request.query.ok === 'wyslano'
        ? `Wysłano upomnienia: ${request.query.n ?? 0}. Pisma papierowe czekają w kolejce wydruku.`
        : undefined;
    return sendPage(reply, await runPage(request, reply, { day, errors, notice }), errors.length ? 422 : 200);
  });

  formRoute(app, `${BASE}/wyslij`, {
    access: 'reminders.send',
    body: runForm,
    run: async ({ request, body }) => {
      // Reminders carry today's figures: a page left open since yesterday sends nothing stale.
      if (body.dzien !== today())
        throw new ValidationError([
          {
            field: 'dzien',
            message: `Upomnienia wysyłamy według stanu na dziś (${formatCalendarDate(today())}): sprawdź podgląd i wyślij ponownie.`,
          },
        ]);
      const result = await sendReminders(app.db, {
        ...mailSettings(app, request),
        actor: actorOf(request),
        organization: request.organization,
        asOf: body.dzien,
        now: app.clock(),
      });
      return `${BASE}?ok=wyslano&n=${result.sent}`;
    },
    render: ({ request, reply, form }) => runPage(request, reply, { day: today(), errors: form.errors }),
  });

  app.get(`${BASE}/etapy`, { ...access('ledger.read'), schema: { querystring: runQuery } }, async (request, reply) =>
    sendPage(
      reply,
      await stagesPage(request, reply, {
        notice: request.query.ok === 'etapy' ? 'Zapisano etapy upomnień.' : undefined,
      }),
    ),
  );

  async function stagesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    { form = freshForm, notice }: { form?: FormState; notice?: string | undefined },
  ) {
    const stages = await loadStages(app.db, { organizationId: request.organization.id });
    return (
      <StagesPage
        ctx={pageContext(request, reply)}
        stages={stages}
        canConfigure={can(staffOf(request), 'ledger.configure')}
        canBook={canBook(request)}
        notice={notice}
        errors={form.errors}
      />
    );
  }

  async function stagePage(request: FastifyRequest, reply: FastifyReply, level: number, form: FormState = freshForm) {
    const stages = await loadStages(app.db, { organizationId: request.organization.id });
    const configure = can(staffOf(request), 'ledger.configure');
    const stage = stages.find((s) => s.level === level);
    // A new stage only right after the last one, and only for those who may add it.
    if (!stage && (!configure || level !== stages.length + 1 || level > MAX_STAGES))
      throw new AppError('not_found', 'no such stage');
    return (
      <StagePage
        ctx={pageContext(request, reply)}
        stage={stage}
        level={level}
        canConfigure={configure}
        canBook={canBook(request)}
        errors={form.errors}
        values={form.errors.length ? form.values : undefined}
      />
    );
  }

  app.get(`${BASE}/etapy/:id`, { ...access('ledger.read'), schema: { params: idParams } }, async (request, reply) =>
    sendPage(reply, await stagePage(request, reply, request.params.id)),
  );

  formRoute(app, `${BASE}/etapy/usun`, {
    access: 'ledger.configure',
    body: z.object({}),
    run: async ({ request }) => {
      await removeLastStage(app.db, { actor: actorOf(request), now: app.clock() });
      return `${BASE}/etapy?ok=etapy`;
    },
    render: ({ request, reply, form }) => stagesPage(request, reply, { form }),
  });

  formRoute(app, `${BASE}/etapy/:id`, {
    access: 'ledger.configure',
    params: idParams,
    body: stageForm,
    run: async ({ request, params, body }) => {
      await saveStage(app.db, { actor: actorOf(request), level: params.id, form: body, now: app.clock() });
      return `${BASE}/etapy?ok=etapy`;
    },
    render: ({ request, reply, params, form }) => stagePage(request, reply, params.id, form),
  });
};
