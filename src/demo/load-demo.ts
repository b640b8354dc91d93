import type { Database, Db } from '../db/client.ts';
import { loadAppSecrets } from '../features/accounts/app-secrets.ts';
import { systemActor } from '../features/audit/audit.ts';
import { createOrganization } from '../features/organizations/create-organization.ts';
import {
  countOrganizations,
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
import { createDemoAccounts } from './demo-accounts.ts';
import { demoNews, demoOrganization } from './demo-content.ts';
import { loadLedgerDemo } from './demo-ledger.ts';
import { loadMediaDemo } from './demo-media.ts';
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
  const terms = demoPdf(organization, 'Specyfikacja istotnych warunków zamówienia', [
    'Przedmiot zamówienia: wymiana pionów wody zimnej i ciepłej wraz z podejściami w budynku przy ul. Paderewskiego 65.',
    'Termin realizacji: do 30 września. Okres gwarancji: co najmniej 36 miesięcy.',
    'Kryteria wyboru oferty: cena 80%, okres gwarancji 20%. (Dokument demonstracyjny.)',
  ]);
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

/**
 * Loads the demo cooperative into an empty database; does nothing when any organization exists.
 * Returns the organization it created, or undefined.
 */
export async function loadDemoIfEmpty(
  database: Database,
  { sessionSecret, now = new Date() }: { sessionSecret: string | undefined; now?: Date },
): Promise<Organization | undefined> {
  return database.withAdvisoryLock(DEMO_LOCK_KEY, async (db) => {
    if ((await countOrganizations(db)) > 0) return undefined;
    const { totpKey } = await loadAppSecrets(db, { sessionSecret });
    return db.transaction(async (tx) => {
      const organization = await createOrganization({ db: tx, input: demoOrganization });
      for (const item of demoNews) {
        await insertNews(tx, {
          organizationId: organization.id,
          slug: item.slug,
          title: item.title,
          lead: item.lead,
          body: item.body,
          publishedAt: morningInWarsaw(item.date),
        });
      }
      await loadSiteContent(tx, organization, now);
      await insertRegisterData(tx, { organizationId: organization.id, data: generateRegister(demoRegisterOptions) });
      await createDemoAccounts(tx, organization.id, totpKey, now);
      await loadLedgerDemo(tx, organization.id, warsawDate(now));
      await loadMediaDemo(tx, organization.id, warsawDate(now));
      return organization;
    });
  });
}
