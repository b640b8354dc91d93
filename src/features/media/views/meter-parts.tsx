import type { FieldError } from '../../../errors.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { meterMediumLabels, meterUnitLabels, reviewLabels, sourceLabels } from '../labels.ts';
import type { MeterWithReadings } from '../member-units.ts';
import type { Meter, Reading } from '../queries.ts';
import { consumptionBetween, flagLabels, type ReadingFlag } from '../rules/plausibility.ts';
import { formatReading } from '../rules/reading-input.ts';
import { type ChartBar, ConsumptionChart, mediumColours } from './chart.tsx';

export function meterTitle(meter: Meter): string {
  return `${meterMediumLabels[meter.medium]} — nr ${meter.serial}${meter.place ? ` (${meter.place})` : ''}`;
}

/**
 * Consumption between each reading and the one before it: for the oldest shown, the reading
 * before it when there is one, else the meter's initial reading.
 */
function steps(meter: Meter, newestFirst: Reading[], before: number | undefined): (number | undefined)[] {
  return newestFirst.map((r, i) => {
    const previous =
      newestFirst[i + 1]?.value ?? (i === newestFirst.length - 1 ? (before ?? meter.initialReading) : undefined);
    return previous === undefined ? undefined : consumptionBetween(previous, r.value, meter.rolloverAt);
  });
}

export function ReadingsTable({
  item,
  staff = false,
  period,
}: {
  item: MeterWithReadings;
  staff?: boolean;
  /** The shown period in words ("ostatnich 12 miesięcy", "2019 r."), when the readings are of one. */
  period?: string | undefined;
}) {
  const { meter, readings, before } = item;
  const unit = meterUnitLabels[meter.medium];
  const used = steps(meter, readings, before);
  const bars: ChartBar[] = readings
    .map((r, i) => ({ day: r.readOn, value: used[i] }))
    .filter((b): b is ChartBar => b.value !== undefined)
    .reverse();
  return (
    <div class="meter-history">
      <ConsumptionChart
        id={`licznik-${meter.id}`}
        title={`Zużycie${period ? ` z ${period}` : ''} — ${meterTitle(meter)}`}
        bars={bars}
        colour={mediumColours[meter.medium] ?? '#0072B2'}
        unit={unit}
      />
      {readings.length === 0 && period !== undefined ? (
        <p class="empty">Brak odczytów z {period}.</p>
      ) : readings.length === 0 ? (
        <p class="empty">
          Brak odczytów. Odczyt początkowy: {formatReading(meter.initialReading, meter.decimals)} {unit} (
          {formatCalendarDate(meter.installedOn)}).
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Odczyty{period ? ` z ${period}` : ''}, od najnowszego</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col" class="num">
                  Odczyt
                </th>
                <th scope="col" class="num">
                  Zużycie
                </th>
                <th scope="col">Kto i jak</th>
                <th scope="col">Stan</th>
              </tr>
            </thead>
            <tbody>
              {readings.map((r, i) => (
                <tr key={r.id}>
                  <td>{formatCalendarDate(r.readOn)}</td>
                  <td class="num">
                    {formatReading(r.value, meter.decimals)} {unit}
                  </td>
                  <td class="num">{used[i] === undefined ? '—' : `${formatReading(used[i] as number)} ${unit}`}</td>
                  <td>
                    {sourceLabels[r.source] ?? r.source}
                    {staff ? `, ${r.enteredByLabel}` : ''}
                  </td>
                  <td>
                    {reviewLabels[r.review]}
                    {r.flags.length > 0 ? (
                      <span class="hint"> ({r.flags.map((f) => flagLabels[f as ReadingFlag] ?? f).join(', ')})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The errors of the form of one meter only (a page has one form per meter). */
export function errorsFor(errors: FieldError[], values: Record<string, string>, meterId: number): FieldError[] {
  return values.licznik === String(meterId) ? errors : [];
}
