/**
 * Single-use links sent by e-mail (an address change, a self-service password reset): only a
 * hash of the token is stored. The queries of the `email_tokens` table.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { hashToken, isLinkToken } from '../../lib/tokens.ts';
import type { Account } from './queries.ts';
import { accounts, emailTokens } from './schema.ts';

export type EmailToken = typeof emailTokens.$inferSelect;
export type LinkPurpose = EmailToken['purpose'];

export async function insertEmailToken(
  db: Db,
  {
    organizationId,
    token,
    purpose,
    accountId,
    email,
    expiresAt,
  }: {
    organizationId: number;
    token: string;
    purpose: LinkPurpose;
    accountId: number;
    email?: string | undefined;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(emailTokens).values({
    tokenHash: hashToken(token),
    organizationId,
    purpose,
    accountId,
    ...(email === undefined ? {} : { email }),
    expiresAt,
  });
}

/**
 * An unused link with its account, whatever its expiry (the caller decides what expired means);
 * undefined for anything that is not a link token or no unused link of this purpose.
 */
export async function findUnusedLink(
  db: Db,
  { organizationId, token, purpose }: { organizationId: number; token: string; purpose: LinkPurpose },
): Promise<{ token: EmailToken; account: Account } | undefined> {
  if (!isLinkToken(token)) return undefined;
  const rows = await db
    .select({ token: emailTokens, account: accounts })
    .from(emailTokens)
    .innerJoin(accounts, eq(accounts.id, emailTokens.accountId))
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.organizationId, organizationId),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

/**
 * Marks a link used, once: returns its row, or undefined when it is unknown or used already (two
 * presses at the same moment cannot both use it). `purpose` and `organizationId` narrow the match
 * when given.
 */
export async function useLink(
  db: Db,
  {
    token,
    at,
    organizationId,
    purpose,
  }: { token: string; at: Date; organizationId?: number | undefined; purpose?: LinkPurpose | undefined },
): Promise<EmailToken | undefined> {
  const rows = await db
    .update(emailTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        organizationId === undefined ? undefined : eq(emailTokens.organizationId, organizationId),
        purpose === undefined ? undefined : eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
      ),
    )
    .returning();
  return rows[0];
}
