/**
 * Colour contrast as WCAG 2.1 computes it (success criterion 1.4.3, "relative luminance" and
 * "contrast ratio" in its definitions): text needs at least 4.5:1 against its background (AA).
 */

/** The smallest contrast ratio WCAG 2.1 AA allows for normal text. */
export const AA_TEXT_RATIO = 4.5;

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A colour written `#rrggbb` or `#rgb` (any case); undefined for anything else. */
export function parseHexColor(text: string): Rgb | undefined {
  const value = text.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (short) {
    const [r, g, b] = [short[1], short[2], short[3]].map((d) => Number.parseInt(`${d}${d}`, 16)) as [
      number,
      number,
      number,
    ];
    return { r, g, b };
  }
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(value);
  if (!long) return undefined;
  const [r, g, b] = [long[1], long[2], long[3]].map((d) => Number.parseInt(d ?? '0', 16)) as [number, number, number];
  return { r, g, b };
}

/** `#rrggbb`, lower case. */
export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance: 0 for black, 1 for white. */
export function relativeLuminance({ r, g, b }: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * `share` of `color` mixed into white, channel by channel in sRGB (what CSS `color-mix(in srgb,
 * color share, white)` draws): the pale tint behind notices and highlighted rows.
 */
export function tint(color: Rgb, share: number): Rgb {
  const mix = (c: number) => Math.round(c * share + 255 * (1 - share));
  return { r: mix(color.r), g: mix(color.g), b: mix(color.b) };
}

/** A ratio as people read it: "3,21:1" (rounded down, so 4,49 never shows as 4,5). */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2).replace('.', ',')}:1`;
}
