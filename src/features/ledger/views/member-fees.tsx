import type { PageContext } from '../../../http/page-context.ts';
import type { CurrentFee } from '../fees.ts';
import type { MemberLedgerUnit } from '../member.ts';
import type { FeeComponent, FeeRate } from '../queries.ts';
import { type FeeBasis, feeBasisLabels, feeBasisUnitLabels } from '../rules/fees.ts';
import { formatRate } from '../rules/money.ts';
import { UnitPage } from './member-unit.tsx';
import { CalendarDate, Money } from './parts.tsx';

export function FeesPage({
  ctx,
  unit,
  current,
  history,
  components,
}: {
  ctx: PageContext;
  unit: MemberLedgerUnit;
  current: CurrentFee | undefined;
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
          <table class="stack">
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
                  <td data-label="Składnik">{line.component.name}</td>
                  <td data-label="Podstawa">{feeBasisLabels[line.component.basis]}</td>
                  <td data-label="Ilość" class="num">
                    {quantity(line.component.basis, current)}
                  </td>
                  <td data-label="Stawka" class="num">
                    {formatRate(line.rate.rate)} {feeBasisUnitLabels[line.component.basis]}
                  </td>
                  <td data-label="Kwota" class="num">
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
        <table class="stack">
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
                <td data-label="Od dnia">
                  <CalendarDate date={rate.effectiveFrom} />
                </td>
                <td data-label="Składnik">{component.name}</td>
                <td data-label="Stawka" class="num">
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
