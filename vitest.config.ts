import { defineConfig } from 'vitest/config';
import { SERIAL } from './vitest.serial.config.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The Codex version matrix installs seven Codex releases: it has its own config (npm run test:codex-matrix).
    exclude: ['**/node_modules/**', 'test/codex-matrix/**', ...SERIAL],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e runs spawn real processes (aws CLI, Codex): keep files from starving each other on two cores.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
