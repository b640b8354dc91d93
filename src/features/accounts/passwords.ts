import { hash, parseOptions, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP ASVS 5.0 §11.4.2's minimum: 46 MiB (47104 KiB), one pass, one lane.
 * The parameters live in each hash (PHC string), so raising them later rehashes at sign-in.
 */
export const ARGON2_PARAMS = { memoryCost: 47104, timeCost: 1, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  // The library's default algorithm is argon2id.
  return hash(password.normalize('NFC'), ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const options = parseOptions(passwordHash);
    return (
      options.memoryCost < ARGON2_PARAMS.memoryCost ||
      options.timeCost < ARGON2_PARAMS.timeCost ||
      options.algorithm !== 2 // argon2id
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a fixed hash when the login does not exist, so that a wrong login takes as
 * long as a wrong password and the timing tells nothing about which accounts exist.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('osiedle-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
