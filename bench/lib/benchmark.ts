import type { Settings } from './settings.ts';

/** One entry of the registry in bench/run.ts; `npm run bench -- NAME` runs it alone. */
export interface Benchmark {
  name: string;
  description: string;
  /** Prints its figures with `report()`; throws to fail the run. */
  run(settings: Settings): Promise<void>;
}
