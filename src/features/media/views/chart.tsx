import { formatCalendarDate } from '../../../lib/format.ts';
import { formatReading } from '../rules/reading-input.ts';

/** Colours told apart also by people with colour-blindness (Okabe–Ito), one per medium. */
export const mediumColours: Record<string, string> = {
  zimna_woda: '#0072B2',
  ciepla_woda: '#D55E00',
  podzielnik_co: '#CC79A7',
  cieplomierz: '#E69F00',
  gaz: '#009E73',
  energia_wspolna: '#56B4E9',
};

export interface ChartBar {
  /** Last day of the step. */
  day: string;
  /** Consumption in thousandths. */
  value: number;
}

/**
 * Consumption between readings as bars, oldest on the left; drawn on the server (no script),
 * scaled to the phone's width by its viewBox. The table beside it has the same figures.
 */
export function ConsumptionChart({
  id,
  title,
  bars,
  colour,
  unit,
}: {
  id: string;
  title: string;
  bars: ChartBar[];
  colour: string;
  unit: string;
}) {
  if (bars.length === 0) return null;
  const width = 360;
  const height = 180;
  const left = 48;
  const bottom = 28;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - left - 6) / bars.length;
  const bar = Math.max(3, slot * 0.7);
  const y = (value: number) => height - bottom - (value / max) * (height - bottom - 12);
  const labelEvery = Math.ceil(bars.length / 6);
  return (
    <figure class="consumption-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`wykres-${id}`} width="100%">
        <title id={`wykres-${id}`}>{title}</title>
        <line x1={left} y1={height - bottom} x2={width - 4} y2={height - bottom} stroke="#333" />
        <text x={left - 4} y={14} text-anchor="end" font-size="11">
          {formatReading(max, 1)}
        </text>
        <text x={left - 4} y={height - bottom} text-anchor="end" font-size="11">
          0
        </text>
        {bars.map((b, i) => (
          <g key={b.day}>
            <rect
              x={left + i * slot + (slot - bar) / 2}
              y={y(b.value)}
              width={bar}
              height={height - bottom - y(b.value)}
              fill={colour}
            >
              <title>
                {formatCalendarDate(b.day)}: {formatReading(b.value)} {unit}
              </title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={left + i * slot + slot / 2} y={height - bottom + 14} text-anchor="middle" font-size="10">
                {b.day.slice(5, 7)}.{b.day.slice(2, 4)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption class="hint">Zużycie między kolejnymi odczytami ({unit}); dokładne liczby w tabeli.</figcaption>
    </figure>
  );
}
