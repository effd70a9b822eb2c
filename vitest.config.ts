import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'test/**/*.timing.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e runs spawn real processes (aws CLI, Codex, pty); two cores: keep files from starving each other.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
