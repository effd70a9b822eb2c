// Every text prompt says which editing keys it has, in one line that fits the terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { initialState } from '../../src/wizard/machine.js';
import { editKeysLine } from '../../src/ui/components/EditKeysHint.js';
import { fakeServices } from './fakes.js';
import { renderApp } from './helpers.js';
import { atAuth, atRegion, INFO, run } from './states.js';

afterEach(() => cleanup());

const PROMPTS = [
  ['TextPrompt (SSO start URL)', () => run(initialState({ auth: 'sso' }), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: { ...INFO, awsClis: [{ path: '/usr/bin/aws', version: '2.31.4', major: 2 }] } }, { type: 'NEXT' }, { type: 'SELECT_REGION', region: 'us-east-1' }), 'SSO start URL:'],
  ['RegionPrompt (custom region)', () => run(atRegion(), { type: 'CUSTOM_REGION' }), 'AWS region:'],
  ['MaskedInput (API key)', () => run(atAuth(), { type: 'CHOOSE_AUTH', method: 'api-key' }), 'Bedrock API key:'],
] as const;

describe('editing keys under text prompts', () => {
  for (const [name, state, label] of PROMPTS) {
    for (const columns of [60, 80, 100]) {
      it(`${name} at ${columns} columns`, async () => {
        const ui = renderApp(fakeServices(), state(), { columns, rows: 24 });
        const hintOf = (x: string) => x.split('\n').find((l) => l.includes('←/→ move'));
        // The first frame may predate the resize.
        const f = await ui.waitFor((x) => x.includes(label) && hintOf(x)?.trim() === editKeysLine(columns), `the hint at ${columns}`);
        const hint = hintOf(f);
        expect([...hint!].length).toBeLessThanOrEqual(columns);
        expect(hint).toContain('ctrl-u clear');
        expect(hint).toContain('ctrl-w delete word');
        // The frame's own hints still say how to go back.
        expect(f).toContain('esc back');
        ui.unmount();
      });
    }
  }

  it('drops keys from the end at a narrow width, never splits one', () => {
    expect(editKeysLine(60)).toBe('←/→ move · ctrl-u clear · ctrl-w delete word');
    expect(editKeysLine(100)).toBe('←/→ move · ctrl-u clear · ctrl-w delete word · ctrl-a/e start/end · ctrl-k clear to end');
    expect(editKeysLine(20)).toBe('←/→ move');
  });
});
