/**
 * Failover of PostgreSQL under load (issue 21, part 6). A pg_auto_failover cluster on loopback
 * (bench/lib/auto-failover.ts: a monitor, a primary and a synchronous standby) serves the built
 * server (`node dist/main.js`, the demo loaded) through a multi-host DATABASE_URL with
 * target_session_attrs=read-write. While members sign in over and over (each sign-in a write: a
 * session and an audit row), a letter goes out by e-mail to BENCH_FAILOVER_MAILS (2,000) persons
 * through the server's mail worker to a counting SMTP server in this process, and `cli.js
 * import-payments` books BENCH_FAILOVER_PAYMENTS (50,000) payments in one transaction, the
 * primary's postmaster gets SIGKILL. pg_auto_failover promotes the standby; the server and the
 * CLI find it by themselves.
 *
 * Figures:
 * - `failover.recovery_seconds`: from the kill until a member signs in and is served the signed-in
 *   page again (a whole round started after the kill: form, sign-in POST, dashboard); goal < 30.
 * - `failover.lost_writes`: writes the app acknowledged that are missing afterwards: sign-ins
 *   answered 303 whose session or `signin.success` audit row is gone, and payments of an import
 *   the CLI reported done that are not in the ledger; goal 0.
 * - `failover.doubled_entries`: ledger entries of the import booked more than once; goal 0.
 * - `failover.lost_mails`: e-mails of the letter the SMTP server never received; goal 0.
 * - `failover.duplicated_mails` (messages received twice: the design's crash window) and
 *   `failover.slowest_answer_seconds` (the longest any request waited during the switch: no hang).
 *
 * The kill comes once the import's transaction is open and the first e-mails have arrived. Needs
 * pg_autoctl (Debian: postgresql-15-auto-failover); as root, PostgreSQL runs as `postgres`.
 * Everything started here is stopped, and the temporary directory removed, in bounded time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Cluster, describeStates, startCluster } from '../lib/auto-failover.ts';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot, type Server, startServer, waitForStatus } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { type SignInLoops, startSignIns } from '../lib/sign-in-loops.ts';
import {
  type CountingSmtp,
  deliveryStates,
  draftTo,
  letterMessageIds,
  MAIL_FROM,
  type Modules,
  prepareRecipients,
  sendContext,
  startCountingSmtp,
} from './mailing.ts';

type ClientModule = typeof import('../../src/db/client.ts');
type OrganizationsModule = typeof import('../../src/features/organizations/create-organization.ts');
type Db = import('../../src/db/client.ts').Db;
type Database = import('../../src/db/client.ts').Database;

const dist = (path: string) => import(join(projectRoot, 'dist', path));

const RECOVERY_GOAL_SECONDS = 30;

export const failover: Benchmark = {
  name: 'failover',
  description:
    'SIGKILL of the primary (pg_auto_failover) during sign-ins, a mailing and a payments import: ' +
    'recovery s, lost/doubled writes, lost mails (needs pg_autoctl)',
  async run() {
    const mails = Math.round(positiveNumber(process.env, 'BENCH_FAILOVER_MAILS', 2000));
    const payments = Math.round(positiveNumber(process.env, 'BENCH_FAILOVER_PAYMENTS', 50_000));
    const concurrency = Math.round(positiveNumber(process.env, 'BENCH_FAILOVER_SIGNINS', 3));
    const cluster = await startCluster();
    let smtp: CountingSmtp | undefined;
    let server: Server | undefined;
    let database: Database | undefined;
    let importer: Importer | undefined;
    let signIns: SignInLoops | undefined;
    const workDir = await mkdtemp(join(tmpdir(), 'osiedle-failover-data-'));
    // On an abrupt exit (Ctrl-C), the import's process and the file go too (the cluster has its own hook).
    const killImporter = () => {
      importer?.kill();
      rmSync(workDir, { recursive: true, force: true });
    };
    process.once('exit', killImporter);
    try {
      smtp = await startCountingSmtp();
      const logs = { warn: 0, error: 0, shown: 0 };
      server = await startServer({
        databaseUrl: cluster.url(),
        env: {
          SMTP_URL: smtp.url,
          MAIL_FROM,
          // A message stranded `sending` by the switch goes out again after a minute, within the run
          // (the default, 5 minutes, would only make the run longer).
          MAIL_LOCK_SECONDS: '60',
          TRUST_PROXY: 'true',
          LOG_LEVEL: 'warn',
        },
        onStdoutLine: (line) => countLogLine(line, logs, server?.pid),
      });
      const started = performance.now();
      await waitForStatus(server, '/readyz', { timeoutMs: 300_000, intervalMs: 250 });
      progress(`failover: server ready (demo loaded) in ${round((performance.now() - started) / 1000, 1)} s`);

      const { openDatabase } = (await dist('db/client.js')) as ClientModule;
      database = await openDatabase({ url: cluster.url({ application_name: 'osiedle-bench' }), poolSize: 4 });
      const db = database.db;
      const m: Modules = {
        letters: await dist('features/correspondence/letter-commands.js'),
        sending: await dist('features/correspondence/sending.js'),
        correspondence: await dist('features/correspondence/schema.js'),
        outbox: await dist('features/outbox/schema.js'),
        drizzle: await dist('vendor/drizzle-orm/index.js'),
      };
      const { sql } = m.drizzle;

      // The mailing: its own organization (the demo's stays the site's), persons with consents.
      const { createOrganization } = (await dist(
        'features/organizations/create-organization.js',
      )) as OrganizationsModule;
      const mailingOrganization = await createOrganization({
        db,
        input: {
          slug: 'bench-failover',
          name: 'Spółdzielnia Mieszkaniowa „Przełączenie”',
          shortName: 'SM Przełączenie',
          street: 'ul. Zapasowa 2',
          postcode: '40-002',
          city: 'Katowice',
        },
      });
      const personIds = await prepareRecipients(db, mailingOrganization, mails, m);
      const letter = await draftTo(m, db, mailingOrganization, 'Zebranie (w trakcie przełączenia)', personIds);

      // The payments file: one payment per row for the demo's units, each with its own reference.
      const demo = await rowsOf<{ id: number; slug: string }>(
        db,
        sql`select id::int, slug from organizations order by id limit 1`,
      );
      const demoOrganization = demo[0];
      if (!demoOrganization) throw new Error('no demo organization');
      const units = await rowsOf<{ key: string }>(
        db,
        sql`select external_key as key from units where organization_id = ${demoOrganization.id} and external_key is not null`,
      );
      if (units.length === 0) throw new Error('the demo has no units with a code');
      const run = randomBytes(3).toString('hex');
      const references = Array.from({ length: payments }, (_, i) => `FO-${run}-${i}`);
      const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const csv = [
        'lokal;data;kwota;referencja;opis',
        ...references.map(
          (reference, i) =>
            `${units[i % units.length]?.key};${day};${(100 + (i % 400)).toString()},${String(i % 100).padStart(2, '0')};${reference};Wpłata ${reference}`,
        ),
      ].join('\n');
      const csvPath = join(workDir, 'wplaty.csv');
      await writeFile(csvPath, csv);

      // Load: sign-ins, then the letter, then the import; the kill once the import writes.
      signIns = startSignIns(server.url, concurrency);
      await signIns.firstRound();
      await sleep(2000);
      const sendStarted = performance.now();
      const sent = await m.sending.sendLetter(db, { ...sendContext(mailingOrganization), letterId: letter.id });
      progress(
        `failover: letter to ${sent.email} persons by e-mail queued in ${round((performance.now() - sendStarted) / 1000, 1)} s; ` +
          `import of ${payments.toLocaleString('en')} payments starting`,
      );
      importer = startImport(cluster, csvPath, demoOrganization.slug);

      const primary = await cluster.primary();
      if (!primary) throw new Error('no primary before the kill');
      await waitForImportTransaction(cluster, primary.port, importer, () => (smtp?.total ?? 0) > 0);
      const mailsAtKill = smtp.total;
      const killedAt = performance.now();
      signIns.killedAt = killedAt;
      const pid = cluster.killPostgres(primary);
      progress(
        `failover: SIGKILL to the postmaster of ${primary.name} (pid ${pid}) with the import's transaction open, ` +
          `${mailsAtKill}/${sent.email} e-mails received, ${signIns.acknowledged.length} sign-ins so far`,
      );
      const killedAtClock = new Date();
      const promoted = await cluster.waitFor(
        'promoted standby',
        (states) => states.some((s) => s.port !== primary.port && /primary/.test(s.reported)),
        120_000,
      );
      progress(
        `failover: pg_auto_failover promoted the standby after ${round((performance.now() - killedAt) / 1000, 1)} s ` +
          `(${describeStates(promoted)})`,
      );
      const promotedAt = performance.now();
      const recoveredAt = await signIns.recovered(120_000);
      const recoverySeconds = (recoveredAt - killedAt) / 1000;
      progress(
        `failover: a member signed in and was served the signed-in page ${round(recoverySeconds, 2)} s after the kill`,
      );
      // A little more load on the new primary, then everything settles.
      await sleep(3000);
      await signIns.stop();
      const imported = await importer.done(300_000);
      const mailing = await waitForMailing(m, db, letter.id, sent.email, 300_000);

      // What the new primary holds.
      const addresses = signIns.acknowledged;
      const present = await rowsOf<{ ip: string }>(
        db,
        sql`select s.ip from sessions s
             where s.ip = any(${sql.param(addresses)}::text[])
               and exists (select 1 from audit_log a where a.action = 'signin.success' and a.ip = s.ip)`,
      );
      const lostSignIns = addresses.length - new Set(present.map((r) => r.ip)).size;
      // A payment is its unit, value date, amount and description (which names its reference):
      // entries beyond one per payment are doubled, whatever their source_ref.
      const booked = await rowsOf<{ entries: number; refs: number; payments: number }>(
        db,
        sql`select count(*)::int as entries, count(distinct source_ref)::int as refs,
                   count(distinct (unit_id, value_date, amount, description))::int as payments
              from ledger_entries
             where organization_id = ${demoOrganization.id} and description like ${`Wpłata FO-${run}-%`}`,
      );
      const ledger = booked[0] ?? { entries: 0, refs: 0, payments: 0 };
      const lostPayments = imported.ok ? payments - ledger.payments : 0;
      const doubled = ledger.entries - ledger.payments;
      const ids = await letterMessageIds(m, db, letter.id);
      const lostMails = ids.filter((id) => !smtp?.received.has(id)).length;
      const duplicatedMails = ids.filter((id) => (smtp?.received.get(id) ?? 0) > 1).length;
      const switchStats = signIns.duringSwitch(recoveredAt);

      progress(
        `failover: sign-ins: ${addresses.length} acknowledged (303), ${lostSignIns} of them missing afterwards; ` +
          `${switchStats.failed} requests failed during the switch (statuses ${JSON.stringify(switchStats.statuses)}), ` +
          `slowest answer ${round(switchStats.slowestMs / 1000, 2)} s`,
      );
      progress(
        `failover: import: ${imported.ok ? 'done' : 'FAILED'} in ${round(imported.seconds, 1)} s (exit ${imported.code}): ` +
          `${imported.summary}; ledger holds ${ledger.refs} of ${payments} references, ${ledger.entries} entries`,
      );
      progress(
        `failover: mailing: deliveries ${JSON.stringify(mailing.states)} in ${round(mailing.seconds, 1)} s; ` +
          `${smtp.total} messages received, ${lostMails} lost, ${duplicatedMails} received more than once`,
      );
      progress(`failover: server log during the run: ${logs.error} error lines, ${logs.warn} warnings`);
      progress(
        `failover: of the ${round(recoverySeconds, 2)} s, pg_auto_failover took ${round((promotedAt - killedAt) / 1000, 2)} s ` +
          `to promote the standby, the app ${round((recoveredAt - promotedAt) / 1000, 2)} s more to serve; monitor events:`,
      );
      for (const event of await cluster.eventsSince(killedAtClock)) {
        progress(
          `  +${round((event.at.getTime() - killedAtClock.getTime()) / 1000, 1)} s ${event.node}: ${event.description}`,
        );
      }
      progress(
        `failover: recovery ${round(recoverySeconds, 2)} s (goal < ${RECOVERY_GOAL_SECONDS}: ` +
          `${recoverySeconds < RECOVERY_GOAL_SECONDS ? 'met' : 'MISSED'})`,
      );

      report({ name: 'failover.recovery_seconds', value: recoverySeconds, unit: 's' });
      report({ name: 'failover.lost_writes', value: lostSignIns + lostPayments, unit: 'writes' });
      report({ name: 'failover.doubled_entries', value: doubled, unit: 'entries' });
      report({ name: 'failover.lost_mails', value: lostMails, unit: 'messages' });
      report({ name: 'failover.duplicated_mails', value: duplicatedMails, unit: 'messages' });
      report({ name: 'failover.slowest_answer_seconds', value: switchStats.slowestMs / 1000, unit: 's' });
      if (!imported.ok) throw new Error(`the payments import did not survive the failover: ${imported.summary}`);
      if (mailsAtKill === 0 || mailsAtKill >= sent.email) {
        progress(`failover: note: the mailing was not under way at the kill (${mailsAtKill}/${sent.email} received)`);
      }
    } finally {
      await signIns?.stop();
      importer?.kill();
      await server?.stop();
      await database?.close().catch(() => {});
      await smtp?.close();
      await cluster.stop();
      await rm(workDir, { recursive: true, force: true });
      process.removeListener('exit', killImporter);
    }
  },
};

async function rowsOf<T>(db: Db, query: unknown): Promise<T[]> {
  const result = (await db.execute(query as never)) as unknown as { rows: T[] };
  return result.rows;
}

/** pino JSON lines of the server: counted by level; errors shown (a few). */
function countLogLine(line: string, logs: { warn: number; error: number; shown: number }, pid: number | undefined) {
  let level = 0;
  try {
    level = Number((JSON.parse(line) as { level?: number }).level ?? 0);
  } catch {
    progress(`  [server ${pid}] ${line}`);
    return;
  }
  if (level >= 50) {
    logs.error++;
    if (logs.shown++ < 10) progress(`  [server ${pid}] ${line.slice(0, 400)}`);
  } else if (level >= 40) logs.warn++;
}

interface Importer {
  child: ChildProcess;
  done(timeoutMs: number): Promise<{ ok: boolean; code: number | null; seconds: number; summary: string }>;
  kill(): void;
}

/** `node dist/cli.js import-payments FILE --org SLUG` against the cluster, as an operator runs it. */
function startImport(cluster: Cluster, csvPath: string, slug: string): Importer {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/cli.js', 'import-payments', csvPath, '--org', slug], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: cluster.url({ application_name: 'osiedle-import' }),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return {
    child,
    async done(timeoutMs) {
      const code = await Promise.race([
        exited,
        sleep(timeoutMs, undefined, { ref: false }).then(() => 'timeout' as const),
      ]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        return { ok: false, code: null, seconds: timeoutMs / 1000, summary: `no end within ${timeoutMs / 1000} s` };
      }
      const lines = output.trim().split('\n');
      const retries = lines.filter((line) => /ponawiam/.test(line)).length;
      const summary = `${retries ? `${retries} retry notices; ` : ''}${lines.slice(-1).join(' ').slice(0, 300)}`;
      return { ok: code === 0, code, seconds: (performance.now() - started) / 1000, summary };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Waits until the CLI's import transaction is open on the primary and writing payments, and
 * `also` holds (the first e-mails have arrived).
 */
async function waitForImportTransaction(
  cluster: Cluster,
  port: number,
  importer: Importer,
  also: () => boolean,
): Promise<void> {
  const pg = (await import('pg')).default;
  const deadline = Date.now() + 180_000;
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'osiedle' });
  client.on('error', () => {});
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where application_name = 'osiedle-import' and xact_start is not null
            and (backend_xid is not null or query ilike '%insert into ledger_entries%')`,
      );
      if ((rows[0]?.n ?? 0) > 0 && also()) return;
      if (importer.child.exitCode !== null) {
        const { summary } = await importer.done(0);
        throw new Error(`the import ended before the kill: ${summary}`);
      }
      if (Date.now() > deadline)
        throw new Error(`the import's transaction was not seen within 180 s (${cluster.url()})`);
      await sleep(20);
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Waits until no delivery of the letter is queued and none of its e-mails is pending or sending. */
async function waitForMailing(m: Modules, db: Db, letterId: number, expected: number, timeoutMs: number) {
  const { sql } = m.drizzle;
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const open = await rowsOf<{ n: number }>(
        db,
        sql`select count(*)::int as n from correspondence_deliveries d
              join outbox_messages o on o.id = d.outbox_message_id
             where d.letter_id = ${letterId} and (d.state = 'queued' or o.status in ('pending', 'sending'))`,
      );
      const states = await deliveryStates(m, db, letterId);
      const total = Object.values(states).reduce((sum, n) => sum + n, 0);
      if (total >= expected && open[0]?.n === 0) return { states, seconds: (performance.now() - started) / 1000 };
      if (Date.now() > deadline)
        throw new Error(`mailing: still open after ${timeoutMs / 1000} s: ${JSON.stringify(states)}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(250);
  }
}
