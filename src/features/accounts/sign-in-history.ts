import type { Db } from '../../db/client.ts';
import { latestAuditOfAccount } from '../audit/audit.ts';

/**
 * When the account signed in before the current sign-in (the second newest successful sign-in in
 * the audit log), or null on the first sign-in: "Ostatnie logowanie" must not show the one just made.
 */
export async function previousSignInAt(
  db: Db,
  { organizationId, accountId }: { organizationId: number; accountId: number },
): Promise<Date | null> {
  // The last two only: no count of every sign-in the account ever made on each start page.
  const rows = await latestAuditOfAccount(db, { organizationId, action: 'signin.success', accountId, limit: 2 });
  return rows[1]?.createdAt ?? null;
}
