import { describe, expect, it } from 'vitest';
import { initialState, type PreflightInfo } from '../../src/wizard/machine.js';
import { fakeServices } from './fakes.js';
import { renderApp } from './helpers.js';
import { INFO, run } from './states.js';

const NOTE = 'No browser here: the aws CLI will show a URL and a code. Open the URL on any device and enter the code.';
const words = (f: string) => f.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

function atHandoff(info: Partial<PreflightInfo>, signIn?: 'device-code' | 'browser') {
  const pre: PreflightInfo = { ...INFO, awsClis: [{ path: '/usr/bin/aws', version: '2.31.4', major: 2 }], ...info };
  const s0 = initialState({ region: 'us-east-1', auth: 'sso', sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', ...(signIn ? { signIn } : {}) } });
  return run(s0, { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: pre }, { type: 'NEXT' });
}

describe('the SSO hand-off screen, headless or not', () => {
  it('headless: says before handing over that a URL and a code come, readable at 60 columns', async () => {
    const ui = renderApp(fakeServices(), atHandoff({ headless: 'ssh' }), { columns: 60, rows: 40 });
    // The first frame may predate the resize to 60 columns.
    const f = await ui.waitFor((x) => x.includes('--use-device-code') && x.includes('Profile:') && x.split('\n').every((l) => [...l].length <= 60), 'the hand-off at 60 columns');
    expect(words(f)).toContain(NOTE);
    // The note's lines break between words.
    const noteLines = f.split('\n').filter((l) => /No browser here|Open the URL on any|enter the code\./.test(l));
    expect(noteLines.length).toBeGreaterThanOrEqual(2);
    for (const l of noteLines) expect(l).not.toMatch(/\w-\s*$/);
    expect(words(f)).not.toContain('Your browser opens');
  });

  it('headless with an aws CLI before 2.22: the same note, and no flag it would refuse', async () => {
    const ui = renderApp(fakeServices(), atHandoff({ headless: 'container', awsClis: [{ path: '/usr/bin/aws', version: '2.9.19', major: 2 }] }), { columns: 60, rows: 40 });
    const f = await ui.waitText('aws configure sso --profile codex-bedrock');
    expect(words(f)).toContain(NOTE);
    expect(f).not.toContain('--use-device-code');
  });

  it('with a display, or --browser: the browser flow, no note, and how to get the code instead', async () => {
    for (const [info, choice] of [[{ headless: null }, undefined], [{ headless: 'ssh' as const }, 'browser' as const]] as const) {
      const ui = renderApp(fakeServices(), atHandoff(info, choice), { columns: 80, rows: 40 });
      const f = await ui.waitText('aws configure sso --profile codex-bedrock');
      expect(words(f)).not.toContain('No browser here');
      expect(f).not.toContain('--use-device-code');
      expect(words(f)).toContain('Your browser opens the IAM Identity Center page');
      expect(words(f)).toContain('run again with --device-code');
      ui.unmount();
    }
  });
});
