import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeBuilding,
  makeOrganization,
  makePerson,
  makeRight,
  makeUnit,
  TEST_PASSWORD,
} from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TestClient } from '../../../test/support/test-client.ts';
import { pdf } from '../../../test/support/zip.ts';
import { listAudit } from '../audit/audit.ts';

const NOW = new Date('2026-03-10T10:00:00Z');
const SECRET = 'JBSWY3DPEHPK3PXP';

describe("members' documents (/ebok/dokumenty)", () => {
  let t: TestApp;
  let org: number;
  let anna: TestClient;
  let bogdan: TestClient;
  let editor: TestClient;
  let b65: number;
  let flatA: number;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { clock: () => NOW });
    const db = t.database.db;
    org = (await makeOrganization(db)).id;
    b65 = (await makeBuilding(db, org, { street: 'ul. Lipowa', number: '65' })).id;
    const b67 = (await makeBuilding(db, org, { street: 'ul. Lipowa', number: '67' })).id;
    const a = await makePerson(db, org);
    const b = await makePerson(db, org);
    flatA = (await makeUnit(db, org, { buildingId: b65, number: '7' })).id;
    const flatB = (await makeUnit(db, org, { buildingId: b67 })).id;
    await makeRight(db, org, { unitId: flatA, personId: a.id, validFrom: '2024-06-01' });
    await makeRight(db, org, { unitId: flatB, personId: b.id });
    const { totpKey } = await t.app.secrets();
    const annaAccount = await makeAccount(db, org, { personId: a.id });
    const bogdanAccount = await makeAccount(db, org, { personId: b.id });
    const editorAccount = await makeAccount(db, org, { kind: 'staff', roles: ['editor'], totpSecret: SECRET, totpKey });
    anna = new TestClient(t.app, 'localhost', '10.7.0.1');
    bogdan = new TestClient(t.app, 'localhost', '10.7.0.2');
    editor = new TestClient(t.app, 'localhost', '10.7.0.3');
    await anna.signIn('/ebok', annaAccount.login, TEST_PASSWORD);
    await bogdan.signIn('/ebok', bogdanAccount.login, TEST_PASSWORD);
    await editor.signIn('/panel', editorAccount.login, TEST_PASSWORD, { totpSecret: SECRET, now: NOW });
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists the statements of the member's own years, newest first", async () => {
    const page = await anna.get('/ebok/dokumenty');
    expect(page.statusCode).toBe(200);
    const titles = [...page.body.matchAll(/Zestawienie: (Zestawienie rozliczeń za \d{4} r\.)/g)].map((m) => m[1]);
    expect(titles).toEqual(['Zestawienie rozliczeń za 2025 r.', 'Zestawienie rozliczeń za 2024 r.']);
    expect(page.body).toContain(`/ebok/finanse/${flatA}/zestawienie.pdf?od=2024-06-01&amp;do=2024-12-31`);
    const download = await anna.get(`/ebok/finanse/${flatA}/zestawienie.pdf?od=2024-06-01&do=2024-12-31`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await bogdan.get('/ebok/dokumenty')).body).not.toContain(`/ebok/finanse/${flatA}/`);
    expect((await bogdan.get(`/ebok/finanse/${flatA}/zestawienie.pdf?od=2024-06-01&do=2024-12-31`)).statusCode).toBe(
      404,
    );
  });

  it('publishes members-only documents for chosen buildings and records each download', async () => {
    await editor.get('/panel/dokumenty-czlonkow');
    const missing = await editor.postMultipart('/panel/dokumenty-czlonkow', { title: 'Bez pliku' }, undefined);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Wybierz plik do wysłania.');
    expect(missing.body).toContain('value="Bez pliku"');
    const all = await editor.postMultipart(
      '/panel/dokumenty-czlonkow',
      { title: 'Sprawozdanie finansowe 2025' },
      { name: 'sprawozdanie.pdf', data: pdf() },
    );
    expect(all.statusCode).toBe(303);
    await editor.get('/panel/dokumenty-czlonkow');
    const only65 = await editor.postMultipart(
      '/panel/dokumenty-czlonkow',
      { title: 'Remont dachu Lipowa 65', buildingIds: String(b65) },
      { name: 'dach.pdf', data: pdf() },
    );
    expect(only65.statusCode).toBe(303);
    const annaPage = (await anna.get('/ebok/dokumenty')).body;
    expect(annaPage).toContain('Sprawozdanie finansowe 2025');
    expect(annaPage).toContain('Remont dachu Lipowa 65');
    const bogdanPage = (await bogdan.get('/ebok/dokumenty')).body;
    expect(bogdanPage).toContain('Sprawozdanie finansowe 2025');
    expect(bogdanPage).not.toContain('Remont dachu');
    const roofId = /\/ebok\/dokumenty\/(\d+)\/plik">Remont dachu/.exec(annaPage)?.[1];
    const file = await anna.get(`/ebok/dokumenty/${roofId}/plik`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((await bogdan.get(`/ebok/dokumenty/${roofId}/plik`)).statusCode).toBe(404);
    const audit = await listAudit(t.database.db, {
      organizationId: org,
      action: 'member_document.downloaded',
      limit: 10,
    });
    expect(audit.rows).toHaveLength(1);
    // Not on the public site.
    expect(
      (await new TestClient(t.app, 'localhost', '10.7.0.9').get(`/ebok/dokumenty/${roofId}/plik`)).statusCode,
    ).toBe(302);
    await editor.get('/panel/dokumenty-czlonkow');
    expect((await editor.post(`/panel/dokumenty-czlonkow/${roofId}/wycofaj`, {})).statusCode).toBe(303);
    expect((await anna.get(`/ebok/dokumenty/${roofId}/plik`)).statusCode).toBe(404);
  });

  it("answers 404 for another organization's document", async () => {
    const other = await makeOrganization(t.database.db);
    const { publishMemberDocument } = await import('./members-only.ts');
    const foreign = await publishMemberDocument(t.database.db, {
      actor: { organizationId: other.id, actorAccountId: null },
      title: 'Obcy',
      upload: { fileName: 'obcy.pdf', data: pdf() },
      buildingIds: [],
      known: [],
      now: NOW,
    });
    expect((await anna.get(`/ebok/dokumenty/${foreign.id}/plik`)).statusCode).toBe(404);
    expect((await editor.post(`/panel/dokumenty-czlonkow/${foreign.id}/wycofaj`, {})).statusCode).toBe(404);
  });
});
