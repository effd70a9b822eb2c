// team init in a real pseudo-terminal: plain readline questions, the diff, the file and the developers' line.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/teamTemplate.js';
import { isolatedEnv } from './helpers.js';
import { spawnCli } from './pty.js';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('team init on a terminal', () => {
  it('asks each question, refuses a bad answer, shows the diff and prints the pinned line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbs-team-pty-'));
    const out = join(dir, 'codex-team.toml');
    const run = spawnCli(['team', 'init', '--out', out], { env: isolatedEnv({ HOME: dir, NO_COLOR: '1' }), cols: 160, rows: 60 });
    const answer = async (prompt: string | RegExp, text: string) => {
      const since = run.output().length;
      await run.waitFor(prompt, undefined, { since: Math.max(0, since - 400) });
      run.write(`${text}\r`);
    };
    await answer('Identity Center start URL', 'https://my-org.awsapps.com/start');
    await answer('Identity Center region [us-east-1]', '');
    await answer('AWS account id', 'not-an-account');
    // The question again, after its error: an answer typed before it is asked again is not read.
    await answer(/exactly 12 digits[\s\S]*AWS account id developers sign in to:\s*$/, '123456789012');
    await answer('Permission set (role) name', 'CodexDeveloper');
    await answer('Bedrock regions', 'us-east-1,us-west-2');
    await answer('Models developers may use', '');
    await answer('AWS profile name', '');
    await answer('Codex profile name', '');
    await answer('Where you will publish it', 'https://example.com/codex-team.toml');
    await answer('Write ', 'y');
    expect((await run.exited).exitCode).toBe(0);
    const text = await readFile(out, 'utf8');
    const printed = run.output();
    expect(printed).toMatch(/\+allowed_regions = \["us-east-1", "us-west-2"\]/);
    expect(printed).toMatch(/12-digit|12 digits/);
    expect(text).toMatch(/^account_id = "123456789012"$/m);
    expect(printed).toContain(`npx codex-bedrock-setup --team-config https://example.com/codex-team.toml#sha256=${sha256Hex(new TextEncoder().encode(text))}`);
  }, 60_000);
});
