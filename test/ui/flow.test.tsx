import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { fakeServices, PLAN } from './fakes.js';
import { DOWN, ENTER, renderApp } from './helpers.js';
import { initialState } from '../../src/wizard/machine.js';

afterEach(() => cleanup());

/** From the staging model pick, taking each default, to a passed smoke test. */
async function stagingModelToSmoke(ui: ReturnType<typeof renderApp>): Promise<void> {
  await ui.waitText('Model for Codex profile bedrock-staging');
  await ui.press(ENTER);
  await ui.waitText('Write these files');
  await ui.press(ENTER);
  await ui.waitText('Run the smoke test');
  await ui.press(ENTER);
  await ui.waitText("Codex's request works");
}

describe('full wizard on fake services, keystrokes only', () => {
  it('existing-profile path: welcome → done', async () => {
    const s = fakeServices();
    const ui = renderApp(s, initialState());
    await ui.waitText('enter start');
    await ui.press(ENTER);
    await ui.waitText('enter continue');
    await ui.press(ENTER);
    await ui.waitFor((f) => f.includes('Round-trip times') && f.includes('42 ms'), 'regions');
    await ui.press(ENTER); // us-east-1
    await ui.waitText('How should Codex sign');
    await ui.press(DOWN, ENTER); // existing profile
    await ui.waitText('Which AWS profile');
    await ui.press(DOWN, ENTER); // dev (SSO profiles are listed first)
    await ui.waitText('signed in as arn:aws:iam::123456789012:user/dev');
    await ui.press(ENTER);
    await ui.waitText('Model for Codex profile bedrock-prod');
    await ui.press(ENTER);
    await stagingModelToSmoke(ui);
    expect(ui.frame()).toContain('Yes, it works.');
    await ui.press(ENTER);
    const done = await ui.waitText('Next:');
    expect(done).toContain('bedrock-prod: openai.gpt-6.1-sol');
    expect(done).toContain('bedrock-staging: openai.gpt-6-luna');
    expect(done).toContain('codex --profile bedrock-prod');
    expect(done).not.toContain('export-credentials'); // dev has static keys
    await ui.press(ENTER);
    await ui.waitFor(() => ui.exits.length > 0, 'exit');
    expect(ui.exits).toEqual([0]);
    // corp-sso, where the list's cursor starts, was asked ahead while the list was read; dev when it was chosen.
    expect(s.calls.whoAmI).toEqual([{ kind: 'profile', profile: 'corp-sso' }, { kind: 'profile', profile: 'dev' }]);
    expect(s.calls.planCodexConfig).toEqual([
      {
        region: 'us-east-1',
        awsProfile: 'dev',
        codexVersion: '0.169.0',
        profiles: [
          { name: 'bedrock-prod', model: 'openai.gpt-6.1-sol' },
          { name: 'bedrock-staging', model: 'openai.gpt-6-luna' },
        ],
        // The fake endpoint answered the web_search probe, so the hosted tool is left on.
        webSearch: 'keep',
      },
    ]);
    expect(s.calls.applyPlan).toEqual([PLAN]);
    // The web_search probe, then the smoke test of each profile, in order.
    const call = (model: string) => ({ model, region: 'us-east-1', auth: { kind: 'profile', profile: 'dev' } });
    expect(s.calls.smokeTest).toEqual([call('openai.gpt-6.1-sol'), call('openai.gpt-6.1-sol'), call('openai.gpt-6-luna')]);
  });

  it('API-key path: the pasted key signs the smoke test, is never shown and never reaches the config plan', async () => {
    const s = fakeServices();
    const key = 'bedrock-api-key-c2VjcmV0LXZhbHVlLWZvci10ZXN0cw';
    const ui = renderApp(s, initialState());
    await ui.waitText('enter start');
    await ui.press(ENTER);
    await ui.waitText('enter continue');
    await ui.press(ENTER);
    await ui.waitText('Round-trip times');
    await ui.press(DOWN, DOWN, ENTER); // us-west-2
    await ui.waitText('How should Codex sign its requests to Bedrock in us-west-2');
    await ui.press(DOWN, DOWN, ENTER); // API key
    await ui.waitText('Bedrock API key:');
    await ui.press(key, ENTER);
    await ui.waitText('identity not checked');
    await ui.press(ENTER);
    await ui.waitText('Model for Codex profile bedrock-prod');
    await ui.press(ENTER); // outside us-east-1 the fake serves gpt-5.5 and the open-weight gpt-oss-120b, which is not offered
    await stagingModelToSmoke(ui);
    await ui.press(ENTER);
    const done = await ui.waitText('Next:');
    expect(done).toContain('export AWS_BEARER_TOKEN_BEDROCK=<your key>');
    expect(done).toContain('export AWS_REGION=us-west-2');
    expect(s.calls.smokeTest[0]).toEqual({ model: 'openai.gpt-5.5', region: 'us-west-2', auth: { kind: 'api-key', apiKey: key } });
    expect(JSON.stringify(s.calls.planCodexConfig)).not.toContain('c2VjcmV0');
    expect((s.calls.planCodexConfig[0] as { awsProfile?: string }).awsProfile).toBeUndefined();
    expect(s.calls.planCodexConfig[0]).toMatchObject({ region: 'us-west-2' });
    for (const f of ui.frames) expect(f).not.toContain('c2VjcmV0');
  });
});
