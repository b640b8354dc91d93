import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { fileUrl, storeFile } from '../../files/store.ts';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'),
  Buffer.alloc(100, 32),
  Buffer.from('\n%%EOF\n'),
]);

describe('private files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('are never served at the public file address, even with their key', async () => {
    const organization = await makeOrganization(t.database.db);
    const upload = { fileName: 'pismo.pdf', data: PDF };
    const open = await storeFile(t.database.db, { organizationId: organization.id, upload });
    const hidden = await storeFile(t.database.db, {
      organizationId: organization.id,
      upload,
      owner: { private: true },
    });
    expect((await t.app.inject(fileUrl(open))).statusCode).toBe(200);
    expect((await t.app.inject(fileUrl(hidden))).statusCode).toBe(404);
  });
});
