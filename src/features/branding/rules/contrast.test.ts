import { describe, expect, it } from 'vitest';
import { contrastRatio, formatRatio, parseHexColor, relativeLuminance, tint, toHex } from './contrast.ts';

const white = { r: 255, g: 255, b: 255 };
const black = { r: 0, g: 0, b: 0 };

describe('WCAG contrast', () => {
  it('reads #rgb and #rrggbb and refuses anything else', () => {
    expect(parseHexColor('#14532D')).toEqual({ r: 0x14, g: 0x53, b: 0x2d });
    expect(parseHexColor(' #fff ')).toEqual(white);
    expect(parseHexColor('14532d')).toBeUndefined();
    expect(parseHexColor('#12345')).toBeUndefined();
    expect(parseHexColor('red')).toBeUndefined();
    expect(toHex({ r: 20, g: 83, b: 45 })).toBe('#14532d');
  });

  it('gives the end points of the scale', () => {
    expect(relativeLuminance(black)).toBe(0);
    expect(relativeLuminance(white)).toBeCloseTo(1, 10);
    expect(contrastRatio(black, white)).toBeCloseTo(21, 10);
    expect(contrastRatio(white, white)).toBe(1);
  });

  it('matches published ratios', () => {
    // WebAIM's contrast checker: #767676 on white is 4.54:1, #777777 is 4.47:1 (fails AA).
    expect(contrastRatio(parseHexColor('#767676') ?? black, white)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseHexColor('#777777') ?? black, white)).toBeCloseTo(4.48, 1);
    // The order of the colours does not matter.
    const green = parseHexColor('#14532d') ?? black;
    expect(contrastRatio(white, green)).toBe(contrastRatio(green, white));
    expect(contrastRatio(green, white)).toBeGreaterThan(9);
  });

  it('never rounds a failing ratio up to the limit', () => {
    expect(formatRatio(4.4999)).toBe('4,49:1');
    expect(formatRatio(21)).toBe('21,00:1');
  });

  it('tints toward white like CSS color-mix in sRGB', () => {
    expect(toHex(tint(parseHexColor('#000000') ?? black, 0.1))).toBe('#e6e6e6');
    expect(tint(white, 0.5)).toEqual(white);
  });
});
