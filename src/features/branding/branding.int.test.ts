import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { pdf } from '../../../test/support/zip.ts';
import { listAudit } from '../audit/audit.ts';
import type { Organization } from '../organizations/queries.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('the organization’s look (/panel/wyglad)', () => {
  let t: TestApp;
  let organization: Organization;
  let admin: TestClient;
  let clerk: TestClient;
  let member: TestClient;
  let visitor: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    organization = await makeOrganization(t.database.db);
    const { totpKey } = await t.app.secrets();
    const staff = (roles: ('admin' | 'clerk')[]) =>
      makeAccount(t.database.db, organization.id, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
    const adminAccount = await staff(['admin']);
    const clerkAccount = await staff(['clerk']);
    const memberAccount = await makeAccount(t.database.db, organization.id);
    admin = new TestClient(t.app, 'localhost', '10.4.0.1');
    clerk = new TestClient(t.app, 'localhost', '10.4.0.2');
    member = new TestClient(t.app, 'localhost', '10.4.0.3');
    visitor = new TestClient(t.app, 'localhost', '10.4.0.4');
    await admin.signIn('/panel', adminAccount.login, TEST_PASSWORD, { totpSecret: SECRET });
    await clerk.signIn('/panel', clerkAccount.login, TEST_PASSWORD, { totpSecret: SECRET });
    await member.signIn('/ebok', memberAccount.login, TEST_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is the administrator’s alone: a clerk, a member and a visitor get 404, and no menu entry', async () => {
    const page = await admin.get('/panel/wyglad');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kolor główny');
    expect((await admin.get('/panel')).body).toContain('href="/panel/wyglad"');
    expect((await clerk.get('/panel')).body).not.toContain('href="/panel/wyglad"');
    expect((await visitor.get('/panel/wyglad')).statusCode).not.toBe(200);
    for (const client of [clerk, member]) {
      expect((await client.get('/panel/wyglad')).statusCode).toBe(404);
      await client.get('/');
      const post = await client.post('/panel/wyglad', { kolor: '#000000', kolorCiemny: '#000000' });
      expect(post.statusCode).toBe(404);
    }
  });

  it('refuses a colour whose text would not read, at the field, with the measured contrast', async () => {
    await admin.get('/panel/wyglad');
    const response = await admin.postMultipart(
      '/panel/wyglad',
      { kolor: '#4ADE80', kolorCiemny: '#0B3A1E' },
      undefined,
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('kontrast z białym wynosi 1,');
    expect(response.body).toContain('co najmniej 4,5:1');
    expect(response.body).toContain('value="#4ADE80"');
    const notAColour = await admin.postMultipart('/panel/wyglad', { kolor: 'zielony', kolorCiemny: '' }, undefined);
    expect(notAColour.statusCode).toBe(422);
    expect(notAColour.body).toContain('Podaj kolor w zapisie #RRGGBB');
  });

  it('refuses a logo that is not an image, judged by its content', async () => {
    await admin.get('/panel/wyglad');
    const response = await admin.postMultipart('/panel/wyglad', { kolor: '', kolorCiemny: '' }, [
      { field: 'logo', name: 'logo.png', data: pdf(), type: 'image/png' },
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('To nie jest obraz');
  });

  it('saves colours and a logo: every page links them, the stylesheet and logo are served, the change is audited', async () => {
    const logo = await sharp({ create: { width: 800, height: 400, channels: 4, background: '#1e3a8a' } })
      .png()
      .toBuffer();
    await admin.get('/panel/wyglad');
    const saved = await admin.postMultipart('/panel/wyglad', { kolor: '#1e3a8a', kolorCiemny: '#172554' }, [
      { field: 'logo', name: 'logo.png', data: logo, type: 'image/png' },
    ]);
    expect(saved.statusCode, saved.body.match(/field-error[^<]*<[^<]*<\/span>([^<]*)/)?.[1]).toBe(303);
    expect(saved.headers.location).toBe('/panel/wyglad?zapisano=1');
    expect((await admin.get('/panel/wyglad?zapisano=1')).body).toContain('Zapisano wygląd Spółdzielni.');

    const home = await visitor.get('/');
    const stylesheet = /href="(\/wyglad\/kolory\.css\?v=[0-9a-f]+)"/.exec(home.body)?.[1];
    const logoAddress = /src="(\/wyglad\/logo\/[\w-]+\.png)"/.exec(home.body)?.[1];
    expect(stylesheet).toBeDefined();
    expect(logoAddress).toBeDefined();
    expect(home.body).toContain('<meta name="theme-color" content="#1e3a8a"');
    expect((await member.get('/ebok')).body).toContain(logoAddress);

    const css = await visitor.get(stylesheet ?? '');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.body).toContain('--green:#1e3a8a');
    expect(css.body).toContain('--green-dark:#172554');

    const image = await visitor.get(logoAddress ?? '');
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta.height).toBe(128);
    expect(meta.width).toBe(256);
    expect((await visitor.get('/wyglad/logo/nieznany.png')).statusCode).toBe(404);

    const { rows } = await listAudit(t.database.db, { organizationId: organization.id, limit: 50 });
    const row = rows.find((r) => r.action === 'organization.branding_changed');
    expect(row?.detail).toMatchObject({
      from: { primaryColor: null, darkColor: null, logo: null },
      to: { primaryColor: '#1e3a8a', darkColor: '#172554' },
    });

    // Removing the logo forgets it: the old address is gone.
    await admin.get('/panel/wyglad');
    const removed = await admin.postMultipart(
      '/panel/wyglad',
      { kolor: '', kolorCiemny: '', usunLogo: '1' },
      undefined,
    );
    expect(removed.statusCode).toBe(303);
    expect((await visitor.get(logoAddress ?? '')).statusCode).toBe(404);
    const after = await visitor.get('/');
    expect(after.body).not.toContain('/wyglad/logo/');
    // Empty colour fields bring back the defaults.
    expect(after.body).toContain('<meta name="theme-color" content="#14532d"');
  });
});
