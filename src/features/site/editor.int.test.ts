import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { pdf, png } from '../../../test/support/zip.ts';
import { editorFileUrl, fileUrl, MAX_FILE_BYTES } from '../../files/store.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { listAudit, systemActor } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import {
  addNewsAttachment,
  createNews,
  newsInput,
  publishNews,
  scheduleInput,
  scheduleNews,
  unpublishNews,
} from './edit-news.ts';
import { newsItems, siteFiles, siteSections, tenders } from './schema.ts';
import { addSection, addSectionAttachment, hideSection, sectionInput, unhideSection } from './sections.ts';
import { addTenderDocument, createTender, tenderInput } from './tenders.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('the editor’s back office (/panel/strona)', () => {
  let t: TestApp;
  let organization: Organization;
  let editor: TestClient;
  let clerk: TestClient;
  let member: TestClient;
  let visitor: TestClient;

  const fileCount = async () => {
    const rows = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(siteFiles)
      .where(eq(siteFiles.organizationId, organization.id));
    return rows[0]?.n ?? 0;
  };
  const newsBySlug = async (slug: string) => {
    const rows = await t.database.db
      .select()
      .from(newsItems)
      .where(and(eq(newsItems.organizationId, organization.id), eq(newsItems.slug, slug)));
    const row = rows[0];
    if (!row) throw new Error(`no news ${slug}`);
    return row;
  };
  const sectionBySlug = async (slug: string) => {
    const rows = await t.database.db
      .select()
      .from(siteSections)
      .where(and(eq(siteSections.organizationId, organization.id), eq(siteSections.slug, slug)));
    const row = rows[0];
    if (!row) throw new Error(`no section ${slug}`);
    return row;
  };
  // Rows of requests by signed-in accounts; the test's own direct calls write as the system ('test').
  const audited = async (action: string) =>
    (await listAudit(t.database.db, { organizationId: organization.id, action, limit: 50 })).rows.filter(
      (row) => row.actorAccountId !== null,
    );

  beforeAll(async () => {
    t = await createTestApp();
    organization = await makeOrganization(t.database.db);
    const { totpKey } = await t.app.secrets();
    const staff = (roles: ('editor' | 'clerk')[]) =>
      makeAccount(t.database.db, organization.id, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
    const editorAccount = await staff(['editor']);
    const clerkAccount = await staff(['clerk']);
    const memberAccount = await makeAccount(t.database.db, organization.id);
    editor = new TestClient(t.app, 'localhost', '10.3.0.1');
    clerk = new TestClient(t.app, 'localhost', '10.3.0.2');
    member = new TestClient(t.app, 'localhost', '10.3.0.3');
    visitor = new TestClient(t.app, 'localhost', '10.3.0.4');
    expect((await editor.signIn('/panel', editorAccount.login, TEST_PASSWORD, { totpSecret: SECRET })).statusCode).toBe(
      303,
    );
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET });
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the overview and a menu entry to editors, and neither to a clerk', async () => {
    const overview = await editor.get('/panel/strona');
    expect(overview.statusCode).toBe(200);
    for (const href of ['aktualnosci', 'dzialy', 'przetargi', 'gazetka', 'dokumenty', 'ustawienia']) {
      expect(overview.body).toContain(`href="/panel/strona/${href}"`);
    }
    expect((await editor.get('/panel')).body).toContain('Strona internetowa');
    expect((await clerk.get('/panel')).body).not.toContain('Strona internetowa');
  });

  it('gives a clerk and a member 404 on every /panel/strona route', async () => {
    const routes = t.app.routeList.filter((r) => r.url.startsWith('/panel/strona'));
    expect(routes.length).toBeGreaterThan(20);
    for (const client of [clerk, member]) {
      for (const route of routes) {
        const url = route.url
          .replace(/:id\b/g, '1')
          .replace(/:fileId\b/g, '1')
          .replace(/:slug\b/g, 'regulamin-ebok');
        const response =
          route.method === 'GET' ? await client.get(url) : await client.post(url, { title: 'Przejęcie' });
        expect(response.statusCode, `${route.method} ${url}`).toBe(404);
      }
    }
    expect(await audited('site.')).toEqual([]);
  });

  it('serves attachments publicly only while their news item, page or tender is public; editors always', async () => {
    const db = t.database.db;
    const actor = systemActor(organization.id, 'test');
    const status = async (client: TestClient, url: string) => (await client.get(url)).statusCode;
    const item = await createNews(db, { actor, input: parseInput(newsInput, { title: 'Szkic z załącznikiem' }) });
    const file = await addNewsAttachment(db, {
      actor,
      newsId: item.id,
      upload: { fileName: 'projekt.pdf', data: pdf() },
    });
    // A draft's file: not for visitors, while its editor downloads it from /panel.
    expect(await status(visitor, fileUrl(file))).toBe(404);
    const download = await editor.get(editorFileUrl(file));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect(await status(clerk, editorFileUrl(file))).toBe(404);
    expect((await editor.get(`/panel/strona/aktualnosci/${item.id}`)).body).toContain(`href="${editorFileUrl(file)}"`);
    await publishNews(db, { actor, id: item.id });
    expect(await status(visitor, fileUrl(file))).toBe(200);
    await scheduleNews(db, { actor, id: item.id, at: parseInput(scheduleInput, { at: '2099-01-01 09:00' }).at });
    expect(await status(visitor, fileUrl(file))).toBe(404);
    await unpublishNews(db, { actor, id: item.id });
    expect(await status(visitor, fileUrl(file))).toBe(404);
    expect(await status(editor, editorFileUrl(file))).toBe(200);

    // A page's file goes with the page, also when its parent is hidden.
    const section = (input: { title: string; parentId?: number }) =>
      addSection(db, { actor, input: parseInput(sectionInput, input) });
    const parent = await section({ title: 'Archiwum dokumentów' });
    const page = await section({ title: 'Stare uchwały', parentId: parent.id });
    const document = await addSectionAttachment(db, {
      actor,
      sectionId: page.id,
      upload: { fileName: 'uchwala.pdf', data: pdf() },
    });
    expect(await status(visitor, fileUrl(document))).toBe(200);
    await hideSection(db, { actor, id: parent.id, subPagesConfirmed: true });
    expect(await status(visitor, fileUrl(document))).toBe(404);
    expect(await status(editor, editorFileUrl(document))).toBe(200);
    await unhideSection(db, { actor, id: parent.id });
    await hideSection(db, { actor, id: page.id, subPagesConfirmed: true });
    expect(await status(visitor, fileUrl(document))).toBe(404);
    await unhideSection(db, { actor, id: page.id });
    expect(await status(visitor, fileUrl(document))).toBe(200);

    const tender = await createTender(db, {
      actor,
      input: parseInput(tenderInput, { title: 'Wymiana domofonów', deadline: '2099-05-15 12:00' }),
    });
    const terms = await addTenderDocument(db, {
      actor,
      tenderId: tender.id,
      upload: { fileName: 'siwz.pdf', data: pdf() },
    });
    expect(await status(visitor, fileUrl(terms))).toBe(200);
    await db.update(tenders).set({ hidden: true }).where(eq(tenders.id, tender.id));
    expect(await status(visitor, fileUrl(terms))).toBe(404);
  });

  it('lets an editor create, publish, edit and unpublish a news item, each change audited', async () => {
    await editor.get('/panel/strona/aktualnosci/nowa');
    const bad = await editor.post('/panel/strona/aktualnosci', {
      title: '  ',
      lead: 'Wstęp zostaje',
      body: 'Treść zostaje',
      publishedAt: '10/03/2026',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Podaj tytuł.');
    expect(bad.body).toContain('Podaj datę publikacji w formacie DD.MM.RRRR');
    expect(bad.body).toContain('Wstęp zostaje');
    expect(bad.body).toContain('Treść zostaje');
    expect(bad.body).toContain('value="10/03/2026"');

    const created = await editor.post('/panel/strona/aktualnosci', {
      title: 'Wymiana wodomierzy',
      lead: 'W marcu wymienimy wodomierze.',
      body: 'Prosimy o **udostępnienie** lokali.',
      publishedAt: '',
    });
    expect(created.statusCode).toBe(303);
    const item = await newsBySlug('wymiana-wodomierzy');
    expect(created.headers.location).toBe(`/panel/strona/aktualnosci/${item.id}?zrobiono=zapisano`);
    expect(item.publishedAt).toBeNull();
    const list = await editor.get('/panel/strona/aktualnosci');
    expect(list.body).toContain('Wymiana wodomierzy');
    expect(list.body).toContain('szkic');
    expect((await visitor.get('/aktualnosci/wymiana-wodomierzy')).statusCode).toBe(404);
    const preview = await editor.get(`/panel/strona/aktualnosci/${item.id}/podglad`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<strong>udostępnienie</strong>');

    await editor.get(`/panel/strona/aktualnosci/${item.id}`);
    expect((await editor.post(`/panel/strona/aktualnosci/${item.id}/publikuj`)).statusCode).toBe(303);
    expect((await visitor.get('/aktualnosci/wymiana-wodomierzy')).statusCode).toBe(200);
    expect((await visitor.get('/')).body).toContain('Wymiana wodomierzy');
    const published = await editor.get(`/panel/strona/aktualnosci/${item.id}?zrobiono=opublikowano`);
    expect(published.body).toContain('Aktualność jest na stronie.');
    expect(published.body).toContain('href="/aktualnosci/wymiana-wodomierzy"');

    const edited = await editor.post(`/panel/strona/aktualnosci/${item.id}`, {
      title: 'Wymiana wodomierzy w budynkach A i B',
      slug: 'wymiana-wodomierzy',
      lead: 'W marcu wymienimy wodomierze.',
      body: 'Nowa treść.',
      publishedAt: '2026-03-01 09:00',
    });
    expect(edited.statusCode).toBe(303);
    const page = await visitor.get('/aktualnosci/wymiana-wodomierzy');
    expect(page.body).toContain('Wymiana wodomierzy w budynkach A i B');
    expect(page.body).toContain('Nowa treść.');

    await editor.get(`/panel/strona/aktualnosci/${item.id}`);
    expect((await editor.post(`/panel/strona/aktualnosci/${item.id}/wycofaj`)).statusCode).toBe(303);
    expect((await visitor.get('/aktualnosci/wymiana-wodomierzy')).statusCode).toBe(404);

    for (const action of ['site.news_created', 'site.news_published', 'site.news_updated', 'site.news_unpublished']) {
      const rows = await audited(action);
      expect(
        rows.map((r) => r.subjectId),
        action,
      ).toContain(String(item.id));
    }
  });

  it('schedules a news item in the future and refuses a past date or a taken address at the field', async () => {
    await editor.get('/panel/strona/aktualnosci/nowa');
    await editor.post('/panel/strona/aktualnosci', { title: 'Zebranie członków' });
    const item = await newsBySlug('zebranie-czlonkow');
    await editor.get(`/panel/strona/aktualnosci/${item.id}`);
    const past = await editor.post(`/panel/strona/aktualnosci/${item.id}/zaplanuj`, { at: '2020-01-01 10:00' });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('Data zaplanowanej publikacji musi być w przyszłości.');
    expect(past.body).toContain('id="pole-at-blad"');
    const future = await editor.post(`/panel/strona/aktualnosci/${item.id}/zaplanuj`, { at: '2099-05-01 09:00' });
    expect(future.statusCode).toBe(303);
    expect((await editor.get(`/panel/strona/aktualnosci/${item.id}`)).body).toContain('zaplanowana na 01.05.2099');
    expect((await visitor.get('/aktualnosci/zebranie-czlonkow')).statusCode).toBe(404);

    const taken = await editor.post('/panel/strona/aktualnosci', { title: 'Inne', slug: 'zebranie-czlonkow' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Ten adres jest już zajęty przez inną aktualność. Podaj inny.');
    expect(taken.body).toContain('value="Inne"');
  });

  it('takes attachments by content, refuses a forbidden type or an oversize file and stores nothing', async () => {
    await editor.get('/panel/strona/aktualnosci/nowa');
    await editor.post('/panel/strona/aktualnosci', { title: 'Z załącznikiem', publishedAt: '2026-01-05 10:00' });
    const item = await newsBySlug('z-zalacznikiem');
    const base = `/panel/strona/aktualnosci/${item.id}`;
    await editor.get(base);
    const before = await fileCount();

    const html = await editor.postMultipart(
      `${base}/pliki`,
      { fileTitle: 'Udawany PDF' },
      { name: 'atak.pdf', data: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' },
    );
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('Niedozwolony rodzaj pliku.');
    expect(html.body).toContain('value="Udawany PDF"');

    const exe = await editor.postMultipart(
      `${base}/pliki`,
      {},
      { name: 'program.exe', data: Buffer.from('MZ\x90\x00') },
    );
    expect(exe.statusCode).toBe(422);
    expect(exe.body).toContain('Niedozwolony rodzaj pliku.');

    const slightlyTooBig = Buffer.concat([pdf(), Buffer.alloc(MAX_FILE_BYTES + 10_000 - pdf().length, 32)]);
    const big = await editor.postMultipart(`${base}/pliki`, {}, { name: 'duzy.pdf', data: slightlyTooBig });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Plik jest za duży: ma 20,01 MB, a największy dozwolony rozmiar to 20 MB.');

    const huge = Buffer.concat([pdf(), Buffer.alloc(MAX_FILE_BYTES + 3 * 1024 * 1024, 32)]);
    const hugeResponse = await editor.postMultipart(`${base}/pliki`, {}, { name: 'ogromny.pdf', data: huge });
    expect(hugeResponse.statusCode).toBe(422);
    expect(hugeResponse.body).toContain('Plik jest za duży: ma ponad 20 MB, a największy dozwolony rozmiar to 20 MB.');

    const none = await editor.postMultipart(`${base}/pliki`, {}, { name: '', data: Buffer.alloc(0) });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Wybierz plik do wysłania.');

    // Without the CSRF token a multipart form is refused before anything is stored.
    const forged = await editor.postMultipart(`${base}/pliki`, {}, { name: 'a.pdf', data: pdf() }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    const wrongToken = await editor.postMultipart(
      `${base}/pliki`,
      { _csrf: 'zly-token' },
      { name: 'a.pdf', data: pdf() },
    );
    expect(wrongToken.statusCode).toBe(403);
    expect(await fileCount()).toBe(before);

    await editor.get(base);
    const ok = await editor.postMultipart(
      `${base}/pliki`,
      { fileTitle: 'Harmonogram prac' },
      { name: 'harmonogram.pdf', data: pdf() },
    );
    expect(ok.statusCode).toBe(303);
    const image = await editor.postMultipart(`${base}/pliki`, {}, { name: 'zdjecie.png', data: png() });
    expect(image.statusCode).toBe(303);
    expect(await fileCount()).toBe(before + 2);
    const page = await visitor.get('/aktualnosci/z-zalacznikiem');
    expect(page.body).toContain('Harmonogram prac');
    const href = /href="(\/pliki\/[^"]+\/harmonogram\.pdf)"/.exec(page.body)?.[1] ?? '';
    const download = await visitor.get(href);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    const edit = await editor.get(base);
    const removeAction = /action="([^"]+\/usun)"/.exec(edit.body)?.[1] ?? '';
    expect((await editor.post(removeAction)).statusCode).toBe(303);
    expect(await fileCount()).toBe(before + 1);
    expect((await audited('site.file_added')).length).toBe(2);
    expect((await audited('site.file_removed')).length).toBe(1);
  });

  it('escapes script in titles and strips it from bodies, in the panel and on the site', async () => {
    await editor.get('/panel/strona/aktualnosci/nowa');
    const created = await editor.post('/panel/strona/aktualnosci', {
      title: '<script>alert("tytul")</script> Ogłoszenie',
      slug: 'xss',
      lead: '<img src=x onerror=alert(1)>',
      body: 'Tekst <script>alert("tresc")</script> <img src="x" onerror="alert(2)"> [klik](javascript:alert(3)) <a href="javascript:alert(4)">a</a>',
      publishedAt: '2026-01-01 08:00',
    });
    expect(created.statusCode).toBe(303);
    const item = await newsBySlug('xss');
    const pages = [
      await editor.get('/panel/strona/aktualnosci'),
      await editor.get(`/panel/strona/aktualnosci/${item.id}`),
      await editor.get(`/panel/strona/aktualnosci/${item.id}/podglad`),
      await visitor.get('/aktualnosci/xss'),
      await visitor.get('/aktualnosci'),
      await visitor.get('/'),
    ];
    for (const response of pages) {
      expect(response.body).not.toMatch(/<script>alert/);
      expect(response.body).not.toMatch(/<img[^>]*onerror/);
      expect(response.body).not.toContain('href="javascript:');
      expect(response.body).toContain('&lt;script>alert(');
    }
  });

  it('manages the section tree: add, collisions, order, hide with confirmation, body and documents', async () => {
    await editor.get('/panel/strona/dzialy');
    const missing = await editor.post('/panel/strona/dzialy', { title: '', slug: 'panel' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Podaj tytuł strony.');
    expect(missing.body).toContain('Ten adres jest zarezerwowany dla serwisu.');

    expect((await editor.post('/panel/strona/dzialy', { title: 'Remonty' })).statusCode).toBe(303);
    expect((await editor.post('/panel/strona/dzialy', { title: 'Statut' })).statusCode).toBe(303);
    const remonty = await sectionBySlug('remonty');
    const statut = await sectionBySlug('statut');
    const sub = await editor.post('/panel/strona/dzialy', { title: 'Plan na 2026', parentId: String(remonty.id) });
    expect(sub.statusCode).toBe(303);
    const collision = await editor.post('/panel/strona/dzialy', { title: 'Drugie remonty', slug: 'remonty' });
    expect(collision.body).toContain('Ten adres jest już zajęty przez inną stronę. Podaj inny.');
    expect(collision.body).toContain('value="Drugie remonty"');

    const order = async () => {
      const body = (await visitor.get('/')).body;
      return [body.indexOf('href="/remonty"'), body.indexOf('href="/statut"')] as const;
    };
    const [r1, s1] = await order();
    expect(r1).toBeLessThan(s1);
    await editor.get('/panel/strona/dzialy');
    expect((await editor.post(`/panel/strona/dzialy/${statut.id}/w-gore`)).statusCode).toBe(303);
    const [r2, s2] = await order();
    expect(s2).toBeLessThan(r2);

    await editor.get(`/panel/strona/dzialy/${remonty.id}`);
    await editor.post(`/panel/strona/dzialy/${remonty.id}/tresc`, {
      body: '## Plan\n\nDachy <script>alert(1)</script>',
    });
    const remontyPage = await visitor.get('/remonty');
    expect(remontyPage.body).toContain('<h2>Plan</h2>');
    expect(remontyPage.body).not.toContain('<script>alert');
    const renamed = await editor.post(`/panel/strona/dzialy/${remonty.id}/nazwa`, {
      title: 'Remonty i inwestycje',
      slug: 'statut',
    });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toContain('Ten adres jest już zajęty');
    expect(renamed.body).toContain('value="Remonty i inwestycje"');
    await editor.post(`/panel/strona/dzialy/${remonty.id}/nazwa`, { title: 'Remonty i inwestycje', slug: 'remonty' });
    expect((await visitor.get('/remonty')).body).toContain('Remonty i inwestycje');

    // Hiding a section with sub-pages asks first.
    const ask = await editor.post(`/panel/strona/dzialy/${remonty.id}/ukryj`);
    expect(ask.statusCode).toBe(303);
    expect(ask.headers.location).toBe(`/panel/strona/dzialy/${remonty.id}/ukryj`);
    expect((await visitor.get('/remonty')).statusCode).toBe(200);
    const confirm = await editor.get(`/panel/strona/dzialy/${remonty.id}/ukryj`);
    expect(confirm.body).toContain('Plan na 2026');
    await editor.post(`/panel/strona/dzialy/${remonty.id}/ukryj`, { potwierdzam: '1' });
    expect((await visitor.get('/remonty')).statusCode).toBe(404);
    expect((await visitor.get('/remonty/plan-na-2026')).statusCode).toBe(404);
    expect((await editor.get('/panel/strona/dzialy')).body).toContain('ukryta');
    await editor.post(`/panel/strona/dzialy/${remonty.id}/pokaz`);
    expect((await visitor.get('/remonty/plan-na-2026')).statusCode).toBe(200);

    // An uploaded document with its version and date.
    await editor.get(`/panel/strona/dzialy/${statut.id}`);
    const badDate = await editor.postMultipart(
      `/panel/strona/dzialy/${statut.id}/pliki`,
      { fileTitle: 'Statut', version: 'tekst jednolity 2024', documentDate: 'czerwiec 2024' },
      { name: 'statut.pdf', data: pdf() },
    );
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('Podaj datę w formacie DD.MM.RRRR');
    expect(badDate.body).toContain('value="tekst jednolity 2024"');
    const doc = await editor.postMultipart(
      `/panel/strona/dzialy/${statut.id}/pliki`,
      { fileTitle: 'Statut spółdzielni', version: 'tekst jednolity 2024', documentDate: '2024-06-20' },
      { name: 'statut.pdf', data: pdf() },
    );
    expect(doc.statusCode).toBe(303);
    const statutPage = await visitor.get('/statut');
    expect(statutPage.body).toContain('Statut spółdzielni');
    expect(statutPage.body).toContain('tekst jednolity 2024, obowiązuje od 20.06.2024');

    for (const action of ['site.section_added', 'site.section_moved', 'site.section_hidden', 'site.section_unhidden']) {
      expect((await audited(action)).length, action).toBeGreaterThan(0);
    }
  });

  it('runs tenders: create, edit, close with a result, documents', async () => {
    await editor.post('/panel/strona/dzialy', { title: 'Przetargi', kind: 'tenders' });
    await editor.get('/panel/strona/przetargi');
    const bad = await editor.post('/panel/strona/przetargi', { title: 'Malowanie klatek', deadline: 'jutro' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Podaj termin składania ofert w formacie');
    expect(bad.body).toContain('value="Malowanie klatek"');
    const created = await editor.post('/panel/strona/przetargi', {
      title: 'Malowanie klatek',
      description: 'Zakres prac w załączniku.',
      deadline: '2099-05-15 12:00',
    });
    expect(created.statusCode).toBe(303);
    const id = /przetargi\/(\d+)/.exec(String(created.headers.location))?.[1];
    expect((await visitor.get('/przetargi')).body).toContain('Malowanie klatek');

    await editor.get(`/panel/strona/przetargi/${id}`);
    expect(
      (
        await editor.postMultipart(
          `/panel/strona/przetargi/${id}/pliki`,
          { fileTitle: 'SIWZ' },
          { name: 'siwz.pdf', data: pdf() },
        )
      ).statusCode,
    ).toBe(303);
    const noResult = await editor.post(`/panel/strona/przetargi/${id}/zamknij`, { closeResult: ' ' });
    expect(noResult.statusCode).toBe(422);
    expect(noResult.body).toContain('Podaj wynik przetargu.');
    expect(
      (await editor.post(`/panel/strona/przetargi/${id}/zamknij`, { closeResult: 'Wybrano firmę Malbud.' })).statusCode,
    ).toBe(303);
    const publicPage = await visitor.get('/przetargi');
    expect(publicPage.body).toContain('Wybrano firmę Malbud.');
    expect(publicPage.body).toContain('SIWZ');
    expect((await audited('site.tender_closed')).length).toBe(1);

    // A file that is not this tender's is not found; the tender's own goes from the site.
    expect((await editor.post(`/panel/strona/przetargi/${id}/pliki/999999/usun`)).statusCode).toBe(404);
    const removeAction = /action="([^"]+\/pliki\/\d+\/usun)"/.exec(
      (await editor.get(`/panel/strona/przetargi/${id}`)).body,
    )?.[1];
    expect((await editor.post(String(removeAction))).statusCode).toBe(303);
    expect((await visitor.get('/przetargi')).body).not.toContain('SIWZ');
  });

  it('adds a gazette issue as a PDF only', async () => {
    await editor.post('/panel/strona/dzialy', { title: 'Gazetka', kind: 'gazette' });
    await editor.get('/panel/strona/gazetka');
    const before = await fileCount();
    const image = await editor.postMultipart(
      '/panel/strona/gazetka',
      { title: 'Nr 1/2026', issueDate: '2026-02-01' },
      { name: 'okladka.png', data: png() },
    );
    expect(image.statusCode).toBe(422);
    expect(image.body).toContain('Wydanie gazetki musi być plikiem PDF.');
    expect(await fileCount()).toBe(before);
    const ok = await editor.postMultipart(
      '/panel/strona/gazetka',
      { title: 'Nr 1/2026', issueDate: '2026-02-01' },
      { name: 'gazetka.pdf', data: pdf() },
    );
    expect(ok.statusCode).toBe(303);
    expect((await visitor.get('/gazetka')).body).toContain('Nr 1/2026');
  });

  it('saves a new version of the e-BOK terms, lists the history and serves the PDF', async () => {
    const page = await editor.get('/panel/strona/dokumenty/regulamin-ebok');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('obecna');
    const short = await editor.post('/panel/strona/dokumenty/regulamin-ebok', {
      body: 'Za krótko',
      effectiveFrom: '2026-07-01',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Treść jest za krótka');
    const text =
      '§ 1. Postanowienia ogólne\n\nRegulamin określa zasady korzystania z e-BOK przez członków spółdzielni.';
    expect(
      (await editor.post('/panel/strona/dokumenty/regulamin-ebok', { body: text, effectiveFrom: '2026-07-01' }))
        .statusCode,
    ).toBe(303);
    const history = await editor.get('/panel/strona/dokumenty/regulamin-ebok');
    expect(history.body).toMatch(/2 <span class="badge ok">obecna<\/span>/);
    expect(history.body).toContain('tekst wbudowany');
    const pdfResponse = await visitor.get('/dokumenty/regulamin-ebok.pdf');
    expect(pdfResponse.statusCode).toBe(200);
    expect(pdfResponse.headers['content-type']).toBe('application/pdf');
    expect((await audited('document.text_saved')).length).toBe(1);
  });

  it('saves office hours and the visitor counter start, with a message for a bad number', async () => {
    await editor.get('/panel/strona/ustawienia');
    const bad = await editor.post('/panel/strona/ustawienia', { officeHours: 'pon. 7–15', visitorCountStart: 'dużo' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Podaj liczbę całkowitą');
    expect(bad.body).toContain('pon. 7–15');
    const ok = await editor.post('/panel/strona/ustawienia', {
      officeHours: 'poniedziałek: 7:00–17:00\n\nwtorek–piątek: 7:00–15:00',
      visitorCountStart: '125 000',
    });
    expect(ok.statusCode).toBe(303);
    const contact = await visitor.get('/kontakt');
    expect(contact.body).toContain('wtorek–piątek: 7:00–15:00');
    const [entry] = await audited('site.settings_changed');
    expect(entry?.detail).toMatchObject({ to: { visitorCountStart: 125000 } });
  });
});
