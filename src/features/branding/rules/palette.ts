/**
 * The organization's colours: the main colour (links, buttons and bars with white text) and the
 * dark one (headings, the menu bar). Both must read at WCAG AA against what they meet: white,
 * and the pale tint of the main colour behind notices and highlighted rows.
 */
import type { FieldError } from '../../../errors.ts';
import { AA_TEXT_RATIO, contrastRatio, formatRatio, parseHexColor, type Rgb, tint, toHex } from './contrast.ts';

/** The colours the stylesheet ships with (site.css `:root`). */
export const defaultPalette = { primary: '#14532d', dark: '#0b3a1e' } as const;

/** The share of the main colour in its pale tint. */
export const TINT_SHARE = 0.1;

export interface Palette {
  primary: string;
  dark: string;
  /** The pale tint of the main colour, computed. */
  light: string;
}

const white: Rgb = { r: 255, g: 255, b: 255 };

/** The palette drawn from two colours (valid `#rrggbb`). */
export function paletteOf(primary: string, dark: string): Palette {
  const main = parseHexColor(primary) ?? white;
  return { primary: toHex(main), dark: toHex(parseHexColor(dark) ?? white), light: toHex(tint(main, TINT_SHARE)) };
}

/**
 * What is wrong with a pair of colours, at their fields (`primaryField`, `darkField`), with the
 * contrast measured; an empty list when both read well.
 */
export function checkPalette(
  { primary, dark }: { primary: string; dark: string },
  { primaryField, darkField }: { primaryField: string; darkField: string },
): FieldError[] {
  const errors: FieldError[] = [];
  const main = parseHexColor(primary);
  const deep = parseHexColor(dark);
  if (!main) errors.push({ field: primaryField, message: 'Podaj kolor w zapisie #RRGGBB, np. #14532D.' });
  if (!deep) errors.push({ field: darkField, message: 'Podaj kolor w zapisie #RRGGBB, np. #0B3A1E.' });
  if (!main || !deep) return errors;
  const pale = tint(main, TINT_SHARE);
  // White first (what most of the text meets), then the pale tint behind notices.
  const weakest = (color: Rgb) => {
    const onWhite = contrastRatio(color, white);
    if (onWhite < AA_TEXT_RATIO) return { ratio: onWhite, where: 'z białym' };
    return { ratio: contrastRatio(color, pale), where: 'z jasnym tłem komunikatów' };
  };
  for (const [field, color, role] of [
    [primaryField, main, 'Białe napisy na przyciskach i linki'],
    [darkField, deep, 'Nagłówki i pasek menu'],
  ] as const) {
    const { ratio, where } = weakest(color);
    if (ratio < AA_TEXT_RATIO) {
      errors.push({
        field,
        message: `${role} byłyby nieczytelne: kontrast ${where} wynosi ${formatRatio(ratio)}, a potrzeba co najmniej 4,5:1 (WCAG 2.1 AA). Wybierz ciemniejszy kolor.`,
      });
    }
  }
  return errors;
}
