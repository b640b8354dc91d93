import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNews, makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Organization } from '../organizations/queries.ts';
import { toPrefixQuery } from './search.ts';
import { addSection, hideSection } from './sections.ts';

describe('search', () => {
  let t: TestApp;
  let organization: Organization;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    organization = await makeOrganization(db);
    await makeNews(db, organization.id, {
      slug: 'malowanie',
      title: 'Malowanie klatek na żółć',
      body: 'Ściany klatek schodowych pomalujemy na kolor żółć kanarkowa. Prosimy o ostrożność.',
    });
    await makeNews(db, organization.id, {
      slug: 'zolw',
      title: 'Zolc bez ogonków',
      body: 'Tytuł pisany bez polskich znaków.',
    });
    await makeNews(db, organization.id, { slug: 'szkic', title: 'Szkic o żółci', publishedAt: null });
    await addSection({
      db,
      organizationId: organization.id,
      input: { title: 'Remonty', body: 'Plan remontów na 2026 rok: wymiana pionów.' },
    });
    const hidden = await addSection({
      db,
      organizationId: organization.id,
      input: { title: 'Ukryta', body: 'Tajny remont żółtej elewacji.' },
    });
    await hideSection({ db, organizationId: organization.id, id: hidden.id });
    const foreign = await makeOrganization(db, { hostname: 'obca.example.pl' });
    await makeNews(db, foreign.id, { title: 'Obca żółć' });
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (q: string) => (await t.app.inject(`/szukaj?q=${encodeURIComponent(q)}`)).body;

  it('finds Polish words typed without diacritics, and the other way round', async () => {
    const html = await search('zolc');
    expect(html).toContain('Malowanie klatek na żółć');
    expect(html).toContain('<mark>żółć</mark>');
    expect(html).toContain('Zolc bez ogonków');
    const accented = await search('ŻÓŁĆ');
    expect(accented).toContain('Malowanie klatek na żółć');
    expect(accented).toContain('Zolc bez ogonków');
    expect(html).not.toContain('Szkic o żółci');
    expect(html).not.toContain('Obca żółć');
    expect(html).toMatch(/Znaleziono 2 wyniki dla „zolc”/);
  });

  it('matches word beginnings, searches pages, and leaves hidden pages out', async () => {
    const html = await search('remont');
    expect(html).toContain('href="/remonty"');
    expect(html).toContain('<mark>remontów</mark>');
    expect(html).not.toContain('Tajny');
    expect(await search('pion')).toContain('href="/remonty"');
  });

  it('says so when nothing matches, and explains when the query is empty', async () => {
    expect(await search('xyzzy')).toContain('Nie znaleziono stron ani aktualności zawierających „xyzzy”.');
    expect(await search('')).toContain('Wpisz słowo lub kilka słów');
    expect(await search('!!! & | :*')).toContain('Nie znaleziono');
  });

  it('reflects the query escaped, never as markup', async () => {
    const html = await search('"><script>alert(1)</script>');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).toContain('value="&quot;>&lt;script>alert(1)&lt;/script>"');
  });

  it('turns text into a safe prefix query', () => {
    expect(toPrefixQuery('Żółć  remont!')).toBe('żółć:* & remont:*');
    expect(toPrefixQuery("a' | b:* & !c")).toBe('a:* & b:* & c:*');
    expect(toPrefixQuery('  ')).toBeUndefined();
  });
});
