/** The debtors list as of a day above a threshold, as a page and as CSV (/panel/finanse/dluznicy). */
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldError } from '../../../errors.ts';
import { access } from '../../../http/auth.ts';
import { pageContext } from '../../../http/page-context.ts';
import { sendPage } from '../../../http/render.ts';
import { csvDocument } from '../../../lib/csv.ts';
import { parseDate } from '../../../lib/dates.ts';
import type { Organization } from '../../organizations/queries.ts';
import { listDebtorsByHolder } from '../debt.ts';
import { moneyToPlain, parseMoney } from '../rules/money.ts';
import { settlementSplitRules } from '../rules/settlement-split.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { type DebtorSort, DebtorsPage } from '../views/debtors.tsx';
import { holderLabel, periodLabel } from '../views/holder-debts.tsx';
import { canBook, todayOf } from './staff-common.ts';

const debtorSorts = ['saldo', 'lokal', 'posiadacz'] as const satisfies readonly DebtorSort[];

/** The filter as typed; it is read (with its errors shown on the page) by `debtorsOf`. */
const debtorsQuery = z.object({
  dzien: z.string().optional().catch(undefined),
  prog: z.string().optional().catch(undefined),
  sort: z.enum(debtorSorts).catch('saldo'),
});

/** The debtors for the filter, sorted; a day or threshold that cannot be read is an error on the page. */
async function debtorsOf(app: FastifyInstance, organization: Organization, query: z.output<typeof debtorsQuery>) {
  const errors: FieldError[] = [];
  let asOf = todayOf(app);
  if (query.dzien) {
    const parsed = parseDate(query.dzien);
    if (parsed.ok) asOf = parsed.value;
    else errors.push({ field: 'dzien', message: `Dzień: ${parsed.message}.` });
  }
  const thresholdText = query.prog ?? '0,00';
  const threshold = parseMoney(thresholdText);
  if (!threshold.ok) errors.push({ field: 'prog', message: threshold.message });
  const rows = await listDebtorsByHolder(app.db, {
    organizationId: organization.id,
    asOf,
    threshold: threshold.ok ? threshold.value : 0,
    settings: ledgerSettingsOf(organization),
  });
  const collator = new Intl.Collator('pl');
  const sort = query.sort;
  rows.sort((a, b) =>
    sort === 'saldo'
      ? b.holder.debt.balance - a.holder.debt.balance
      : sort === 'lokal'
        ? collator.compare(a.label, b.label)
        : collator.compare(holderLabel(a.holder), holderLabel(b.holder)),
  );
  return { asOf, thresholdText, sort, rows, errors };
}

export const debtorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/panel/finanse/dluznicy',
    { ...access('ledger.read'), schema: { querystring: debtorsQuery } },
    async (request, reply) => {
      const d = await debtorsOf(app, request.organization, request.query);
      return sendPage(
        reply,
        <DebtorsPage
          settlementRule={settlementSplitRules[ledgerSettingsOf(request.organization).settlementSplit]}
          ctx={pageContext(request, reply)}
          day={d.asOf}
          threshold={d.thresholdText}
          sort={d.sort}
          debtors={d.rows}
          canBook={canBook(request)}
          errors={d.errors}
        />,
        d.errors.length ? 422 : 200,
      );
    },
  );

  app.get(
    '/panel/finanse/dluznicy.csv',
    { ...access('ledger.read'), schema: { querystring: debtorsQuery } },
    async (request, reply) => {
      const d = await debtorsOf(app, request.organization, request.query);
      const lines = [
        [
          'Lokal',
          'Kod',
          'Posiadacze',
          'Saldo',
          'Okres',
          'Były posiadacz',
          'Zaległość po terminie',
          'Najstarsza zaległość',
          'Bieżąca opłata',
          'Odsetki',
          'Saldo lokalu',
        ],
        ...d.rows.map((r) => [
          r.label,
          r.externalKey ?? '',
          r.holder.segment.names.join(', '),
          moneyToPlain(r.holder.debt.balance),
          periodLabel(r.holder),
          r.holder.segment.current ? '' : 'tak',
          moneyToPlain(r.holder.debt.overdue),
          r.holder.debt.oldestOverdue?.slice(0, 7) ?? '',
          moneyToPlain(r.holder.debt.current),
          moneyToPlain(r.holder.debt.interest),
          moneyToPlain(r.unitBalance),
        ]),
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="dluznicy-${d.asOf}.csv"`)
        .send(Buffer.from(csvDocument(lines), 'utf8'));
    },
  );
};
