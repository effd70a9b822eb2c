// The last screen says what Codex signs with and how long an Identity Center sign-in has left: read by an
// effect from the aws CLI's token cache (the file doctor reads), never by the screen, never the token itself.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeServices, IDENTITY, PLAN, smokeResult } from './fakes.js';
import { ENTER, renderApp } from './helpers.js';
import { atIdentity, run } from './states.js';
import { ssoTokenCacheFile } from '../helpers/sso.js';
import { effectsFor } from '../../src/wizard/effects.js';
import type { WizardState } from '../../src/wizard/machine.js';

afterEach(() => cleanup());

/** The fake services' clock stands at 0: the token expires `minutes` after it. */
function homeWithToken(minutes: number): string {
  const home = mkdtempSync(join(tmpdir(), 'cbs-cred-'));
  const file = ssoTokenCacheFile(home);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ accessToken: 'aoaSECRETTOKENVALUE1234567890', expiresAt: new Date(minutes * 60_000).toISOString() }));
  return home;
}

function atDone(profile: string): WizardState {
  return run(
    atIdentity(profile),
    { type: 'IDENTITY', identity: IDENTITY },
    { type: 'NEXT' },
    { type: 'SELECT_MODEL', model: 'a' },
    { type: 'SELECT_MODEL', model: 'b' },
    { type: 'PLAN_READY', plan: PLAN },
    { type: 'WRITTEN', written: [], backups: [] },
    { type: 'NEXT' },
    // Each Codex profile is smoke-tested in turn.
    { type: 'SMOKE_DONE', result: smokeResult('a', 'us-east-1', { kind: 'profile', profile }) },
    { type: 'SMOKE_DONE', result: smokeResult('b', 'us-east-1', { kind: 'profile', profile }) },
    { type: 'NEXT' },
  );
}

describe('the done screen: credentials', () => {
  it('an Identity Center profile: the time the sign-in has left and the command for afterwards, at 60 columns', async () => {
    const state = atDone('corp-sso');
    expect(state.step).toBe('done');
    const ui = renderApp(fakeServices({ HOME: homeWithToken(460) }), state, { columns: 60, rows: 30 });
    const f = await ui.waitText('then: aws sso login --profile corp-sso');
    expect(f.replace(/\s+/g, ' ')).toContain('Credentials: AWS profile corp-sso (IAM Identity Center), signed in for 7 h 40 min more');
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(f).not.toContain('aoaSECRET');
    await ui.press(ENTER);
    await ui.waitFor(() => ui.exits.length > 0, 'exit');
  });

  it('says so when no sign-in is cached', async () => {
    const ui = renderApp(fakeServices({ HOME: mkdtempSync(join(tmpdir(), 'cbs-cred-')) }), atDone('corp-sso'));
    const f = await ui.waitText('not signed in yet');
    expect(f).toContain('then: aws sso login --profile corp-sso');
  });

  it('access keys: the right words, and no aws sso login', async () => {
    const ui = renderApp(fakeServices({ HOME: homeWithToken(460) }), atDone('dev'));
    const f = await ui.waitText('Credentials:');
    expect(f.replace(/\s+/g, ' ')).toContain('Credentials: AWS profile dev (access keys); access keys do not expire');
    expect(f).not.toContain('sso login');
  });

  it('is read once by an effect on arrival, not again once it is in', () => {
    const state = atDone('corp-sso');
    expect(effectsFor(state).map((e) => e.key)).toContain('credentials');
    const read = run(state, { type: 'CREDENTIALS_READ', summary: { text: 'x', source: 'sso', awsProfile: 'corp-sso' } });
    expect(effectsFor(read).map((e) => e.key)).not.toContain('credentials');
  });
});
