import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/test-db.ts';
import type { Database } from '../db/client.ts';
import { runServer } from './server.ts';
import { Shutdown } from './shutdown.ts';

const settings = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', LOAD_DEMO: 'false', LOG_LEVEL: 'silent' };

describe.skipIf(testEngine === 'postgres')('the server on PGlite', () => {
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('stops and exits 1 when the PGlite thread dies, for its process manager to start it again', async () => {
    Object.assign(process.env, settings);
    const shutdown = new Shutdown({ install: false });
    let opened: (database: Database) => void = () => {};
    const database = new Promise<Database>((resolve) => {
      opened = resolve;
    });
    const exit = runServer(shutdown, { ready: opened });
    const thread = (await database).pglite;
    if (!thread) throw new Error('not PGlite');
    await thread.kill();
    expect(await exit).toBe(1);
    expect(shutdown.signal.aborted).toBe(true);
  });
});
