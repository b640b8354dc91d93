/** The statutory interest table and debt settings: read by finance staff, kept by the administrator. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, actorOf, staffOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { can } from '../../../policy.ts';
import { saveDebtSettings, saveInterestRates } from '../debt-actions.ts';
import { loadInterestRates } from '../debt-queries.ts';
import { debtSettingsForm, interestRatesForm } from '../forms.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { DebtSettingsPage } from '../views/debt-settings.tsx';
import { canBook, noticeOf, noticeQuery } from './staff-common.ts';

export const debtSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm, notice?: string) {
    const rates = await loadInterestRates(app.db, { organizationId: request.organization.id });
    return (
      <DebtSettingsPage
        ctx={pageContext(request, reply)}
        rates={rates}
        settings={ledgerSettingsOf(request.organization)}
        canConfigure={can(staffOf(request), 'ledger.configure')}
        canBook={canBook(request)}
        notice={notice}
        errors={form.errors}
        values={form.values}
      />
    );
  }
  const redraw =
    (which: string) =>
    ({ request, reply, form }: { request: FastifyRequest; reply: FastifyReply; form: FormState }) =>
      page(request, reply, { ...form, values: { ...form.values, form: which } });

  app.get(
    '/panel/finanse/odsetki',
    { ...access('ledger.read'), schema: { querystring: noticeQuery } },
    async (request, reply) => sendPage(reply, await page(request, reply, freshForm, noticeOf(request.query.ok))),
  );

  formRoute(app, '/panel/finanse/odsetki/stawki', {
    access: 'ledger.configure',
    body: interestRatesForm,
    run: async ({ request, body }) => {
      await saveInterestRates(app.db, { actor: actorOf(request), rows: body.stawki });
      return '/panel/finanse/odsetki?ok=stopy';
    },
    render: redraw('stawki'),
  });

  formRoute(app, '/panel/finanse/odsetki/ustawienia', {
    access: 'ledger.configure',
    body: debtSettingsForm,
    run: async ({ request, body }) => {
      await saveDebtSettings(app.db, {
        actor: actorOf(request),
        settings: {
          interestEnabled: body.odsetki,
          interestMinimum: body.prog,
          ledgerDueDay: body.termin,
          settlementSplit: body.rozliczenie === 'data' ? 'settlement_date' : 'days',
        },
      });
      return '/panel/finanse/odsetki?ok=ustawienia';
    },
    render: redraw('ustawienia'),
  });
};
