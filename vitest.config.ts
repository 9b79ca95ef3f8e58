import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

const unit: TestProjectInlineConfiguration = {
  test: { name: 'unit', include: ['src/**/*.test.ts', 'bin/**/*.test.ts'], exclude: ['**/*.int.test.ts', '**/*.pg.test.ts'] },
};

// Integration tests drive the real app on a real database: PGlite always, PostgreSQL too when
// TEST_DATABASE_URL names a throwaway database.
const integration = (database: 'pglite' | 'postgres', extraInclude: string[] = []): TestProjectInlineConfiguration => ({
  test: {
    name: `int-${database}`,
    include: ['src/**/*.int.test.ts', 'tests/integration/**/*.int.test.ts', ...extraInclude],
    env: { CPMS_TEST_DB: database },
    globalSetup: ['src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// Whole-process tests of the `cpms` command (start-up, refusals, shutdown) on the embedded database.
const cli: TestProjectInlineConfiguration = {
  test: { name: 'cli', include: ['tests/cli/**/*.cli.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
};

const postgresUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    projects: [
      unit,
      cli,
      integration('pglite'),
      ...(postgresUrl ? [integration('postgres', ['src/**/*.pg.test.ts', 'tests/**/*.pg.test.ts'])] : []),
    ],
  },
});
