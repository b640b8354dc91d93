import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { cfb, docx, gif, odt, pdf, png } from '../../../test/support/zip.ts';
import { AppError } from '../../errors.ts';
import { MAX_FILE_BYTES } from '../../files/store.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { systemActor } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import {
  addNewsAttachment,
  createNews,
  type NewsInput,
  newsInput,
  publishNews,
  scheduleInput,
  scheduleNews,
  unpublishNews,
  updateNews,
} from './edit-news.ts';

/** The news form as posted, parsed as the route parses it. */
const typed = (input: NewsInput) => parseInput(newsInput, input);
const at = (text: string) => parseInput(scheduleInput, { at: text }).at;

/** The field errors of a call that must fail with invalid_input. */
async function fieldErrors(work: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') {
      return Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message]));
    }
    throw error;
  }
  throw new Error('expected invalid_input');
}

describe('news: editing, publishing and the public pages', () => {
  let t: TestApp;
  let organization: Organization;
  let now = new Date('2026-03-10T10:00:00Z');
  const actor = () => systemActor(organization.id, 'test');
  const create = async (input: NewsInput) => createNews(t.database.db, { actor: actor(), input: typed(input) });

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a draft with a slug from the Polish title, and keeps it off the site', async () => {
    const item = await create({ title: 'Żółć na elewacji — remont', lead: 'Wstęp', body: 'Treść' });
    expect(item.slug).toBe('zolc-na-elewacji-remont');
    expect(item.publishedAt).toBeNull();
    expect((await t.app.inject(`/aktualnosci/${item.slug}`)).statusCode).toBe(404);
  });

  it('makes colliding generated slugs unique and refuses a taken explicit slug with a field message', async () => {
    const a = await create({ title: 'Zebranie', publishedAt: '2026-03-01 09:00' });
    const b = await create({ title: 'Zebranie', publishedAt: '2026-03-02 09:00' });
    expect(a.slug).toBe('zebranie');
    expect(b.slug).toBe('zebranie-2');
    const errors = await fieldErrors(create({ title: 'Inne', slug: 'zebranie' }));
    expect(errors.slug).toBe('Ten adres jest już zajęty przez inną aktualność. Podaj inny.');
  });

  it('gives a Polish message per field for a missing title and a malformed date', async () => {
    const errors = await fieldErrors(create({ title: '  ', publishedAt: '10/03/2026' }));
    expect(errors.title).toBe('Podaj tytuł.');
    expect(errors.publishedAt).toMatch(/^Podaj datę publikacji w formacie DD.MM.RRRR/);
    const impossible = await fieldErrors(create({ title: 'Luty', publishedAt: '2026-02-30' }));
    expect(Object.keys(impossible)).toEqual(['publishedAt']);
    const badSlug = await fieldErrors(create({ title: 'Tytuł', slug: 'Zły adres!' }));
    expect(badSlug.slug).toContain('małe litery');
  });

  it('publishes, unpublishes and schedules by the clock', async () => {
    const db = t.database.db;
    const item = await create({ title: 'Przegląd kominiarski' });
    await publishNews(db, { actor: actor(), id: item.id, now });
    expect((await t.app.inject(`/aktualnosci/${item.slug}`)).statusCode).toBe(200);
    expect((await t.app.inject('/')).body).toContain('Przegląd kominiarski');

    await unpublishNews(db, { actor: actor(), id: item.id, now });
    expect((await t.app.inject(`/aktualnosci/${item.slug}`)).statusCode).toBe(404);

    const past = await fieldErrors(scheduleNews(db, { actor: actor(), id: item.id, at: at('2026-03-01 09:00'), now }));
    expect(past.at).toBe('Data zaplanowanej publikacji musi być w przyszłości.');
    await scheduleNews(db, { actor: actor(), id: item.id, at: at('2026-03-12 08:00'), now });
    expect((await t.app.inject(`/aktualnosci/${item.slug}`)).statusCode).toBe(404);
    now = new Date('2026-03-12T07:00:01Z');
    expect((await t.app.inject(`/aktualnosci/${item.slug}`)).statusCode).toBe(200);
  });

  it('updates an item, keeping its address unless a new slug is given', async () => {
    const db = t.database.db;
    const item = await create({ title: 'Stary tytuł', publishedAt: '2026-03-01' });
    const updated = await updateNews(db, {
      actor: actor(),
      id: item.id,
      input: typed({ title: 'Nowy tytuł', publishedAt: '2026-03-01' }),
      now,
    });
    expect(updated.slug).toBe(item.slug);
    expect(updated.title).toBe('Nowy tytuł');
    const moved = await updateNews(db, {
      actor: actor(),
      id: item.id,
      input: typed({ title: 'Nowy tytuł', slug: 'nowy-adres', publishedAt: '2026-03-01' }),
      now,
    });
    expect(moved.slug).toBe('nowy-adres');
    const stranger = systemActor((await makeOrganization(db)).id, 'test');
    const other = await createNews(db, { actor: stranger, input: typed({ title: 'Obca' }) });
    await expect(updateNews(db, { actor: actor(), id: other.id, input: typed({ title: 'Przejęta' }) })).rejects.toThrow(
      'no such news item',
    );
  });

  it('accepts documents and images by content, serves them with the right headers', async () => {
    const db = t.database.db;
    const item = await create({ title: 'Ogłoszenie z załącznikami', publishedAt: '2026-03-05 09:00' });
    const attach = (fileName: string, data: Buffer, title?: string) =>
      addNewsAttachment(db, { actor: actor(), newsId: item.id, upload: { fileName, data, title } });
    const files = {
      pdf: await attach('Regulamin porządku.pdf', pdf(), 'Regulamin porządku domowego'),
      docx: await attach('wniosek.docx', docx()),
      odt: await attach('wniosek.odt', odt()),
      doc: await attach('stary-wniosek.doc', cfb()),
      xls: await attach('zestawienie.xls', cfb()),
      png: await attach('../../etc/zdjęcie elewacji.png', png()),
    };
    expect(files.docx.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(files.odt.contentType).toBe('application/vnd.oasis.opendocument.text');
    expect(files.doc.contentType).toBe('application/msword');
    expect(files.xls.contentType).toBe('application/vnd.ms-excel');
    expect(files.png.name).toBe('zdjęcie elewacji.png');

    const page = await t.app.inject(`/aktualnosci/${item.slug}`);
    expect(page.body).toContain('Załączniki');
    expect(page.body).toContain('Regulamin porządku domowego');
    const href = /href="(\/pliki\/[^"]+)">Regulamin porządku domowego/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const download = await t.app.inject(String(href));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Regulamin porzadku.pdf"; filename*=UTF-8''Regulamin%20porz%C4%85dku.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(pdf())).toBe(true);

    const image = await t.app.inject(`/pliki/${files.png.key}/x`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(String(image.headers['content-disposition'])).toMatch(/^inline; /);

    const foreign = await makeOrganization(db, { hostname: 'inna.example.pl' });
    expect((await t.app.inject({ url: String(href), headers: { host: foreign.hostname ?? '' } })).statusCode).toBe(404);
    expect((await t.app.inject('/pliki/AAAAAAAAAAAAAAAA/x.pdf')).statusCode).toBe(404);
  });

  it('names a stored file with the extension of the type detected from its content', async () => {
    const db = t.database.db;
    const item = await create({ title: 'Zdjęcia z podwórka', publishedAt: '2026-03-05 09:00' });
    const attach = (fileName: string, data: Buffer) =>
      addNewsAttachment(db, { actor: actor(), newsId: item.id, upload: { fileName, data } });
    const disguised = await attach('x.html', gif());
    expect([disguised.name, disguised.contentType]).toEqual(['x.gif', 'image/gif']);
    const served = await t.app.inject(`/pliki/${disguised.key}/x.html`);
    expect(served.headers['content-type']).toBe('image/gif');
    expect(served.headers['content-disposition']).toBe(`inline; filename="x.gif"; filename*=UTF-8''x.gif`);
    expect((await attach('podwórko', png())).name).toBe('podwórko.png');
    expect((await attach('plan.pdf.exe', pdf())).name).toBe('plan.pdf.pdf');
    expect((await attach('umowa 2024.03', pdf())).name).toBe('umowa 2024.03.pdf');
    // A right extension stays as the uploader wrote it.
    expect((await attach('Skan.PDF', pdf())).name).toBe('Skan.PDF');
    expect((await attach('wniosek.doc', cfb())).name).toBe('wniosek.doc');
  });

  it('refuses forbidden types and files over 20 MB with a Polish message', async () => {
    const db = t.database.db;
    const item = await create({ title: 'Do odrzucenia' });
    const attach = (fileName: string, data: Buffer) =>
      fieldErrors(addNewsAttachment(db, { actor: actor(), newsId: item.id, upload: { fileName, data } }));
    const html = await attach('strona.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.file).toBe(
      'Niedozwolony rodzaj pliku. Dozwolone są pliki PDF, DOC, DOCX, ODT, XLS, XLSX, JPG, PNG, GIF lub WEBP.',
    );
    const svg = await attach(
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    );
    expect(svg.file).toContain('Niedozwolony rodzaj pliku');
    const exe = await attach('program.doc', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(exe.file).toContain('Niedozwolony rodzaj pliku');
    const cfbNamedOdd = await attach('dokument.msi', cfb());
    expect(cfbNamedOdd.file).toContain('Niedozwolony rodzaj pliku');
    const big = await attach('duży.pdf', pdf('x'.repeat(MAX_FILE_BYTES)));
    // Just over the limit: the size never reads as the limit itself.
    expect(big.file).toBe('Plik jest za duży: ma ponad 20 MB, a największy dozwolony rozmiar to 20 MB.');
    expect((await attach('pusty.pdf', Buffer.alloc(0))).file).toBe('Wybierz plik do wysłania.');
  });

  it('never lets script from a title or body run', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[klik](javascript:alert(1))',
      '<a href="javascript:alert(1)">a</a>',
      '<svg onload=alert(1)>',
      '"><iframe src=//evil.example>',
    ];
    const item = await create({
      title: `Tytuł ${payloads[0]}`,
      lead: payloads[5],
      body: payloads.join('\n\n'),
      publishedAt: '2026-03-06 09:00',
    });
    const html = (await t.app.inject(`/aktualnosci/${item.slug}`)).body;
    expect(html).not.toMatch(/<script>alert|onerror=|onload=|javascript:|<iframe/i);
    expect(html).toContain('Tytuł &lt;script>alert(1)&lt;/script>');
  });

  it('paginates, and lists the archive by year in Warsaw time', async () => {
    const db = t.database.db;
    const other = await makeOrganization(db, { hostname: 'archiwum.example.pl' });
    const host = { host: 'archiwum.example.pl' };
    for (let i = 0; i < 12; i++) {
      await createNews(db, {
        actor: systemActor(other.id, 'test'),
        input: typed({
          title: `Wiadomość 2025 nr ${i}`,
          publishedAt: `2025-05-${String(i + 1).padStart(2, '0')} 10:00`,
        }),
      });
    }
    // 00:30 on 1 January in Warsaw is still 31 December in UTC.
    await createNews(db, {
      actor: systemActor(other.id, 'test'),
      input: typed({ title: 'Noworoczna', publishedAt: '2026-01-01 00:30' }),
    });
    const index = await t.app.inject({ url: '/aktualnosci', headers: host });
    expect(index.body).toContain('Strona 1 z 2');
    expect(index.body).toContain('href="/aktualnosci/archiwum/2025"');
    expect(index.body).toMatch(/2025<\/a> <span class="meta">\(12 wpisów\)/);
    expect(index.body).toMatch(/2026<\/a> <span class="meta">\(1 wpis\)/);
    const year2025 = await t.app.inject({ url: '/aktualnosci/archiwum/2025', headers: host });
    expect(year2025.statusCode).toBe(200);
    expect(year2025.body).toContain('Aktualności z 2025 roku');
    expect(year2025.body).toContain('Wiadomość 2025 nr 11');
    expect(year2025.body).not.toContain('Noworoczna');
    expect((await t.app.inject({ url: '/aktualnosci/archiwum/2026', headers: host })).body).toContain('Noworoczna');
    expect((await t.app.inject({ url: '/aktualnosci/archiwum/1999', headers: host })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/aktualnosci/archiwum/abcd', headers: host })).statusCode).toBe(404);
  });

  it('publishes an Atom feed that is well-formed XML with everything escaped', async () => {
    await create({
      title: 'Przetarg & <b>„cudzysłów”</b> </title><script>alert(1)</script>',
      lead: 'A > B & "C"',
      body: 'Tekst <script>alert(2)</script> **pogrubiony**',
      publishedAt: '2026-03-07 09:00',
    });
    const response = await t.app.inject('/aktualnosci/feed.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = response.body;
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const document = parseDocument(xml, { xmlMode: true });
    const feed = document.children.find((node) => 'name' in node && node.name === 'feed');
    expect(feed).toBeDefined();
    const titles = [...xml.matchAll(/<entry>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toContain(
      'Przetarg &amp; &lt;b&gt;„cudzysłów”&lt;/b&gt; &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(xml).toContain('&lt;strong&gt;pogrubiony&lt;/strong&gt;');
    expect(xml).not.toContain('alert(2)');
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="http://localhost:3000/aktualnosci/feed.xml"/>',
    );
  });
});
