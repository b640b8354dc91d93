import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeNews, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { buildApp } from '../../http/app.ts';
import { parseInput } from '../../lib/field-errors.ts';
import { systemActor } from '../audit/audit.ts';
import { type Organization, updateOrganizationSettings } from '../organizations/queries.ts';
import { createNews, newsInput, publishNews, scheduleNews, unpublishNews } from './edit-news.ts';
import { addSection, hideSection, sectionInput, updateSectionBody } from './sections.ts';
import { createTender, tenderInput } from './tenders.ts';

const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0';

describe('the public page cache', () => {
  let t: TestApp;
  let organization: Organization;
  let other: Organization;
  let now = new Date('2026-03-10T10:00:00Z');
  const actor = () => systemActor(organization.id, 'test');
  const get = (url: string, headers: Record<string, string> = {}, host = 'localhost') =>
    t.app.inject({ url, headers: { host, 'user-agent': browser, ...headers } });

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
    organization = await makeOrganization(t.database.db, { name: 'Spółdzielnia Pierwsza' });
    other = await makeOrganization(t.database.db, { name: 'Spółdzielnia Druga', hostname: 'druga.example.pl' });
    await makeNews(t.database.db, organization.id, {
      title: 'Wiadomość pierwszej',
      publishedAt: new Date(now.getTime() - 1000),
    });
    await makeNews(t.database.db, other.id, {
      title: 'Wiadomość drugiej',
      publishedAt: new Date(now.getTime() - 1000),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves a stored page again with the same ETag, and 304 to If-None-Match', async () => {
    const first = await get('/');
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(first.headers['last-modified']).toBeDefined();
    const size = t.app.pageCache.size;
    const again = await get('/');
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(etag);
    expect(t.app.pageCache.size).toBe(size);
    const revalidated = await get('/', { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect((await get('/', { 'if-none-match': '"inny"' })).statusCode).toBe(200);
    // A new visitor changes the count in the footer, and so the ETag.
    const newVisitor = await t.app.inject({
      url: '/',
      remoteAddress: '198.51.100.77',
      headers: { 'user-agent': browser, 'if-none-match': etag },
    });
    expect(newVisitor.statusCode).toBe(200);
    expect(newVisitor.headers.etag).not.toBe(etag);
  });

  it("never serves one organization's page to another host", async () => {
    const mine = await get('/aktualnosci');
    const theirs = await get('/aktualnosci', {}, 'druga.example.pl');
    expect(mine.body).toContain('Wiadomość pierwszej');
    expect(mine.body).not.toContain('Wiadomość drugiej');
    expect(theirs.body).toContain('Wiadomość drugiej');
    expect(theirs.body).not.toContain('Wiadomość pierwszej');
    const mineAgain = await get('/aktualnosci', { 'if-none-match': String(theirs.headers.etag) });
    expect(mineAgain.statusCode).toBe(200);
    expect(mineAgain.body).toContain('Wiadomość pierwszej');
    const feed = await get('/aktualnosci/feed.xml', {}, 'druga.example.pl');
    expect(feed.body).toContain('Wiadomość drugiej');
    expect(feed.body).not.toContain('Wiadomość pierwszej');
  });

  it('never serves a draft, and shows a news item when it is published or its time comes', async () => {
    const draft = await createNews(t.database.db, {
      actor: actor(),
      input: parseInput(newsInput, { title: 'Szkic tajny', lead: 'Wstęp', body: 'Treść' }),
    });
    expect((await get('/')).body).not.toContain('Szkic tajny');
    expect((await get(`/aktualnosci/${draft.slug}`)).statusCode).toBe(404);
    await publishNews(t.database.db, { actor: actor(), id: draft.id, now });
    expect((await get('/')).body).toContain('Szkic tajny');
    expect((await get(`/aktualnosci/${draft.slug}`)).statusCode).toBe(200);
    expect((await get('/sitemap.xml')).body).toContain(draft.slug);
    await unpublishNews(t.database.db, { actor: actor(), id: draft.id, now });
    expect((await get('/')).body).not.toContain('Szkic tajny');
    expect((await get(`/aktualnosci/${draft.slug}`)).statusCode).toBe(404);
    expect((await get('/sitemap.xml')).body).not.toContain(draft.slug);

    const later = new Date(now.getTime() + 3600_000);
    await scheduleNews(t.database.db, { actor: actor(), id: draft.id, at: later, now });
    expect((await get('/')).body).not.toContain('Szkic tajny');
    expect((await get('/aktualnosci/feed.xml')).body).not.toContain('Szkic tajny');
    now = new Date(later.getTime() + 1000);
    expect((await get('/')).body).toContain('Szkic tajny');
    expect((await get('/aktualnosci/feed.xml')).body).toContain('Szkic tajny');
  });

  it('shows a section edit, a menu change, a new tender and new settings at once', async () => {
    const section = await addSection(t.database.db, {
      actor: actor(),
      input: parseInput(sectionInput, { title: 'Remonty', slug: 'remonty', body: 'Plan na wiosnę' }),
    });
    expect((await get('/')).body).toContain('href="/remonty"');
    expect((await get('/remonty')).body).toContain('Plan na wiosnę');
    await updateSectionBody(t.database.db, { actor: actor(), id: section.id, body: 'Plan na jesień' });
    const edited = (await get('/remonty')).body;
    expect(edited).toContain('Plan na jesień');
    expect(edited).not.toContain('Plan na wiosnę');
    await hideSection(t.database.db, { actor: actor(), id: section.id, subPagesConfirmed: true });
    expect((await get('/')).body).not.toContain('href="/remonty"');
    expect((await get('/remonty')).statusCode).toBe(404);

    const tenders = await addSection(t.database.db, {
      actor: actor(),
      input: parseInput(sectionInput, { title: 'Przetargi', slug: 'przetargi', kind: 'tenders' }),
    });
    expect(tenders.kind).toBe('tenders');
    expect((await get('/przetargi')).body).not.toContain('Malowanie klatek');
    await createTender(t.database.db, {
      actor: actor(),
      input: parseInput(tenderInput, { title: 'Malowanie klatek', deadline: '2026-04-01 12:00' }),
      now,
    });
    expect((await get('/przetargi')).body).toContain('Malowanie klatek');

    expect((await get('/kontakt')).body).not.toContain('pn. 7:00–15:00');
    await updateOrganizationSettings(t.database.db, organization.id, { officeHours: ['pn. 7:00–15:00'] });
    expect((await get('/kontakt')).body).toContain('pn. 7:00–15:00');
  });

  it('never stores or serves a stored page to someone signed in', async () => {
    const account = await makeAccount(t.database.db, organization.id);
    const member = new TestClient(t.app, 'localhost', '10.9.0.1');
    expect((await member.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);
    const stored = await get('/');
    const page = await member.get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers.etag).toBeUndefined();
    expect(page.headers['cache-control']).toBe('private, no-store');
    const revalidated = await member.request({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': String(stored.headers.etag) },
    });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.headers['cache-control']).toBe('private, no-store');
  });

  it('shows a menu change to a signed-in member at once (a page made for them), and never to another organization', async () => {
    const account = await makeAccount(t.database.db, organization.id);
    const member = new TestClient(t.app, 'localhost', '10.9.0.2');
    expect((await member.signIn('/ebok', account.login, TEST_PASSWORD)).statusCode).toBe(303);
    expect((await member.get('/kontakt')).body).not.toContain('href="/walne-zgromadzenie"');
    await addSection(t.database.db, {
      actor: actor(),
      input: parseInput(sectionInput, { title: 'Walne zgromadzenie', slug: 'walne-zgromadzenie', body: 'Czerwiec' }),
    });
    const after = await member.get('/kontakt');
    expect(after.headers['cache-control']).toBe('private, no-store');
    expect(after.body).toContain('href="/walne-zgromadzenie"');
    expect((await get('/', {}, 'druga.example.pl')).body).not.toContain('href="/walne-zgromadzenie"');
  });

  it('leaves search results out of the cache', async () => {
    const search = await get('/szukaj?q=wiadomo%C5%9B%C4%87');
    expect(search.statusCode).toBe(200);
    expect(search.headers.etag).toBeUndefined();
  });

  it('sees a change made by another process', async () => {
    const second = await buildApp({ config: t.config, gate: { database: t.database }, clock: () => now });
    await second.ready();
    try {
      const item = await makeNews(t.database.db, organization.id, {
        title: 'Przed zmianą',
        publishedAt: new Date(now.getTime() - 1000),
      });
      expect((await second.inject({ url: `/aktualnosci/${item.slug}` })).body).toContain('Przed zmianą');
      // The first app (another process) unpublishes it through its editor's function.
      await unpublishNews(t.database.db, { actor: actor(), id: item.id, now });
      expect((await second.inject({ url: `/aktualnosci/${item.slug}` })).statusCode).toBe(404);
      expect((await second.inject({ url: '/' })).body).not.toContain('Przed zmianą');
    } finally {
      await second.close();
    }
  });
});
