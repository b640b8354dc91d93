/**
 * The units' accounts in the back office: the list (/panel/finanse), one unit's account with its
 * holders and entries, booking a payment or a receivable there, and correcting an entry.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../errors.ts';
import { access, actorOf, staffOf } from '../../../http/auth.ts';
import { type FormState, formRoute, freshForm } from '../../../http/form-route.ts';
import { pageContext } from '../../../http/page-context.ts';
import { idParams, pageNumber, searchText } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { can } from '../../../policy.ts';
import { listContests } from '../../fee-changes/contest-queries.ts';
import { UnitContests } from '../../fee-changes/views/contests.tsx';
import { listUnitReminders } from '../../reminders/queries.ts';
import { ReminderList } from '../../reminders/views/reminder-list.tsx';
import { listHolderPeriods } from '../../units/holder-periods.ts';
import { searchUnits } from '../../units/search.ts';
import { holderDebts } from '../debt.ts';
import { bookInterest, recordIndication } from '../debt-actions.ts';
import { correctionForm, indicationForm, interestBookingForm, paymentForm, receivableForm } from '../forms.ts';
import { settlementPartsOfUnit } from '../holder-history.ts';
import { balanceAsOf, bookCorrection, bookOtherReceivable, bookPayment } from '../ledger.ts';
import { findEntry, listEntries } from '../queries.ts';
import { allocationNotes } from '../rules/allocation-notes.ts';
import { withRunningBalance } from '../rules/balance.ts';
import { segmentLastDay } from '../rules/holder-segments.ts';
import { settlementSplitRules } from '../rules/settlement-split.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { FinanceOverviewPage } from '../views/overview.tsx';
import { CorrectionPage, UnitAccountPage } from '../views/unit-account.tsx';
import { canBook, noticeOf, noticeQuery, todayOf, unitOf, valueDateRange } from './staff-common.ts';

const overviewQuery = noticeQuery.extend({ q: searchText, strona: pageNumber });

export const unitAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/panel/finanse',
    { ...access('ledger.read'), schema: { querystring: overviewQuery } },
    async (request, reply) => {
      const units = await searchUnits(app.db, {
        organizationId: request.organization.id,
        query: request.query.q,
        asOf: todayOf(app),
        page: request.query.strona,
        pageSize: 50,
      });
      return sendPage(
        reply,
        <FinanceOverviewPage
          ctx={pageContext(request, reply)}
          query={request.query.q}
          units={units}
          canBook={canBook(request)}
          notice={noticeOf(request.query.ok)}
        />,
      );
    },
  );

  /** A unit's account; `form` holds the errors and values of the form sent (`values.form` names it). */
  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: number,
    { form = freshForm, notice }: { form?: FormState; notice?: string | undefined } = {},
  ) {
    const unit = await unitOf(app, request, unitId);
    const organizationId = request.organization.id;
    const today = todayOf(app);
    const settings = ledgerSettingsOf(request.organization);
    const [entries, holders, balance, debts, contests, reminders] = await Promise.all([
      listEntries(app.db, { organizationId, unitId: unit.unitId }),
      listHolderPeriods(app.db, { organizationId, unitId: unit.unitId }),
      balanceAsOf(app.db, { organizationId, unitId: unit.unitId, asOf: today }),
      holderDebts(app.db, {
        organizationId,
        unitId: unit.unitId,
        asOf: today,
        settings,
        startDate: settings.startDate,
        full: true,
      }),
      listContests(app.db, { organizationId, unitIds: [unit.unitId] }),
      listUnitReminders(app.db, { organizationId, unitId: unit.unitId }),
    ]);
    const parts = await settlementPartsOfUnit(app.db, {
      organizationId,
      unitId: unit.unitId,
      periods: debts.map((h) => ({
        from: h.segment.from,
        lastDay: h.lastDay,
        until: h.segment.to === undefined ? undefined : segmentLastDay(h.segment, '9999-12-31'),
        names: h.segment.names,
      })),
      asOf: today,
      split: settings.settlementSplit,
    });
    const notes = new Map<number, string>();
    for (const h of debts) {
      for (const [id, note] of allocationNotes(
        h.debt.debts,
        entries.filter((e) => e.amount < 0),
      ))
        notes.set(id, note);
    }
    return (
      <UnitAccountPage
        ctx={pageContext(request, reply)}
        unit={unit}
        balance={balance}
        today={today}
        entries={withRunningBalance(entries).reverse()}
        holders={holders}
        holderDebts={debts}
        settlementRule={settlementSplitRules[settings.settlementSplit]}
        notes={notes}
        parts={parts}
        canBook={canBook(request)}
        canCertify={can(staffOf(request), 'ledger.certify')}
        notice={notice}
        errors={form.errors}
        values={form.values}
      >
        <UnitContests unitId={unit.unitId} contests={contests} />
        <ReminderList
          reminders={reminders}
          audience="staff"
          names={new Map(holders.map((h) => [h.personId, `${h.firstName} ${h.lastName}`]))}
          linkLetters={can(staffOf(request), 'letters.send')}
        />
      </UnitAccountPage>
    );
  }

  app.get(
    '/panel/finanse/lokal/:id',
    { ...access('ledger.read'), schema: { params: idParams, querystring: noticeQuery } },
    async (request, reply) =>
      sendPage(reply, await accountPage(request, reply, request.params.id, { notice: noticeOf(request.query.ok) })),
  );

  /** The account page again with the errors of one of its two forms (`wplata`, `naleznosc`). */
  const redrawAccount =
    (which: string) =>
    ({
      request,
      reply,
      params,
      form,
    }: {
      request: FastifyRequest;
      reply: FastifyReply;
      params: { id: number };
      form: FormState;
    }) =>
      accountPage(request, reply, params.id, { form: { ...form, values: { ...form.values, form: which } } });

  formRoute(app, '/panel/finanse/lokal/:id/wplata', {
    access: 'ledger.book',
    params: idParams,
    body: (request) => paymentForm(valueDateRange(app, request)),
    run: async ({ request, params, body }) => {
      const unit = await unitOf(app, request, params.id);
      await bookPayment(app.db, {
        actor: actorOf(request),
        input: {
          unitId: unit.unitId,
          amount: body.kwota,
          valueDate: body.data,
          bookingDate: todayOf(app),
          description: body.opis,
          reference: body.referencja || undefined,
        },
      });
      return `/panel/finanse/lokal/${unit.unitId}?ok=wplata`;
    },
    render: redrawAccount('wplata'),
  });

  formRoute(app, '/panel/finanse/lokal/:id/naleznosc', {
    access: 'ledger.book',
    params: idParams,
    body: (request) => receivableForm(valueDateRange(app, request)),
    run: async ({ request, params, body }) => {
      const unit = await unitOf(app, request, params.id);
      await bookOtherReceivable(app.db, {
        actor: actorOf(request),
        input: {
          unitId: unit.unitId,
          amount: body.kwota,
          valueDate: body.data,
          bookingDate: todayOf(app),
          dueDate: body.termin,
          description: body.opis,
        },
      });
      return `/panel/finanse/lokal/${unit.unitId}?ok=naleznosc`;
    },
    render: redrawAccount('naleznosc'),
  });

  formRoute(app, '/panel/finanse/lokal/:id/odsetki', {
    access: 'ledger.book',
    params: idParams,
    body: () => interestBookingForm({ today: todayOf(app) }),
    run: async ({ request, params, body }) => {
      const unit = await unitOf(app, request, params.id);
      await bookInterest(app.db, {
        actor: actorOf(request),
        unitId: unit.unitId,
        asOf: body.dzien,
        settings: ledgerSettingsOf(request.organization),
      });
      return `/panel/finanse/lokal/${unit.unitId}?ok=odsetki`;
    },
    render: redrawAccount('odsetki'),
  });

  formRoute(app, '/panel/finanse/lokal/:id/wskazanie', {
    access: 'ledger.book',
    params: idParams,
    body: indicationForm,
    run: async ({ request, params, body }) => {
      const unit = await unitOf(app, request, params.id);
      await recordIndication(app.db, {
        actor: actorOf(request),
        unitId: unit.unitId,
        paymentId: body.wplata,
        debtId: body.naleznosc,
      });
      return `/panel/finanse/lokal/${unit.unitId}?ok=wskazanie`;
    },
    render: redrawAccount('wskazanie'),
  });

  /** The entry of the request's organization and its unit; anything else does not exist. */
  async function entryOf(request: FastifyRequest, entryId: number) {
    const entry = await findEntry(app.db, { organizationId: request.organization.id, entryId });
    if (!entry) throw new AppError('not_found', 'no such entry');
    return { entry, unit: await unitOf(app, request, entry.unitId) };
  }

  async function correctionPage(request: FastifyRequest, reply: FastifyReply, entryId: number, form = freshForm) {
    const { entry, unit } = await entryOf(request, entryId);
    return (
      <CorrectionPage
        ctx={pageContext(request, reply)}
        entry={entry}
        unitLabel={unit.label}
        today={todayOf(app)}
        errors={form.errors}
        values={form.values}
      />
    );
  }

  app.get(
    '/panel/finanse/pozycja/:id/korekta',
    { ...access('ledger.book'), schema: { params: idParams } },
    async (request, reply) => sendPage(reply, await correctionPage(request, reply, request.params.id)),
  );

  formRoute(app, '/panel/finanse/pozycja/:id/korekta', {
    access: 'ledger.book',
    params: idParams,
    body: (request) => correctionForm(valueDateRange(app, request)),
    run: async ({ request, params, body }) => {
      const { entry, unit } = await entryOf(request, params.id);
      await bookCorrection(app.db, {
        actor: actorOf(request),
        input: {
          entryId: entry.id,
          newAmount: body.kwota,
          valueDate: body.data,
          bookingDate: todayOf(app),
          reason: body.powod,
        },
      });
      return `/panel/finanse/lokal/${unit.unitId}?ok=korekta`;
    },
    render: ({ request, reply, params, form }) => correctionPage(request, reply, params.id, form),
  });
};
