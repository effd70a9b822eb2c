import { defineConfig } from 'vitest/config';

// Latency-accuracy tests: one file at a time, after the main suite, so measurements are not
// skewed by other test files competing for two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.timing.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
