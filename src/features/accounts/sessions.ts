import type { Db } from '../../db/client.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import type { RequestOrigin } from '../audit/audit.ts';
import {
  type Account,
  deleteSession,
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

export async function startSession({
  db,
  account,
  stage,
  now,
  origin,
  timeouts,
}: {
  db: Db;
  account: Account;
  stage: SessionStage;
  now: Date;
  origin: RequestOrigin;
  timeouts: SessionTimeouts;
}): Promise<string> {
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
export async function resolveSession({
  db,
  organizationId,
  token,
  now,
  timeouts,
}: {
  db: Db;
  organizationId: number;
  token: string;
  now: Date;
  timeouts: SessionTimeouts;
}): Promise<{ session: Session; account: Account } | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const id = sessionIdOf(token);
  const found = await findSessionWithAccount(db, organizationId, id);
  if (!found) return undefined;
  if (sessionExpiry(found.session, now, timeouts) || found.account.status !== 'active') {
    await deleteSession(db, id);
    return undefined;
  }
  if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, id, now);
  }
  return found;
}

/**
 * Replaces a session by a new one with a new token at a privilege change (sign-in steps,
 * password change), keeping its absolute expiry: an old token never gains privileges.
 */
export async function rotateSession({
  db,
  session,
  stage,
  now,
}: {
  db: Db;
  session: Session;
  stage: SessionStage;
  now: Date;
}): Promise<string> {
  const token = randomToken();
  await db.transaction(async (tx) => {
    await deleteSession(tx, session.id);
    await insertSession(tx, { ...session, id: sessionIdOf(token), stage, lastSeenAt: now });
  });
  return token;
}
