// `npm run build` (after prepare-migrated-seed): makes the demo's base in a PGlite directory of its
// own under dist/pglite-seed/ (src/demo/demo-seed.ts), so that a server started with the demo on a
// new data directory copies it instead of writing 300 units' ledger history at start. Kept while
// the migrations and demo sources are the same and it is under a week old. Optional: on any
// failure a new directory simply loads the demo at start (slowly), so this never fails the build.
import { cp, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

try {
  const started = performance.now();
  // The built modules: plain Node runs them (the sources need a TypeScript loader).
  const built = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;
  const { openDatabase, queryRows } = (await import(built('db/client.js'))) as typeof import('../src/db/client.ts');
  const { migrateDatabase } = (await import(built('db/migrate.js'))) as typeof import('../src/db/migrate.ts');
  const { loadDemoBase } = (await import(built('demo/load-demo.js'))) as typeof import('../src/demo/load-demo.ts');
  const seed = (await import(built('demo/demo-seed.js'))) as typeof import('../src/demo/demo-seed.ts');
  const { warsawDate } = (await import(built('lib/warsaw-time.js'))) as typeof import('../src/lib/warsaw-time.ts');
  const { sql } = await import('drizzle-orm');

  const now = new Date();
  const today = warsawDate(now);
  const dir = seed.demoSeedDir();
  const existing = await seed.readDemoSeed(dir);
  const age = existing ? (Date.parse(today) - Date.parse(existing.madeFor)) / 86_400_000 : Infinity;
  if (existing && age >= 0 && age <= seed.DEMO_SEED_MAX_AGE_DAYS) {
    console.log(`prepare-demo-seed: ${dir} (made for ${existing.madeFor}) kept`);
  } else {
    const partial = `${dir}.${process.pid}.partial`;
    const database = await openDatabase({ dataDir: join(partial, 'data') });
    let loaded = false;
    try {
      await migrateDatabase(database);
      await database.db.transaction((tx) => loadDemoBase(tx, { now }));
      // Planner statistics for the freshly written tables (PGlite has no autovacuum): without them
      // a unit's debt takes seconds instead of milliseconds.
      await database.db.execute(sql`analyze`);
      // The seed is copied into every new demo installation: it must hold no installation's secret.
      const [secrets] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from instance_secrets`,
      );
      if (secrets?.n !== 0) throw new Error('the demo seed would hold an instance secret');
      loaded = true;
    } finally {
      await database.close();
      if (!loaded) await rm(partial, { recursive: true, force: true });
    }
    const finished = await seed.finishDemoSeed({ partial, info: { madeFor: today } });
    // The seed opens and holds the demo (after its spare WAL was removed); a copy is checked, not the seed.
    const check = `${finished}.${process.pid}.check`;
    await cp(join(finished, 'data'), check, { recursive: true });
    const reopened = await openDatabase({ dataDir: check });
    try {
      const [entries] = await queryRows<{ n: number }>(reopened.db, sql`select count(*)::int as n from ledger_entries`);
      if (!entries?.n) throw new Error('the demo seed holds no ledger');
    } catch (error) {
      await rm(finished, { recursive: true, force: true });
      throw error;
    } finally {
      await reopened.close();
      await rm(check, { recursive: true, force: true });
    }
    console.log(`prepare-demo-seed: ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // Seeds of earlier migrations or demo sources are never used again (about 200 MB each): remove
  // them, but not another build's seed still being made or checked (`.partial`, `.check`).
  for (const name of await readdir(dirname(dir))) {
    if (name.startsWith('demo-') && name !== basename(dir) && !/\.(partial|check)$/.test(name)) {
      await rm(join(dirname(dir), name), { recursive: true, force: true });
      console.log(`prepare-demo-seed: removed the outdated ${name}`);
    }
  }
} catch (error) {
  console.warn(`prepare-demo-seed: skipped (${error instanceof Error ? error.stack : String(error)})`);
}
