/**
 * Output: stdout carries only `BENCH {json}` lines, one per figure, for machines to collect;
 * everything meant for people goes to stderr.
 */

export interface Figure {
  /** Dotted name, e.g. `home.pglite.rps`. */
  name: string;
  value: number;
  unit: string;
  /** The same figure for the reference measured in the same run; adds `ratio` = value / baseline. */
  baseline?: number;
}

export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function report(figure: Figure): void {
  const line: Record<string, string | number | null> = {
    name: figure.name,
    value: round(figure.value, 3),
    unit: figure.unit,
  };
  if (figure.baseline !== undefined) {
    line.baseline = round(figure.baseline, 3);
    // A zero baseline has no meaningful ratio; null keeps the line's shape stable.
    line.ratio = figure.baseline > 0 ? round(figure.value / figure.baseline, 4) : null;
  }
  process.stdout.write(`BENCH ${JSON.stringify(line)}\n`);
}

export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
