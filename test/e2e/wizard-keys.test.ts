// Keys that reach the wizard in one read (typed fast, pasted, or sent by a script) each act on what the previous
// one drew: "↓ Enter" selects the item below, not the one the cursor was on.
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv } from './helpers.js';
import { KEY, spawnCli, type PtyRun } from './pty.js';

const runs: PtyRun[] = [];
afterAll(() => runs.forEach((r) => r.kill()));

describe('keys in one read', () => {
  it('↓ and Enter written at once move, then select the item moved to', { timeout: 120_000 }, async () => {
    const run = spawnCli(['--demo'], { env: isolatedEnv() });
    runs.push(run);
    await run.waitFor('1/7 · Welcome');
    await run.press(KEY.enter, 'enter continue');
    await run.press(KEY.enter, /❯ us-east-1 .* \d+ ms/);
    // Region list: ↓ then Enter in one write picks the second region.
    run.write(`${KEY.down}${KEY.enter}`);
    await run.waitFor('Bedrock in us-east-2?');
    // Sign-in menu: two ↓ and Enter in one write pick the third method (a Bedrock API key).
    await run.waitFor('❯ IAM Identity Center');
    run.write(`${KEY.down}${KEY.down}${KEY.enter}`);
    const screen = await run.waitFor(/Bedrock API key|AWS_BEARER_TOKEN_BEDROCK/);
    expect(screen).toContain('3/7');
    expect(screen).not.toContain('Which AWS profile');
    run.kill();
  });
});
