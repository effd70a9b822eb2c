import { defineConfig } from 'vitest/config';

// Every published Codex of the matrix judges what `setup` writes for it: `npm run test:codex-matrix`.
// CODEX_MATRIX=0.128.0,0.171.0 narrows the run (CI runs the oldest, 0.149 and the newest).
export default defineConfig({
  test: {
    include: ['test/codex-matrix/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Each version runs real Codex turns and doctor runs; one file at a time keeps two cores responsive.
    fileParallelism: false,
  },
});
