import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNews, makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { pdf, png } from '../../../test/support/zip.ts';
import { AppError } from '../../errors.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { systemActor } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { addGazetteIssue, listGazetteIssues } from './gazette.ts';
import { listSectionLevel } from './section-queries.ts';
import {
  addSection,
  addSectionAttachment,
  hideSection,
  moveSection,
  renameSection,
  reorderSections,
  type SectionInput,
  sectionInput,
  sectionNameInput,
  unhideSection,
  updateSectionBody,
} from './sections.ts';
import { addTenderDocument, createTender, type TenderInput, tenderInput } from './tenders.ts';

const menuOf = (html: string) =>
  [
    ...(/<nav class="main-menu"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '').matchAll(
      /<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g,
    ),
  ].map((m) => `${m[2]} ${m[1]}`);

describe('sections, tenders, gazette, contact and sitemap', () => {
  let t: TestApp;
  let organization: Organization;
  const now = new Date('2026-04-01T10:00:00Z');
  let db: TestApp['database']['db'];

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    db = t.database.db;
    organization = await makeOrganization(db, { name: 'Spółdzielnia „Zorza”' });
  });
  afterAll(async () => {
    await t.close();
  });

  const actor = () => systemActor(organization.id, 'test');
  const add = async (input: SectionInput) => addSection(db, { actor: actor(), input: parseInput(sectionInput, input) });
  const tender = async (input: TenderInput) =>
    createTender(db, { actor: actor(), input: parseInput(tenderInput, input) });

  it('builds the menu from the sections in order, with fixed news and e-BOK entries', async () => {
    expect(menuOf((await t.app.inject('/')).body)).toEqual(['Aktualności /aktualnosci', 'eBOK /ebok']);
    await add({ title: 'Aktualności', slug: 'aktualnosci-menu', kind: 'news' });
    await add({ title: 'O spółdzielni', body: 'Jesteśmy **spółdzielnią**.' });
    await add({ title: 'eBOK', slug: 'ebok-menu', kind: 'ebok' });
    await add({ title: 'Remonty' });
    await add({ title: 'Przetargi', kind: 'tenders' });
    await add({ title: 'Gazetka', kind: 'gazette' });
    await add({ title: 'Formularze', kind: 'forms' });
    await add({ title: 'Deklaracja dostępności', kind: 'accessibility', body: 'Strona spełnia WCAG 2.1 AA.' });
    const html = (await t.app.inject('/')).body;
    expect(menuOf(html)).toEqual([
      'Aktualności /aktualnosci',
      'O spółdzielni /o-spoldzielni',
      'eBOK /ebok',
      'Remonty /remonty',
      'Przetargi /przetargi',
      'Gazetka /gazetka',
      'Formularze /formularze',
    ]);
    expect(html).toContain('<a href="/deklaracja-dostepnosci">Deklaracja dostępności</a>');
    expect(html).toContain('<a href="/kontakt">Kontakt</a>');
    for (const line of menuOf(html)) {
      const href = line.split(' ').pop() ?? '';
      expect((await t.app.inject(href)).statusCode, href).toBe(200);
    }
  });

  it('shows a section with its body, sub-pages and uploaded documents with versions', async () => {
    const about = (await listSectionLevel(db, { organizationId: organization.id, parentId: null })).find(
      (s) => s.slug === 'o-spoldzielni',
    );
    if (!about) throw new Error('no section');
    const board = await add({ title: 'Zarząd', parentId: about.id, body: 'Prezes: Jan Kowalski' });
    await addSectionAttachment(db, {
      actor: actor(),
      sectionId: about.id,
      upload: { fileName: 'statut.pdf', data: pdf(), title: 'Statut Spółdzielni' },
      version: 'tekst jednolity 2024',
      documentDate: '2024-07-01',
    });
    const page = await t.app.inject('/o-spoldzielni');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>spółdzielnią</strong>');
    expect(page.body).toContain('href="/o-spoldzielni/zarzad"');
    expect(page.body).toContain('Statut Spółdzielni');
    expect(page.body).toContain('(PDF, 1 kB, tekst jednolity 2024, obowiązuje od 01.07.2024)');
    expect(page.body).toContain('<meta name="description" content="Jesteśmy spółdzielnią."/>');
    const sub = await t.app.inject('/o-spoldzielni/zarzad');
    expect(sub.statusCode).toBe(200);
    expect(sub.body).toContain('Prezes: Jan Kowalski');
    expect(sub.body).toMatch(/<a href="\/o-spoldzielni" aria-current="page">/);
    expect((await t.app.inject('/remonty/zarzad')).statusCode).toBe(404);
    const badDate = await addSectionAttachment(db, {
      actor: actor(),
      sectionId: board.id,
      upload: { fileName: 'x.png', data: png() },
      documentDate: 'lipiec 2024',
    }).catch((e: AppError) => e.fieldErrors);
    expect(badDate).toEqual([{ field: 'documentDate', message: 'Podaj datę w formacie DD.MM.RRRR, np. 20.06.2024.' }]);
    // The right shape but no such day: a message at the field, not a database error.
    const noSuchDay = await addSectionAttachment(db, {
      actor: actor(),
      sectionId: board.id,
      upload: { fileName: 'x.png', data: png() },
      documentDate: '2024-13-45',
    }).catch((e: AppError) => e.fieldErrors);
    expect(noSuchDay).toEqual([
      { field: 'documentDate', message: 'Podaj datę w formacie DD.MM.RRRR, np. 20.06.2024.' },
    ]);
  });

  it('renames, reorders and hides sections (a hidden parent hides its sub-pages)', async () => {
    const level = await listSectionLevel(db, { organizationId: organization.id, parentId: null });
    const about = level.find((s) => s.slug === 'o-spoldzielni');
    const repairs = level.find((s) => s.slug === 'remonty');
    if (!about || !repairs) throw new Error('no sections');
    await renameSection(db, {
      actor: actor(),
      id: repairs.id,
      input: parseInput(sectionNameInput, { title: 'Remonty i inwestycje' }),
    });
    expect((await t.app.inject('/remonty')).body).toContain('<h1>Remonty i inwestycje</h1>');
    const taken = await renameSection(db, {
      actor: actor(),
      id: repairs.id,
      input: parseInput(sectionNameInput, { title: 'X', slug: 'przetargi' }),
    }).catch((e: AppError) => e.fieldErrors);
    expect(taken).toEqual([{ field: 'slug', message: 'Ten adres jest już zajęty przez inną stronę. Podaj inny.' }]);
    const reserved = await add({ title: 'Szukaj', slug: 'szukaj' }).catch((e: AppError) => e.fieldErrors);
    expect(reserved).toEqual([{ field: 'slug', message: 'Ten adres jest zarezerwowany dla serwisu. Podaj inny.' }]);
    expect((await add({ title: 'Kontakt' })).slug).toBe('kontakt-2');

    await moveSection(db, { actor: actor(), id: repairs.id, direction: 'up' });
    const menu = menuOf((await t.app.inject('/')).body);
    expect(menu.indexOf('Remonty i inwestycje /remonty')).toBeLessThan(menu.indexOf('eBOK /ebok'));

    await expect(
      reorderSections(db, { organizationId: organization.id, parentId: null, orderedIds: [repairs.id, about.id] }),
    ).rejects.toBeInstanceOf(AppError);

    await hideSection(db, { actor: actor(), id: about.id, subPagesConfirmed: true });
    const hidden = await t.app.inject('/');
    expect(menuOf(hidden.body)).not.toContain('O spółdzielni /o-spoldzielni');
    expect((await t.app.inject('/o-spoldzielni')).statusCode).toBe(404);
    expect((await t.app.inject('/o-spoldzielni/zarzad')).statusCode).toBe(404);
    expect((await t.app.inject('/sitemap.xml')).body).not.toContain('/o-spoldzielni');
    await unhideSection(db, { actor: actor(), id: about.id });
    expect((await t.app.inject('/o-spoldzielni/zarzad')).statusCode).toBe(200);
  });

  it('renders Markdown bodies without anything executable', async () => {
    const section = await add({
      title: 'Próba',
      body: '# Nagłówek\n\n<script>alert(1)</script><img src=x onerror=alert(1)>[a](javascript:alert(1))',
    });
    await updateSectionBody(db, {
      actor: actor(),
      id: section.id,
      body: `${section.body}\n\n<style>body{}</style>`,
    });
    const html = (await t.app.inject(`/${section.slug}`)).body;
    expect(html).toContain('<h2>Nagłówek</h2>');
    const content = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(content).not.toMatch(/<script>alert|onerror|href="javascript:|<style>body/);
  });

  it('lists open and closed tenders separately, with documents and the result', async () => {
    await tender({ title: 'Wymiana pionów', description: 'Opis *pionów*', deadline: '2026-04-20 12:00' });
    const closed = await tender({
      title: 'Malowanie klatek',
      deadline: '2026-02-01 12:00',
      result: 'Wybrano ofertę firmy **Malbud**.',
    });
    await addTenderDocument(db, {
      actor: actor(),
      tenderId: closed.id,
      upload: { fileName: 'siwz.pdf', data: pdf(), title: 'SIWZ' },
    });
    const bad = await tender({ title: '', deadline: 'jutro' }).then(
      () => [],
      (e: AppError) => e.fieldErrors.map((f) => f.field),
    );
    expect(bad).toEqual(['title', 'deadline']);

    const html = (await t.app.inject('/przetargi')).body;
    const open = html.slice(html.indexOf('Przetargi otwarte'), html.indexOf('Przetargi zakończone'));
    const done = html.slice(html.indexOf('Przetargi zakończone'));
    expect(open).toContain('Wymiana pionów');
    expect(open).toContain('Termin składania ofert: 20.04.2026, 12:00');
    expect(open).not.toContain('Malowanie klatek');
    expect(done).toContain('Malowanie klatek');
    expect(done).toContain('Wybrano ofertę firmy <strong>Malbud</strong>.');
    expect(done).toContain('SIWZ');
  });

  it('lists gazette issues newest first and accepts only PDFs for them', async () => {
    await addGazetteIssue(db, {
      actor: actor(),
      input: { title: 'Gazetka 1/2025', issueDate: '2025-03-01' },
      upload: { fileName: 'a.pdf', data: pdf() },
    });
    await addGazetteIssue(db, {
      actor: actor(),
      input: { title: 'Gazetka 2/2025', issueDate: '2025-10-01' },
      upload: { fileName: 'b.pdf', data: pdf() },
    });
    const notPdf = await addGazetteIssue(db, {
      actor: actor(),
      input: { title: 'Zdjęcie', issueDate: '2025-11-01' },
      upload: { fileName: 'c.png', data: png() },
    }).catch((e: AppError) => e.fieldErrors);
    expect(notPdf).toEqual([{ field: 'file', message: 'Wydanie gazetki musi być plikiem PDF.' }]);
    expect((await listGazetteIssues(db, { organizationId: organization.id })).map((i) => i.title)).toEqual([
      'Gazetka 2/2025',
      'Gazetka 1/2025',
    ]);
    const html = (await t.app.inject('/gazetka')).body;
    expect(html.indexOf('Gazetka 2/2025')).toBeLessThan(html.indexOf('Gazetka 1/2025'));
    expect(html).toContain('(01.10.2025, PDF, 1 kB)');
  });

  it('lists the generated documents on the forms page', async () => {
    const html = (await t.app.inject('/formularze')).body;
    expect(html).toContain('href="/dokumenty/regulamin-ebok.pdf"');
    expect(html).toContain('href="/dokumenty/formularz-aktywacji-ebok.pdf"');
    expect(html).toContain('Oświadczenie o wyrażeniu zgody na otrzymywanie korespondencji w formie elektronicznej');
    // Where the declarations are offered, so is the way to send their scans without a visit.
    expect(html).toContain('href="/korespondencja/zgoda"');
    expect(html).toContain('href="/ebok/aktywacja"');
  });

  it('shows the contact page with office hours and a plain map link', async () => {
    await updateOrganizationSettings(db, organization.id, {
      officeHours: ['poniedziałek: 8:00–17:00', 'piątek: 7:00–13:00 <b>'],
    });
    const response = await t.app.inject('/kontakt');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('poniedziałek: 8:00–17:00');
    expect(html).toContain('piątek: 7:00–13:00 &lt;b>');
    expect(html).toContain('href="https://www.openstreetmap.org/search?query=Mariacka%201%2C%2040-014%20Katowice"');
    expect(html).not.toMatch(/<iframe|<script/);
    expect(html).toContain('Spółdzielnia „Zorza”');
  });

  it('serves sitemap.xml with every public page and robots.txt pointing at it', async () => {
    const news = await makeNews(db, organization.id, {
      slug: 'zebranie-czlonkow',
      publishedAt: new Date('2026-03-01T09:00:00Z'),
    });
    await makeNews(db, organization.id, { slug: 'szkic-tajny', publishedAt: null });
    const sitemap = await t.app.inject('/sitemap.xml');
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(sitemap.body).toContain('<loc>http://localhost:3000/</loc>');
    expect(sitemap.body).toContain(`<loc>http://localhost:3000/aktualnosci/${news.slug}</loc>`);
    expect(sitemap.body).toContain('<loc>http://localhost:3000/o-spoldzielni/zarzad</loc>');
    expect(sitemap.body).toContain('<loc>http://localhost:3000/deklaracja-dostepnosci</loc>');
    expect(sitemap.body).not.toContain('szkic-tajny');
    expect(sitemap.body).not.toContain('aktualnosci-menu');
    const robots = await t.app.inject('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(robots.body).toContain('Disallow: /panel');
  });

  it('gives every page a title, a description and Open Graph tags', async () => {
    const html = (await t.app.inject('/remonty')).body;
    expect(html).toContain('<title>Remonty i inwestycje · Spółdzielnia „Zorza”</title>');
    expect(html).toContain('<meta property="og:title" content="Remonty i inwestycje"/>');
    expect(html).toContain('<meta property="og:url" content="http://localhost:3000/remonty"/>');
    expect(html).toContain('<meta property="og:site_name" content="Spółdzielnia „Zorza”"/>');
    expect(html).toContain('<meta name="description"');
  });
});
