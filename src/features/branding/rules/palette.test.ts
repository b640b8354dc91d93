import { describe, expect, it } from 'vitest';
import { checkPalette, defaultPalette, paletteOf } from './palette.ts';

const fields = { primaryField: 'kolor', darkField: 'kolorCiemny' };

describe('the organization palette', () => {
  it('accepts the default colours', () => {
    expect(checkPalette(defaultPalette, fields)).toEqual([]);
  });

  it('refuses a colour too light for white text, with the measured ratio', () => {
    const errors = checkPalette({ primary: '#4ade80', dark: '#0b3a1e' }, fields);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe('kolor');
    // #4ade80 on white: 1.67:1.
    expect(errors[0]?.message).toContain('1,74:1');
    expect(errors[0]?.message).toContain('4,5:1');
  });

  it('judges against the pale tint too, where it reads worse than white', () => {
    // #767676 passes on white (4.54:1) but not on its own 10 % tint.
    const errors = checkPalette({ primary: '#767676', dark: '#222222' }, fields);
    expect(errors.map((e) => e.field)).toEqual(['kolor']);
    expect(errors[0]?.message).toContain('jasnym tłem');
  });

  it('refuses what is not a colour at its field', () => {
    const errors = checkPalette({ primary: 'zielony', dark: 'ciemny' }, fields);
    expect(errors.map((e) => e.field)).toEqual(['kolor', 'kolorCiemny']);
  });

  it('computes the pale tint', () => {
    expect(paletteOf('#14532D', '#0b3a1e')).toEqual({ primary: '#14532d', dark: '#0b3a1e', light: '#e8eeea' });
  });
});
