import { defineConfig } from 'vitest/config';
import { SERIAL } from './vitest.serial.config.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['**/node_modules/**', ...SERIAL],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e runs spawn real processes (aws CLI, Codex): keep files from starving each other on two cores.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
