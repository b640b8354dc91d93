import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectWithRetry, retryDelayMs } from './connect.ts';

describe('connectWithRetry', () => {
  it('backs off exponentially up to 15 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
  });

  it('retries an unreachable server, then gives up with the error', async () => {
    // A port that was free a moment ago: connections are refused at once.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const waits: number[] = [];
    const warnings: unknown[] = [];
    await expect(
      connectWithRetry({
        url: `postgres://nobody@127.0.0.1:${port}/none`,
        attempts: 3,
        log: { warn: (obj: unknown) => warnings.push(obj), error: () => {} },
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    ).rejects.toThrow();
    expect(waits).toEqual([500, 1000]);
    expect(warnings).toHaveLength(2);
  });

  it('opens an embedded database at once', async () => {
    const database = await connectWithRetry({ dataDir: 'memory://', attempts: 1, log: console });
    expect(database.kind).toBe('pglite');
    await database.close();
  });
});
