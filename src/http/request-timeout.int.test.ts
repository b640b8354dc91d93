import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { loadConfig } from '../config.ts';

describe('a request that runs past REQUEST_TIMEOUT_SECONDS', () => {
  let t: TestApp;
  let started = 0;
  let finished = 0;
  let errors = 0;

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_TIMEOUT_SECONDS: '0.2', LOG_LEVEL: 'silent' }, (app) => {
      app.get('/test-slow', { config: { access: 'public' } }, async () => {
        started++;
        await sleep(600);
        finished++;
        return 'late';
      });
      app.get('/test-slow-failure', { config: { access: 'public' } }, async () => {
        started++;
        await sleep(600);
        errors++;
        throw new Error('late failure');
      });
      app.get('/test-quick', { config: { access: 'public' } }, async () => 'quick');
      // Stands for an import: the timeout looks at the request's content type only.
      app.get('/test-slow-upload', { config: { access: 'public' } }, async () => {
        await sleep(400);
        return 'report';
      });
    });
    await makeOrganization(t.database.db, { phone: '32 111 22 33' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gets the Polish "try again in a moment" page with the office phone, 503 and Retry-After', async () => {
    const response = await t.app.inject('/test-slow');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Strona nie odpowiedziała na czas');
    expect(response.body).toContain('Spróbuj ponownie za chwilę.');
    expect(response.body).toContain('<a href="tel:321112233">32 111 22 33</a>');
  });

  it('lets the work run to its end, and the server goes on answering', async () => {
    const failed = await t.app.inject('/test-slow-failure');
    expect(failed.statusCode).toBe(503);
    await sleep(700);
    // The handlers that had begun (under load, one may not have by the time) ran to their end;
    // their late answers were dropped.
    expect(finished + errors).toBe(started);
    const quick = await t.app.inject('/test-quick');
    expect(quick.statusCode).toBe(200);
    expect(quick.body).toBe('quick');
  });

  it('does not cut off an upload, which may take minutes (an import)', async () => {
    const response = await t.app.inject({
      url: '/test-slow-upload',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('report');
  });

  it('is off with 0, and 90 s unless set', () => {
    expect(loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' }).requestTimeoutMs).toBe(0);
    expect(loadConfig({}).requestTimeoutMs).toBe(90_000);
  });
});
