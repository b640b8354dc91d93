/**
 * The members' finances at /ebok/finanse/:unitId/…; everything goes through the member's own
 * rights to the unit (getMemberLedgerUnit), so another unit, or a day before the member's right,
 * is a page that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldError } from '../../../errors.ts';
import { access, memberOf } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { id } from '../../../http/params.ts';
import { sendPage } from '../../../http/render.ts';
import { parseDate } from '../../../lib/dates.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { warsawDate } from '../../../lib/warsaw-time.ts';
import { memberContestsView, upcomingChanges } from '../../fee-changes/member-changes.ts';
import { MemberContests } from '../../fee-changes/views/contests.tsx';
import { UpcomingFeeChanges } from '../../fee-changes/views/upcoming.tsx';
import { listPersonReminders } from '../../reminders/queries.ts';
import { ReminderList } from '../../reminders/views/reminder-list.tsx';
import { loadLedgerDashboard } from '../dashboard.ts';
import { unitDebt } from '../debt.ts';
import { currentFee } from '../fees.ts';
import { memberHistory, memberSettlements } from '../holder-history.ts';
import { entryKinds } from '../labels.ts';
import { clampToWindow, getMemberLedgerUnit, type MemberLedgerUnit } from '../member.ts';
import { listEntries, listFeeComponents, listFeeRates } from '../queries.ts';
import { allocationNotes } from '../rules/allocation-notes.ts';
import { addDays } from '../rules/months.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { FinancePage } from '../views/member.tsx';
import { FeesPage } from '../views/member-fees.tsx';
import { HistoryPage, ReceivablesPage, StatementPage } from '../views/member-history.tsx';
import { MediaPage } from '../views/member-media.tsx';

export const unitParams = z.object({ unitId: id });

/** A date of a query as typed; read by `dateParam` (odd values never fail the request). */
export const typedDate = z.string().optional().catch(undefined);

export const periodQuery = z.object({ od: typedDate, do: typedDate });

const historyQuery = periodQuery.extend({
  rodzaj: z.enum(entryKinds).optional().catch(undefined),
  skladnik: z.string().regex(/^\d+$/).transform(Number).optional().catch(undefined),
});

export function dateParam(value: string | undefined): string | undefined | 'invalid' {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = parseDate(value);
  return parsed.ok ? parsed.value : 'invalid';
}

/** What the member's pages share: their unit, the periods they may see, the history of a period. */
export function memberLedger(app: FastifyInstance) {
  const today = () => warsawDate(app.clock());

  async function ownUnit(request: FastifyRequest, unitId: number): Promise<MemberLedgerUnit> {
    const { personId } = memberOf(request);
    if (!personId) throw new AppError('not_found', 'no such unit');
    const unit = await getMemberLedgerUnit(app.db, {
      organizationId: request.organization.id,
      personId,
      unitId,
      today: today(),
      startDate: ledgerSettingsOf(request.organization).startDate,
    });
    if (!unit) throw new AppError('not_found', 'not the member’s unit');
    return unit;
  }

  /** The last day the member may see: today, or the day before their right ended. */
  const lastVisible = (unit: MemberLedgerUnit) => clampToWindow(unit.window, today()) ?? today();

  /** A requested period within the member's window; a start before the right → 404. */
  function period(
    unit: MemberLedgerUnit,
    query: z.output<typeof periodQuery>,
    defaultFrom: string,
    { beforeRight = 'not_found' }: { beforeRight?: 'field' | 'not_found' } = {},
  ) {
    const errors: FieldError[] = [];
    const last = lastVisible(unit);
    let from = dateParam(query.od);
    let to = dateParam(query.do);
    if (from === 'invalid') {
      errors.push({ field: 'od', message: 'Data „od” w formacie DD.MM.RRRR, np. 01.01.2026.' });
      from = undefined;
    }
    if (to === 'invalid') {
      errors.push({ field: 'do', message: 'Data „do” w formacie DD.MM.RRRR, np. 31.12.2026.' });
      to = undefined;
    }
    if (from !== undefined && unit.window.from !== undefined && from < unit.window.from) {
      if (beforeRight === 'not_found') throw new AppError('not_found', 'before the member’s right');
      errors.push({ field: 'od', message: `Dane dostępne od ${formatCalendarDate(unit.window.heldSince)}.` });
      from = unit.window.from;
    }
    // A former holder's default period ends with their right, not in the current year.
    const fallback = defaultFrom > last ? `${last.slice(0, 4)}-01-01` : defaultFrom;
    let start = from ?? (unit.window.from && unit.window.from > fallback ? unit.window.from : fallback);
    // Nothing after the member's last day: another holder's entries may follow it.
    if (start > last) start = last;
    const end = to === undefined || to > last ? last : to;
    // Dates are strings: an end before the start shows the start day alone.
    if (end < start) return { from: start, to: start, errors };
    return { from: start, to: end, errors };
  }

  /** The member's history of [from, to] (holder-history.ts). */
  const history = (request: FastifyRequest, unit: MemberLedgerUnit, from: string, to: string) =>
    memberHistory(app.db, {
      organizationId: request.organization.id,
      unit,
      from,
      to,
      today: today(),
      split: ledgerSettingsOf(request.organization).settlementSplit,
    });

  return { today, ownUnit, lastVisible, period, history };
}

export const memberLedgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { today, ownUnit, lastVisible, period, history } = memberLedger(app);

  app.get('/ebok/finanse', access('member'), async (request, reply) => {
    const query = { organization: request.organization, personId: memberOf(request).personId, today: today() };
    const [cards, changes, contested, reminders] = await Promise.all([
      loadLedgerDashboard(app.db, query),
      query.personId === null ? [] : upcomingChanges(app.db, { ...query, personId: query.personId }),
      query.personId === null
        ? undefined
        : memberContestsView(app.db, {
            organizationId: query.organization.id,
            personId: query.personId,
            today: query.today,
          }),
      query.personId === null
        ? []
        : listPersonReminders(app.db, { organizationId: query.organization.id, personId: query.personId }),
    ]);
    return sendPage(
      reply,
      <FinancePage ctx={pageContext(request, reply)} cards={cards}>
        <UpcomingFeeChanges changes={changes} />
        {contested ? <MemberContests {...contested} /> : null}
        <ReminderList reminders={reminders} audience="member" />
      </FinancePage>,
    );
  });

  app.get(
    '/ebok/finanse/:unitId',
    { ...access('member'), schema: { params: unitParams, querystring: historyQuery } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const { rodzaj: kind, skladnik } = request.query;
      const component = skladnik || undefined;
      const { from, to, errors } = period(unit, request.query, `${Number(today().slice(0, 4)) - 1}-01-01`, {
        beforeRight: 'field',
      });
      const organizationId = request.organization.id;
      const { opening, rows, closing, until } = await history(request, unit, from, to);
      const debt = await unitDebt(app.db, {
        organizationId,
        unitId: unit.unitId,
        from: unit.window.from,
        to: unit.window.lastDay,
        asOf: until,
        settings: ledgerSettingsOf(request.organization),
        full: true,
      });
      const shown = rows.filter((r) => (!kind || r.kind === kind) && (!component || r.componentId === component));
      const notes = allocationNotes(
        debt.debts,
        rows.filter((r) => r.amount < 0),
      );
      return sendPage(
        reply,
        <HistoryPage
          ctx={pageContext(request, reply)}
          unit={unit}
          filter={{
            // A refused start stays as typed in its field.
            from: errors.some((e) => e.field === 'od') ? (request.query.od ?? from) : from,
            to,
            kind: kind ?? '',
            component: component ? String(component) : '',
          }}
          notes={notes}
          rows={shown}
          opening={opening}
          closing={closing}
          components={await listFeeComponents(app.db, { organizationId: request.organization.id })}
          errors={errors}
        />,
      );
    },
  );

  app.get(
    '/ebok/finanse/:unitId/oplaty',
    { ...access('member'), schema: { params: unitParams } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const organizationId = request.organization.id;
      const day = lastVisible(unit);
      const [current, components, rates] = await Promise.all([
        currentFee(app.db, { organizationId, unitId: unit.unitId, day }),
        listFeeComponents(app.db, { organizationId }),
        listFeeRates(app.db, { organizationId }),
      ]);
      const byId = new Map(components.map((c) => [c.id, c]));
      // Rates that applied to this unit: organization-wide, its building's (via current lines) or its own.
      const buildingIds = new Set(current?.lines.map((l) => l.rate.buildingId).filter((b) => b !== null));
      const rateHistory = rates
        .filter(
          (r) =>
            (r.unitId === null || r.unitId === unit.unitId) && (r.buildingId === null || buildingIds.has(r.buildingId)),
        )
        .filter(
          (r) => r.effectiveFrom <= day && (!unit.window.from || r.effectiveFrom >= addDays(unit.window.from, -366)),
        )
        .flatMap((rate) => {
          const component = byId.get(rate.componentId);
          return component ? [{ rate, component }] : [];
        })
        .reverse();
      return sendPage(
        reply,
        <FeesPage
          ctx={pageContext(request, reply)}
          unit={unit}
          current={current}
          history={rateHistory}
          components={components}
        />,
      );
    },
  );

  app.get(
    '/ebok/finanse/:unitId/media',
    { ...access('member'), schema: { params: unitParams } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const { settlements, shares } = await memberSettlements(app.db, {
        organizationId: request.organization.id,
        unit,
        today: today(),
        split: ledgerSettingsOf(request.organization).settlementSplit,
      });
      return sendPage(
        reply,
        <MediaPage ctx={pageContext(request, reply)} unit={unit} settlements={settlements} shares={shares} />,
      );
    },
  );

  app.get(
    '/ebok/finanse/:unitId/naleznosci',
    { ...access('member'), schema: { params: unitParams } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const entries = await listEntries(app.db, {
        organizationId: request.organization.id,
        unitId: unit.unitId,
        from: unit.window.from,
        to: lastVisible(unit),
        kind: 'other_receivable',
        newestFirst: true,
      });
      return sendPage(reply, <ReceivablesPage ctx={pageContext(request, reply)} unit={unit} entries={entries} />);
    },
  );

  app.get(
    '/ebok/finanse/:unitId/zestawienie',
    { ...access('member'), schema: { params: unitParams } },
    async (request, reply) => {
      const unit = await ownUnit(request, request.params.unitId);
      const { from, to } = period(unit, {}, `${today().slice(0, 4)}-01-01`);
      return sendPage(reply, <StatementPage ctx={pageContext(request, reply)} unit={unit} from={from} to={to} />);
    },
  );
};
