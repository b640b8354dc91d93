/**
 * Mailing speed and crash safety of the outbox (issue 8, P4), against a local SMTP server
 * (smtp-server) started in this process, which counts messages and their Message-IDs without
 * parsing bodies.
 *
 * `mailing.vs_nodemailer`: BENCH_MAILING_COUNT (default 10,000) messages queued in bulk with
 * `enqueueMails`, then sent by the worker's `drainOutbox` (timed: the drain only) in messages/s,
 * against a bare nodemailer loop sending the same number of messages with the same transport
 * (`createTransport`: pooled, 4 connections). Uses PostgreSQL when DATABASE_URL is set (its own
 * database, dropped at the end), else PGlite in a temporary directory.
 *
 * Crash run (PostgreSQL only; PGlite cannot be shared by two processes): BENCH_MAILING_CRASH_COUNT
 * (default 3,000) messages are sent by a worker in a child process (bench/lib/mail-worker.ts, lock
 * 2 s), killed with SIGKILL three times during the mailing and restarted each time; once nothing is
 * pending or sending, `mailing.crash_lost` counts queued Message-IDs the server never received and
 * `mailing.crash_duplicated` the Message-IDs it received more than once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
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
import { projectRoot } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';

type ClientModule = typeof import('../../src/db/client.ts');
type MigrateModule = typeof import('../../src/db/migrate.ts');
type OrganizationsModule = typeof import('../../src/features/organizations/create-organization.ts');
type OutboxModule = typeof import('../../src/mail/outbox.ts');
type WorkerModule = typeof import('../../src/mail/worker.ts');
type Db = import('../../src/db/client.ts').Db;
type Organization = import('../../src/features/organizations/queries.ts').Organization;

const dist = (path: string) => import(join(projectRoot, 'dist', path));

const goal = 0.7;
const KILLS = 3;
const LOCK_MS = 2000;
const silent = { info() {}, warn() {}, error() {} };

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

function mails(organization: Organization, count: number, tag: string) {
  const now = new Date();
  const from = 'no-reply@bench.osiedle.local';
  return Array.from({ length: count }, (_, i) => ({
    organization,
    from,
    to: `osoba${i}@example.com`,
    purpose: 'letter',
    now,
    messageId: `<${tag}.${i}.${randomBytes(4).toString('hex')}@bench.osiedle.local>`,
    mail: {
      subject: `Zawiadomienie ${i}`,
      text: `Szanowni Państwo,\n\nzapraszamy na zebranie (${i}).\n`,
      html: `<p>Szanowni Państwo,</p><p>zapraszamy na zebranie (${i}).</p>`,
    },
  }));
}

async function enqueueAll(outbox: OutboxModule, db: Db, organization: Organization, count: number, tag: string) {
  const all = mails(organization, count, tag);
  for (let i = 0; i < all.length; i += 1000) await outbox.enqueueMails(db, all.slice(i, i + 1000));
  return all.map((m) => m.messageId);
}

async function bareNodemailer(smtpUrl: string, count: number): Promise<number> {
  // The same settings as createTransport in src/mail/worker.ts.
  const transport = nodemailer.createTransport(smtpUrl, { pool: true, maxConnections: 4 } as never);
  const messages = mails({ id: 0 } as Organization, count, 'bare');
  const started = performance.now();
  // At most 20 in flight, as the worker's batches (all 10,000 at once starve the pool's greetings).
  let next = 0;
  const loop = async () => {
    for (let m = messages[next++]; m; m = messages[next++]) {
      await transport.sendMail({
        from: m.from,
        to: m.to,
        subject: m.mail.subject,
        text: m.mail.text,
        html: m.mail.html,
        messageId: m.messageId,
      });
    }
  };
  await Promise.all(Array.from({ length: 20 }, loop));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return count / seconds;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function crashRun(
  url: string,
  smtp: CountingSmtp,
  db: Db,
  outbox: OutboxModule,
  organization: Organization,
): Promise<void> {
  const count = Math.round(positiveNumber(process.env, 'BENCH_MAILING_CRASH_COUNT', 3000));
  smtp.reset();
  const ids = await enqueueAll(outbox, db, organization, count, 'crash');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const children = new Set<ChildProcess>();
  const killChildren = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('exit', killChildren);
  const startWorker = () => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'bench', 'lib', 'mail-worker.ts'), url, smtp.url, String(LOCK_MS)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => children.delete(child));
    return { child, exited };
  };
  const started = performance.now();
  try {
    let worker = startWorker();
    for (let kill = 1; kill <= KILLS; kill++) {
      const at = Math.round((count * kill) / (KILLS + 1));
      const deadline = Date.now() + 120_000;
      while (smtp.total < at) {
        if (Date.now() > deadline) throw new Error(`crash run: stuck at ${smtp.total}/${at} messages`);
        if (worker.child.exitCode !== null) throw new Error(`crash run: worker exited (${worker.child.exitCode})`);
        await sleep(5);
      }
      worker.child.kill('SIGKILL');
      await worker.exited;
      progress(`mailing: crash run: kill -9 ${kill}/${KILLS} at ${smtp.total} messages received; restarting`);
      worker = startWorker();
    }
    const deadline = Date.now() + 300_000;
    for (;;) {
      const { rows } = await client.query<{ open: string }>(
        `select count(*) as open from outbox_messages where status in ('pending', 'sending')`,
      );
      if (Number(rows[0]?.open) === 0) break;
      if (Date.now() > deadline) throw new Error(`crash run: ${rows[0]?.open} messages still pending or sending`);
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    worker.child.kill('SIGTERM');
    await worker.exited;
    const { rows } = await client.query<{ status: string; n: string }>(
      'select status, count(*) as n from outbox_messages where message_id like $1 group by status',
      ['<crash.%'],
    );
    const lost = ids.filter((id) => !smtp.received.has(id)).length;
    const duplicated = ids.filter((id) => (smtp.received.get(id) ?? 0) > 1).length;
    const extra = ids.reduce((sum, id) => sum + Math.max(0, (smtp.received.get(id) ?? 0) - 1), 0);
    progress(
      `mailing: crash run: ${count} queued, ${smtp.total} received in ${round(seconds, 1)} s; outbox ${rows
        .map((r) => `${r.status} ${r.n}`)
        .join(', ')}; ${lost} lost, ${duplicated} Message-IDs received more than once (${extra} extra copies)`,
    );
    report({ name: 'mailing.crash_lost', value: lost, unit: 'messages' });
    report({ name: 'mailing.crash_duplicated', value: duplicated, unit: 'messages' });
  } finally {
    killChildren();
    process.off('exit', killChildren);
    await client.end();
  }
}

export const mailing: Benchmark = {
  name: 'mailing',
  description: 'outbox + worker vs bare nodemailer (msgs/s); kill -9 during a mailing: lost, duplicated',
  async run(settings) {
    const count = Math.round(positiveNumber(process.env, 'BENCH_MAILING_COUNT', 10_000));
    const url = settings.databaseUrl;
    const { openDatabase } = (await dist('db/client.js')) as ClientModule;
    const { migrateDatabase } = (await dist('db/migrate.js')) as MigrateModule;
    const { createOrganization } = (await dist('features/organizations/create-organization.js')) as OrganizationsModule;
    const outbox = (await dist('mail/outbox.js')) as OutboxModule;
    const { createTransport, drainOutbox } = (await dist('mail/worker.js')) as WorkerModule;

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
    try {
      await migrateDatabase(database);
      const organization = await createOrganization({
        db: database.db,
        input: {
          slug: 'bench-mailing',
          name: 'Spółdzielnia testowa',
          shortName: 'SM Test',
          street: 'ul. Testowa 1',
          postcode: '40-001',
          city: 'Katowice',
        },
      });

      // Warm-up of both paths (connections, JIT), not counted.
      await bareNodemailer(smtp.url, 200);
      await enqueueAll(outbox, database.db, organization, 200, 'warm');
      const warmTransport = createTransport(smtp.url);
      await drainOutbox({ db: database.db, transport: warmTransport, log: silent });
      warmTransport.close();

      smtp.reset();
      const bareRate = await bareNodemailer(smtp.url, count);
      if (smtp.total !== count) throw new Error(`bare nodemailer: ${smtp.total} of ${count} received`);
      progress(`mailing: bare nodemailer: ${count} messages, ${round(bareRate, 0)} msgs/s`);

      smtp.reset();
      const enqueueStarted = performance.now();
      const ids = await enqueueAll(outbox, database.db, organization, count, 'outbox');
      const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
      const transport = createTransport(smtp.url);
      const drainStarted = performance.now();
      const attempted = await drainOutbox({ db: database.db, transport, log: silent });
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      transport.close();
      const missing = ids.filter((id) => smtp.received.get(id) !== 1).length;
      if (attempted !== count || smtp.total !== count || missing !== 0) {
        throw new Error(
          `outbox: attempted ${attempted}, received ${smtp.total} of ${count}, ${missing} not exactly once`,
        );
      }
      const outboxRate = count / drainSeconds;
      progress(
        `mailing: outbox: enqueue ${count} in ${round(enqueueSeconds, 2)} s (${round(count / enqueueSeconds, 0)}/s, not timed in the figure), ` +
          `drain ${round(drainSeconds, 2)} s, ${round(outboxRate, 0)} msgs/s`,
      );
      report({ name: 'mailing.vs_nodemailer', value: outboxRate, unit: 'msgs/s', baseline: bareRate });
      const ratio = outboxRate / bareRate;
      progress(`mailing: outbox/bare = ${round(ratio, 3)} (goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'MISSED'})`);

      if (databaseUrl) await crashRun(databaseUrl, smtp, database.db, outbox, organization);
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
