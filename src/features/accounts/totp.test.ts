import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, totpUri, verifyTotp } from './totp.ts';

const secret = 'JBSWY3DPEHPK3PXP';
const now = new Date('2026-11-25T10:00:10Z');

describe('TOTP', () => {
  it('accepts the current code and one step of drift, not more', async () => {
    const code = await totpCode(secret, now);
    expect(code).toMatch(/^\d{6}$/);
    expect(await verifyTotp({ secret, code, now, lastTimeStep: null })).toBeTypeOf('number');
    const previous = await totpCode(secret, new Date(now.getTime() - 30_000));
    expect(await verifyTotp({ secret, code: previous, now, lastTimeStep: null })).toBeTypeOf('number');
    const old = await totpCode(secret, new Date(now.getTime() - 120_000));
    expect(await verifyTotp({ secret, code: old, now, lastTimeStep: null })).toBeUndefined();
  });

  it('never accepts the same code twice', async () => {
    const code = await totpCode(secret, now);
    const step = await verifyTotp({ secret, code, now, lastTimeStep: null });
    expect(step).toBeDefined();
    expect(await verifyTotp({ secret, code, now, lastTimeStep: step ?? null })).toBeUndefined();
  });

  it('refuses malformed codes', async () => {
    expect(await verifyTotp({ secret, code: 'abcdef', now, lastTimeStep: null })).toBeUndefined();
    expect(await verifyTotp({ secret, code: '12345', now, lastTimeStep: null })).toBeUndefined();
  });

  it('makes new 20-byte secrets and an otpauth URI', () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri({ secret: fresh, issuer: 'SM Paderewskiego', login: 'admin' });
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${fresh}`);
  });

  it('makes ten distinct recovery codes and hashes them loosely typed', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const first = codes[0] ?? '';
    expect(hashRecoveryCode(first.toUpperCase().replace('-', ' '))).toBe(hashRecoveryCode(first));
  });
});
