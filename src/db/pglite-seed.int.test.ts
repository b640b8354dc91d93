import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/test-db.ts';
import { openDatabase, queryRows } from './client.ts';
import { pgliteSeedFile, preparePgliteSeed, seedForNewDataDir } from './pglite-seed.ts';

// PGlite only: the PostgreSQL run of the integration tests has nothing to add here.
describe.skipIf(testEngine === 'postgres')('the PGlite seed (an empty cluster made at install time)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'osiedle-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a new data directory that keeps what is written to it', async () => {
    await preparePgliteSeed();
    expect(existsSync(pgliteSeedFile)).toBe(true);
    const dataDir = join(dir, 'data');
    expect(await seedForNewDataDir(dataDir)).toBeInstanceOf(Blob);

    const first = await openDatabase({ dataDir });
    await first.db.execute(sql`create table probe (name text)`);
    await first.db.execute(sql`insert into probe values ('SM Próba')`);
    await first.close();

    // An existing cluster is never overwritten by the seed.
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(await seedForNewDataDir(dataDir)).toBeUndefined();
    const again = await openDatabase({ dataDir });
    try {
      const rows = await queryRows<{ name: string }>(again.db, sql`select name from probe`);
      expect(rows.map((r) => r.name)).toEqual(['SM Próba']);
    } finally {
      await again.close();
    }
  });
});
