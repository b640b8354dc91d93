import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../../http/forms.tsx';
import type { PageContext } from '../../../http/page-context.ts';
import { PortalLayout } from '../../../http/portal-layout.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { formatNrb } from '../../../lib/nrb.ts';
import { consumptionUnitLabels, entryKindLabels, entryKinds, type Medium, mediumLabels } from '../labels.ts';
import type { FeeLine } from '../ledger.ts';
import type { DashboardUnit, MemberLedgerUnit } from '../member.ts';
import type { Entry, FeeComponent, FeeRate, MediaSettlement } from '../queries.ts';
import { type FeeBasis, feeBasisLabels, feeBasisUnitLabels } from '../rules/fees.ts';
import { formatRate } from '../rules/money.ts';
import { BalanceText, CalendarDate, Money } from './parts.tsx';

export interface TransferData {
  nrb: string | undefined;
  title: string;
  recipient: string;
  qrDataUri: string | undefined;
}

export interface DashboardCard extends DashboardUnit {
  transfer: TransferData;
}

/** The finances section of the member's start page: one card per unit. */
export function LedgerDashboardSection({ cards }: { cards: DashboardCard[] }) {
  if (cards.length === 0) return null;
  return (
    <section class="ledger-dashboard" aria-labelledby="finanse">
      <h2 id="finanse">Finanse</h2>
      {cards.map((card) => (
        <article class="ledger-card" key={card.unitId}>
          <h3>
            Lokal {card.label}
            {card.current ? null : <span class="meta"> (do {formatCalendarDate(card.window.lastDay ?? '')})</span>}
          </h3>
          <p class="ledger-balance">
            {card.current ? 'Saldo na dziś' : `Saldo na ${formatCalendarDate(card.window.lastDay ?? '')}`}:{' '}
            <BalanceText balance={card.balance} />
          </p>
          {card.current && card.amountDue > 0 ? (
            <div class="ledger-pay">
              <dl class="transfer">
                <dt>Do zapłaty</dt>
                <dd>
                  <strong>{formatMoney(card.amountDue)}</strong>
                  {card.dueDate ? (
                    <>
                      {' '}
                      — termin: <CalendarDate date={card.dueDate} />
                    </>
                  ) : null}
                </dd>
                <dt>Odbiorca</dt>
                <dd>{card.transfer.recipient}</dd>
                <dt>Numer rachunku</dt>
                <dd class="nrb">{card.transfer.nrb ? formatNrb(card.transfer.nrb) : 'zapytaj w biurze'}</dd>
                <dt>Tytuł przelewu</dt>
                <dd>{card.transfer.title}</dd>
              </dl>
              {card.transfer.qrDataUri ? (
                <figure class="payment-qr">
                  <img
                    src={card.transfer.qrDataUri}
                    width={180}
                    height={180}
                    alt="Kod QR do zapłaty w aplikacji banku"
                  />
                  <figcaption>Zeskanuj w aplikacji banku</figcaption>
                </figure>
              ) : null}
            </div>
          ) : card.current ? (
            <p>
              Nic nie jest do zapłaty.{' '}
              {card.transfer.nrb ? (
                <>
                  Rachunek lokalu: <span class="nrb">{formatNrb(card.transfer.nrb)}</span>
                </>
              ) : null}
            </p>
          ) : null}
          <div class="ledger-recent">
            <RecentList title="Ostatnie wpłaty" entries={card.recentPayments} />
            <RecentList title="Ostatnie naliczenia" entries={card.recentCharges} />
          </div>
          <UnitNav unitId={card.unitId} />
        </article>
      ))}
    </section>
  );
}

function RecentList({ title, entries }: { title: string; entries: Entry[] }) {
  return (
    <div>
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p class="empty">Brak.</p>
      ) : (
        <ul class="plain-list">
          {entries.map((e) => (
            <li key={e.id}>
              <CalendarDate date={e.valueDate} /> — {e.componentName ?? e.description}:{' '}
              <Money grosze={Math.abs(e.amount)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const unitPages = [
  ['', 'Operacje'],
  ['/saldo', 'Saldo na dzień'],
  ['/oplaty', 'Opłaty'],
  ['/media', 'Rozliczenia mediów'],
  ['/naleznosci', 'Należności z innych tytułów'],
  ['/zestawienie', 'Zestawienie (PDF, CSV)'],
] as const;

export function UnitNav({ unitId, current }: { unitId: number; current?: string }) {
  return (
    <nav class="unit-nav" aria-label="Finanse lokalu">
      <ul>
        {unitPages.map(([suffix, label]) => {
          const href = `/ebok/finanse/${unitId}${suffix}`;
          return (
            <li key={suffix}>
              <a href={href} aria-current={current === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function UnitPage({
  ctx,
  unit,
  title,
  children,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <PortalLayout ctx={ctx} title={`${title} — lokal ${unit.label}`}>
      <p class="breadcrumbs">
        <a href="/ebok">Pulpit</a> › Lokal {unit.label}
      </p>
      <h1>
        {title} <span class="meta">— lokal {unit.label}</span>
      </h1>
      <p class="meta">
        Widzisz dane od {unit.window.from ? formatCalendarDate(unit.window.from) : 'bilansu otwarcia'}
        {unit.window.lastDay ? ` do ${formatCalendarDate(unit.window.lastDay)}` : ''} — okres Twojego tytułu do lokalu.
      </p>
      <UnitNav unitId={unit.unitId} current={ctx.path} />
      {children}
    </PortalLayout>
  );
}

export interface HistoryFilter {
  from: string;
  to: string;
  kind: string;
  component: string;
}

export function HistoryPage({
  ctx,
  unit,
  filter,
  rows,
  opening,
  closing,
  components,
  errors,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  filter: HistoryFilter;
  rows: (Entry & { running: number })[];
  opening: number;
  closing: number;
  components: FeeComponent[];
  errors: { field: string; message: string }[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Naliczenia i wpłaty">
      <ErrorSummary errors={errors} />
      <form method="get" action={ctx.path} class="filters">
        <div class="field">
          <label for="od">Od dnia</label>
          <input id="od" name="od" type="date" value={filter.from} />
        </div>
        <div class="field">
          <label for="do">Do dnia</label>
          <input id="do" name="do" type="date" value={filter.to} />
        </div>
        <div class="field">
          <label for="rodzaj">Rodzaj</label>
          <select id="rodzaj" name="rodzaj">
            <option value="">wszystkie</option>
            {entryKinds.map((k) => (
              <option value={k} selected={filter.kind === k}>
                {entryKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="skladnik">Składnik opłaty</label>
          <select id="skladnik" name="skladnik">
            <option value="">wszystkie</option>
            {components.map((c) => (
              <option value={String(c.id)} selected={filter.component === String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Pokaż</button>
      </form>
      <p>
        Saldo na początek okresu: <BalanceText balance={opening} />
      </p>
      {rows.length === 0 ? (
        <p class="empty">Brak operacji w wybranym okresie.</p>
      ) : (
        <div class="table-wrap">
          <table class="ledger-table">
            <caption class="visually-hidden">Operacje na koncie lokalu</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Rodzaj</th>
                <th scope="col">Opis</th>
                <th scope="col">Termin</th>
                <th scope="col" class="num">
                  Naliczenia
                </th>
                <th scope="col" class="num">
                  Wpłaty
                </th>
                <th scope="col" class="num">
                  Saldo
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <CalendarDate date={row.valueDate} />
                  </td>
                  <td>{entryKindLabels[row.kind]}</td>
                  <td>{row.description}</td>
                  <td>
                    <CalendarDate date={row.dueDate} />
                  </td>
                  <td class="num">{row.amount > 0 ? <Money grosze={row.amount} /> : null}</td>
                  <td class="num">{row.amount < 0 ? <Money grosze={-row.amount} /> : null}</td>
                  <td class="num">
                    <Money grosze={row.running} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        Saldo na koniec okresu: <BalanceText balance={closing} />
      </p>
    </UnitPage>
  );
}

export function BalancePage({
  ctx,
  unit,
  day,
  balance,
  errors,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  day: string;
  balance: number | undefined;
  errors: { field: string; message: string }[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Saldo na dzień">
      <ErrorSummary errors={errors} />
      <form method="get" action={ctx.path} class="filters">
        <div class={errors.length ? 'field has-error' : 'field'}>
          <label for="dzien">Dzień</label>
          {errors[0] ? <p class="field-error">{errors[0].message}</p> : null}
          <input id="dzien" name="dzien" type="date" value={day} />
        </div>
        <button type="submit">Pokaż saldo</button>
      </form>
      {balance === undefined ? null : (
        <p class="ledger-balance">
          Saldo na {formatCalendarDate(day)}: <BalanceText balance={balance} />
        </p>
      )}
    </UnitPage>
  );
}

export function FeesPage({
  ctx,
  unit,
  current,
  history,
  components,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  current: { lines: FeeLine[]; total: number; areaHundredths: number; personsCount: number } | undefined;
  history: { rate: FeeRate; component: FeeComponent }[];
  components: FeeComponent[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Opłaty">
      <h2>Bieżąca opłata miesięczna</h2>
      {!current || current.lines.length === 0 ? (
        <p class="empty">Brak naliczanych opłat.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Składnik</th>
                <th scope="col">Podstawa</th>
                <th scope="col" class="num">
                  Ilość
                </th>
                <th scope="col" class="num">
                  Stawka
                </th>
                <th scope="col" class="num">
                  Kwota
                </th>
              </tr>
            </thead>
            <tbody>
              {current.lines.map((line) => (
                <tr key={line.component.id}>
                  <td>{line.component.name}</td>
                  <td>{feeBasisLabels[line.component.basis]}</td>
                  <td class="num">{quantity(line.component.basis, current)}</td>
                  <td class="num">
                    {formatRate(line.rate.rate)} {feeBasisUnitLabels[line.component.basis]}
                  </td>
                  <td class="num">
                    <Money grosze={line.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Razem miesięcznie
                </th>
                <td class="num">
                  <strong>
                    <Money grosze={current.total} />
                  </strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p class="hint">
        Kwotę każdego składnika zaokrągla się raz w miesiącu do pełnego grosza (od połowy grosza w górę).
      </p>
      <h2>Historia zmian stawek</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Od dnia</th>
              <th scope="col">Składnik</th>
              <th scope="col" class="num">
                Stawka
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map(({ rate, component }) => (
              <tr key={rate.id}>
                <td>
                  <CalendarDate date={rate.effectiveFrom} />
                </td>
                <td>{component.name}</td>
                <td class="num">
                  {formatRate(rate.rate)} {feeBasisUnitLabels[component.basis]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {components.length === 0 ? null : null}
    </UnitPage>
  );
}

function quantity(basis: FeeBasis, values: { areaHundredths: number; personsCount: number }): string {
  switch (basis) {
    case 'per_m2':
      return `${Math.trunc(values.areaHundredths / 100)},${String(values.areaHundredths % 100).padStart(2, '0')} m²`;
    case 'per_person':
      return `${values.personsCount} os.`;
    default:
      return '1';
  }
}

function formatThousandths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 1000)},${String(abs % 1000).padStart(3, '0')}`;
}

/** Advances (light) against cost (dark) per period, as bars; a text table sits beside it. */
export function SettlementChart({ title, rows }: { title: string; rows: MediaSettlement[] }) {
  const width = 640;
  const height = 220;
  const left = 70;
  const bottom = 40;
  const max = Math.max(1, ...rows.flatMap((r) => [r.cost, r.advances]));
  const slot = (width - left - 10) / Math.max(1, rows.length);
  const bar = Math.max(4, Math.min(24, slot / 3));
  const y = (value: number) => height - bottom - (value / max) * (height - bottom - 10);
  // At most about ten labels under the bars, so they never overlap.
  const labelEvery = Math.ceil(rows.length / 10);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`wykres-${title}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`wykres-${title}`}>Zaliczki i koszt — {title}</title>
      <line x1={left} y1={height - bottom} x2={width - 5} y2={height - bottom} stroke="#333" />
      <text x={left - 6} y={14} text-anchor="end" font-size="11">
        {formatMoney(max)}
      </text>
      <text x={left - 6} y={height - bottom} text-anchor="end" font-size="11">
        0
      </text>
      {rows.map((row, i) => {
        const x = left + i * slot + slot / 2 - bar;
        return (
          <g key={row.id}>
            <rect x={x} y={y(row.advances)} width={bar} height={height - bottom - y(row.advances)} fill="#86b99a" />
            <rect x={x + bar} y={y(row.cost)} width={bar} height={height - bottom - y(row.cost)} fill="#14532d" />
            {i % labelEvery === 0 ? (
              <text x={x + bar} y={height - bottom + 14} text-anchor="middle" font-size="10">
                {row.periodTo.slice(0, 7)}
              </text>
            ) : null}
          </g>
        );
      })}
      <rect x={left} y={height - 14} width={10} height={10} fill="#86b99a" />
      <text x={left + 14} y={height - 5} font-size="11">
        zaliczki
      </text>
      <rect x={left + 90} y={height - 14} width={10} height={10} fill="#14532d" />
      <text x={left + 104} y={height - 5} font-size="11">
        koszt
      </text>
    </svg>
  );
}

export function MediaPage({
  ctx,
  unit,
  settlements,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  settlements: MediaSettlement[];
}) {
  const byMedium = new Map<Medium, MediaSettlement[]>();
  for (const s of settlements) byMedium.set(s.medium, [...(byMedium.get(s.medium) ?? []), s]);
  return (
    <UnitPage ctx={ctx} unit={unit} title="Rozliczenia mediów">
      {settlements.length === 0 ? <p class="empty">Brak rozliczeń w okresie Twojego tytułu.</p> : null}
      {[...byMedium].map(([medium, rows]) => (
        <section key={medium} class="media-settlements">
          <h2>{mediumLabels[medium]}</h2>
          <div class="chart-and-table">
            <SettlementChart title={mediumLabels[medium]} rows={rows} />
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Okres</th>
                    <th scope="col" class="num">
                      Zużycie
                    </th>
                    <th scope="col" class="num">
                      Cena
                    </th>
                    <th scope="col" class="num">
                      Koszt
                    </th>
                    <th scope="col" class="num">
                      Zaliczki
                    </th>
                    <th scope="col" class="num">
                      Wynik
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((s) => (
                    <tr key={s.id}>
                      <td>
                        {formatCalendarDate(s.periodFrom)}–{formatCalendarDate(s.periodTo)}
                      </td>
                      <td class="num">
                        {formatThousandths(s.consumptionThousandths)} {consumptionUnitLabels[s.consumptionUnit]}
                      </td>
                      <td class="num">{formatRate(s.price)} zł</td>
                      <td class="num">
                        <Money grosze={s.cost} />
                      </td>
                      <td class="num">
                        <Money grosze={s.advances} />
                      </td>
                      <td class="num">
                        {s.result >= 0 ? 'dopłata ' : 'zwrot '}
                        <Money grosze={Math.abs(s.result)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </section>
      ))}
    </UnitPage>
  );
}

export function ReceivablesPage({
  ctx,
  unit,
  entries,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  entries: Entry[];
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Należności z innych tytułów">
      {entries.length === 0 ? (
        <p class="empty">Brak należności z innych tytułów.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Tytuł</th>
                <th scope="col">Termin płatności</th>
                <th scope="col" class="num">
                  Kwota
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <CalendarDate date={e.valueDate} />
                  </td>
                  <td>{e.description}</td>
                  <td>
                    <CalendarDate date={e.dueDate} />
                  </td>
                  <td class="num">
                    <Money grosze={e.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </UnitPage>
  );
}

export function StatementPage({
  ctx,
  unit,
  from,
  to,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  from: string;
  to: string;
}) {
  return (
    <UnitPage ctx={ctx} unit={unit} title="Zestawienie za okres">
      <form method="get" action={`/ebok/finanse/${unit.unitId}/zestawienie.pdf`} class="filters">
        <div class="field">
          <label for="od">Od dnia</label>
          <input id="od" name="od" type="date" value={from} />
        </div>
        <div class="field">
          <label for="do">Do dnia</label>
          <input id="do" name="do" type="date" value={to} />
        </div>
        <button type="submit">Pobierz PDF</button>
        <button type="submit" formaction={`/ebok/finanse/${unit.unitId}/zestawienie.csv`}>
          Pobierz CSV (Excel)
        </button>
      </form>
    </UnitPage>
  );
}

/** /ebok/finanse: the same cards as on the start page, for the menu entry. */
export function FinancePage({ ctx, cards }: { ctx: PageContext; cards: DashboardCard[] }) {
  return (
    <PortalLayout ctx={ctx} title="Finanse">
      <h1>Finanse</h1>
      {cards.length === 0 ? <p class="empty">Nie masz tytułu do żadnego lokalu w naszych zasobach.</p> : null}
      <LedgerDashboardSection cards={cards} />
    </PortalLayout>
  );
}
