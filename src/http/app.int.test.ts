import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNews, makeOrganization } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { testEngine } from '../../test/support/test-db.ts';
import { loadConfig } from '../config.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { buildApp } from './app.ts';

describe('the HTTP shell', () => {
  let t: TestApp;
  let organization: Organization;

  beforeAll(async () => {
    t = await createTestApp({}, (app) => {
      app.get('/test-failure', { config: { access: 'public' } }, async () => {
        throw new Error('secret internal detail');
      });
    });
    organization = await makeOrganization(t.database.db, { name: 'Spółdzielnia Mieszkaniowa „Zażółć”' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz and /readyz with JSON', async () => {
    const health = await t.app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    // Anonymous callers learn nothing of the database kind or the migrations.
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('shows the organization, its contact data and an honest empty state', async () => {
    const response = await t.app.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toMatch(/^<!doctype html><html lang="pl">/);
    expect(html).toContain('Spółdzielnia Mieszkaniowa „Zażółć”');
    expect(html).toContain('ul. Mariacka 1, 40-014 Katowice');
    expect(html).toContain('32 000 00 00');
    expect(html).toContain('tel./faks 32 000 00 01');
    expect(html).toContain(organization.email);
    expect(html).toContain('Nie opublikowano jeszcze żadnych aktualności.');
    expect(html).toContain('href="#tresc"');
  });

  it('lists published news newest first, escaped, and hides drafts and scheduled items', async () => {
    const db = t.database.db;
    await makeNews(db, organization.id, {
      title: 'Starsza <script>alert(1)</script>',
      publishedAt: new Date('2026-01-10T09:00:00Z'),
    });
    await makeNews(db, organization.id, { title: 'Nowsza', publishedAt: new Date('2026-02-10T09:00:00Z') });
    await makeNews(db, organization.id, { title: 'Szkic', publishedAt: null });
    await makeNews(db, organization.id, { title: 'Zaplanowana', publishedAt: new Date(Date.now() + 86_400_000) });

    const html = (await t.app.inject('/')).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Starsza &lt;script>alert(1)&lt;/script>');
    expect(html.indexOf('Nowsza')).toBeLessThan(html.indexOf('Starsza'));
    expect(html).not.toContain('Szkic');
    expect(html).not.toContain('Zaplanowana');
    expect(html).toContain('10 lutego 2026');
  });

  it('shows a news item with its sanitized body, and 404 for drafts', async () => {
    const db = t.database.db;
    const item = await makeNews(db, organization.id, {
      slug: 'zebranie-grup-czlonkowskich',
      title: 'Zebranie grup członkowskich',
      body: '**Porządek obrad**\n\n<img src=x onerror=alert(1)>',
    });
    const response = await t.app.inject(`/aktualnosci/${item.slug}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<strong>Porządek obrad</strong>');
    expect(response.body).not.toContain('onerror');

    const draft = await makeNews(db, organization.id, { publishedAt: null });
    expect((await t.app.inject(`/aktualnosci/${draft.slug}`)).statusCode).toBe(404);
    expect((await t.app.inject('/aktualnosci/%3Cscript%3E')).statusCode).toBe(404);
  });

  it('paginates the news list and answers 404 past the last page', async () => {
    for (let i = 0; i < 12; i++) await makeNews(t.database.db, organization.id, { title: `Seria ${i}` });
    const first = await t.app.inject('/aktualnosci');
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/Strona 1 z \d/);
    expect(first.body).toContain('href="/aktualnosci?strona=2"');
    expect((await t.app.inject('/aktualnosci?strona=2')).statusCode).toBe(200);
    expect((await t.app.inject('/aktualnosci?strona=99')).statusCode).toBe(404);
    expect((await t.app.inject('/aktualnosci?strona=abc')).statusCode).toBe(200);
  });

  it('answers unknown addresses with the Polish 404 page', async () => {
    const response = await t.app.inject('/nie-ma-takiej-strony');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Nie znaleziono strony');
    expect(response.body).toContain(organization.name);
    expect((await t.app.inject({ method: 'POST', url: '/' })).statusCode).toBe(404);
  });

  it('answers an internal error with the 500 page and the request id, never the details', async () => {
    const response = await t.app.inject('/test-failure');
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Przepraszamy, wystąpił błąd');
    expect(response.body).toContain(String(response.headers['x-request-id']));
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('sends strict security headers', async () => {
    const response = await t.app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves versioned assets with a long cache', async () => {
    const html = (await t.app.inject('/')).body;
    const href = /href="(\/assets\/[0-9a-f]{12}\/site\.css)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const css = await t.app.inject(String(href));
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject('/assets/000000000000/../package.json')).statusCode).toBe(404);
  });

  it('serves each organization its own site by host name', async () => {
    const other = await makeOrganization(t.database.db, { name: 'Wspólnota Inna', hostname: 'inna.example.pl' });
    await makeNews(t.database.db, other.id, { title: 'Tylko dla wspólnoty Inna' });
    const otherHome = await t.app.inject({ url: '/', headers: { host: 'inna.example.pl' } });
    expect(otherHome.body).toContain('Wspólnota Inna');
    expect(otherHome.body).toContain('Tylko dla wspólnoty Inna');
    const defaultHome = await t.app.inject('/');
    expect(defaultHome.body).not.toContain('Tylko dla wspólnoty Inna');
    expect(defaultHome.body).toContain(organization.name);
  });
});

describe('the HTTP shell before the database is ready', () => {
  it('answers /healthz, but /readyz and pages with 503', async () => {
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), gate: { database: undefined } });
    try {
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().status).toBe('starting');
      const page = await app.inject('/');
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('Serwis chwilowo niedostępny');
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(testEngine === 'postgres')('the HTTP shell on PGlite, whose thread may be busy or die', () => {
  it('is ready while a long statement runs, and not ready once the thread has died', async () => {
    const t = await createTestApp();
    try {
      await makeOrganization(t.database.db);
      const thread = t.database.pglite;
      if (!thread) throw new Error('not PGlite');
      // Readiness asks the thread's state, not a query that would wait behind the statement.
      const long = t.database.db.execute(sql`select pg_sleep(3)`).then(() => 'statement');
      const ready = t.app.inject('/readyz').then((response) => response.statusCode);
      expect(await Promise.race([ready, long])).toBe(200);
      await long;
      await thread.kill();
      expect((await t.app.inject('/healthz')).statusCode).toBe(200);
      const notReady = await t.app.inject('/readyz');
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toEqual({ status: 'unavailable' });
      const page = await t.app.inject('/');
      expect(page.statusCode).toBe(503);
      expect(page.headers['retry-after']).toBeDefined();
      expect(page.body).toContain('Serwis chwilowo niedostępny');
    } finally {
      await t.close();
    }
  });
});
