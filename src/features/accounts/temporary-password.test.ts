import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';
import { newTemporaryPassword } from './temporary-password.ts';

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
