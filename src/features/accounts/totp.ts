import { createHash, randomInt } from 'node:crypto';
import { createGuardrails, generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app
 * uses them. One step of clock drift is tolerated either way, and a code is never accepted
 * twice: the accepted time step is stored and later codes must be newer.
 */
const PERIOD_SECONDS = 30;
// The demo's well-known secret JBSWY3DPEHPK3PXP is 10 bytes; secrets we generate have 20.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri({ secret, issuer, login }: { secret: string; issuer: string; login: string }): string {
  return generateURI({ issuer, label: login, secret });
}

/** The code for a moment; used by tests and the demo instructions. */
export function totpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), guardrails });
}

/** Returns the accepted time step, or undefined when the code is wrong or already used. */
export async function verifyTotp({
  secret,
  code,
  now,
  lastTimeStep,
}: {
  secret: string;
  code: string;
  now: Date;
  lastTimeStep: number | null;
}): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: PERIOD_SECONDS,
    guardrails,
    ...(lastTimeStep !== null ? { afterTimeStep: lastTimeStep } : {}),
  });
  if (!result.valid || !('timeStep' in result)) return undefined;
  return result.timeStep;
}

/** Recovery codes: 10 codes of 10 characters from an alphabet without look-alikes, shown once. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/**
 * Recovery codes carry 50 bits of randomness and are single use, so a plain SHA-256 suffices
 * (a slow hash would protect nothing more and cost ten argon2 runs at each check).
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');
}
