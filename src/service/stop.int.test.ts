import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization } from '../../test/support/factories.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp-server.ts';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { type Database, queryRows } from '../db/client.ts';
import { InterruptedError, interruptibleDatabase, interruptibleDb, isInterruption } from '../db/interruptible.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { enqueueMails, senderFor } from '../features/outbox/outbox.ts';
import { outboxMessages } from '../features/outbox/schema.ts';
import { runRegisterImportJobs } from '../features/units/import/jobs.ts';
import { stageUpload } from '../features/units/import/uploads.ts';
import { registerImports } from '../features/units/schema.ts';
import { startMaintenance } from '../jobs/maintenance.ts';
import { startPolling } from '../jobs/polling.ts';
import { renderMail } from '../mail/templates.tsx';
import { createTransport, drainOutbox } from '../mail/worker.ts';

/** A logger that keeps what was logged, by level. */
function recordingLog() {
  const lines: { level: string; message: string }[] = [];
  const at =
    (level: string) =>
    (_detail: unknown, message = '') =>
      lines.push({ level, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A register CSV of `units` flats in one building, each with one owner. */
function registerCsv(units: number): Buffer {
  const header =
    'Kod budynku;Ulica;Nr budynku;Kod pocztowy;Miejscowość;Osiedle;Kod lokalu;Nr lokalu;Rodzaj lokalu;Powierzchnia użytkowa;Piętro;Liczba pokoi;Liczba osób;Liczba osób od;Kod osoby;Imię;Nazwisko;PESEL;Adres korespondencyjny;E-mail;Telefon;Tytuł prawny;Udział;Data od;Data zakończenia';
  const rows = Array.from(
    { length: units },
    (_, i) =>
      `B01;ul. Testowa;1;40-001;Katowice;Testowe;L${i};${i + 1};mieszkalny;50,00;0;2;1;01.01.2020;K${i};Jan;Nowak${i};;;;;odrębna własność;1/1;01.01.2020;`,
  );
  return Buffer.from(`${[header, ...rows].join('\n')}\n`);
}

describe('stopping work at shutdown', () => {
  let database: Database;
  let organization: Organization;

  beforeAll(async () => {
    database = await createTestDatabase();
    organization = await makeOrganization(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('refuses the statements of interruptible work once aborted, rolling its transaction back', async () => {
    const controller = new AbortController();
    const db = interruptibleDb(database.db, controller.signal);
    await db.execute(sql`create table stop_probe (n int)`);
    const work = db.transaction(async (tx) => {
      await tx.execute(sql`insert into stop_probe values (1)`);
      controller.abort();
      await tx.execute(sql`insert into stop_probe values (2)`);
    });
    const error = await work.catch((e: unknown) => e);
    expect(isInterruption(error)).toBe(true);
    expect(isInterruption(new Error('other'))).toBe(false);
    expect(new InterruptedError().message).toMatch(/shutting down/);
    // Nothing of the transaction stays, and the database itself goes on serving everyone else.
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stop_probe`);
    expect(rows[0]?.n).toBe(0);
    await expect(db.execute(sql`select 1`)).rejects.toSatisfy(isInterruption);
    await database.db.execute(sql`drop table stop_probe`);
  });

  it('interrupts work under an advisory lock (migrations, the demo) and releases the lock', async () => {
    const controller = new AbortController();
    const startUp = interruptibleDatabase(database, controller.signal);
    const locked = startUp.withAdvisoryLock(0x7e57, async (db) => {
      await db.execute(sql`select 1`);
      controller.abort();
      await db.execute(sql`select 2`);
    });
    await expect(locked).rejects.toSatisfy(isInterruption);
    // The lock is free again: the same key is taken at once.
    expect(await database.withAdvisoryLock(0x7e57, async () => 'free')).toBe('free');
  });

  it('stops a register import job at shutdown: rolled back, released for the next start, no error logged', async () => {
    const account = await makeAccount(database.db, organization.id, { kind: 'staff', roles: ['clerk'] });
    const now = new Date('2026-05-04T10:00:00Z');
    const file = registerCsv(3000);
    const staged = await stageUpload(database.db, {
      organizationId: organization.id,
      accountId: account.id,
      fileName: 'rejestr.csv',
      stream: (async function* () {
        yield file;
      })(),
      truncated: () => false,
      maxBytes: 10 * 1024 * 1024,
      now,
    });
    if (!staged.ok) throw new Error('upload refused');
    const id = staged.item.id;
    const log = recordingLog();
    const controller = new AbortController();
    let clockReads = 0;
    // The first read claims the job; the next ones come with its progress, once it is reading.
    const clock = () => {
      if (++clockReads === 2) controller.abort();
      return now;
    };
    // The job is taken, begun, and given back when the signal aborts; no other is taken after it.
    expect(
      await runRegisterImportJobs(database.db, {
        maxBytes: 10 * 1024 * 1024,
        log,
        clock,
        signal: controller.signal,
      }),
    ).toBe(1);
    const [row] = await database.db.select().from(registerImports).where(eq(registerImports.id, id));
    expect(row?.status).toBe('checking');
    expect(row?.lockedUntil?.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(log.lines.map((line) => line.message)).toContain(
      'register import job interrupted by shutdown; released for the next start',
    );
    // The next start takes it up at once and finishes it.
    const later = new Date(now.getTime() + 1000);
    expect(await runRegisterImportJobs(database.db, { maxBytes: 10 * 1024 * 1024, log, clock: () => later })).toBe(1);
    const [done] = await database.db.select().from(registerImports).where(eq(registerImports.id, id));
    expect(done?.status).toBe('previewed');
  });

  describe('the mail worker', () => {
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      smtp = await startTestSmtpServer();
    });
    afterAll(async () => {
      await smtp.close();
    });

    it('claims nothing more once stopping, finishes what it is sending and releases the rest', async () => {
      const now = new Date('2026-05-04T10:00:00Z');
      const mail = renderMail(organization, { subject: 'Zawiadomienie', paragraphs: ['Treść.'] });
      await enqueueMails(
        database.db,
        Array.from({ length: 30 }, (_, i) => ({
          organization,
          from: senderFor(organization, undefined),
          to: `osoba${i}@example.com`,
          purpose: 'test',
          now,
          mail,
        })),
      );
      const transport = createTransport(smtp.url);
      const controller = new AbortController();
      const log = recordingLog();
      let sends = 0;
      const counting = new Proxy(transport, {
        get(target, property) {
          if (property !== 'sendMail') return Reflect.get(target, property, target);
          return async (message: object) => {
            // Stop after the first message has been handed over.
            if (++sends === 1) controller.abort();
            return target.sendMail(message);
          };
        },
      });
      const attempted = await drainOutbox({
        db: database.db,
        transport: counting,
        log,
        clock: () => now,
        batchSize: 5,
        signal: controller.signal,
      });
      transport.close();
      expect(attempted).toBeGreaterThanOrEqual(1);
      expect(attempted).toBeLessThanOrEqual(5);
      const statuses = await queryRows<{ status: string; attempts: number; locked: boolean; n: number }>(
        database.db,
        sql`select status, attempts, locked_until is not null as locked, count(*)::int as n from ${outboxMessages}
            group by 1, 2, 3 order by 1`,
      );
      // Every message begun was sent; the others wait unlocked, their claim not counted as an attempt.
      expect(statuses).toEqual([
        { status: 'pending', attempts: 0, locked: false, n: 30 - attempted },
        { status: 'sent', attempts: 1, locked: false, n: attempted },
      ]);
      expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    });
  });

  it('stops polling: the pass under way is told and waited for, and no failure is logged for it', async () => {
    const log = recordingLog();
    let seen: AbortSignal | undefined;
    const polling = startPolling({
      intervalMs: 1,
      log,
      failureMessage: 'pass failed',
      pass: async (signal) => {
        seen = signal;
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        throw new InterruptedError();
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await polling.stop();
    expect(seen?.aborted).toBe(true);
    expect(log.lines.map((line) => line.level)).toEqual(['info']);
  });

  it('stops the maintenance job after the run under way, never during it', async () => {
    const maintenance = startMaintenance({ db: database.db, log: recordingLog() });
    await maintenance.stop();
    // Stopped means stopped: closing the database now leaves nothing running against it.
    const second = startMaintenance({ db: database.db, log: recordingLog() });
    await second.stop();
  });
});
