import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization, TEST_PASSWORD } from '../../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { TestClient } from '../../../../test/support/test-client.ts';
import { listAudit } from '../../audit/audit.ts';
import type { Organization } from '../../organizations/queries.ts';
import { listTemplates } from './templates.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const TEMPLATES = '/panel/korespondencja/szablony';

describe('letter templates and the letter preview (/panel/korespondencja)', () => {
  let t: TestApp;
  let org: Organization;
  let other: Organization;
  let clerk: TestClient;
  let editor: TestClient;
  let accountant: TestClient;
  let member: TestClient;
  let otherClerk: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    org = await makeOrganization(t.database.db);
    other = await makeOrganization(t.database.db, { hostname: 'inna.example.org' });
    const { totpKey } = await t.app.secrets();
    const staff = (organizationId: number, roles: ('clerk' | 'editor' | 'accountant')[]) =>
      makeAccount(t.database.db, organizationId, { kind: 'staff', roles, totpSecret: SECRET, totpKey });
    clerk = new TestClient(t.app, 'localhost', '10.5.0.1');
    editor = new TestClient(t.app, 'localhost', '10.5.0.2');
    accountant = new TestClient(t.app, 'localhost', '10.5.0.3');
    member = new TestClient(t.app, 'localhost', '10.5.0.4');
    otherClerk = new TestClient(t.app, 'inna.example.org', '10.5.0.5');
    await clerk.signIn('/panel', (await staff(org.id, ['clerk'])).login, TEST_PASSWORD, { totpSecret: SECRET });
    await editor.signIn('/panel', (await staff(org.id, ['editor'])).login, TEST_PASSWORD, { totpSecret: SECRET });
    await accountant.signIn('/panel', (await staff(org.id, ['accountant'])).login, TEST_PASSWORD, {
      totpSecret: SECRET,
    });
    await member.signIn('/ebok', (await makeAccount(t.database.db, org.id)).login, TEST_PASSWORD);
    await otherClerk.signIn('/panel', (await staff(other.id, ['clerk'])).login, TEST_PASSWORD, {
      totpSecret: SECRET,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, changes and deletes a template, each change audited', async () => {
    const list = await clerk.get(TEMPLATES);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Nie ma jeszcze szablonów');
    expect((await clerk.get('/panel/korespondencja')).body).toContain(`href="${TEMPLATES}"`);

    const empty = await clerk.post(TEMPLATES, { name: '', subject: '', body: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Podaj nazwę szablonu');
    expect(empty.body).toContain('Wpisz treść listu.');

    const created = await clerk.post(TEMPLATES, {
      name: 'Odczyt wodomierzy',
      subject: 'Odczyt wodomierzy w grudniu',
      body: 'Szanowni Państwo,\n\nprosimy o odczyt do **15 grudnia**.\nZ poważaniem\nZarząd Spółdzielni',
    });
    expect(created.statusCode).toBe(303);
    const page = await clerk.get(created.headers.location as string);
    expect(page.body).toContain('Zapisano szablon.');
    // The preview beside the editor: the same renderer as the sent letter, line breaks kept.
    expect(page.body).toContain('<strong>15 grudnia</strong>');
    expect(page.body).toContain('Z poważaniem<br');

    const [template] = await listTemplates(t.database.db, { organizationId: org.id });
    expect(template?.name).toBe('Odczyt wodomierzy');
    const id = template?.id ?? 0;

    // A second template may not take the same name.
    const taken = await clerk.post(TEMPLATES, { name: 'Odczyt wodomierzy', subject: 'X', body: 'Y' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('już jest');

    await clerk.get(`${TEMPLATES}/${id}`);
    const changed = await clerk.post(`${TEMPLATES}/${id}`, {
      name: 'Odczyt wodomierzy (grudzień)',
      subject: 'Odczyt wodomierzy',
      body: 'Prosimy o odczyt.',
    });
    expect(changed.statusCode).toBe(303);
    expect((await clerk.get(`${TEMPLATES}/${id}?zrobiono=zmieniono`)).body).toContain('Odczyt wodomierzy (grudzień)');

    // Using it: the new letter's form is filled with its subject and body.
    const start = await clerk.get(`/panel/korespondencja?szablon=${id}`);
    expect(start.body).toContain('Wstawiono szablon „Odczyt wodomierzy (grudzień)”');
    expect(start.body).toMatch(/<textarea[^>]*name="body"[^>]*>Prosimy o odczyt\.<\/textarea>/);
    // Editors write letters too, and see the templates.
    expect((await editor.get(`/panel/korespondencja?szablon=${id}`)).body).toContain('Prosimy o odczyt.');

    await clerk.get(`${TEMPLATES}/${id}`);
    const deleted = await clerk.post(`${TEMPLATES}/${id}/usun`);
    expect(deleted.statusCode).toBe(303);
    expect((await clerk.get(deleted.headers.location as string)).body).toContain('Szablon usunięty.');
    expect((await clerk.get(`${TEMPLATES}/${id}`)).statusCode).toBe(404);
    // A deleted template fills nothing.
    expect((await clerk.get(`/panel/korespondencja?szablon=${id}`)).body).not.toContain('Wstawiono szablon');

    const { rows } = await listAudit(t.database.db, { organizationId: org.id, limit: 50 });
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'correspondence.template_created',
        'correspondence.template_updated',
        'correspondence.template_deleted',
      ]),
    );
    const update = rows.find((r) => r.action === 'correspondence.template_updated');
    expect(update?.detail).toMatchObject({
      from: { name: 'Odczyt wodomierzy' },
      to: { name: 'Odczyt wodomierzy (grudzień)' },
      bodyChanged: true,
    });
  });

  it('keeps each organization’s templates its own, and lets no one without letters.send in', async () => {
    await clerk.get(TEMPLATES);
    const created = await clerk.post(TEMPLATES, { name: 'Zebranie', subject: 'Zebranie', body: 'Zapraszamy.' });
    const url = created.headers.location?.split('?')[0] as string;
    expect((await otherClerk.get(url)).statusCode).toBe(404);
    expect((await otherClerk.get(TEMPLATES)).body).not.toContain('Zebranie');
    await otherClerk.get(TEMPLATES);
    expect((await otherClerk.post(`${url}/usun`)).statusCode).toBe(404);
    const id = Number(url.split('/').at(-1));
    expect((await otherClerk.get(`/panel/korespondencja?szablon=${id}`)).body).not.toContain('Zapraszamy.');
    for (const client of [accountant, member]) {
      for (const path of [TEMPLATES, url]) expect((await client.get(path)).statusCode).toBe(404);
      await client.get('/');
      expect((await client.post(TEMPLATES, { name: 'a', subject: 'b', body: 'c' })).statusCode).toBe(404);
      expect((await client.post('/panel/korespondencja/podglad', { subject: 'a', body: 'b' })).statusCode).toBe(404);
    }
    expect(await listTemplates(t.database.db, { organizationId: other.id })).toEqual([]);
  });

  it('previews a typed letter without saving anything, escaping what is typed', async () => {
    await clerk.get('/panel/korespondencja');
    const preview = await clerk.post('/panel/korespondencja/podglad', {
      subject: 'Próba <b>tematu</b>',
      body: 'Pierwsza linia\ndruga linia\n\n<script>alert(1)</script> i {{saldo}}',
      audience: 'all',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(preview.body).toContain('id="podglad-listu"');
    expect(preview.body).toContain('Pierwsza linia<br');
    expect(preview.body).toContain('Próba &lt;b>tematu&lt;/b>');
    expect(preview.body).not.toContain('<script>alert(1)</script>');
    expect(preview.body).toContain('zostaną wypełnione danymi każdego adresata');
    const letters = await clerk.get('/panel/korespondencja');
    expect(letters.body).not.toContain('Próba');
    expect(letters.body).toContain('js/letter-preview.js');
  });
});
