import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNews, makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { pdf } from '../../../test/support/zip.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { systemActor } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';
import { addGazetteIssue } from './gazette.ts';
import { toPrefixQuery } from './search.ts';
import { addSection, hideSection, type SectionInput, sectionInput } from './sections.ts';
import { closeTender, createTender, type TenderInput, tenderInput } from './tenders.ts';

describe('search', () => {
  let t: TestApp;
  let organization: Organization;
  const actor = () => systemActor(organization.id, 'test');
  const section = async (input: SectionInput) =>
    addSection(t.database.db, { actor: actor(), input: parseInput(sectionInput, input) });
  const tender = async (input: TenderInput) =>
    createTender(t.database.db, { actor: actor(), input: parseInput(tenderInput, input) });

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
    await section({ title: 'Remonty', body: 'Plan remontów na 2026 rok: wymiana pionów.' });
    const hidden = await section({ title: 'Ukryta', body: 'Tajny remont żółtej elewacji.' });
    await hideSection(db, { actor: actor(), id: hidden.id, subPagesConfirmed: false });
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

  it('finds tenders by title, description and result, and gazette issues by title, on their pages', async () => {
    const db = t.database.db;
    const tenders = await section({ title: 'Przetargi', kind: 'tenders' });
    const gazette = await section({ title: 'Gazetka', kind: 'gazette' });
    const open = await tender({
      title: 'Wymiana dźwigów osobowych',
      description: 'Dostawa i montaż dwóch wind w budynku przy ulicy Granicznej.',
      deadline: '2099-05-15 12:00',
    });
    const closed = await tender({
      title: 'Malowanie klatek',
      description: 'Ściany i balustrady.',
      deadline: '2025-03-01 12:00',
    });
    await closeTender(db, { actor: actor(), id: closed.id, result: 'Wybrano ofertę firmy Pędzelek sp. z o.o.' });
    await tender({ title: 'Ukryty przetarg na dźwigi', deadline: '2099-05-15 12:00' }).then((hidden) =>
      t.database.db.execute(sql`update tenders set hidden = true where id = ${hidden.id}`),
    );
    await addGazetteIssue(db, {
      actor: actor(),
      input: { title: 'Gazetka osiedlowa „Źdźbło” nr 1/2026', issueDate: '2026-03-01' },
      upload: { fileName: 'gazetka.pdf', data: pdf() },
    });

    const byTitle = await search('dzwig');
    expect(byTitle).toContain(`href="/przetargi#przetarg-${open.id}"`);
    expect(byTitle).toContain('Przetarg, termin składania ofert 15 maja 2099');
    expect(byTitle).not.toContain('Ukryty przetarg');
    expect(await search('wind granicz')).toContain(`href="/przetargi#przetarg-${open.id}"`);
    const byResult = await search('pedzelek');
    expect(byResult).toContain(`href="/przetargi#przetarg-${closed.id}"`);
    expect(byResult).toContain('<mark>Pędzelek</mark>');
    const issue = await search('zdzblo');
    expect(issue).toMatch(/href="\/gazetka#wydanie-\d+"/);
    expect(issue).toContain('Gazetka, 1 marca 2026');
    // The anchors exist on the pages the hits link to.
    expect((await t.app.inject('/przetargi')).body).toContain(`id="przetarg-${open.id}"`);
    expect((await t.app.inject('/gazetka')).body).toMatch(/<li id="wydanie-\d+"/);
    // With their pages hidden, there is nowhere to show them.
    await hideSection(db, { actor: actor(), id: tenders.id, subPagesConfirmed: false });
    await hideSection(db, { actor: actor(), id: gazette.id, subPagesConfirmed: false });
    expect(await search('dzwig')).not.toContain('przetarg-');
    expect(await search('zdzblo')).not.toContain('wydanie-');
  });

  it('says so when nothing matches, and explains when the query is empty', async () => {
    expect(await search('xyzzy')).toContain(
      'Nie znaleziono stron, aktualności, przetargów ani wydań gazetki zawierających „xyzzy”.',
    );
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
