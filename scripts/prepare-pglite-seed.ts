// `postinstall`: runs PGlite's initdb once and keeps the empty cluster in node_modules/.cache, so
// the first `npm start` on a fresh clone (and every new data directory) skips it. Optional: on any
// failure the app simply runs initdb itself, so this never fails the install.
import { preparePgliteSeed } from '../src/db/pglite-seed.ts';

try {
  const started = performance.now();
  const file = await preparePgliteSeed();
  console.log(`prepare-pglite-seed: ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.warn(`prepare-pglite-seed: skipped (${error instanceof Error ? error.message : String(error)})`);
}
