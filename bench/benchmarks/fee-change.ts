/**
 * A fee change for a whole organization (issue 16): BENCH_FEE_UNITS units (default 10,000, the
 * demo's register generator), every holder with a confirmed e-mail consent, a local SMTP server
 * (the mailing benchmark's counting server, in this process).
 *
 * - `fees.plan_preview_seconds`: `previewPlan` of a plan raising an own-cost component
 *   (eksploatacja) and a media one (woda) for all units: old and new amounts, totals.
 * - `fees.notices_vs_plain_letters`: personalised notices (`sendPlan`: each holder's own figures,
 *   each e-mail with its own PDF, the plan's rates into the ledger) timed from sending to the last
 *   message handed to the SMTP server by the outbox worker, in messages/s; against the same letter
 *   without fields (the notice's text with one holder's figures written in) sent the same way to
 *   the same holders and units: each e-mail still carries its holder's PDF, addressed to them.
 *   Goal ≥ 0.8: what the fields cost.
 * - `fees.notices_vs_circular`: the notices against an ordinary circular to the same persons with
 *   one PDF for all, for scale: what a PDF per holder costs.
 * - `fees.charge_run_seconds`: the charge run of the plan's month (settling the notices' holds
 *   first, as the charge-run page does); baseline: the charge run of the month before it.
 *
 * PostgreSQL when DATABASE_URL is set (its own database, dropped at the end), else PGlite in a
 * temporary directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Benchmark } from '../lib/benchmark.ts';
import { progress, report, round } from '../lib/report.ts';
import { projectRoot } from '../lib/server.ts';
import { positiveNumber } from '../lib/settings.ts';
import { deliveryStates, letterMessageIds, MAIL_FROM, type Modules, startCountingSmtp } from './mailing.ts';

type Db = import('../../src/db/client.ts').Db;
type Organization = import('../../src/features/organizations/queries.ts').Organization;

const dist = (path: string) => import(join(projectRoot, 'dist', path));
const goal = 0.8;
const silent = { info() {}, warn() {}, error() {} };

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const actorOf = (organization: Organization) => ({
  organizationId: organization.id,
  actorAccountId: null,
  actorLabel: 'bench',
});

export const feeChange: Benchmark = {
  name: 'fee-change',
  description: 'fee change plan for 10,000 units: preview, personalised notices vs a plain letter, charge run',
  async run(settings) {
    const count = Math.round(positiveNumber(process.env, 'BENCH_FEE_UNITS', 10_000));
    const url = settings.databaseUrl;
    const { openDatabase } = await dist('db/client.js');
    const { migrateDatabase } = await dist('db/migrate.js');
    const { createOrganization } = await dist('features/organizations/create-organization.js');
    const { generateRegister } = await dist('demo/generate-register.js');
    const { insertRegisterData } = await dist('features/units/bulk/write.js');
    const { persons } = await dist('features/units/schema.js');
    const { addFeeComponent, setFeeRate, runCharges } = await dist('features/ledger/fees.js');
    const { createPlan, previewPlan } = await dist('features/fee-changes/plans.js');
    const { sendPlan } = await dist('features/fee-changes/send-plan.js');
    const { settleNotices } = await dist('features/fee-changes/settle.js');
    const { addMonths } = await dist('features/fee-changes/rules/deadlines.js');
    const { printQueuePdf } = await dist('features/correspondence/print.js');
    const { sendPersonalLetter } = await dist('features/correspondence/personal/send.js');
    const { createTransport, drainOutbox } = await dist('mail/worker.js');
    const { warsawDate } = await dist('lib/warsaw-time.js');
    const m: Modules = {
      letters: await dist('features/correspondence/letter-commands.js'),
      sending: await dist('features/correspondence/sending.js'),
      correspondence: await dist('features/correspondence/schema.js'),
      outbox: await dist('features/outbox/schema.js'),
      drizzle: await dist('vendor/drizzle-orm/index.js'),
    };

    const smtp = await startCountingSmtp();
    let admin: pg.Client | undefined;
    let name: string | undefined;
    let dataDir: string | undefined;
    let databaseUrl: string | undefined;
    if (url) {
      name = `osiedle_bench_fees_${randomBytes(4).toString('hex')}`;
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      databaseUrl = withDatabase(url, name);
      progress(`fee-change: PostgreSQL, database ${name}`);
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'osiedle-bench-fees-'));
      progress(`fee-change: PGlite in ${dataDir} (set DATABASE_URL for PostgreSQL)`);
    }
    const database = await openDatabase(databaseUrl ? { url: databaseUrl, poolSize: 10 } : { dataDir: dataDir ?? '' });
    const db: Db = database.db;
    try {
      await migrateDatabase(database);
      const organization: Organization = await createOrganization({
        db,
        input: {
          slug: 'bench-fees',
          name: 'Spółdzielnia Mieszkaniowa „Benchmark”',
          shortName: 'SM Benchmark',
          street: 'ul. Testowa 1',
          postcode: '40-001',
          city: 'Katowice',
        },
      });
      const actor = actorOf(organization);
      let started = performance.now();
      await insertRegisterData(db, {
        organizationId: organization.id,
        data: generateRegister({ seed: 16, units: count }),
      });
      const people = await db
        .select({ id: persons.id })
        .from(persons)
        .where(m.drizzle.eq(persons.organizationId, organization.id));
      const now = new Date();
      for (let i = 0; i < people.length; i += 1000) {
        await db.insert(m.correspondence.consents).values(
          people.slice(i, i + 1000).map((row: { id: number }) => ({
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
      const own = await addFeeComponent(db, {
        actor,
        input: { code: 'EKSPL', name: 'Eksploatacja', basis: 'per_m2' },
      });
      const media = await addFeeComponent(db, {
        actor,
        input: { code: 'WODA', name: 'Zimna woda (zaliczka)', basis: 'per_person', costKind: 'independent' },
      });
      await setFeeRate(db, { actor, input: { componentId: own.id, rate: 3_1200, effectiveFrom: '2020-01-01' } });
      await setFeeRate(db, { actor, input: { componentId: media.id, rate: 38_5000, effectiveFrom: '2020-01-01' } });
      progress(
        `fee-change: ${count} units, ${people.length} persons with consents, components in ${round((performance.now() - started) / 1000, 1)} s`,
      );

      const today = warsawDate(now);
      const month = addMonths(today.slice(0, 7), 4);
      const plan = await createPlan(db, {
        actor,
        organization,
        now,
        form: {
          miesiac: month,
          zakres: 'all',
          budynki: [],
          lokale: '',
          uzasadnienie:
            'Wzrost kosztów utrzymania nieruchomości (sprzątanie, energia w częściach wspólnych) i nowa taryfa wodociągów.',
          [`stawka_${own.id}`]: '3,4500',
          [`stawka_${media.id}`]: '41,2000',
        },
      });
      started = performance.now();
      const preview = await previewPlan(db, { organization, planId: plan.id, now });
      const previewSeconds = (performance.now() - started) / 1000;
      progress(
        `fee-change: preview of ${preview.units.length} units in ${round(previewSeconds, 2)} s (more: ${preview.totals.more}, difference ${preview.totals.difference} gr/month)`,
      );
      report({ name: 'fees.plan_preview_seconds', value: previewSeconds, unit: 's' });

      // The personalised notices: sendPlan, then the outbox worker until every message is handed over.
      smtp.reset();
      started = performance.now();
      const sent = await sendPlan(db, {
        actor,
        organization,
        planId: plan.id,
        now,
        mailFrom: MAIL_FROM,
        baseUrl: 'http://bench.osiedle.local',
      });
      const sendSeconds = (performance.now() - started) / 1000;
      let transport = createTransport(smtp.url);
      await drainOutbox({ db, transport, log: silent });
      transport.close();
      const noticeSeconds = (performance.now() - started) / 1000;
      const { feePlans } = await dist('features/fee-changes/schema.js');
      const [sentPlan] = await db.select().from(feePlans).where(m.drizzle.eq(feePlans.id, plan.id));
      if (!sentPlan?.letterId) throw new Error('the plan was not sent');
      const noticeIds = await letterMessageIds(m, db, sentPlan.letterId);
      const states = await deliveryStates(m, db, sentPlan.letterId);
      if (smtp.total !== sent.email || noticeIds.length !== sent.email)
        throw new Error(`notices: ${sent.email} e-mails, ${smtp.total} received, deliveries ${JSON.stringify(states)}`);
      const noticeRate = sent.email / noticeSeconds;
      progress(
        `fee-change: ${sent.email} e-mail notices (+${sent.paper} paper, ${sent.skipped} skipped): sendPlan ${round(sendSeconds, 1)} s, all handed to SMTP ${round(noticeSeconds, 1)} s: ${round(noticeRate, 0)} msgs/s`,
      );

      // The same letter without fields: the first notice's figures written in, one PDF for all.
      const [sample] = await db
        .select()
        .from(m.correspondence.deliveries)
        .where(m.drizzle.eq(m.correspondence.deliveries.letterId, sentPlan.letterId))
        .limit(1);
      const [noticeLetter] = await db
        .select()
        .from(m.correspondence.letters)
        .where(m.drizzle.eq(m.correspondence.letters.id, sentPlan.letterId));
      if (!noticeLetter) throw new Error('no notice letter');
      const fields = (sample?.fields ?? {}) as Record<string, { text?: string }>;
      const body = String(noticeLetter.bodyMarkdown).replace(
        /\{\{(\w+)\}\}/g,
        (_: string, key: string) => fields[key]?.text ?? '',
      );
      const recipients = [
        ...new Set(
          (
            await db
              .select({ personId: m.correspondence.deliveries.personId })
              .from(m.correspondence.deliveries)
              .where(m.drizzle.eq(m.correspondence.deliveries.letterId, sentPlan.letterId))
          ).map((r: { personId: number }) => r.personId),
        ),
      ];
      const pairs = await db
        .select({ personId: m.correspondence.deliveries.personId, unitId: m.correspondence.deliveries.unitId })
        .from(m.correspondence.deliveries)
        .where(m.drizzle.eq(m.correspondence.deliveries.letterId, sentPlan.letterId));
      smtp.reset();
      started = performance.now();
      const same = await sendPersonalLetter(db, {
        key: 'bench:same-letter-without-fields',
        organization,
        actor,
        now,
        mailFrom: MAIL_FROM,
        baseUrl: 'http://bench.osiedle.local',
        attachPdf: true,
        purpose: 'fees.notice',
        subject: `${noticeLetter.subject} (bez pól)`,
        bodyMarkdown: body,
        recipients: pairs.map((p: { personId: number; unitId: number | null }) => ({
          personId: p.personId,
          unitId: p.unitId ?? 0,
        })),
      });
      transport = createTransport(smtp.url);
      await drainOutbox({ db, transport, log: silent });
      transport.close();
      const sameSeconds = (performance.now() - started) / 1000;
      if (smtp.total !== same.email) throw new Error(`same letter: ${same.email} e-mails, ${smtp.total} received`);
      const sameRate = same.email / sameSeconds;
      progress(
        `fee-change: the same letter without fields (each holder's PDF): ${same.email} e-mails in ${round(sameSeconds, 1)} s: ${round(sameRate, 0)} msgs/s`,
      );
      report({ name: 'fees.notices_vs_plain_letters', value: noticeRate, unit: 'msgs/s', baseline: sameRate });
      const ratio = noticeRate / sameRate;
      progress(`fee-change: notices/plain = ${round(ratio, 3)} (goal ≥ ${goal}: ${ratio >= goal ? 'met' : 'MISSED'})`);

      // For scale: an ordinary circular to the same persons, one PDF attached to every e-mail.
      const plain = await m.letters.createLetter(db, {
        actor,
        mayPickRecipients: true,
        now,
        form: { subject: `${noticeLetter.subject} (okólnik)`, body, audience: 'persons' },
      });
      await m.letters.addRecipients(db, { organizationId: organization.id, letterId: plain.id, ids: recipients });
      const pdf = await printQueuePdf({
        organization,
        items: [
          {
            delivery: { recipientName: 'Szanowni Państwo', postalAddress: '', createdAt: now, fields: null },
            letter: { ...plain, bodyMarkdown: body },
          },
        ],
        attachments: new Map(),
      });
      await m.letters.addAttachment(db, {
        organizationId: organization.id,
        letterId: plain.id,
        upload: { fileName: 'zawiadomienie.pdf', data: pdf },
      });
      smtp.reset();
      started = performance.now();
      const plainSent = await m.sending.sendLetter(db, {
        organization,
        now,
        mailFrom: MAIL_FROM,
        baseUrl: 'http://bench.osiedle.local',
        actor,
        letterId: plain.id,
      });
      transport = createTransport(smtp.url);
      await drainOutbox({ db, transport, log: silent });
      transport.close();
      const plainSeconds = (performance.now() - started) / 1000;
      if (smtp.total !== plainSent.email)
        throw new Error(`circular: ${plainSent.email} e-mails, ${smtp.total} received`);
      const plainRate = plainSent.email / plainSeconds;
      progress(
        `fee-change: circular with one shared PDF: ${plainSent.email} e-mails in ${round(plainSeconds, 1)} s: ${round(plainRate, 0)} msgs/s`,
      );
      report({ name: 'fees.notices_vs_circular', value: noticeRate, unit: 'msgs/s', baseline: plainRate });

      // The charge runs: the month before the plan (baseline), then the plan's month.
      const before = addMonths(month, -1);
      started = performance.now();
      const baseRun = await runCharges(db, { actor, month: before, dueDay: 10, bookingDate: `${before}-01` });
      const baseSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      await settleNotices(db, { actor, organization });
      const run = await runCharges(db, { actor, month, dueDay: 10, bookingDate: `${month}-01` });
      const runSeconds = (performance.now() - started) / 1000;
      progress(
        `fee-change: charge run ${before}: ${baseRun.booked} charges in ${round(baseSeconds, 2)} s; ${month} (settle + run): ${run.booked} charges in ${round(runSeconds, 2)} s`,
      );
      report({ name: 'fees.charge_run_seconds', value: runSeconds, unit: 's', baseline: baseSeconds });
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
