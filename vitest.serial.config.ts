import { defineConfig } from 'vitest/config';

// Tests that measure time or drive a real terminal run one file at a time, after the main suite:
// on two cores, other test files competing for the CPU skew latencies and delay keystrokes.
// team-managed writes /etc/codex, which every Codex on the machine reads: nothing may run beside it.
export const SERIAL = ['test/**/*.timing.test.ts', 'test/e2e/wizard*.test.ts', 'test/e2e/*-pty.test.ts', 'test/e2e/team-managed.test.ts'];

export default defineConfig({
  test: {
    include: SERIAL,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
