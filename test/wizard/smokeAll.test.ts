// The smoke step tests every Codex profile the wizard wrote, in order: a "works" verdict is true for each of them.
import { describe, expect, it } from 'vitest';
import { effectsFor, createEffectRunner, smokeKey } from '../../src/wizard/effects.js';
import { initialState, reduce, smokeAllPassed, smokeIndex, smokeProfile, type WizardEvent, type WizardState } from '../../src/wizard/machine.js';
import type { SmokeResult } from '../../src/types.js';
import { deferred, fakeServices, IDENTITY, PLAN, smokeResult } from '../ui/fakes.js';
import { atSmoke, atWritten, INFO, run } from '../ui/states.js';

const PROD = 'openai.gpt-6.1-sol';
const STAGING = 'openai.gpt-6-luna';
const passed = (model: string): SmokeResult => smokeResult(model, 'us-east-1', { kind: 'profile', profile: 'dev' });
const refused = (model: string): SmokeResult => ({ ...passed(model), ok: false, failure: { kind: 'http', status: 403, errorType: 'AccessDeniedException', model } });
const done = (model: string, profile?: string): WizardEvent => ({ type: 'SMOKE_DONE', result: passed(model), ...(profile ? { profile } : {}) });
const smokeKeys = (s: WizardState) => effectsFor(s).filter((e) => e.key.startsWith('smoke:')).map((e) => e.key);

/** bedrock-prod passed; bedrock-staging was refused. */
const stagingFailed = () => run(atSmoke(), done(PROD, 'bedrock-prod'), { type: 'SMOKE_DONE', result: refused(STAGING), profile: 'bedrock-staging' });

describe('smoke step: every profile, in order', () => {
  it('a pass of the first profile starts the second; only both passing lead to done', () => {
    let s = atSmoke();
    expect([smokeIndex(s), smokeProfile(s)?.name]).toEqual([0, 'bedrock-prod']);
    s = reduce(s, done(PROD, 'bedrock-prod'));
    expect([s.step, smokeIndex(s), smokeProfile(s)?.name, s.smoke, smokeAllPassed(s)]).toEqual(['smoke', 1, 'bedrock-staging', undefined, false]);
    expect(reduce(s, { type: 'NEXT' }).step).toBe('smoke');
    s = reduce(s, done(STAGING, 'bedrock-staging'));
    expect([smokeAllPassed(s), s.smokePassed.map((r) => r.model)]).toEqual([true, [PROD, STAGING]]);
    expect(reduce(s, { type: 'NEXT' }).step).toBe('done');
  });

  it('the live figures start afresh for the next profile', () => {
    const live = { text: 'prod says hi', latency: { connectMs: 1, headersMs: 2, ttftMs: 3, tokensPerSecond: 4, totalMs: null, gaps: [] } };
    const s = run(atSmoke(), { type: 'SMOKE_PROGRESS', live }, done(PROD, 'bedrock-prod'));
    expect(s.smokeLive).toBeUndefined();
  });

  it('an answer for another profile than the one under test (a stale run) is dropped', () => {
    const s = reduce(atSmoke(), done(PROD, 'bedrock-prod'));
    expect(reduce(s, done(PROD, 'bedrock-prod'))).toBe(s);
  });

  it('the effect key changes per profile, so the runner replaces the finished test with the next', () => {
    const first = atSmoke();
    const second = reduce(first, done(PROD, 'bedrock-prod'));
    const [k1] = smokeKeys(first);
    const [k2] = smokeKeys(second);
    expect(k1).toContain(`bedrock-prod:${PROD}`);
    expect(k2).toContain(`bedrock-staging:${STAGING}`);
    expect(k2).toBe(smokeKey(second));
    expect(smokeKeys(reduce(second, done(STAGING, 'bedrock-staging')))).toEqual([]);
  });

  it('a failure of the second profile names it; Retry re-tests that profile only', () => {
    const failed = stagingFailed();
    expect([failed.step, failed.failure?.at, smokeProfile(failed)?.name]).toEqual(['failure', 'smoke', 'bedrock-staging']);
    const again = reduce(failed, { type: 'RETRY' });
    expect([again.step, smokeIndex(again), again.smokePassed.map((r) => r.model), again.smoke]).toEqual(['smoke', 1, [PROD], undefined]);
    expect(smokeKeys(again)).toHaveLength(1);
    expect(smokeKeys(again)[0]).toContain(`bedrock-staging:${STAGING}`);
    expect(smokeKeys(again)[0]).not.toBe(smokeKey({ ...failed, step: 'smoke', smoke: undefined }));
  });

  it('Change model asks for the failing profile\'s model; after the rewrite every profile is tested again', () => {
    let s = reduce(stagingFailed(), { type: 'CHANGE_MODEL' });
    expect([s.step, s.modelIndex]).toEqual(['models', 1]);
    s = run(s, { type: 'SELECT_MODEL', model: 'openai.gpt-6-terra' });
    expect(s.step).toBe('config');
    expect(s.profiles.map((p) => p.model)).toEqual([PROD, 'openai.gpt-6-terra']);
    s = run(s, { type: 'PLAN_READY', plan: PLAN }, { type: 'WRITTEN', written: [], backups: [] }, { type: 'NEXT' });
    expect([s.step, smokeIndex(s), s.smokePassed]).toEqual(['smoke', 0, []]);
  });

  it('Change model for a failing profile whose model is pinned asks for the first one that is not', () => {
    let s = run(initialState({ profiles: [{ name: 'bedrock-prod' }, { name: 'bedrock-staging', model: STAGING }] }), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: INFO }, { type: 'NEXT' });
    s = run(s, { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'dev' }, { type: 'IDENTITY', identity: IDENTITY }, { type: 'NEXT' });
    s = run(s, { type: 'SELECT_MODEL', model: PROD }, { type: 'PLAN_READY', plan: PLAN }, { type: 'WRITTEN', written: [], backups: [] }, { type: 'NEXT' });
    s = run(s, done(PROD, 'bedrock-prod'), { type: 'SMOKE_DONE', result: refused(STAGING), profile: 'bedrock-staging' }, { type: 'CHANGE_MODEL' });
    expect([s.step, s.modelIndex]).toEqual(['models', 0]);
  });

  it('Change region tests every profile again', () => {
    let s = reduce(stagingFailed(), { type: 'CHANGE_REGION' });
    expect(s.smokePassed).toEqual([]);
    expect(smokeIndex(s)).toBe(0);
  });

  it('the additional_tools fix is planned for the failing profile, and the re-run starts there', async () => {
    const services = fakeServices();
    const fix = reduce(stagingFailed(), { type: 'FIX_TOOLS' });
    expect(fix.step).toBe('smoke-fix');
    const events: WizardEvent[] = [];
    const runner = createEffectRunner({ services });
    runner.sync(fix, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 20));
    runner.stop();
    expect(services.calls.planTopLevelTools).toEqual(['bedrock-staging']);
    const s = run(fix, { type: 'FIX_PLANNED', plan: PLAN }, { type: 'FIX_WRITTEN', written: [], backups: [] });
    expect([s.step, smokeIndex(s), s.smokePassed.map((r) => r.model)]).toEqual(['smoke', 1, [PROD]]);
  });

  it('after signing in again, the failing profile is tested again (its failed result no longer holds the step)', () => {
    const s = run(stagingFailed(), { type: 'RELOGIN' }, { type: 'HANDOFF_DONE', exitCode: 0, signal: null });
    expect([s.step, s.smoke, smokeIndex(s)]).toEqual(['smoke', undefined, 1]);
    expect(smokeKeys(s)).toHaveLength(1);
  });
});

describe('smoke effect', () => {
  it('tests each profile with its own model and its own profile file; a late answer of the first is dropped', async () => {
    const services = fakeServices();
    const asked: (string | null)[] = [];
    const read = services.config.readCodexSettings;
    services.config.readCodexSettings = (p) => {
      asked.push(p);
      return read(p);
    };
    const firstAnswer = deferred<SmokeResult>();
    services.aws.smokeTest = async (opts) => {
      services.calls.smokeTest.push({ model: opts.model, region: opts.region, auth: opts.auth });
      return opts.model === PROD ? firstAnswer.promise : passed(opts.model);
    };
    const events: WizardEvent[] = [];
    const runner = createEffectRunner({ services, flushMs: 5 });
    const first = atSmoke();
    runner.sync(first, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 20));
    // The first test is still streaming when the state moves on (as after a pass dispatched by another run).
    const second = reduce(first, done(PROD, 'bedrock-prod'));
    runner.sync(second, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 20));
    firstAnswer.resolve(passed(PROD));
    await new Promise((r) => setTimeout(r, 20));
    runner.stop();
    expect(services.calls.smokeTest.map((c) => c.model)).toEqual([PROD, STAGING]);
    expect(asked).toContain('bedrock-staging');
    const answers = events.filter((e): e is Extract<WizardEvent, { type: 'SMOKE_DONE' }> => e.type === 'SMOKE_DONE');
    expect(answers.map((e) => [e.profile, e.result.model])).toEqual([['bedrock-staging', STAGING]]);
  });
});

describe("Codex's requests recorded ahead", () => {
  it('are recorded for every profile while "Run the smoke test" is read, and the tests use them (no second recording)', async () => {
    const services = fakeServices();
    const settings = services.config.readCodexSettings;
    services.config.readCodexSettings = async (p) => ({ ...(await settings(p)), profileExists: true, modelProvider: 'amazon-bedrock' });
    const recorded: string[] = [];
    services.tools.captureCodexRequest = async (opts) => {
      recorded.push(opts.codexProfile);
      return { ok: true, body: JSON.stringify({ model: 'x', input: [], stream: true }), headers: { 'content-type': 'application/json' } } as never;
    };
    const events: WizardEvent[] = [];
    const runner = createEffectRunner({ services, flushMs: 5 });
    const offer = atWritten();
    expect(offer.step).toBe('config-written');
    runner.sync(offer, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 20));
    expect(recorded).toEqual(['bedrock-prod', 'bedrock-staging']);
    let s = reduce(offer, { type: 'NEXT' });
    for (const profile of ['bedrock-prod', 'bedrock-staging']) {
      runner.sync(s, (e) => events.push(e));
      const deadline = Date.now() + 3000;
      while (!events.some((e) => e.type === 'SMOKE_DONE' && e.profile === profile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const answer = events.find((e): e is Extract<WizardEvent, { type: 'SMOKE_DONE' }> => e.type === 'SMOKE_DONE' && e.profile === profile)!;
      expect(answer.result.request?.source).toBe('captured');
      s = reduce(s, answer);
    }
    runner.stop();
    expect(recorded).toEqual(['bedrock-prod', 'bedrock-staging']);
    expect(s.smokePassed).toHaveLength(2);
  });
});
