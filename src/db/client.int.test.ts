import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/test-db.ts';

describe('the statement log (LOG_SQL)', () => {
  it('hands every statement with its parameters to logQuery, also in transactions and under the lock', async () => {
    const logged: { query: string; params: unknown[] }[] = [];
    const database = await createTestDatabase({ logQuery: (query, params) => logged.push({ query, params }) });
    try {
      await database.db.execute(sql`select ${41} + 1 as answer`);
      await database.db.transaction((tx) => tx.execute(sql`select ${'w transakcji'} as text`));
      await database.withAdvisoryLock(4242, (db) => db.execute(sql`select ${'pod blokadą'} as text`));
      expect(logged).toEqual(
        expect.arrayContaining([
          { query: expect.stringContaining('+ 1 as answer'), params: [41] },
          { query: expect.stringContaining('as text'), params: ['w transakcji'] },
          { query: expect.stringContaining('as text'), params: ['pod blokadą'] },
        ]),
      );
    } finally {
      await database.close();
    }
  });
});
