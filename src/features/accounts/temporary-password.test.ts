import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';
import { newTemporaryPassword, temporaryPasswordExpiry } from './temporary-password.ts';

describe('newTemporaryPassword', () => {
  it('has 16 unambiguous characters in groups of four and passes the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = newTemporaryPassword();
      expect(password).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
      expect(password).not.toMatch(/[0O1lIS5o]/);
      expect(checkPassword(password)).toBeUndefined();
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

describe('temporaryPasswordExpiry', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  it('is 14 days by default and follows the organization setting', () => {
    expect(temporaryPasswordExpiry({ settings: {} }, now)).toEqual(new Date('2026-12-09T09:00:00Z'));
    expect(temporaryPasswordExpiry({ settings: { temporaryPasswordDays: 3 } }, now)).toEqual(
      new Date('2026-11-28T09:00:00Z'),
    );
  });
});
