/**
 * Migrations as a backup sees them: which one a database has reached, and applying them up to a
 * given one inside the restore's own transaction. The bookkeeping is drizzle's own
 * (`drizzle.__drizzle_migrations`: hash and journal time stamp per migration; the last time stamp
 * decides what is pending), so the application's start-up migrator carries on from there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../db/migrate.ts';
import type { Session } from './engine.ts';
import { BackupError, type MigrationStamp } from './format.ts';

export interface ShippedMigration {
  tag: string;
  when: number;
  hash: string;
  statements: string[];
}

/** The migrations this version of Osiedle ships, in order. */
export function shippedMigrations(): ShippedMigration[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return readMigrationFiles({ migrationsFolder }).map((migration, index) => ({
    tag: journal.entries[index]?.tag ?? `#${index}`,
    when: migration.folderMillis,
    hash: migration.hash,
    statements: migration.sql,
  }));
}

/** How many of the shipped migrations the database has applied (by drizzle's rule: the last time stamp). */
export async function appliedCount(session: Session, shipped: ShippedMigration[]): Promise<number> {
  const [present] = await session.rows<{ present: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!present?.present) return 0;
  const [last] = await session.rows<{ when: string | null }>(
    'select max(created_at)::text as when from drizzle.__drizzle_migrations',
  );
  if (!last?.when) return 0;
  const when = Number(last.when);
  if (when > (shipped.at(-1)?.when ?? 0)) return Number.POSITIVE_INFINITY;
  return shipped.filter((migration) => migration.when <= when).length;
}

/** The stamp of the last migration a database has applied (it must be one this version ships). */
export async function migrationStampOf(session: Session, shipped: ShippedMigration[]): Promise<MigrationStamp> {
  const count = await appliedCount(session, shipped);
  if (!Number.isFinite(count)) {
    throw new BackupError('The database was migrated by a newer version of Osiedle than this one.');
  }
  const last = shipped[count - 1];
  if (count === 0 || !last) throw new BackupError('The database has no tables yet: nothing to back up.');
  return { count, tag: last.tag, when: last.when, hash: last.hash };
}

/**
 * How many shipped migrations a backup's stamp stands for; a backup of a newer version (a
 * migration this version does not know) or of a differently edited migration is refused.
 */
export function migrationsOfBackup(stamp: MigrationStamp, shipped: ShippedMigration[]): number {
  const index = shipped.findIndex((migration) => migration.when === stamp.when);
  const newest = shipped.at(-1);
  if (index < 0 && newest && stamp.when > newest.when) {
    throw new BackupError(
      `The backup was made by a newer version of Osiedle (its last migration, ${stamp.tag}, is unknown to this version, ` +
        `whose last is ${newest.tag}). Upgrade Osiedle, then restore.`,
    );
  }
  const migration = shipped[index];
  if (!migration || migration.tag !== stamp.tag || migration.hash !== stamp.hash) {
    throw new BackupError(
      `The backup's last migration (${stamp.tag}) is not one of this version's migrations: it was made by a different build of Osiedle.`,
    );
  }
  return index + 1;
}

/** Applies the shipped migrations up to `upTo` (a count) that the database has not applied yet. */
export async function applyMigrations(session: Session, shipped: ShippedMigration[], upTo: number): Promise<void> {
  await session.run(
    `create schema if not exists drizzle;
     create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
  );
  const from = await appliedCount(session, shipped);
  for (const migration of shipped.slice(from, upTo)) {
    for (const statement of migration.statements) {
      if (statement.trim()) await session.run(statement);
    }
    await session.rows('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [
      migration.hash,
      migration.when,
    ]);
  }
}
