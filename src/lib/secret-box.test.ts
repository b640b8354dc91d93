import { describe, expect, it } from 'vitest';
import { deriveKey, open, seal } from './secret-box.ts';

describe('secret box', () => {
  const key = deriveKey('a'.repeat(32), 'totp');

  it('round-trips and never repeats a ciphertext', () => {
    const a = seal(key, 'JBSWY3DPEHPK3PXP');
    const b = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(open(key, a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = seal(key, 'sekret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('inny').toString('base64url');
    expect(() => open(key, parts.join('.'))).toThrow();
    expect(() => open(deriveKey('a'.repeat(32), 'other purpose'), sealed)).toThrow();
  });
});
