import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: pure code (domain rules, presenters, .xlsx reading and writing, the fake
 * Bot API server itself) — no database, no child process; it runs first and in seconds.
 * `db`: everything that opens PostgreSQL or starts a process (bot and CLI through the real stack,
 * services, process tests). `npm test` runs `unit`, then `db` only if `unit` passed.
 * A file is `unit` only when listed here: a new test opens the database unless said otherwise.
 */
const UNIT = [
  'test/domain/**/*.test.ts',
  'test/text/**/*.test.ts',
  'test/files/**/*.test.ts',
  'test/documents/**/*.test.ts',
  'test/harness/botApiServer.test.ts',
  'test/bot/forms-locale.test.ts',
  'test/delivery/logRedaction.test.ts',
  'test/config.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one file at a time on a 2-core machine (cores − 1). The db files wait
    // on PostgreSQL, child processes and the Bot API server most of the time: two at once keep
    // both cores busy (CI: 2 cores; more cores keep the default).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT],
          // One PostgreSQL server and one migrated template database for the whole run; each test
          // file copies the template (test/helpers/testDatabase.ts).
          globalSetup: ['test/support/globalDatabase.ts'],
        },
      },
    ],
  },
});
