// The wizard on Bedrock Runtime: a region Codex's Mantle provider does not accept leads to the Runtime provider,
// a typed model id (suggested from Codex's catalogue), no web_search probe, and a smoke test against Runtime.
import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/wizard/machine.js';
import { fakeServices } from './fakes.js';
import { DOWN, ENTER, renderApp } from './helpers.js';
import { INFO, run } from './states.js';

describe('the Runtime provider in the wizard', () => {
  it('a custom region outside Mantle goes to Runtime end to end', async () => {
    const s = fakeServices();
    const providers: (string | undefined)[] = [];
    const smoke = s.aws.smokeTest;
    s.aws.smokeTest = (opts, onEvent, signal) => {
      providers.push(opts.provider);
      return smoke(opts, onEvent, signal);
    };
    const start = run(initialState({ auth: 'env' }), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: { ...INFO, codexVersion: '0.171.0' } }, { type: 'NEXT' }, { type: 'CUSTOM_REGION' });
    const ui = renderApp(s, start);
    await ui.waitText('AWS region:');
    await ui.press(...'ca-central-1'.split(''), ENTER);
    await ui.waitText('signed in as');
    await ui.press(ENTER);
    let f = await ui.waitText('Model for Codex profile bedrock-prod (1 of 2):');
    expect(f).toContain('ca-central-1 is served through Bedrock Runtime');
    expect(f).toContain('global.openai.gpt-6.1-sol');
    await ui.press(ENTER);
    f = await ui.waitText('Model for Codex profile bedrock-staging (2 of 2):');
    expect(f).toContain('global.openai.gpt-6-luna');
    await ui.press(ENTER);
    f = await ui.waitText('Write these files');
    expect(f).toContain('web_search = "disabled": hosted web search needs Bedrock Mantle');
    expect(s.calls.planCodexConfig.at(-1)).toMatchObject({
      region: 'ca-central-1',
      provider: 'runtime',
      webSearch: 'disabled',
      profiles: [
        { name: 'bedrock-prod', model: 'global.openai.gpt-6.1-sol' },
        { name: 'bedrock-staging', model: 'global.openai.gpt-6-luna' },
      ],
    });
    await ui.press(ENTER);
    await ui.waitText('Run the smoke test');
    await ui.press(ENTER);
    await ui.waitText("Codex's request works");
    // No web_search probe went out: the only Responses calls are the smoke tests (one per profile), against Runtime.
    expect(providers).toEqual(['runtime', 'runtime']);
    expect(s.calls.listMantleModels).toEqual([]);
  });

  it('a model id Runtime cannot take is refused on the spot', async () => {
    const s = fakeServices();
    const start = run(initialState({ auth: 'env', region: 'ca-central-1' }), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: { ...INFO, codexVersion: '0.171.0' } }, { type: 'NEXT' });
    const ui = renderApp(s, start);
    await ui.waitText('signed in as');
    await ui.press(ENTER);
    await ui.waitText('Model for Codex profile bedrock-prod (1 of 2):');
    // Clear the suggestion, type an ARN.
    await ui.press(...Array(40).fill('\u007f'), ...'arn:aws:bedrock:x'.split(''), ENTER);
    const f = await ui.waitText('That is an ARN');
    expect(f).toContain('Model for Codex profile bedrock-prod (1 of 2):');
    void DOWN;
  });
});
