import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentsOf } from '../../../test/support/db-contents.ts';
import { createEmptyTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, queryRows } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { loadDemoIfEmpty } from '../../demo/load-demo.ts';
import { restoreBackup } from './restore.ts';
import { writeBackup } from './write.ts';

const key = 'move to the server, 2026';
const scrypt = { logN: 10, r: 8, p: 1 };

/** A letter with an attachment, sent by e-mail to one member and on paper to another. */
async function addLetter(database: Database, organizationId: number): Promise<void> {
  const db = database.db;
  const [letter] = await queryRows<{ id: string }>(
    db,
    sql`insert into correspondence_letters (organization_id, subject, body_markdown, audience, state, sent_at, created_at, created_by_label)
        values (${organizationId}, 'Zawiadomienie o zebraniu', ${'# Zebranie\n\nW **czwartek**.'}, '{"kind":"all"}', 'sent', now(), now(), 'Administrator')
        returning id::text as id`,
  );
  const [file] = await queryRows<{ id: string }>(
    db,
    sql`insert into site_files (organization_id, key, name, title, content_type, size, data, private)
        values (${organizationId}, 'letter-attachment-1', 'porzadek.pdf', 'Porządek obrad', 'application/pdf', 6,
                ${Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff])}, true)
        returning id::text as id`,
  );
  await db.execute(sql`insert into correspondence_letter_attachments (organization_id, letter_id, file_id, name, size)
                       values (${organizationId}, ${letter?.id}, ${file?.id}, 'porzadek.pdf', 6)`);
  const people = await queryRows<{ id: string }>(
    db,
    sql`select id::text as id from persons where organization_id = ${organizationId} order by id limit 2`,
  );
  const [outbox] = await queryRows<{ id: string }>(
    db,
    sql`insert into outbox_messages (organization_id, purpose, from_address, to_address, subject, text_body, html_body, message_id, attachment_file_ids)
        values (${organizationId}, 'letter', 'biuro@example.org', 'czlonek@example.org', 'Zawiadomienie', 'W czwartek.', '<p>W czwartek.</p>',
                '<letter-1@example.org>', ${sql.raw(`array[${Number(file?.id)}]::bigint[]`)})
        returning id::text as id`,
  );
  await db.execute(sql`insert into correspondence_deliveries (organization_id, letter_id, person_id, recipient_name, postal_address, channel, email, state, outbox_message_id, created_at)
                       values (${organizationId}, ${letter?.id}, ${people[0]?.id}, 'Jan Nowak', 'ul. Graniczna 12/1', 'email', 'czlonek@example.org', 'queued', ${outbox?.id}, now()),
                              (${organizationId}, ${letter?.id}, ${people[1]?.id}, 'Anna Kowalska', 'ul. Graniczna 12/2', 'paper', null, 'to_print', null, now())`);
  // The outbox sends it: the delivery follows by its trigger.
  await db.execute(sql`update outbox_messages set status = 'sent', sent_at = now() where id = ${outbox?.id}`);
}

/** What a member and the office would look at: balances, files, letters, accounts. */
async function essentials(database: Database) {
  const db = database.db;
  return {
    balances: await queryRows(
      db,
      sql`select unit_id::text, sum(amount)::text as balance from ledger_entries group by unit_id order by unit_id limit 20`,
    ),
    totals: await queryRows(db, sql`select sum(total)::text as total from ledger_yearly_totals`),
    files: await queryRows(db, sql`select key, md5(data) as md5 from site_files order by key`),
    letters: await queryRows(
      db,
      sql`select l.subject, d.recipient_name, d.state from correspondence_letters l
          join correspondence_deliveries d on d.letter_id = l.id order by d.id`,
    ),
    accounts: await queryRows(db, sql`select login, password_hash, totp_secret from accounts order by id`),
  };
}

/**
 * The move from the embedded database to a server (docs/backup-restore.md): a PGlite database with
 * the demo, backed up, restored into PostgreSQL, backed up there and restored into PGlite again.
 * Needs TEST_DATABASE_URL (the PostgreSQL layer of `npm test`).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('moving between PGlite and PostgreSQL', () => {
  let dir: string;
  let pglite: Database;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osiedle-move-'));
    pglite = await createEmptyTestDatabase('pglite');
    await migrateDatabase(pglite);
    const organization = await loadDemoIfEmpty(pglite, { sessionSecret: undefined, historyUnits: 10 });
    if (!organization) throw new Error('demo not loaded');
    await addLetter(pglite, organization.id);
  });
  afterAll(async () => {
    await pglite?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every account, balance, file and letter identical, there and back', async () => {
    const original = await contentsOf(pglite);
    const seen = await essentials(pglite);
    expect(seen.letters).toEqual([
      { subject: 'Zawiadomienie o zebraniu', recipient_name: 'Jan Nowak', state: 'sent' },
      { subject: 'Zawiadomienie o zebraniu', recipient_name: 'Anna Kowalska', state: 'to_print' },
    ]);
    expect(seen.accounts.length).toBeGreaterThan(3);

    const fromPglite = join(dir, 'from-pglite.osbk');
    await writeBackup(pglite, { key, file: fromPglite, scrypt });
    const server = await createEmptyTestDatabase('postgres');
    try {
      await restoreBackup(server, { key, file: fromPglite });
      expect(await contentsOf(server)).toEqual(original);
      expect(await essentials(server)).toEqual(seen);

      const fromServer = join(dir, 'from-postgres.osbk');
      const back = await writeBackup(server, { key, file: fromServer, scrypt });
      expect(back.header.engine).toBe('postgres');
      const again = await createEmptyTestDatabase('pglite');
      try {
        await restoreBackup(again, { key, file: fromServer });
        expect(await contentsOf(again)).toEqual(original);
        expect(await essentials(again)).toEqual(seen);
      } finally {
        await again.close();
      }
    } finally {
      await server.close();
    }
  });
});
