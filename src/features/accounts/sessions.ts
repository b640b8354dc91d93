import type { Db } from '../../db/client.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { type Actor, type RequestOrigin, recordAudit } from '../audit/audit.ts';
import {
  type Account,
  deleteSession,
  deleteSessionsOfAccount,
  findSessionWithAccount,
  insertSession,
  type Session,
  touchSession,
} from './queries.ts';
import type { SessionStage } from './schema.ts';
import { type SessionTimeouts, sessionExpiry } from './stages.ts';

/** Only a hash of the cookie's token is stored: a copy of the table opens no session. */
export const sessionIdOf = hashToken;

/** Last-seen time is written at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export async function startSession(
  db: Db,
  {
    account,
    stage,
    now,
    origin,
    timeouts,
  }: {
    account: Account;
    stage: SessionStage;
    now: Date;
    origin: RequestOrigin;
    timeouts: SessionTimeouts;
  },
): Promise<string> {
  const token = randomToken();
  await insertSession(db, {
    id: sessionIdOf(token),
    organizationId: account.organizationId,
    accountId: account.id,
    stage,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + timeouts.absoluteMs),
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/**
 * The live session behind a cookie token, with its account; an expired session is deleted and
 * a disabled account's session is not returned.
 */
export async function resolveSession(
  db: Db,
  {
    organizationId,
    token,
    now,
    timeouts,
  }: { organizationId: number; token: string; now: Date; timeouts: SessionTimeouts },
): Promise<{ session: Session; account: Account } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const id = sessionIdOf(token);
  const found = await findSessionWithAccount(db, { organizationId, id });
  if (!found) return undefined;
  if (sessionExpiry(found.session, now, timeouts) || found.account.status !== 'active') {
    await deleteSession(db, { id });
    return undefined;
  }
  if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, { id, at: now });
  }
  return found;
}

/**
 * Replaces a session by a new one with a new token at a privilege change (sign-in steps,
 * password change), keeping its absolute expiry: an old token never gains privileges.
 */
export async function rotateSession(
  db: Db,
  { session, stage, now }: { session: Session; stage: SessionStage; now: Date },
): Promise<string> {
  const token = randomToken();
  await db.transaction(async (tx) => {
    await deleteSession(tx, { id: session.id });
    await insertSession(tx, { ...session, id: sessionIdOf(token), stage, lastSeenAt: now });
  });
  return token;
}

/** Ends a session at the account's own request (the sign-out button); audited. */
export async function signOut(
  db: Db,
  { actor, account, session, now }: { actor: Actor; account: Account; session: Session; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, { id: session.id });
    await recordAudit(tx, {
      ...actor,
      action: 'session.signout',
      subjectType: 'account',
      subjectId: account.id,
      at: now,
    });
  });
}

/** Ends every other session of the account (a lost phone, a shared computer); returns how many. */
export async function signOutOtherSessions(
  db: Db,
  { actor, account, session, now }: { actor: Actor; account: Account; session: Session; now: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await deleteSessionsOfAccount(tx, { accountId: account.id, exceptId: session.id });
    await recordAudit(tx, {
      ...actor,
      action: 'session.signout_others',
      subjectType: 'account',
      subjectId: account.id,
      detail: { ended },
      at: now,
    });
    return ended;
  });
}
