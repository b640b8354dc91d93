import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id at 46 MiB, one pass, one lane, and verifies', async () => {
    const stored = await hashPassword('zielony żuraw nad stawem');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=47104,t=1,p=1\$/);
    expect(await verifyPassword(stored, 'zielony żuraw nad stawem')).toBe(true);
    expect(await verifyPassword(stored, 'zielony zuraw nad stawem')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('treats composed and decomposed Unicode alike', async () => {
    const stored = await hashPassword('gęś'.normalize('NFD'));
    expect(await verifyPassword(stored, 'gęś'.normalize('NFC'))).toBe(true);
  });

  it('asks to rehash weaker hashes and survives garbage', async () => {
    expect(needsRehash(await hash('x', { memoryCost: 19456, timeCost: 2, parallelism: 1 }))).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await verifyDummyPassword('anything')).toBe(false);
  });
});
