/** Fee components, rates and the monthly charge run in the back office (/panel/finanse/oplaty). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access, actorOf } from '../../../http/auth.ts';
import { formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { countOf } from '../../../lib/plural.ts';
import { settleNotices } from '../../fee-changes/settle.ts';
import { addFeeComponent, runCharges, setFeeRate } from '../fees.ts';
import { chargeRunForm, componentForm, rateForm } from '../forms.ts';
import { listFeeComponents, listFeeRates } from '../queries.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { FeesAdminPage } from '../views/fees-admin.tsx';
import { canBook, noticeOf, noticeQuery, todayOf } from './staff-common.ts';

const entryForms = { one: 'pozycję', few: 'pozycje', many: 'pozycji' };

export const feeRoutes: FastifyPluginAsyncZod = async (app) => {
  async function feesPage(request: FastifyRequest, reply: FastifyReply, form = freshForm, notice?: string) {
    const organizationId = request.organization.id;
    const [components, rates] = await Promise.all([
      listFeeComponents(app.db, { organizationId }),
      listFeeRates(app.db, { organizationId }),
    ]);
    return (
      <FeesAdminPage
        ctx={pageContext(request, reply)}
        components={components}
        rates={rates}
        canBook={canBook(request)}
        notice={notice}
        errors={form.errors}
        values={form.values}
        month={todayOf(app).slice(0, 7)}
      />
    );
  }

  app.get(
    '/panel/finanse/oplaty',
    { ...access('ledger.read'), schema: { querystring: noticeQuery } },
    async (request, reply) => sendPage(reply, await feesPage(request, reply, freshForm, noticeOf(request.query.ok))),
  );

  formRoute(app, '/panel/finanse/oplaty/stawka', {
    access: 'ledger.book',
    body: rateForm,
    run: async ({ request, body }) => {
      await setFeeRate(app.db, {
        actor: actorOf(request),
        input: {
          componentId: body.skladnik,
          rate: body.stawka,
          effectiveFrom: body.od,
          unitId: body.lokal,
          buildingId: body.budynek,
        },
      });
      return '/panel/finanse/oplaty?ok=stawka';
    },
    render: ({ request, reply, form }) => feesPage(request, reply, form),
  });

  formRoute(app, '/panel/finanse/oplaty/skladnik', {
    access: 'ledger.book',
    body: componentForm,
    run: async ({ request, body }) => {
      await addFeeComponent(app.db, {
        actor: actorOf(request),
        input: { code: body.kod, name: body.nazwa, basis: body.podstawa, costKind: body.rodzaj },
      });
      return '/panel/finanse/oplaty?ok=skladnik';
    },
    render: ({ request, reply, form }) => feesPage(request, reply, form),
  });

  // The result is shown on the page itself (how many entries were booked), not after a redirect.
  formRoute(app, '/panel/finanse/oplaty/naliczenie', {
    access: 'ledger.book',
    body: chargeRunForm,
    run: async ({ request, reply, body }) => {
      const month = body.miesiac;
      // Fee changes first end the old rates of units whose notices are now all delivered.
      await settleNotices(app.db, { actor: actorOf(request), organization: request.organization });
      const result = await runCharges(app.db, {
        actor: actorOf(request),
        month,
        dueDay: ledgerSettingsOf(request.organization).dueDay,
        bookingDate: todayOf(app),
      });
      return feesPage(
        request,
        reply,
        freshForm,
        `Naliczenie za ${month}: zaksięgowano ${countOf(result.booked, entryForms)}; zaksięgowanych już wcześniej: ${result.total - result.booked}.`,
      );
    },
    render: ({ request, reply, form }) => feesPage(request, reply, form),
  });
};
