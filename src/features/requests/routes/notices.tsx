/** Building notices: staff publish and withdraw them and keep the emergency numbers; the site lists public ones. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, actorOf } from '../../../http/auth.ts';
import { checkbox, optionalText, repeated, requiredText } from '../../../http/fields.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { buildingAddress } from '../../../lib/address.ts';
import { parseWarsawLocal } from '../../../lib/warsaw-time.ts';
import { listBuildings } from '../../units/queries.ts';
import {
  emergencyPhonesInput,
  listNoticesForStaff,
  listPublicNotices,
  publishNotice,
  setEmergencyPhones,
  withdrawNotice,
} from '../notices.ts';
import { PublicNoticesPage, StaffNoticesPage } from '../views/notices.tsx';
import { doneQuery, noticeOf } from './shared.ts';

const instant = (label: string) =>
  z
    .string()
    .optional()
    .default('')
    .transform((text, ctx) => {
      const parsed = parseWarsawLocal(text);
      if (parsed) return parsed;
      ctx.addIssue({ code: 'custom', message: `${label}: podaj datę i godzinę jako DD.MM.RRRR GG:MM.` });
      return z.NEVER;
    });

const noticeForm = z.object({
  kind: z.enum(['awaria', 'prace'], { error: 'Wybierz rodzaj komunikatu.' }),
  title: requiredText('Podaj tytuł komunikatu.', 200),
  body: optionalText(2000),
  buildingIds: repeated(z.string()).transform((ids) => ids.filter((v) => /^\d{1,15}$/.test(v)).map(Number)),
  shownFrom: z
    .string()
    .optional()
    .default('')
    .transform((text, ctx): Date | undefined => {
      if (text.trim() === '') return undefined;
      const parsed = parseWarsawLocal(text);
      if (!parsed) ctx.addIssue({ code: 'custom', message: 'Początek: podaj datę i godzinę jako DD.MM.RRRR GG:MM.' });
      return parsed;
    }),
  shownUntil: instant('Koniec'),
  public: checkbox,
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const buildingsOf = async (organizationId: number) =>
    (await listBuildings(app.db, { organizationId })).map((b) => ({ id: b.id, label: buildingAddress(b) }));

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      form = freshForm,
      phonesForm = freshForm,
      notice,
    }: { form?: FormState; phonesForm?: FormState; notice?: string } = {},
  ) {
    const organizationId = request.organization.id;
    const now = app.clock();
    const [notices, buildings] = await Promise.all([
      listNoticesForStaff(app.db, { organizationId, now }),
      buildingsOf(organizationId),
    ]);
    const phonesText = (request.organization.settings.emergencyPhones ?? [])
      .map((p) => `${p.label}: ${p.phone}`)
      .join('\n');
    return (
      <StaffNoticesPage
        ctx={pageContext(request, reply)}
        notices={notices}
        buildings={buildings}
        now={now}
        form={form}
        phonesForm={phonesForm}
        phonesText={phonesText}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/komunikaty',
    { ...access('requests.handle'), schema: { querystring: doneQuery } },
    async (request, reply) => sendPage(reply, await page(request, reply, { notice: noticeOf(request.query) })),
  );

  formRoute(app, '/panel/komunikaty', {
    access: 'requests.handle',
    body: noticeForm,
    async run({ request, body }) {
      const now = app.clock();
      const known = (await listBuildings(app.db, { organizationId: request.organization.id })).map((b) => b.id);
      await publishNotice(app.db, {
        actor: actorOf(request),
        input: { ...body, shownFrom: body.shownFrom ?? now },
        known,
        now,
      });
      return '/panel/komunikaty?zrobiono=opublikowano';
    },
    render: ({ request, reply, form }) => page(request, reply, { form }),
  });

  formRoute(app, '/panel/komunikaty/:id/wycofaj', {
    access: 'requests.handle',
    params: idParams,
    body: z.object({}),
    async run({ request, params }) {
      await withdrawNotice(app.db, { actor: actorOf(request), noticeId: params.id, now: app.clock() });
      return '/panel/komunikaty?zrobiono=wycofano';
    },
    render: ({ request, reply }) => page(request, reply),
  });

  formRoute(app, '/panel/komunikaty/numery-alarmowe', {
    access: 'requests.handle',
    body: emergencyPhonesInput,
    async run({ request, body }) {
      await setEmergencyPhones(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        phones: body.phones,
        now: app.clock(),
      });
      return '/panel/komunikaty?zrobiono=numery';
    },
    render: ({ request, reply, form }) => page(request, reply, { phonesForm: form }),
  });

  app.get('/komunikaty', access('public'), async (request, reply) => {
    const notices = await listPublicNotices(app.db, { organizationId: request.organization.id, now: app.clock() });
    return sendPage(reply, <PublicNoticesPage organization={request.organization} notices={notices} />);
  });
};
