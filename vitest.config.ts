import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests poll the page; on two busy cores a render can take seconds, so polls wait up to 15 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    // Two cores and ~400 MB per PGlite instance: two test files at a time.
    maxWorkers: 2,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
