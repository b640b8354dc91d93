import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { instanceSecrets } from './schema.ts';

/**
 * A secret of this installation, generated on first use and kept in the database, so that every
 * process of the installation shares it. Production passes its secrets through the environment.
 */
export async function getOrCreateInstanceSecret(db: Db, name: string): Promise<string> {
  // Several processes may start at once: the first insert wins, everyone reads the winner.
  await db
    .insert(instanceSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const rows = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  const row = rows[0];
  if (!row) throw new Error(`instance secret ${name} missing after insert`);
  return row.value;
}
