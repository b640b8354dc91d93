import { describe, expect, it } from 'vitest';
import { hashToken, isLinkToken, randomToken } from './tokens.ts';

describe('tokens', () => {
  it('are 43 URL-safe characters and never repeat', () => {
    const tokens = new Set(Array.from({ length: 100 }, randomToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as a SHA-256 that does not contain them', () => {
    const token = randomToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });

  it('tells a possible link token from anything else before a look-up', () => {
    expect(isLinkToken(randomToken())).toBe(true);
    for (const text of [
      '',
      'krótki',
      'a'.repeat(101),
      `${randomToken()}/..`,
      `${randomToken()}%00`,
      `${randomToken()} `,
    ]) {
      expect(isLinkToken(text), text).toBe(false);
    }
  });
});
