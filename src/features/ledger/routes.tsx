import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { access } from '../../http/auth.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { parseDate } from '../../lib/dates.ts';
import { warsawDate } from '../../lib/warsaw-time.ts';
import type { Organization } from '../organizations/queries.ts';
import { entryKinds } from './labels.ts';
import { clampToWindow, currentFee } from './ledger.ts';
import { getMemberLedgerUnit, type MemberLedgerUnit, memberDashboard } from './member.ts';
import { listEntries, listFeeComponents, listFeeRates, listMediaSettlements, sumRange } from './queries.ts';
import { withRunningBalance } from './rules/balance.ts';
import { addDays } from './rules/months.ts';
import { ledgerSettingsOf } from './settings.ts';
import { type Statement, statementCsv, statementPdf } from './statement.ts';
import { transferData } from './transfer-data.ts';
import {
  BalancePage,
  type DashboardCard,
  FeesPage,
  FinancePage,
  HistoryPage,
  MediaPage,
  ReceivablesPage,
  StatementPage,
} from './views/member.tsx';

/** Data for the finances section of the member's start page (LedgerDashboardSection). */
export async function loadLedgerDashboard(
  db: Db,
  organization: Organization,
  personId: number | null | undefined,
  today: string,
): Promise<DashboardCard[]> {
  if (!personId) return [];
  const { startDate } = ledgerSettingsOf(organization);
  const units = await memberDashboard({ db, organizationId: organization.id, personId, today, startDate });
  return Promise.all(
    units.map(async (unit) => ({ ...unit, transfer: await transferData(organization, unit, unit.amountDue) })),
  );
}

function dateParam(value: unknown): string | undefined | 'invalid' {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = parseDate(value);
  return parsed.ok ? parsed.value : 'invalid';
}

/** The members' finances at /ebok/finanse/:unitId/…; everything goes through the member's rights. */
export async function ledgerMemberRoutes(app: FastifyInstance) {
  const today = () => warsawDate(app.clock());

  async function ownUnit(request: FastifyRequest): Promise<MemberLedgerUnit> {
    const { unitId } = request.params as { unitId: string };
    const personId = request.account?.personId;
    if (!/^\d{1,15}$/.test(unitId) || !personId) throw new AppError('not_found', 'no such unit');
    const unit = await getMemberLedgerUnit({
      db: app.db,
      organizationId: request.organization.id,
      personId,
      unitId: Number(unitId),
      today: today(),
      startDate: ledgerSettingsOf(request.organization).startDate,
    });
    if (!unit) throw new AppError('not_found', 'not the member’s unit');
    return unit;
  }

  /** The last day the member may see: today, or the day before their right ended. */
  const lastVisible = (unit: MemberLedgerUnit) => clampToWindow(unit.window, today()) ?? today();

  /** A requested period within the member's window; a start before the right → 404. */
  function period(unit: MemberLedgerUnit, query: Record<string, unknown>, defaultFrom: string) {
    const errors: { field: string; message: string }[] = [];
    const last = lastVisible(unit);
    let from = dateParam(query.od);
    let to = dateParam(query.do);
    if (from === 'invalid') {
      errors.push({ field: 'od', message: 'Data „od” w formacie RRRR-MM-DD.' });
      from = undefined;
    }
    if (to === 'invalid') {
      errors.push({ field: 'do', message: 'Data „do” w formacie RRRR-MM-DD.' });
      to = undefined;
    }
    if (from !== undefined && unit.window.from !== undefined && from < unit.window.from) {
      throw new AppError('not_found', 'before the member’s right');
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

  const organizationId = (request: FastifyRequest) => request.organization.id;

  async function history(unit: MemberLedgerUnit, orgId: number, from: string, to: string) {
    const opening = await sumRange(app.db, {
      organizationId: orgId,
      unitId: unit.unitId,
      from: unit.window.from,
      to: addDays(from, -1),
    });
    const entries = await listEntries(app.db, {
      organizationId: orgId,
      unitId: unit.unitId,
      from: unit.window.from && unit.window.from > from ? unit.window.from : from,
      to,
    });
    const rows = withRunningBalance(entries, opening);
    return { opening, rows, closing: rows.at(-1)?.running ?? opening };
  }

  app.get('/ebok/finanse', access('member'), async (request, reply) => {
    const cards = await loadLedgerDashboard(app.db, request.organization, request.account?.personId, today());
    return sendPage(reply, <FinancePage ctx={pageContext(request, reply)} cards={cards} />);
  });

  app.get('/ebok/finanse/:unitId', access('member'), async (request, reply) => {
    const unit = await ownUnit(request);
    const query = request.query as Record<string, string | undefined>;
    const { from, to, errors } = period(unit, query, `${Number(today().slice(0, 4)) - 1}-01-01`);
    const kind = entryKinds.find((k) => k === query.rodzaj);
    const component = /^\d+$/.test(query.skladnik ?? '') ? Number(query.skladnik) : undefined;
    const { opening, rows, closing } = await history(unit, organizationId(request), from, to);
    const shown = rows.filter((r) => (!kind || r.kind === kind) && (!component || r.componentId === component));
    return sendPage(
      reply,
      <HistoryPage
        ctx={pageContext(request, reply)}
        unit={unit}
        filter={{ from, to, kind: kind ?? '', component: component ? String(component) : '' }}
        rows={shown}
        opening={opening}
        closing={closing}
        components={await listFeeComponents(app.db, organizationId(request))}
        errors={errors}
      />,
    );
  });

  app.get('/ebok/finanse/:unitId/saldo', access('member'), async (request, reply) => {
    const unit = await ownUnit(request);
    const requested = dateParam((request.query as { dzien?: string }).dzien);
    if (requested === 'invalid') {
      return sendPage(
        reply,
        <BalancePage
          ctx={pageContext(request, reply)}
          unit={unit}
          day={today()}
          balance={undefined}
          errors={[{ field: 'dzien', message: 'Podaj dzień w formacie RRRR-MM-DD.' }]}
        />,
        422,
      );
    }
    const day = clampToWindow(unit.window, requested ?? today());
    if (day === undefined) throw new AppError('not_found', 'before the member’s right');
    const balance = await sumRange(app.db, {
      organizationId: organizationId(request),
      unitId: unit.unitId,
      from: unit.window.from,
      to: day,
    });
    return sendPage(
      reply,
      <BalancePage ctx={pageContext(request, reply)} unit={unit} day={day} balance={balance} errors={[]} />,
    );
  });

  app.get('/ebok/finanse/:unitId/oplaty', access('member'), async (request, reply) => {
    const unit = await ownUnit(request);
    const orgId = organizationId(request);
    const day = lastVisible(unit);
    const [current, components, rates] = await Promise.all([
      currentFee({ db: app.db, organizationId: orgId, unitId: unit.unitId, day }),
      listFeeComponents(app.db, orgId),
      listFeeRates(app.db, orgId),
    ]);
    const byId = new Map(components.map((c) => [c.id, c]));
    // Rates that applied to this unit: organization-wide, its building's (via current lines) or its own.
    const buildingIds = new Set(current?.lines.map((l) => l.rate.buildingId).filter((b) => b !== null));
    const history = rates
      .filter(
        (r) =>
          (r.unitId === null || r.unitId === unit.unitId) && (r.buildingId === null || buildingIds.has(r.buildingId)),
      )
      .filter(
        (r) => r.effectiveFrom <= day && (!unit.window.from || r.effectiveFrom >= addDays(unit.window.from, -366)),
      )
      .map((rate) => ({ rate, component: byId.get(rate.componentId) }))
      .filter(
        (r): r is { rate: (typeof rates)[number]; component: (typeof components)[number] } => r.component !== undefined,
      )
      .reverse();
    return sendPage(
      reply,
      <FeesPage
        ctx={pageContext(request, reply)}
        unit={unit}
        current={current}
        history={history}
        components={components}
      />,
    );
  });

  app.get('/ebok/finanse/:unitId/media', access('member'), async (request, reply) => {
    const unit = await ownUnit(request);
    const settlements = await listMediaSettlements(app.db, {
      organizationId: organizationId(request),
      unitId: unit.unitId,
      ...(unit.window.from ? { from: unit.window.from } : {}),
      to: unit.window.lastDay ? addDays(unit.window.lastDay, 1) : null,
    });
    return sendPage(reply, <MediaPage ctx={pageContext(request, reply)} unit={unit} settlements={settlements} />);
  });

  app.get('/ebok/finanse/:unitId/naleznosci', access('member'), async (request, reply) => {
    const unit = await ownUnit(request);
    const entries = await listEntries(app.db, {
      organizationId: organizationId(request),
      unitId: unit.unitId,
      from: unit.window.from,
      to: lastVisible(unit),
      kind: 'other_receivable',
      newestFirst: true,
    });
    return sendPage(reply, <ReceivablesPage ctx={pageContext(request, reply)} unit={unit} entries={entries} />);
  });

  app.get('/ebok/finanse/:unitId/zestawienie', access('member'), async (request, reply) => {
    const unit = await ownUnit(request);
    const { from, to } = period(unit, {}, `${today().slice(0, 4)}-01-01`);
    return sendPage(reply, <StatementPage ctx={pageContext(request, reply)} unit={unit} from={from} to={to} />);
  });

  async function statement(request: FastifyRequest): Promise<Statement> {
    const unit = await ownUnit(request);
    const { from, to } = period(unit, request.query as Record<string, unknown>, `${today().slice(0, 4)}-01-01`);
    const { opening, rows, closing } = await history(unit, organizationId(request), from, to);
    const transfer = await transferData(request.organization, unit, Math.max(0, closing));
    return {
      unitLabel: unit.label,
      holderName: request.account?.displayName ?? '',
      from,
      to,
      opening,
      rows,
      closing,
      nrb: transfer.nrb,
      transferTitle: transfer.title,
      qrText: transfer.qrText,
    };
  }

  const fileName = (s: Statement, ext: string) => `zestawienie-${s.from}-${s.to}.${ext}`;

  app.get('/ebok/finanse/:unitId/zestawienie.pdf', access('member'), async (request, reply: FastifyReply) => {
    const data = await statement(request);
    const pdf = await statementPdf(request.organization, data);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName(data, 'pdf')}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.get('/ebok/finanse/:unitId/zestawienie.csv', access('member'), async (request, reply) => {
    const data = await statement(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(data, 'csv')}"`)
      .header('cache-control', 'private, no-store')
      .send(statementCsv(data));
  });
}
