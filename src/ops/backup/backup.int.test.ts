import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsOf, schemaOf } from '../../../test/support/db-contents.ts';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createEmptyTestDatabase, createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, queryRows } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { loadDemoIfEmpty } from '../../demo/load-demo.ts';
import { EncryptStream, HEADER_BYTES, newFileKeys } from './crypto.ts';
import { withSession } from './engine.ts';
import { BackupError, RecordType } from './format.ts';
import { applyMigrations, shippedMigrations } from './migrations.ts';
import { openBackup } from './read.ts';
import { encodeRecord, jsonRecord } from './records.ts';
import { restoreBackup } from './restore.ts';
import { writeBackup } from './write.ts';

const key = 'correct horse battery staple 2026';
/** Cheaper key derivation for tests (the format allows 2^10 and up). */
const scrypt = { logN: 10, r: 8, p: 1 };

/** Tables and migrations of a database: none at all for a target left untouched. */
async function tablesOf(database: Database): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    database.db,
    sql`select c.relname::text as name from pg_class c
        where c.relnamespace in ('public'::regnamespace, coalesce(to_regnamespace('drizzle'), 0)) and c.relkind = 'r'`,
  );
  return rows.map((row) => row.name);
}

/** Offsets of the frames of a backup file (after its header). */
function frameOffsets(file: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = HEADER_BYTES; at < file.length; ) {
    offsets.push(at);
    at += 4 + (file.readUInt32BE(at) & 0x7fff_ffff) + 16;
  }
  return offsets;
}

/** The same backup with its header record changed (re-encrypted with the right key). */
async function rewriteHeader(from: string, to: string, change: (header: Record<string, unknown>) => void) {
  const backup = await openBackup(from, key);
  const header = structuredClone(backup.header) as unknown as Record<string, unknown>;
  change(header);
  async function* records() {
    yield* jsonRecord(RecordType.header, header);
    for (let record = await backup.records.next(); record; record = await backup.records.next()) {
      yield* encodeRecord(record.type, record.payload);
    }
  }
  const { createWriteStream } = await import('node:fs');
  await pipeline(records(), createGzip(), new EncryptStream(await newFileKeys(key, scrypt)), createWriteStream(to));
}

describe('backup and restore', () => {
  let source: Database;
  let dir: string;
  let file: string;
  let organizationId: number;

  beforeAll(async () => {
    source = await createTestDatabase();
    const organization = await loadDemoIfEmpty(source, { sessionSecret: undefined, historyUnits: 10 });
    if (!organization) throw new Error('demo not loaded');
    organizationId = organization.id;
    // What COPY text must carry exactly: tabs, newlines, backslashes, NULL next to '', non-ASCII.
    await source.db.execute(sql`
      insert into news_items (organization_id, slug, title, lead, body, published_at)
      values (${organizationId}, 'znaki', ${'Tab\there, \\N and \\. are text'}, ${''}, ${'Line 1\nLine 2\r\n„żółć” 🚀 \u202e'}, null)`);
    dir = await mkdtemp(join(tmpdir(), 'osiedle-backup-'));
    file = join(dir, 'demo.osbk');
    const result = await writeBackup(source, { key, file, scrypt });
    expect(result.manifest.rows).toBeGreaterThan(1000);
    expect(result.header.migration.tag).toMatch(/^\d{4}_/);
  });
  afterAll(async () => {
    await source?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores into an empty database: every row, id, sequence and schema object as it was', async () => {
    const target = await createEmptyTestDatabase();
    try {
      const result = await restoreBackup(target, { key, file });
      expect(result.newerMigrations).toBe(0);
      expect(await contentsOf(target)).toEqual(await contentsOf(source));
      expect(await schemaOf(target)).toEqual(await schemaOf(source));

      // The ledger's totals are the backup's, not added up once more by the insert trigger.
      const wrong = await queryRows<{ n: number }>(
        target.db,
        sql`select count(*)::int as n from (
              select unit_id, date_trunc('month', value_date)::date as month, sum(amount)::bigint as total
              from ledger_entries group by 1, 2
              except select unit_id, month, total from ledger_monthly_totals) d`,
      );
      expect(wrong[0]?.n).toBe(0);

      // Afterwards the database works as before: new ids follow, triggers keep totals and refuse changes.
      const [unit] = await queryRows<{ id: number; total: string | null; maxId: string }>(
        target.db,
        sql`select u.id::int as id, (select max(id)::text from ledger_entries) as "maxId",
                   (select total::text from ledger_monthly_totals t where t.unit_id = u.id and t.month = '2030-01-01') as total
            from units u order by u.id limit 1`,
      );
      if (!unit) throw new Error('no unit');
      const [entry] = await queryRows<{ id: string }>(
        target.db,
        sql`insert into ledger_entries (organization_id, unit_id, booking_date, value_date, kind, amount, description, source, source_ref)
            values (${organizationId}, ${unit.id}, '2030-01-05', '2030-01-05', 'payment', -1234, 'test', 'test', 'restore-test-1')
            returning id::text as id`,
      );
      expect(BigInt(entry?.id ?? 0)).toBe(BigInt(unit.maxId) + 1n);
      const [total] = await queryRows<{ total: string }>(
        target.db,
        sql`select total::text as total from ledger_monthly_totals where unit_id = ${unit.id} and month = '2030-01-01'`,
      );
      expect(total?.total).toBe('-1234');
      const refusal = await target.db.execute(sql`update ledger_entries set amount = 0 where id = ${entry?.id}`).then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
      expect(refusal).toMatch(/append-only/);
    } finally {
      await target.close();
    }
  });

  it('refuses to restore into a database that holds data, and leaves it as it was', async () => {
    const before = await contentsOf(source);
    const error = await restoreBackup(source, { key, file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(
      /^The target database is not empty \(rows in: accounts, (arrears_certificates, )?(audit_log, )?buildings/,
    );
    expect(await contentsOf(source)).toEqual(before);
  });

  it('refuses a wrong key, a tampered, truncated or cut-short file, leaving the target untouched', async () => {
    const target = await createEmptyTestDatabase();
    try {
      const bytes = await readFile(file);
      const damaged = async (name: string, content: Buffer) => {
        const path = join(dir, name);
        await writeFile(path, content);
        return restoreBackup(target, { key, file: path }).catch((e: unknown) => e);
      };
      const wrongKey = await restoreBackup(target, { key: `${key}!`, file }).catch((e: unknown) => e);
      expect(wrongKey).toBeInstanceOf(BackupError);
      expect((wrongKey as Error).message).toBe('Wrong BACKUP_KEY: this backup was encrypted with another key.');

      const tampered = Buffer.from(bytes);
      const middle = Math.floor(bytes.length / 2);
      tampered[middle] = (tampered[middle] ?? 0) ^ 0x01;
      expect(((await damaged('tampered.osbk', tampered)) as Error).message).toMatch(
        /altered: a part fails its integrity check/,
      );

      expect(((await damaged('truncated.osbk', bytes.subarray(0, bytes.length - 100))) as Error).message).toMatch(
        /truncated/,
      );
      // Cut exactly before the last frame: every remaining frame is intact, the end is missing.
      const last = frameOffsets(bytes).at(-1) ?? 0;
      expect(((await damaged('cut.osbk', bytes.subarray(0, last))) as Error).message).toMatch(/truncated/);
      const notBackup = await damaged(
        'other.osbk',
        Buffer.from('PGDMP this is not ours, and long enough to have a header'),
      );
      expect((notBackup as Error).message).toMatch(/not an Osiedle backup file/);
      expect(await tablesOf(target)).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('restores a backup of an earlier version: migrates to its migration, loads, then applies the newer ones', async () => {
    const shipped = shippedMigrations();
    const older = await createEmptyTestDatabase();
    const target = await createEmptyTestDatabase();
    try {
      await withSession(older, 'write', (session) => applyMigrations(session, shipped, shipped.length - 1));
      await makeOrganization(older.db);
      const olderFile = join(dir, 'older.osbk');
      const written = await writeBackup(older, { key, file: olderFile, scrypt });
      expect(written.header.migration.tag).toBe(shipped.at(-2)?.tag);
      const result = await restoreBackup(target, { key, file: olderFile });
      expect(result.newerMigrations).toBe(1);
      const [after, before] = [await contentsOf(target), await contentsOf(older)];
      for (const [table, contents] of Object.entries(before.tables)) expect(after.tables[table]).toEqual(contents);
      await migrateDatabase(older);
      expect(await schemaOf(target)).toEqual(await schemaOf(older));
    } finally {
      await older.close();
      await target.close();
    }
  });

  it('refuses a backup made by a newer version, before touching the target', async () => {
    const target = await createEmptyTestDatabase();
    try {
      const newer = join(dir, 'newer.osbk');
      await rewriteHeader(file, newer, (header) => {
        header.migration = { count: 99, tag: '0099_from_the_future', when: 4_102_444_800_000, hash: 'f'.repeat(64) };
      });
      const error = await restoreBackup(target, { key, file: newer }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(
        /made by a newer version of Osiedle \(its last migration, 0099_from_the_future, is unknown/,
      );
      expect(await tablesOf(target)).toEqual([]);
      await truncate(newer, 0);
    } finally {
      await target.close();
    }
  });
});
