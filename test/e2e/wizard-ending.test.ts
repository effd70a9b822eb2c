// The ending stays: after the last screen, whichever key leaves it, the terminal still shows what was set up,
// where the backups are, the next command and where to go when it breaks (like `gh auth login`).
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { demoToDone, KEY, spawnCli, type PtyRun } from './pty.js';

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

async function endWith(key: string) {
  const run = spawnCli(['--demo'], { env: isolatedEnv() });
  runs.push(run);
  await demoToDone(run);
  const { exitCode } = await run.finish(key);
  return { exitCode, left: run.screen.lines().join('\n') };
}

describe('after the wizard exits', () => {
  it('Enter on the last screen leaves the summary and the next commands in the terminal', { timeout: 240_000 }, async () => {
    const { exitCode, left } = await endWith(KEY.enter);
    expect(exitCode).toBe(0);
    expect(left).toContain('✓ Codex is set up for Amazon Bedrock in us-east-1.');
    expect(left).toMatch(/^\s*codex --profile bedrock-prod$/m);
    expect(left).toMatch(/backup: |wrote /);
    expect(left).toContain('If it breaks: npx codex-bedrock-setup doctor');
    expect(left).not.toContain('Stopped.');
  });

  it('Ctrl-C on the last screen is a finished setup too: exit 0, the same summary, no "Stopped"', { timeout: 240_000 }, async () => {
    const { exitCode, left } = await endWith(KEY.ctrlC);
    expect(exitCode).toBe(0);
    expect(left).toContain('✓ Codex is set up for Amazon Bedrock in us-east-1.');
    expect(left).toMatch(/^\s*codex --profile bedrock-prod$/m);
    expect(left).not.toContain('Stopped. Nothing more was written.');
  });
});
