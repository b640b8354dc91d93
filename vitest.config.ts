import { defineConfig } from 'vitest/config';

// Unit tests (`*.test.ts`) test pure rules; integration tests (`*.int.test.ts`) go through HTTP
// or SQL against a real database: in-memory PGlite by default, PostgreSQL when
// TEST_DATABASE_URL is set (scripts/test.ts runs them on both).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite holds a whole PostgreSQL in each worker; two workers fit two cores.
    maxWorkers: 2,
  },
});
