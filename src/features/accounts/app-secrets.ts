import type { Db } from '../../db/client.ts';
import { getOrCreateInstanceSecret } from '../../db/instance-secrets.ts';
import { deriveKey } from '../../lib/secret-box.ts';

export interface AppSecrets {
  /** Encrypts TOTP secrets at rest. */
  totpKey: Buffer;
}

/**
 * Keys derived from the installation's secret: SESSION_SECRET in production, else one generated
 * on first start and kept in the database (so every process derives the same keys).
 */
export async function loadAppSecrets(
  db: Db,
  { sessionSecret }: { sessionSecret: string | undefined },
): Promise<AppSecrets> {
  const secret = sessionSecret ?? (await getOrCreateInstanceSecret(db, 'app-secret'));
  return { totpKey: deriveKey(secret, 'totp-secrets') };
}
