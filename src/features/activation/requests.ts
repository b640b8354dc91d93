/** The queries of remote applications for e-BOK (`activation_requests`). */
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { hashToken } from '../../lib/tokens.ts';
import { activationRequests } from './schema.ts';

export type ActivationRequest = typeof activationRequests.$inferSelect;
export type NewActivationRequest = typeof activationRequests.$inferInsert;

/** What a decided or expired request keeps: no scans, no live link. */
const wipeScans = (now: Date) => ({
  formScan: null,
  idScan: null,
  formScanType: null,
  idScanType: null,
  emailTokenHash: null,
  scansDeletedAt: now,
});

/** An unconfirmed request whose confirmation link has expired: it can never reach staff. */
const linkExpiredUnconfirmed = (now: Date) =>
  and(eq(activationRequests.status, 'awaiting_email'), lte(activationRequests.emailTokenExpiresAt, now));

export async function insertActivationRequest(db: Db, values: NewActivationRequest): Promise<ActivationRequest> {
  const rows = await db.insert(activationRequests).values(values).returning();
  const request = rows[0];
  if (!request) throw new Error('insert returned no row');
  return request;
}

/** Requests of an address whose confirmation link expired unused end (with their scans). */
export async function expireUnconfirmedRequests(
  db: Db,
  { organizationId, email, now }: { organizationId: number; email: string; now: Date },
): Promise<void> {
  await db
    .update(activationRequests)
    .set({ status: 'expired', ...wipeScans(now) })
    .where(
      and(
        eq(activationRequests.organizationId, organizationId),
        eq(activationRequests.email, email),
        linkExpiredUnconfirmed(now),
      ),
    );
}

/** Whether a request of this address waits for its link or for staff. */
export async function hasOpenRequest(
  db: Db,
  { organizationId, email }: { organizationId: number; email: string },
): Promise<boolean> {
  const open = await db
    .select({ id: activationRequests.id })
    .from(activationRequests)
    .where(
      and(
        eq(activationRequests.organizationId, organizationId),
        eq(activationRequests.email, email),
        inArray(activationRequests.status, ['awaiting_email', 'pending']),
      ),
    )
    .limit(1);
  return open.length > 0;
}

export async function findRequestOfLink(
  db: Db,
  { organizationId, token }: { organizationId: number; token: string },
): Promise<ActivationRequest | undefined> {
  const rows = await db
    .select()
    .from(activationRequests)
    .where(
      and(
        eq(activationRequests.organizationId, organizationId),
        eq(activationRequests.emailTokenHash, hashToken(token)),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Moves a request waiting for its link to the staff queue, once; false when already moved. */
export async function markEmailConfirmed(db: Db, { id, now }: { id: number; now: Date }): Promise<boolean> {
  const confirmed = await db
    .update(activationRequests)
    .set({ status: 'pending', emailConfirmedAt: now })
    .where(and(eq(activationRequests.id, id), eq(activationRequests.status, 'awaiting_email')))
    .returning({ id: activationRequests.id });
  return confirmed.length > 0;
}

export async function listActivationRequests(
  db: Db,
  { organizationId, status }: { organizationId: number; status: ActivationRequest['status'] },
) {
  return db
    .select({
      id: activationRequests.id,
      firstName: activationRequests.firstName,
      lastName: activationRequests.lastName,
      unitAddress: activationRequests.unitAddress,
      email: activationRequests.email,
      createdAt: activationRequests.createdAt,
      status: activationRequests.status,
      decidedAt: activationRequests.decidedAt,
    })
    .from(activationRequests)
    .where(and(eq(activationRequests.organizationId, organizationId), eq(activationRequests.status, status)))
    .orderBy(status === 'pending' ? asc(activationRequests.createdAt) : desc(activationRequests.createdAt))
    .limit(200);
}

export async function findActivationRequest(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<ActivationRequest | undefined> {
  const rows = await db
    .select()
    .from(activationRequests)
    .where(and(eq(activationRequests.organizationId, organizationId), eq(activationRequests.id, id)))
    .limit(1);
  return rows[0];
}

/** Records the decision on a request and deletes its scans. */
export async function decideRequest(
  db: Db,
  {
    id,
    now,
    decision,
  }: {
    id: number;
    now: Date;
    decision:
      | { status: 'approved'; personId: number; accountId: number; decidedBy: number | null }
      | { status: 'rejected'; decisionReason: string; decidedBy: number | null };
  },
): Promise<void> {
  await db
    .update(activationRequests)
    .set({ ...decision, decidedAt: now, ...wipeScans(now) })
    .where(eq(activationRequests.id, id));
}

/**
 * Deletes the scans of requests that will never be decided (RODO): unconfirmed ones once their
 * link has expired, and any left undecided for `undecidedDays`. Returns how many.
 */
export async function expireStaleRequests(
  db: Db,
  { now, undecidedDays }: { now: Date; undecidedDays: number },
): Promise<number> {
  const cutoff = new Date(now.getTime() - undecidedDays * 86_400_000);
  const rows = await db
    .update(activationRequests)
    .set({ status: 'expired', ...wipeScans(now) })
    .where(
      or(
        and(
          inArray(activationRequests.status, ['awaiting_email', 'pending']),
          lt(activationRequests.createdAt, cutoff),
        ),
        linkExpiredUnconfirmed(now),
      ),
    )
    .returning({ id: activationRequests.id });
  return rows.length;
}

/** Bytes of scans still stored for an organization (tests and the queue page show it). */
export async function storedScanBytes(db: Db, { organizationId }: { organizationId: number }): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(sum(coalesce(length(form_scan), 0) + coalesce(length(id_scan), 0)), 0)::int` })
    .from(activationRequests)
    .where(eq(activationRequests.organizationId, organizationId));
  return rows[0]?.n ?? 0;
}
