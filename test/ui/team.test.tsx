// The wizard under a team template: only allowed regions and models offered, the help URL with failures, and an
// installed Codex older than the team's minimum stopped before the first frame.
import { EventEmitter } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeServices, smokeResult } from './fakes.js';
import { renderApp } from './helpers.js';
import { atRegion, atSmoke, run } from './states.js';
import { runWizard } from '../../src/commands/wizard.js';
import { parseTeamTemplate } from '../../src/wizard/team.js';

afterEach(() => cleanup());

const LIMITS = 'allowed_regions = ["us-west-2", "eu-west-1"]\nallowed_models = ["openai.gpt-5.6-terra"]\nhelp_url = "https://wiki.example.com/codex"\n';

describe('wizard with a team template', () => {
  it('offers only the allowed regions, and no custom region', async () => {
    const ui = renderApp(fakeServices(), atRegion(parseTeamTemplate(LIMITS)));
    const f = await ui.waitText('eu-west-1');
    expect(f).toContain('us-west-2');
    expect(f).not.toContain('us-east-1');
    expect(f).not.toContain('custom region');
  });

  it('shows the team help URL on the failure screen', async () => {
    const s = fakeServices();
    s.aws.smokeTest = async (opts) => ({
      ...smokeResult(opts.model, opts.region, opts.auth, ''),
      ok: false,
      failure: { kind: 'http', status: 403, errorType: 'AccessDeniedException', service: 'bedrock-mantle', message: 'not authorized' },
    });
    const state = { ...atSmoke(), helpUrl: 'https://wiki.example.com/codex' };
    const ui = renderApp(s, run(state));
    await ui.waitText('help from your team: https://wiki.example.com/codex');
  });

  it('stops with the upgrade command when the installed Codex is older than the template minimum', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cbs-team-ui-'));
    const path = join(dir, 'team.toml');
    await writeFile(path, `codex_min_version = "0.171.0"\n${LIMITS}`);
    const stderr = { out: '', write(s: string) { this.out += s; return true; } };
    const stdin = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: () => stdin });
    const code = await runWizard(fakeServices(), { teamConfig: path, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stderr as unknown as NodeJS.WriteStream });
    expect(code).toBe(2);
    expect(stderr.out).toContain('Your team requires Codex 0.171.0 or newer; Codex 0.169.0 is installed. Upgrade: npm i -g @openai/codex@latest');
    expect(stderr.out).toContain('Help from your team: https://wiki.example.com/codex');
  });
});
