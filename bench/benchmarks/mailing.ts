/**
 * A mailing of letters (issue 8, P4) to a local SMTP server (smtp-server, started in this
 * process), which counts messages and their Message-IDs without parsing bodies.
 *
 * Data: a generated register (the demo's generator) with BENCH_MAILING_COUNT (default 10,000)
 * persons who gave a confirmed consent, so every letter goes by e-mail.
 *
 * `mailing.vs_nodemailer`: one letter to those persons (audience: chosen persons), through the
 * product's path — `sendLetter` writes the deliveries and their outbox messages in one
 * transaction, the worker's `drainOutbox` sends them, a trigger marks each delivery sent — timed
 * from sending to the last delivery sent, in letters/s; against a bare nodemailer loop sending as
 * many messages of the same rendered letter with the same transport settings (pool of 4, 20 in
 * flight) to the same server in the same run. PostgreSQL when DATABASE_URL is set (its own
 * database, dropped at the end), else PGlite in a temporary directory.
 *
 * Crash run (PostgreSQL only; PGlite cannot be shared by two processes): a second letter to the
 * same persons is scheduled, and the whole server (`node dist/main.js` with SMTP_URL pointing at
 * the counting server, MAIL_LOCK_SECONDS=2) sends it: its dispatcher writes the deliveries, its
 * worker mails them. The server is killed with SIGKILL when a quarter, a half and three quarters
 * of the messages have arrived, and started again each time. Once every delivery is final,
 * `mailing.crash_lost` counts the letter's Message-IDs the server never received and
 * `mailing.crash_duplicated` those it received more than once (only messages accepted in the
 * instant before a kill, the design's crash window, may arrive twice, with the same Message-ID).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot, type Server, startServer } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';

type ClientModule = typeof import('../../src/db/client.ts');
type MigrateModule = typeof import('../../src/db/migrate.ts');
type OrganizationsModule = typeof import('../../src/features/organizations/create-organization.ts');
type GenerateModule = typeof import('../../src/demo/generate-register.ts');
type BulkModule = typeof import('../../src/features/units/bulk/write.ts');
type UnitsSchemaModule = typeof import('../../src/features/units/schema.ts');
type LetterCommandsModule = typeof import('../../src/features/correspondence/letter-commands.ts');
type SendingModule = typeof import('../../src/features/correspondence/sending.ts');
type CorrespondenceSchemaModule = typeof import('../../src/features/correspondence/schema.ts');
type OutboxSchemaModule = typeof import('../../src/mail/schema.ts');
type WorkerModule = typeof import('../../src/mail/worker.ts');
type WarsawTimeModule = typeof import('../../src/lib/warsaw-time.ts');
type DrizzleModule = typeof import('drizzle-orm');
type Db = import('../../src/db/client.ts').Db;
type Organization = import('../../src/features/organizations/queries.ts').Organization;

const dist = (path: string) => import(join(projectRoot, 'dist', path));

const goal = 0.7;
const KILLS = 3;
const MAIL_FROM = 'korespondencja@bench.osiedle.local';
const silent = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

interface CountingSmtp {
  url: string;
  /** Message-ID → times received. */
  received: Map<string, number>;
  total: number;
  reset(): void;
  close(): Promise<void>;
}

/** An SMTP server that accepts everything and counts Message-IDs from the header block only. */
async function startCountingSmtp(): Promise<CountingSmtp> {
  const state: CountingSmtp = {
    url: '',
    received: new Map(),
    total: 0,
    reset() {
      state.received = new Map();
      state.total = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // No reverse DNS per connection: it can stall the greeting where there is no resolver.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      let head = '';
      let messageId: string | undefined;
      let done = false;
      stream.on('data', (chunk: Buffer) => {
        if (done) return;
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0 || head.length > 64 * 1024) {
          done = true;
          messageId = /^Message-ID:\s*(<[^>\r\n]*>)/im.exec(head.slice(0, end >= 0 ? end : undefined))?.[1];
          head = '';
        }
      });
      stream.on('end', () => {
        const id = messageId ?? '(none)';
        state.received.set(id, (state.received.get(id) ?? 0) + 1);
        state.total++;
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}

/** The same messages as a letter's, sent by a bare nodemailer loop: messages/s. */
async function bareNodemailer(
  smtpUrl: string,
  count: number,
  mail: { subject: string; text: string; html: string },
): Promise<number> {
  // The same settings as createTransport in src/mail/worker.ts.
  const transport = nodemailer.createTransport(smtpUrl, { pool: true, maxConnections: 4 } as never);
  const started = performance.now();
  // At most 20 in flight, as the worker's batches (all 10,000 at once starve the pool's greetings).
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < count; i = next++) {
      await transport.sendMail({
        from: MAIL_FROM,
        to: `osoba${i}@example.com`,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<bare.${i}.${randomBytes(4).toString('hex')}@bench.osiedle.local>`,
      });
    }
  };
  await Promise.all(Array.from({ length: 20 }, loop));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return count / seconds;
}

interface Modules {
  letters: LetterCommandsModule;
  sending: SendingModule;
  correspondence: CorrespondenceSchemaModule;
  outbox: OutboxSchemaModule;
  drizzle: DrizzleModule;
}

/** A register with at least `count` persons, each with a confirmed consent; their ids. */
async function prepareRecipients(db: Db, organization: Organization, count: number, m: Modules): Promise<number[]> {
  const { generateRegister } = (await dist('demo/generate-register.js')) as GenerateModule;
  const { insertRegisterData } = (await dist('features/units/bulk/write.js')) as BulkModule;
  const { persons } = (await dist('features/units/schema.js')) as UnitsSchemaModule;
  const started = performance.now();
  // Units have one holder or more (co-owners, past holders), so `count` units give enough persons.
  await insertRegisterData(db, {
    organizationId: organization.id,
    data: generateRegister({ seed: 8, units: Math.max(60, count) }),
  });
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .where(m.drizzle.eq(persons.organizationId, organization.id))
    .orderBy(persons.id)
    .limit(count);
  if (rows.length < count) throw new Error(`the generated register has ${rows.length} persons, not ${count}`);
  const now = new Date();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(m.correspondence.consents).values(
      rows.slice(i, i + 1000).map((row) => ({
        organizationId: organization.id,
        personId: row.id,
        email: `osoba${row.id}@example.com`,
        method: 'online' as const,
        textVersion: 1,
        state: 'given' as const,
        recordedAt: now,
        recordedByLabel: 'bench',
        addressConfirmedAt: now,
      })),
    );
  }
  progress(
    `mailing: register and ${rows.length} confirmed consents in ${round((performance.now() - started) / 1000, 1)} s`,
  );
  return rows.map((r) => r.id);
}

/** A draft letter to the given persons. */
async function draftTo(m: Modules, db: Db, organization: Organization, subject: string, personIds: number[]) {
  const letter = await m.letters.createLetter(db, {
    actor: benchActor(organization),
    mayPickRecipients: true,
    now: new Date(),
    form: {
      subject,
      body: `Szanowni Państwo,\n\nzapraszamy na **zebranie** członków.\n\n- termin: 2 grudnia, godz. 18:00\n- miejsce: świetlica\n\nZarząd Spółdzielni`,
      audience: 'persons',
    },
  });
  await m.letters.addRecipients(db, { organizationId: organization.id, letterId: letter.id, ids: personIds });
  return letter;
}

/** The benchmark as the audit log names it (a system actor). */
const benchActor = (organization: Organization) => ({
  organizationId: organization.id,
  actorAccountId: null,
  actorLabel: 'bench',
});

const sendContext = (organization: Organization) => ({
  organization,
  now: new Date(),
  mailFrom: MAIL_FROM,
  baseUrl: 'http://bench.osiedle.local',
  actor: benchActor(organization),
});

/** Deliveries of a letter by state, e.g. `{ sent: 10000 }`. */
async function deliveryStates(m: Modules, db: Db, letterId: number): Promise<Record<string, number>> {
  const { deliveries } = m.correspondence;
  const rows = await db
    .select({ state: deliveries.state, n: m.drizzle.sql<number>`count(*)::int` })
    .from(deliveries)
    .where(m.drizzle.eq(deliveries.letterId, letterId))
    .groupBy(deliveries.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** The Message-IDs of a letter's e-mails, from its deliveries' outbox messages. */
async function letterMessageIds(m: Modules, db: Db, letterId: number): Promise<string[]> {
  const { deliveries } = m.correspondence;
  const { outboxMessages } = m.outbox;
  const rows = await db
    .select({ messageId: outboxMessages.messageId })
    .from(deliveries)
    .innerJoin(outboxMessages, m.drizzle.eq(outboxMessages.id, deliveries.outboxMessageId))
    .where(m.drizzle.eq(deliveries.letterId, letterId));
  return rows.map((r) => r.messageId);
}

async function crashRun(
  databaseUrl: string,
  smtp: CountingSmtp,
  db: Db,
  organization: Organization,
  personIds: number[],
  m: Modules,
): Promise<void> {
  const count = personIds.length;
  const { parseWarsawLocal, warsawLocalInput } = (await dist('lib/warsaw-time.js')) as WarsawTimeModule;
  const letter = await draftTo(m, db, organization, 'Zebranie (przebieg z awariami)', personIds);
  // Due now: the server's dispatcher sends it as soon as it starts.
  const at = new Date();
  await m.letters.scheduleLetter(db, {
    organizationId: organization.id,
    letterId: letter.id,
    at: parseWarsawLocal(warsawLocalInput(at)) ?? at,
    now: new Date(at.getTime() - 120_000),
  });
  smtp.reset();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const start = () =>
    startServer({
      databaseUrl,
      env: { SMTP_URL: smtp.url, MAIL_FROM, MAIL_LOCK_SECONDS: '2', LOAD_DEMO: 'false', LOG_LEVEL: 'error' },
    });
  let server: Server | undefined;
  const started = performance.now();
  try {
    server = await start();
    for (let kill = 1; kill <= KILLS; kill++) {
      const at = Math.round((count * kill) / (KILLS + 1));
      const deadline = Date.now() + 300_000;
      while (smtp.total < at) {
        if (Date.now() > deadline) throw new Error(`crash run: stuck at ${smtp.total}/${at} messages`);
        const exit = server.exit();
        if (exit) throw new Error(`crash run: the server exited by itself (${exit.code ?? exit.signal})`);
        await sleep(2);
      }
      process.kill(server.pid, 'SIGKILL');
      while (!server.exit()) await sleep(5);
      await server.stop();
      progress(`mailing: crash run: kill -9 ${kill}/${KILLS} of the server at ${smtp.total} messages; restarting`);
      server = await start();
    }
    const deadline = Date.now() + 300_000;
    for (;;) {
      const { rows } = await client.query<{ deliveries: string; open: string }>(
        `select count(*) as deliveries, count(*) filter (where state = 'queued') as open
           from correspondence_deliveries where letter_id = $1`,
        [letter.id],
      );
      if (Number(rows[0]?.deliveries) > 0 && Number(rows[0]?.open) === 0) break;
      if (Date.now() > deadline) throw new Error(`crash run: ${rows[0]?.open} deliveries still queued`);
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    const ids = await letterMessageIds(m, db, letter.id);
    const states = await deliveryStates(m, db, letter.id);
    const lost = ids.filter((id) => !smtp.received.has(id)).length;
    const duplicated = ids.filter((id) => (smtp.received.get(id) ?? 0) > 1).length;
    const extra = ids.reduce((sum, id) => sum + Math.max(0, (smtp.received.get(id) ?? 0) - 1), 0);
    progress(
      `mailing: crash run: ${count} letters, ${ids.length} e-mail deliveries (${Object.entries(states)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')}), ${smtp.total} messages received in ${round(seconds, 1)} s with ${KILLS} kills; ` +
        `${lost} lost, ${duplicated} Message-IDs received more than once (${extra} extra copies)`,
    );
    if (ids.length !== count) throw new Error(`crash run: ${ids.length} e-mail deliveries for ${count} letters`);
    report({ name: 'mailing.crash_lost', value: lost, unit: 'messages' });
    report({ name: 'mailing.crash_duplicated', value: duplicated, unit: 'messages' });
  } finally {
    await server?.stop();
    await client.end();
  }
}

export const mailing: Benchmark = {
  name: 'mailing',
  description: 'letters by e-mail (letters + deliveries + outbox) vs bare nodemailer; kill -9 of the server',
  async run(settings) {
    const count = Math.round(positiveNumber(process.env, 'BENCH_MAILING_COUNT', 10_000));
    const url = settings.databaseUrl;
    const { openDatabase } = (await dist('db/client.js')) as ClientModule;
    const { migrateDatabase } = (await dist('db/migrate.js')) as MigrateModule;
    const { createOrganization } = (await dist('features/organizations/create-organization.js')) as OrganizationsModule;
    const { createTransport, drainOutbox } = (await dist('mail/worker.js')) as WorkerModule;
    const m: Modules = {
      letters: (await dist('features/correspondence/letter-commands.js')) as LetterCommandsModule,
      sending: (await dist('features/correspondence/sending.js')) as SendingModule,
      correspondence: (await dist('features/correspondence/schema.js')) as CorrespondenceSchemaModule,
      outbox: (await dist('mail/schema.js')) as OutboxSchemaModule,
      drizzle: (await dist('vendor/drizzle-orm/index.js')) as DrizzleModule,
    };

    const smtp = await startCountingSmtp();
    let admin: pg.Client | undefined;
    let name: string | undefined;
    let dataDir: string | undefined;
    let databaseUrl: string | undefined;
    if (url) {
      name = `osiedle_bench_mailing_${randomBytes(4).toString('hex')}`;
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      databaseUrl = withDatabase(url, name);
      progress(`mailing: PostgreSQL, database ${name}`);
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'osiedle-bench-mailing-'));
      progress(`mailing: PGlite in ${dataDir} (set DATABASE_URL for PostgreSQL and the crash run)`);
    }
    const database = await openDatabase(databaseUrl ? { url: databaseUrl, poolSize: 10 } : { dataDir: dataDir ?? '' });
    const db = database.db;
    try {
      await migrateDatabase(database);
      const organization = await createOrganization({
        db,
        input: {
          slug: 'bench-mailing',
          name: 'Spółdzielnia Mieszkaniowa „Benchmark”',
          shortName: 'SM Benchmark',
          street: 'ul. Testowa 1',
          postcode: '40-001',
          city: 'Katowice',
        },
      });
      const personIds = await prepareRecipients(db, organization, count, m);

      // Warm-up of both paths (connections, JIT), not counted; its letter lends the bare loop
      // the rendered message, so both send the same bytes.
      const warm = await draftTo(m, db, organization, 'Zebranie (rozgrzewka)', personIds.slice(0, 200));
      await m.sending.sendLetter(db, { ...sendContext(organization), letterId: warm.id });
      const warmTransport = createTransport(smtp.url);
      await drainOutbox({ db, transport: warmTransport, log: silent });
      warmTransport.close();
      const [sample] = await db
        .select()
        .from(m.outbox.outboxMessages)
        .where(m.drizzle.eq(m.outbox.outboxMessages.purpose, 'correspondence.letter'))
        .limit(1);
      if (!sample) throw new Error('the warm-up letter wrote no e-mail');
      const rendered = { subject: sample.subject, text: sample.textBody, html: sample.htmlBody };
      await bareNodemailer(smtp.url, 200, rendered);

      smtp.reset();
      const bareRate = await bareNodemailer(smtp.url, count, rendered);
      if (smtp.total !== count) throw new Error(`bare nodemailer: ${smtp.total} of ${count} received`);
      progress(`mailing: bare nodemailer: ${count} messages, ${round(bareRate, 0)} msgs/s`);

      const letter = await draftTo(m, db, organization, 'Zebranie członków', personIds);
      smtp.reset();
      const started = performance.now();
      const sent = await m.sending.sendLetter(db, { ...sendContext(organization), letterId: letter.id });
      const sendSeconds = (performance.now() - started) / 1000;
      const transport = createTransport(smtp.url);
      await drainOutbox({ db, transport, log: silent });
      const seconds = (performance.now() - started) / 1000;
      transport.close();
      const ids = await letterMessageIds(m, db, letter.id);
      const states = await deliveryStates(m, db, letter.id);
      const notOnce = ids.filter((id) => smtp.received.get(id) !== 1).length;
      if (sent.email !== count || ids.length !== count || states.sent !== count || notOnce !== 0) {
        throw new Error(
          `letter: ${sent.email} e-mails of ${count}, deliveries ${JSON.stringify(states)}, ${notOnce} not received exactly once`,
        );
      }
      const rate = count / seconds;
      progress(
        `mailing: letter to ${count}: sendLetter (deliveries + outbox) ${round(sendSeconds, 2)} s, ` +
          `all sent ${round(seconds, 2)} s: ${round(rate, 0)} letters/s`,
      );
      report({ name: 'mailing.vs_nodemailer', value: rate, unit: 'msgs/s', baseline: bareRate });
      const ratio = rate / bareRate;
      progress(`mailing: letters/bare = ${round(ratio, 3)} (goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'MISSED'})`);

      if (databaseUrl) await crashRun(databaseUrl, smtp, db, organization, personIds, m);
      else progress('mailing: crash run SKIPPED: it needs DATABASE_URL (PGlite cannot be shared by two processes)');
    } finally {
      await database.close();
      await smtp.close();
      if (admin && name) {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  },
};
