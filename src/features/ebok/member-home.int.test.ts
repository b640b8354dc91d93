import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { formatDateTime } from '../../lib/format.ts';

describe('the member’s start page (/ebok)', () => {
  let t: TestApp;
  let now = new Date('2026-03-10T10:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => now });
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows the previous sign-in, not the one just made, in the compact e-BOK shell', async () => {
    const org = await makeOrganization(t.database.db);
    const account = await makeAccount(t.database.db, org.id);
    const first = new TestClient(t.app, 'localhost', '10.7.0.1');
    await first.signIn('/ebok', account.login, TEST_PASSWORD, { now });
    const firstHome = await first.get('/ebok');
    expect(firstHome.body).toContain('To Twoje pierwsze logowanie do e-BOK.');
    expect(firstHome.body).not.toContain('Menu główne');
    expect(firstHome.body).toContain('href="/manifest.webmanifest"');

    const firstAt = now;
    now = new Date(now.getTime() + 3_600_000);
    const second = new TestClient(t.app, 'localhost', '10.7.0.2');
    await second.signIn('/ebok', account.login, TEST_PASSWORD, { now });
    const home = await second.get('/ebok');
    expect(home.body).toContain(`Poprzednie logowanie: ${formatDateTime(firstAt)}`);
    expect(home.body).not.toContain(`Poprzednie logowanie: ${formatDateTime(now)}`);

    const manifest = await second.get('/manifest.webmanifest');
    expect(manifest.headers['content-type']).toContain('application/manifest+json');
    expect(manifest.json()).toMatchObject({ start_url: '/ebok', display: 'standalone', lang: 'pl' });
    // Every icon the manifest names is served, and the PNGs are really the sizes they claim.
    const icons = manifest.json().icons as { src: string; sizes: string; type: string; purpose: string }[];
    expect(icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of icons) {
      const file = await second.get(icon.src);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain(icon.type);
      if (icon.type !== 'image/png') continue;
      const { width, height } = await sharp(file.rawPayload).metadata();
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    expect(home.body).toMatch(/<link rel="apple-touch-icon" href="\/assets\/[0-9a-f]+\/icons\/apple-touch-icon.png"/);
  });
});
