import type { Database, Db } from '../db/client.ts';
import { loadAppSecrets } from '../features/accounts/app-secrets.ts';
import { systemActor } from '../features/audit/audit.ts';
import { createOrganization } from '../features/organizations/create-organization.ts';
import {
  countOrganizations,
  findOrganizationById,
  findOrganizationBySlug,
  type Organization,
  updateOrganizationSettings,
} from '../features/organizations/queries.ts';
import { addGazetteIssue } from '../features/site/gazette.ts';
import { insertNews } from '../features/site/queries.ts';
import { addSection, addSectionAttachment, sectionInput } from '../features/site/sections.ts';
import { addTenderDocument, createTender, tenderInput } from '../features/site/tenders.ts';
import { insertRegisterData } from '../features/units/bulk/write.ts';
import { storeFile } from '../files/store.ts';
import { warsawDate, warsawLocalInput } from '../lib/warsaw-time.ts';
import { createPdf, drawLetterhead, drawPageNumbers, drawText, drawTitle, pdfToBuffer } from '../pdf/pdf.ts';
import { createDemoMemberAccounts, createDemoStaffAccounts, demoPasswordHash } from './demo-accounts.ts';
import { loadCertificatesDemo } from './demo-certificates.ts';
import { demoNews, demoOrganization } from './demo-content.ts';
import { loadLedgerDemo } from './demo-ledger.ts';
import { addMediaReadingsDemo, loadMediaDemo } from './demo-media.ts';
import {
  demoGazette,
  demoOfficeHours,
  demoRegulations,
  demoSections,
  demoTenders,
  demoVisitorCountStart,
  moreDemoNews,
} from './demo-site-content.ts';
import { generateRegister } from './generate-register.ts';

/**
 * The demo register: 6 buildings (ul. Paderewskiego 65, 67, 69 and ul. Graniczna 12, 14, 16),
 * 300 units, their holders since before 2013, sales and persons-count changes; the three demo
 * members are DEMO-M1…M3 (demo/demo-members.ts), in Paderewskiego 65.
 */
export const demoRegisterOptions = { seed: 2026, units: 300, demoMembers: true } as const;

/** Advisory lock key that lets only one of several starting processes load the demo. */
const DEMO_LOCK_KEY = 0x05_1ed1f;

/** 9:00 in Warsaw on a calendar date (winter or summer time alike, close enough for a demo). */
function morningInWarsaw(date: string): Date {
  return new Date(`${date}T08:00:00Z`);
}

/** A small PDF with the organization's letterhead, for demo gazette issues and documents. */
async function demoPdf(organization: Organization, title: string, paragraphs: string[]): Promise<Buffer> {
  const doc = createPdf({ title, author: organization.name });
  drawLetterhead(doc, organization);
  drawTitle(doc, title);
  drawText(doc, paragraphs.join('\n\n'));
  drawPageNumbers(doc, title);
  return pdfToBuffer(doc);
}

async function loadSiteContent(db: Db, organization: Organization, now: Date): Promise<void> {
  const organizationId = organization.id;
  const actor = systemActor(organizationId, 'demo');
  await updateOrganizationSettings(db, organizationId, {
    officeHours: demoOfficeHours,
    visitorCountStart: demoVisitorCountStart,
  });
  const agenda = demoPdf(organization, 'Porządek obrad Walnego Zgromadzenia Członków 2026', [
    '1. Otwarcie zebrania i wybór prezydium.',
    '2. Sprawozdanie Zarządu z działalności Spółdzielni w 2025 roku.',
    '3. Sprawozdanie Rady Nadzorczej.',
    '4. Zatwierdzenie sprawozdania finansowego za 2025 rok i podział nadwyżki bilansowej.',
    '5. Udzielenie absolutorium członkom Zarządu.',
    '6. Wolne wnioski. (Dokument demonstracyjny.)',
  ]);
  for (const item of moreDemoNews) {
    const news = await insertNews(db, {
      organizationId,
      slug: item.slug,
      title: item.title,
      lead: item.lead,
      body: item.body,
      publishedAt: morningInWarsaw(item.date),
    });
    if (item.slug === 'walne-zgromadzenie-2026') {
      await storeFile(db, {
        organizationId,
        upload: {
          fileName: 'porzadek-obrad-2026.pdf',
          data: await agenda,
          title: 'Porządek obrad Walnego Zgromadzenia 2026',
        },
        owner: { newsId: news.id },
      });
    }
  }
  const bySlug = new Map<string, number>();
  for (const section of demoSections) {
    const row = await addSection(db, {
      actor,
      input: sectionInput.parse({ title: section.title, slug: section.slug, body: section.body, kind: section.kind }),
      now,
    });
    bySlug.set(section.slug, row.id);
    for (const child of section.children ?? []) {
      await addSection(db, { actor, input: sectionInput.parse({ ...child, parentId: row.id }), now });
    }
  }
  const [statute2024, statute2019, gazette1, gazette2] = await Promise.all([
    demoPdf(organization, 'Statut Spółdzielni — tekst jednolity', [
      '§ 1. Spółdzielnia nosi nazwę: Spółdzielnia Mieszkaniowa im. I. J. Paderewskiego w Katowicach.',
      '§ 2. Siedzibą Spółdzielni jest miasto Katowice.',
      '§ 3. Celem Spółdzielni jest zaspokajanie potrzeb mieszkaniowych i innych potrzeb Członków oraz ich rodzin.',
      '(Dokument demonstracyjny.)',
    ]),
    demoPdf(organization, 'Statut Spółdzielni — wersja z 2019 roku', [
      'Poprzednia wersja Statutu. (Dokument demonstracyjny.)',
    ]),
    ...demoGazette.map((issue) => demoPdf(organization, issue.title, issue.articles)),
  ]);
  const statuteId = bySlug.get('statut');
  if (statuteId) {
    await addSectionAttachment(db, {
      actor,
      sectionId: statuteId,
      upload: { fileName: 'statut-tekst-jednolity-2024.pdf', data: statute2024 as Buffer, title: 'Statut Spółdzielni' },
      version: 'tekst jednolity z 2024 r.',
      documentDate: '2024-07-01',
      now,
    });
    await addSectionAttachment(db, {
      actor,
      sectionId: statuteId,
      upload: {
        fileName: 'statut-2019.pdf',
        data: statute2019 as Buffer,
        title: 'Statut Spółdzielni (poprzednia wersja)',
      },
      version: 'wersja z 2019 r.',
      documentDate: '2019-06-25',
      now,
    });
  }
  const regulationsId = bySlug.get('przepisy');
  if (regulationsId) {
    const files = await Promise.all(
      demoRegulations.map((regulation) =>
        demoPdf(organization, regulation.title, [...regulation.paragraphs, '(Dokument demonstracyjny.)']),
      ),
    );
    for (const [index, regulation] of demoRegulations.entries()) {
      await addSectionAttachment(db, {
        actor,
        sectionId: regulationsId,
        upload: { fileName: regulation.fileName, data: files[index] as Buffer, title: regulation.title },
        version: regulation.version,
        documentDate: regulation.documentDate,
        now,
      });
    }
  }
  for (const [index, issue] of demoGazette.entries()) {
    await addGazetteIssue(db, {
      actor,
      input: { title: issue.title, issueDate: issue.issueDate },
      upload: { fileName: `gazetka-${issue.issueDate}.pdf`, data: (index === 0 ? gazette1 : gazette2) as Buffer },
      now,
    });
  }
}

/** The open tender's terms (a PDF with the letterhead). */
async function tenderTermsPdf(db: Db, organizationId: number): Promise<Buffer> {
  const organization = await findOrganizationById(db, { organizationId });
  if (!organization) throw new Error('the demo organization is gone');
  return demoPdf(organization, 'Specyfikacja istotnych warunków zamówienia', [
    'Przedmiot zamówienia: wymiana pionów wody zimnej i ciepłej wraz z podejściami w budynku przy ul. Paderewskiego 65.',
    'Termin realizacji: do 30 września. Okres gwarancji: co najmniej 36 miesięcy.',
    'Kryteria wyboru oferty: cena 80%, okres gwarancji 20%. (Dokument demonstracyjny.)',
  ]);
}

/** Tenders: one open (its deadline some days ahead of the day the demo is completed), one settled. */
async function loadDemoTenders(db: Db, organization: Organization, now: Date, terms: Promise<Buffer>): Promise<void> {
  const actor = systemActor(organization.id, 'demo');
  for (const tender of demoTenders) {
    const created = await createTender(db, {
      actor,
      input: tenderInput.parse({
        title: tender.title,
        description: tender.description,
        deadline: warsawLocalInput(new Date(now.getTime() + tender.deadlineDays * 86_400_000)).replace(
          /T\d\d:\d\d$/,
          'T12:00',
        ),
        result: tender.result ?? '',
      }),
      now,
    });
    if (!tender.result) {
      await addTenderDocument(db, {
        actor,
        tenderId: created.id,
        upload: {
          fileName: 'siwz-piony-wodne.pdf',
          data: await terms,
          title: 'Specyfikacja istotnych warunków zamówienia (SIWZ)',
        },
        now,
      });
    }
  }
}

/** With OSIEDLE_DEMO_TIMING set, says on stderr how long each part of the demo took. */
function demoTimer(): (name: string) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    if (process.env.OSIEDLE_DEMO_TIMING) console.error(`demo: ${name} in ${Math.round(now - last)} ms`);
    last = now;
  };
}

/** The demo organization's own setting: set while its data is made for an earlier day (the build's seed). */
interface DemoSettingKeys {
  /** The day the demo's ledger was made for; the first start completes the demo from there and clears it. */
  demoMadeFor?: string | null;
}

export interface DemoOptions {
  now?: Date;
  /** Tests: the ledger history only for the demo members' units and this many others (default all 300). */
  historyUnits?: number | undefined;
}

/**
 * The part of the demo that does not depend on the installation or on the day it is started:
 * the organization, its site (without tenders), the register and the ledger as of `now`. The
 * build keeps it in a PGlite seed (scripts/prepare-demo-seed.ts); `completeDemo` finishes it.
 */
export async function loadDemoBase(
  db: Db,
  { now = new Date(), historyUnits }: DemoOptions = {},
): Promise<Organization> {
  const part = demoTimer();
  // Hashed (in libuv's threads) while the database works.
  const passwordHash = demoPasswordHash();
  const organization = await createOrganization({ db, input: demoOrganization });
  for (const item of demoNews) {
    await insertNews(db, {
      organizationId: organization.id,
      slug: item.slug,
      title: item.title,
      lead: item.lead,
      body: item.body,
      publishedAt: morningInWarsaw(item.date),
    });
  }
  await loadSiteContent(db, organization, now);
  part('site');
  await insertRegisterData(db, { organizationId: organization.id, data: generateRegister(demoRegisterOptions) });
  part('register');
  await createDemoMemberAccounts(db, { organizationId: organization.id, now, passwordHash: await passwordHash });
  part('member accounts');
  const today = warsawDate(now);
  const { entries } = await loadLedgerDemo(db, { organizationId: organization.id, today, historyUnits });
  part(`ledger (${entries} entries)`);
  const marker: DemoSettingKeys = { demoMadeFor: today };
  await updateOrganizationSettings(db, organization.id, marker as Organization['settings']);
  // Members asked for certificates on the day the demo was made; the ledger decided each.
  const withSettings = await findOrganizationById(db, { organizationId: organization.id });
  if (!withSettings) throw new Error('the demo organization is gone');
  await loadCertificatesDemo(db, { organization: withSettings, today });
  part('certificates');
  // The open tender's deadline is three weeks after the day the demo is made (the build makes a
  // new seed every week); the meters' readings run to the end of the month before.
  await loadDemoTenders(db, withSettings, now, tenderTermsPdf(db, organization.id));
  part('tenders');
  await loadMediaDemo(db, organization.id, today);
  part('media');
  return withSettings;
}

/**
 * Completes a demo whose base was made for an earlier day (or just now): the ledger's entries and
 * meter readings of the days since then, and the staff accounts (their TOTP secrets sealed with this
 * installation's key).
 */
async function completeDemo(
  db: Db,
  {
    organizationId,
    madeFor,
    totpKey,
    now,
    historyUnits,
  }: { organizationId: number; madeFor: string; totpKey: Buffer; now: Date; historyUnits?: number | undefined },
): Promise<Organization> {
  const part = demoTimer();
  const today = warsawDate(now);
  if (madeFor < today) {
    const { entries } = await loadLedgerDemo(db, { organizationId, today, since: madeFor, historyUnits });
    part(`ledger since ${madeFor} (${entries} entries)`);
    await addMediaReadingsDemo(db, { organizationId, madeFor, today });
    part('meter readings');
  }
  const marker: DemoSettingKeys = { demoMadeFor: null };
  await updateOrganizationSettings(db, organizationId, marker as Organization['settings']);
  const organization = await findOrganizationById(db, { organizationId });
  if (!organization) throw new Error('the demo organization is gone');
  await createDemoStaffAccounts(db, { organizationId, totpKey, now });
  part('accounts');
  return organization;
}

/** The demo organization whose base is loaded and not yet completed (from the build's seed), if any. */
async function demoToComplete(db: Db): Promise<{ organizationId: number; madeFor: string } | undefined> {
  const organization = await findOrganizationBySlug(db, demoOrganization.slug);
  const madeFor = (organization?.settings as DemoSettingKeys | undefined)?.demoMadeFor;
  return organization && typeof madeFor === 'string' ? { organizationId: organization.id, madeFor } : undefined;
}

/**
 * Loads the demo cooperative into an empty database, or completes the demo base that a new data
 * directory got from the build's seed; does nothing when any other organization exists or the
 * demo is complete. Returns the organization it loaded or completed, or undefined.
 */
export async function loadDemoIfEmpty(
  database: Database,
  { sessionSecret, now = new Date(), historyUnits }: { sessionSecret: string | undefined } & DemoOptions,
): Promise<Organization | undefined> {
  return database.withAdvisoryLock(DEMO_LOCK_KEY, async (db) => {
    const pending = await demoToComplete(db);
    if (!pending && (await countOrganizations(db)) > 0) return undefined;
    const { totpKey } = await loadAppSecrets(db, { sessionSecret });
    return db.transaction(async (tx) => {
      const base = pending ?? {
        organizationId: (await loadDemoBase(tx, { now, historyUnits })).id,
        madeFor: warsawDate(now),
      };
      return completeDemo(tx, { ...base, totpKey, now, historyUnits });
    });
  });
}
