import { and, asc, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { type AccountKind, accounts, recoveryCodes, sessions } from './schema.ts';

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;
export type Session = typeof sessions.$inferSelect;

export async function findAccountByLogin(
  db: Db,
  { organizationId, login }: { organizationId: number; login: string },
): Promise<Account | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.organizationId, organizationId), sql`lower(${accounts.login}) = lower(${login})`))
    .limit(1);
  return rows[0];
}

export async function findAccount(
  db: Db,
  { organizationId, id }: { organizationId: number; id: number },
): Promise<Account | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.organizationId, organizationId), eq(accounts.id, id)))
    .limit(1);
  return rows[0];
}

/** A person's e-BOK account (one per person). */
export async function findMemberAccountOfPerson(
  db: Db,
  { organizationId, personId }: { organizationId: number; personId: number },
): Promise<Account | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(eq(accounts.organizationId, organizationId), eq(accounts.personId, personId), eq(accounts.kind, 'member')),
    )
    .limit(1);
  return rows[0];
}

/** A member account by its login or its activation e-mail (case-insensitive). */
export async function findMemberByLoginOrEmail(
  db: Db,
  { organizationId, typed }: { organizationId: number; typed: string },
): Promise<Account | undefined> {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.organizationId, organizationId),
        eq(accounts.kind, 'member'),
        sql`(lower(${accounts.login}) = lower(${typed}) or lower(${accounts.activationEmail}) = lower(${typed}))`,
      ),
    )
    .limit(1);
  return rows[0];
}

export async function insertAccount(db: Db, values: NewAccount): Promise<Account> {
  const rows = await db.insert(accounts).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateAccount(
  db: Db,
  { organizationId, id, values }: { organizationId: number; id: number; values: Partial<NewAccount> },
): Promise<void> {
  await db
    .update(accounts)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(accounts.organizationId, organizationId), eq(accounts.id, id)));
}

/**
 * Marks the account's starting password as used, once: false when another sign-in used it
 * first (two at the same moment cannot both succeed).
 */
export async function useTemporaryPassword(
  db: Db,
  { organizationId, id, at }: { organizationId: number; id: number; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(accounts)
    .set({ temporaryPasswordUsedAt: at, updatedAt: sql`now()` })
    .where(
      and(eq(accounts.organizationId, organizationId), eq(accounts.id, id), isNull(accounts.temporaryPasswordUsedAt)),
    )
    .returning({ id: accounts.id });
  return rows.length > 0;
}

export async function listAccountsOfKind(
  db: Db,
  { organizationId, kind }: { organizationId: number; kind: AccountKind },
): Promise<Account[]> {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.organizationId, organizationId), eq(accounts.kind, kind)))
    .orderBy(asc(accounts.login));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** A session with its account, both of the given organization. */
export async function findSessionWithAccount(
  db: Db,
  { organizationId, id }: { organizationId: number; id: string },
): Promise<{ session: Session; account: Account } | undefined> {
  const rows = await sessionWithAccount(db, { organizationId, id });
  return rows[0];
}

/** Read on every signed-in request: prepared (db/prepared.ts). */
const sessionWithAccount = preparedQuery((db) =>
  db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.id, sql.placeholder('id')), eq(sessions.organizationId, sql.placeholder('organizationId'))))
    .limit(1),
);

export async function deleteSession(db: Db, { id }: { id: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function touchSession(db: Db, { id, at }: { id: string; at: Date }): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function listSessionsOfAccount(db: Db, { accountId }: { accountId: number }): Promise<Session[]> {
  return db.select().from(sessions).where(eq(sessions.accountId, accountId)).orderBy(asc(sessions.createdAt));
}

/** Ends every session of an account except, optionally, one. Returns how many ended. */
export async function deleteSessionsOfAccount(
  db: Db,
  { accountId, exceptId }: { accountId: number; exceptId?: string | undefined },
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      exceptId ? and(eq(sessions.accountId, accountId), ne(sessions.id, exceptId)) : eq(sessions.accountId, accountId),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

export async function replaceRecoveryCodes(
  db: Db,
  { organizationId, accountId, codeHashes }: { organizationId: number; accountId: number; codeHashes: string[] },
): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  if (codeHashes.length > 0) {
    await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ organizationId, accountId, codeHash })));
  }
}

/** Marks an unused recovery code as used; false when there is no such unused code. */
export async function useRecoveryCode(
  db: Db,
  { accountId, codeHash, at }: { accountId: number; codeHash: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Db, { accountId }: { accountId: number }): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return rows[0]?.n ?? 0;
}

/** What staff see of a person's e-BOK account on the register's person page. */
export interface MemberAccountStatus {
  id: number;
  login: string;
  status: 'active' | 'disabled';
  /** Locked for a while after failed sign-ins. */
  locked: boolean;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
}

/** The member accounts of a person (normally one), without secrets. */
export async function listMemberAccountsOfPerson(
  db: Db,
  { organizationId, personId, now }: { organizationId: number; personId: number; now: Date },
): Promise<MemberAccountStatus[]> {
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(eq(accounts.organizationId, organizationId), eq(accounts.kind, 'member'), eq(accounts.personId, personId)),
    )
    .orderBy(asc(accounts.id));
  return rows.map((row) => ({
    id: row.id,
    login: row.login,
    status: row.status,
    locked: row.lockedUntil !== null && row.lockedUntil > now,
    lastLoginAt: row.lastLoginAt,
    mustChangePassword: row.mustChangePassword,
  }));
}

/**
 * SQL fragment: the organization's active staff as a JSON array of `{ id, name, roles }` by login,
 * for pages that offer them as choices (e.g. whom to assign a request to) in one statement.
 */
export function activeStaffJson(organizationId: number): SQL {
  return sql`(select json_agg(json_build_object('id', id, 'name', display_name, 'roles', roles) order by login)
      from accounts where organization_id = ${organizationId} and kind = 'staff' and status = 'active')`;
}
