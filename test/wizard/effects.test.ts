// The work each state asks for: which effects a state wants (pure), and the runner that starts and aborts them.
import { describe, expect, it } from 'vitest';
import { createEffectRunner, effectsFor } from '../../src/wizard/effects.js';
import { initialState, reduce, type WizardEvent, type WizardState } from '../../src/wizard/machine.js';
import { deferred, fakeServices } from '../ui/fakes.js';
import { atConfig, atModels, atWritten, INFO, run } from '../ui/states.js';

const keys = (s: WizardState) => effectsFor(s).map((e) => e.key.split(':')[0]);

describe('effectsFor', () => {
  it('at launch: the machine facts, the checks and every region probe start together, before Enter', () => {
    expect(keys(initialState())).toEqual(['facts', 'preflight', 'regions']);
  });
  it('nothing writes unless a person chose to: planning is an effect, writing only after WRITE', () => {
    const planned = run(atConfig(), { type: 'WEB_SEARCH_DECIDED', decision: { webSearch: 'keep', reason: 'r', region: 'us-east-1', model: 'openai.gpt-6.1-sol' } });
    expect(keys(planned)).toContain('plan');
    const ready = run(planned, { type: 'PLAN_READY', plan: { changes: [{ path: '/p', before: null, after: 'x', diff: '+x' }], migratedLegacy: [], warnings: [] } });
    expect(keys(ready)).not.toContain('write');
    expect(keys(reduce(ready, { type: 'WRITE' }))).toContain('write');
  });
  it('the policy is written only when asked for, once', () => {
    expect(keys(atWritten())).not.toContain('policy');
    const asked = reduce(atWritten(), { type: 'WRITE_POLICY' });
    expect(keys(asked)).toContain('policy');
    expect(keys(reduce(asked, { type: 'POLICY_WRITTEN', path: '/p.json' }))).not.toContain('policy');
  });
  it('model lists are fetched for the current region and sign-in, and again after a retry', () => {
    const s = atModels();
    const [first] = effectsFor(s).filter((e) => e.key.startsWith('models:'));
    const again = { ...s, attempt: s.attempt + 1 };
    const [second] = effectsFor(again).filter((e) => e.key.startsWith('models:'));
    expect(first!.key).not.toBe(second!.key);
  });
});

describe('createEffectRunner', () => {
  const atProfileList = () =>
    run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: INFO }, { type: 'NEXT' }, { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' });
  const settle = () => new Promise((r) => setTimeout(r, 10));

  it('asks the identity of the profile the list starts on while it is read, and the identity step uses that answer', async () => {
    const services = fakeServices();
    const events: WizardEvent[] = [];
    const runner = createEffectRunner({ services });
    let state = atProfileList();
    expect(state.step).toBe('profile-pick');
    runner.sync(state, (e) => events.push(e));
    await settle();
    // SSO profiles come first in the list: corp-sso is where the cursor starts.
    expect(services.calls.whoAmI).toEqual([{ kind: 'profile', profile: 'corp-sso' }]);
    state = reduce(state, { type: 'SELECT_PROFILE', profile: 'corp-sso' });
    runner.sync(state, (e) => events.push(e));
    await settle();
    expect(services.calls.whoAmI).toHaveLength(1);
    expect(events.some((e) => e.type === 'IDENTITY')).toBe(true);
    runner.stop();
  });

  it('asks again for another profile than the one asked ahead, and for an answer asked too long ago', async () => {
    const services = fakeServices();
    let now = 1_000_000;
    services.now = () => now;
    const runner = createEffectRunner({ services });
    let state = atProfileList();
    runner.sync(state, () => {});
    await settle();
    state = reduce(state, { type: 'SELECT_PROFILE', profile: 'dev' });
    runner.sync(state, () => {});
    await settle();
    expect(services.calls.whoAmI.map((a) => (a.kind === 'profile' ? a.profile : a.kind))).toEqual(['corp-sso', 'dev']);

    const late = createEffectRunner({ services });
    let again = atProfileList();
    late.sync(again, () => {});
    await settle();
    now += 10 * 60_000;
    again = reduce(again, { type: 'SELECT_PROFILE', profile: 'corp-sso' });
    late.sync(again, () => {});
    await settle();
    expect(services.calls.whoAmI.map((a) => (a.kind === 'profile' ? a.profile : a.kind))).toEqual(['corp-sso', 'dev', 'corp-sso', 'corp-sso']);
    runner.stop();
    late.stop();
  });

  it('runs an effect once per key, drops its events once the state no longer wants it, and aborts it', async () => {
    const services = fakeServices();
    const identity = deferred<{ arn: string; account: string; userId: string } | null>();
    let signal: AbortSignal | undefined;
    services.aws.whoAmI = (_a, _r, s) => {
      signal = s;
      return identity.promise;
    };
    const events: WizardEvent[] = [];
    const runner = createEffectRunner({ services });
    let state = run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: INFO }, { type: 'NEXT' }, { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' });
    expect(state.step).toBe('identity');
    runner.sync(state, (e) => events.push(e));
    runner.sync(state, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 10));
    expect(signal).toBeDefined();
    state = reduce(state, { type: 'BACK' });
    runner.sync(state, (e) => events.push(e));
    expect(signal!.aborted).toBe(true);
    identity.resolve({ arn: 'arn', account: '1', userId: 'u' });
    await new Promise((r) => setTimeout(r, 10));
    expect(events.filter((e) => e.type === 'IDENTITY')).toEqual([]);
    runner.stop();
  });
});

describe('a re-run starts from what Codex has', () => {
  it('the configured Bedrock profiles and their models become the choices; pinned names stay', () => {
    const info = { ...INFO, configured: { profiles: [{ name: 'work', model: 'openai.gpt-5.5', region: 'us-west-2' }] } };
    const s = run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info });
    expect(s.profiles).toEqual([{ name: 'work', model: 'openai.gpt-5.5' }]);
    expect(s.region).toBe('us-west-2');
    expect(s.pins.models).toEqual([]); // pre-selected, still asked
    const pinned = run(initialState({ profiles: [{ name: 'work' }, { name: 'other' }] }), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info });
    expect(pinned.profiles).toEqual([{ name: 'work', model: 'openai.gpt-5.5' }, { name: 'other', model: '' }]);
  });
});

describe('asked ahead, while the person reads', () => {
  it('the model lists are fetched on the identity screen; nothing is written ahead', () => {
    const s = run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: INFO }, { type: 'NEXT' }, { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' });
    expect(keys(s)).toEqual(expect.arrayContaining(['identity', 'models']));
    for (const state of [s, atModels(), run(atModels(), { type: 'SELECT_MODEL', model: 'openai.gpt-6.1-sol' })]) {
      expect(keys(state).filter((k) => ['write', 'policy', 'fix-write', 'handoff-prepare', 'handoff'].includes(k))).toEqual([]);
    }
  });

  it('the web_search answer is asked once the first model is chosen, under the key the config step uses', () => {
    const second = run(atModels(), { type: 'SELECT_MODEL', model: 'openai.gpt-6.1-sol' });
    expect(second.step).toBe('models');
    const ahead = effectsFor(second).find((e) => e.key.startsWith('web-search:'));
    expect(ahead).toBeDefined();
    const config = run(second, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' });
    expect(config.step).toBe('config');
    expect(effectsFor(config).find((e) => e.key.startsWith('web-search:'))!.key).toBe(ahead!.key);
  });

  it('an answer that failed ahead is not shown on the models screen, and the config step asks again', () => {
    const second = run(atModels(), { type: 'SELECT_MODEL', model: 'openai.gpt-6.1-sol' });
    const key = effectsFor(second).find((e) => e.key.startsWith('web-search:'))!.key;
    const failed = reduce(second, { type: 'WEB_SEARCH_FAILED', key, failure: { kind: 'network', message: 'ECONNRESET' } });
    expect(failed.step).toBe('models');
    expect(keys(failed)).not.toContain('web-search');
    const config = reduce(failed, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' });
    expect(keys(config)).toContain('web-search');
    expect(reduce(config, { type: 'WEB_SEARCH_FAILED', key, failure: { kind: 'network', message: 'ECONNRESET' } }).step).toBe('failure');
  });

  it('on screen: the answer asked ahead is used at the config step, asked only once', async () => {
    const s = fakeServices();
    let probes = 0;
    const smoke = s.aws.smokeTest;
    s.aws.smokeTest = (opts, onEvent, signal) => {
      if (opts.prompt === 'Reply with the word ok.') probes++;
      return smoke(opts, onEvent, signal);
    };
    const { renderApp, ENTER } = await import('../ui/helpers.js');
    const ui = renderApp(s, atModels());
    await ui.waitText('Model for Codex profile bedrock-prod');
    await ui.press(ENTER);
    await ui.waitText('Model for Codex profile bedrock-staging');
    await ui.waitFor(() => probes === 1, 'probe asked ahead');
    await ui.press(ENTER);
    await ui.waitText('Write these files');
    expect(probes).toBe(1);
  });
});
