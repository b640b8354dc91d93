import type { PageContext } from '../../../http/page-context.ts';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { consumptionUnitLabels, type Medium, mediumLabels } from '../labels.ts';
import type { MemberLedgerUnit } from '../member.ts';
import type { MediaSettlement } from '../queries.ts';
import { formatRate } from '../rules/money.ts';
import { type HolderShare, settlementSplitRules } from '../rules/settlement-split.ts';
import { ledgerSettingsOf } from '../settings.ts';
import { UnitPage } from './member-unit.tsx';
import { Money } from './parts.tsx';

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
  shares,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  settlements: MediaSettlement[];
  /** The member's part of a settlement straddling a change of holders, by its ledger entry. */
  shares: Map<number, HolderShare>;
}) {
  // How a settlement straddling a holder change is shared (the organization's rule, in words).
  const settlementRule = settlementSplitRules[ledgerSettingsOf(ctx.organization).settlementSplit];
  const byMedium = new Map<Medium, MediaSettlement[]>();
  for (const s of settlements) byMedium.set(s.medium, [...(byMedium.get(s.medium) ?? []), s]);
  return (
    <UnitPage ctx={ctx} unit={unit} title="Rozliczenia mediów">
      {settlements.length === 0 ? <p class="empty">Brak rozliczeń w okresie Twojego tytułu.</p> : null}
      <p class="meta">{settlementRule}</p>
      {[...byMedium].map(([medium, rows]) => (
        <section key={medium} class="media-settlements">
          <h2>{mediumLabels[medium]}</h2>
          <div class="chart-and-table">
            <SettlementChart title={mediumLabels[medium]} rows={rows} />
            <div class="table-wrap">
              <table class="stack">
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
                      <td data-label="Okres">
                        {formatCalendarDate(s.periodFrom)}–{formatCalendarDate(s.periodTo)}
                      </td>
                      <td data-label="Zużycie" class="num">
                        {formatThousandths(s.consumptionThousandths)} {consumptionUnitLabels[s.consumptionUnit]}
                      </td>
                      <td data-label="Cena" class="num">
                        {formatRate(s.price)} zł
                      </td>
                      <td data-label="Koszt" class="num">
                        <Money grosze={s.cost} />
                      </td>
                      <td data-label="Zaliczki" class="num">
                        <Money grosze={s.advances} />
                      </td>
                      <td data-label="Wynik" class="num">
                        {s.result >= 0 ? 'dopłata ' : 'zwrot '}
                        <Money grosze={Math.abs(s.result)} />
                        <HolderPart share={shares.get(s.ledgerEntryId)} />
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

/** The member's own part of a settlement shared with another holder, and the rule in words. */
function HolderPart({ share }: { share: HolderShare | undefined }) {
  if (!share?.note) return null;
  return (
    <span class="holder-part">
      Twoja część: {share.amount >= 0 ? 'dopłata ' : 'zwrot '}
      <Money grosze={Math.abs(share.amount)} /> <span class="meta">({share.note})</span>
    </span>
  );
}
