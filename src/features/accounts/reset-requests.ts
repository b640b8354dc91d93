/** "I forgot my password" requests waiting for staff: the queries of `password_reset_requests`. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Account } from './queries.ts';
import { accounts, passwordResetRequests } from './schema.ts';

export type ResetRequest = typeof passwordResetRequests.$inferSelect;

export async function insertResetRequest(
  db: Db,
  {
    organizationId,
    typed,
    accountId,
    ip,
    at,
  }: { organizationId: number; typed: string; accountId: number | null; ip: string | null; at: Date },
): Promise<void> {
  await db.insert(passwordResetRequests).values({ organizationId, typed, accountId, ip, createdAt: at });
}

/** Whether the account already has a request waiting for staff. */
export async function hasPendingResetRequest(
  db: Db,
  { organizationId, accountId }: { organizationId: number; accountId: number },
): Promise<boolean> {
  const rows = await db
    .select({ id: passwordResetRequests.id })
    .from(passwordResetRequests)
    .where(
      and(
        eq(passwordResetRequests.organizationId, organizationId),
        eq(passwordResetRequests.accountId, accountId),
        eq(passwordResetRequests.status, 'pending'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The pending requests, oldest first, each with the account its typed login or e-mail matched. */
export async function listPendingResetRequests(
  db: Db,
  { organizationId }: { organizationId: number },
): Promise<{ request: ResetRequest; account: Account | null }[]> {
  return db
    .select({ request: passwordResetRequests, account: accounts })
    .from(passwordResetRequests)
    .leftJoin(accounts, eq(accounts.id, passwordResetRequests.accountId))
    .where(and(eq(passwordResetRequests.organizationId, organizationId), eq(passwordResetRequests.status, 'pending')))
    .orderBy(asc(passwordResetRequests.createdAt))
    .limit(200);
}

/** Records that staff answered a request with a new password (by e-mail or at the desk). */
export async function markResetRequestDone(
  db: Db,
  {
    organizationId,
    requestId,
    handledBy,
    at,
    outcome,
  }: { organizationId: number; requestId: number; handledBy: number | null; at: Date; outcome: string },
): Promise<void> {
  await db
    .update(passwordResetRequests)
    .set({ status: 'done', handledBy, handledAt: at, outcome })
    .where(and(eq(passwordResetRequests.organizationId, organizationId), eq(passwordResetRequests.id, requestId)));
}

/**
 * Closes a pending request without a new password; returns the account it was about (null when
 * none matched), or undefined when there is no such pending request.
 */
export async function dismissPendingResetRequest(
  db: Db,
  {
    organizationId,
    requestId,
    handledBy,
    at,
  }: { organizationId: number; requestId: number; handledBy: number | null; at: Date },
): Promise<{ accountId: number | null } | undefined> {
  const rows = await db
    .update(passwordResetRequests)
    .set({ status: 'dismissed', handledBy, handledAt: at, outcome: 'dismissed' })
    .where(
      and(
        eq(passwordResetRequests.organizationId, organizationId),
        eq(passwordResetRequests.id, requestId),
        eq(passwordResetRequests.status, 'pending'),
      ),
    )
    .returning({ accountId: passwordResetRequests.accountId });
  return rows[0];
}

/**
 * What the queue says after staff answered a request, read from the request itself: the login the
 * new password went to and its address, or that the request was closed without one.
 */
export async function resetRequestNotice(
  db: Db,
  { organizationId, requestId }: { organizationId: number; requestId: number | undefined },
): Promise<string | undefined> {
  if (requestId === undefined) return undefined;
  const rows = await db
    .select({ request: passwordResetRequests, account: accounts })
    .from(passwordResetRequests)
    .leftJoin(accounts, eq(accounts.id, passwordResetRequests.accountId))
    .where(and(eq(passwordResetRequests.organizationId, organizationId), eq(passwordResetRequests.id, requestId)))
    .limit(1);
  const row = rows[0];
  if (!row || row.request.status === 'pending') return undefined;
  const { request, account } = row;
  if (request.status === 'dismissed' || !account) return `Prośba „${request.typed}” zamknięta bez nowego hasła.`;
  if (request.outcome === 'email' && account.activationEmail) {
    return `Nowe hasło startowe wysłane — login ${account.login}, na adres ${account.activationEmail}.`;
  }
  return `Prośba o nowe hasło załatwiona (login ${account.login}).`;
}
