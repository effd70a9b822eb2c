import { describe, expect, it } from 'vitest';
import { initialState, reduce, setupChoices, canRelogin, type PreflightInfo, type WizardEvent, type WizardState } from '../../src/wizard/machine.js';
import type { ConfigPlan, SmokeResult } from '../../src/types.js';

const info: PreflightInfo = {
  codexVersion: '0.169.0',
  awsV2Path: '/usr/bin/aws',
  awsProfiles: [{ name: 'dev', isSso: false, hasStaticKeys: true }],
  ssoSessions: [],
  bearerInEnv: false,
  managedBedrockAuth: null,
};
const identity = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDA' };
const plan: ConfigPlan = { changes: [], migratedLegacy: [], warnings: [] };
const latency = { connectMs: 1, headersMs: 2, ttftMs: 3, interTokenP50Ms: 1, interTokenP95Ms: 1, outputTokens: 3, tokensPerSecond: 10, totalMs: 9, gaps: [1, 1] };
const smokeOk: SmokeResult = { ok: true, model: 'm', region: 'us-east-1', endpoint: 'e', auth: 'sigv4', text: 'hi', latency };

function run(s: WizardState, ...events: WizardEvent[]): WizardState {
  return events.reduce(reduce, s);
}

/** welcome → preflight → (region) */
function toRegion(s = initialState()): WizardState {
  return run(s, { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info }, { type: 'NEXT' });
}

describe('wizard machine: forward path', () => {
  it('starts at welcome with default Codex profiles', () => {
    const s = initialState();
    expect(s.step).toBe('welcome');
    expect(s.profiles.map((p) => p.name)).toEqual(['bedrock-prod', 'bedrock-staging']);
  });

  it('preflight waits for its results before NEXT moves on', () => {
    const s = run(initialState(), { type: 'NEXT' });
    expect(s.step).toBe('preflight');
    expect(reduce(s, { type: 'NEXT' }).step).toBe('preflight');
    expect(toRegion().step).toBe('region');
  });

  it('profile path: region → auth → profile-pick → identity → models ×2 → config → written → smoke → done', () => {
    let s = toRegion();
    s = reduce(s, { type: 'SELECT_REGION', region: 'us-west-2' });
    expect([s.step, s.region]).toEqual(['auth', 'us-west-2']);
    s = reduce(s, { type: 'CHOOSE_AUTH', method: 'profile' });
    expect(s.step).toBe('profile-pick');
    s = reduce(s, { type: 'SELECT_PROFILE', profile: 'dev' });
    expect(s.step).toBe('identity');
    expect(s.auth).toEqual({ kind: 'profile', profile: 'dev' });
    expect(reduce(s, { type: 'NEXT' }).step).toBe('identity'); // identity not known yet
    s = run(s, { type: 'IDENTITY', identity }, { type: 'NEXT' });
    expect([s.step, s.modelIndex]).toEqual(['models', 0]);
    s = reduce(s, { type: 'SELECT_MODEL', model: 'openai.gpt-6.1-sol' });
    expect([s.step, s.modelIndex]).toEqual(['models', 1]);
    s = reduce(s, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' });
    expect(s.step).toBe('config');
    expect(setupChoices(s)).toEqual({
      region: 'us-west-2',
      awsProfile: 'dev',
      codexVersion: '0.169.0',
      profiles: [
        { name: 'bedrock-prod', model: 'openai.gpt-6.1-sol' },
        { name: 'bedrock-staging', model: 'openai.gpt-6-luna' },
      ],
    });
    s = run(s, { type: 'PLAN_READY', plan }, { type: 'WRITTEN', written: ['/c/config.toml'], backups: ['/c/config.toml.bak'] });
    expect(s.step).toBe('config-written');
    s = reduce(s, { type: 'POLICY_WRITTEN', path: '/tmp/p.json' });
    expect(s.policyPath).toBe('/tmp/p.json');
    s = reduce(s, { type: 'NEXT' });
    expect(s.step).toBe('smoke');
    expect(reduce(s, { type: 'NEXT' }).step).toBe('smoke'); // no result yet
    // Both profiles written are tested before the run is done.
    s = run(s, { type: 'SMOKE_DONE', result: smokeOk }, { type: 'NEXT' });
    expect(s.step).toBe('smoke');
    s = run(s, { type: 'SMOKE_DONE', result: smokeOk }, { type: 'NEXT' });
    expect(s.step).toBe('done');
    s = reduce(s, { type: 'QUIT', code: 0 });
    expect([s.step, s.exitCode]).toEqual(['exit', 0]);
  });

  it('custom region goes through region-custom', () => {
    let s = reduce(toRegion(), { type: 'CUSTOM_REGION' });
    expect(s.step).toBe('region-custom');
    s = reduce(s, { type: 'SELECT_REGION', region: 'eu-west-3' });
    expect([s.step, s.region]).toEqual(['auth', 'eu-west-3']);
  });

  it('api-key path keeps the key only in memory and ignores an empty key', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'api-key' });
    expect(s.step).toBe('api-key');
    expect(reduce(s, { type: 'SUBMIT_API_KEY', apiKey: '  ' }).step).toBe('api-key');
    s = reduce(s, { type: 'SUBMIT_API_KEY', apiKey: 'bedrock-api-key-abc' });
    expect(s.step).toBe('identity');
    expect(s.auth).toEqual({ kind: 'api-key', apiKey: 'bedrock-api-key-abc' });
    expect(setupChoices(s).awsProfile).toBeUndefined();
    s = run(s, { type: 'IDENTITY', identity: null }, { type: 'NEXT' });
    expect(s.step).toBe('models');
  });

  it('env path goes straight to identity', () => {
    const s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' });
    expect(s.step).toBe('identity');
    expect(s.auth).toEqual({ kind: 'env' });
  });

  it('sso path: start URL → SSO region → hand-off (configure sso with the v2 path) → verify → identity', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'sso' });
    expect(s.step).toBe('sso-start-url');
    s = reduce(s, { type: 'SSO_START_URL', url: 'https://corp.awsapps.com/start' });
    expect(s.step).toBe('sso-region');
    s = reduce(s, { type: 'SSO_REGION', region: 'eu-west-1' });
    expect(s.step).toBe('sso-handoff');
    expect(s.handoff).toEqual({ args: ['configure', 'sso', '--profile', 'codex-bedrock'], awsPath: '/usr/bin/aws', purpose: 'configure', returnTo: 'sso-verify' });
    s = reduce(s, { type: 'HANDOFF_DONE', exitCode: 0, signal: null });
    expect(s.step).toBe('sso-verify');
    expect(s.handoff).toBeUndefined();
    s = reduce(s, { type: 'SSO_VERIFIED' });
    expect(s.step).toBe('identity');
    expect(s.auth).toEqual({ kind: 'profile', profile: 'codex-bedrock' });
  });

  it('sso hand-off failure or interruption becomes a failure; retry returns to the hand-off', () => {
    const atHandoff = run(
      toRegion(),
      { type: 'SELECT_REGION', region: 'us-east-1' },
      { type: 'CHOOSE_AUTH', method: 'sso' },
      { type: 'SSO_START_URL', url: 'https://corp.awsapps.com/start' },
      { type: 'SSO_REGION', region: 'us-east-1' },
    );
    const failed = reduce(atHandoff, { type: 'HANDOFF_DONE', exitCode: 255, signal: null });
    expect(failed.step).toBe('failure');
    expect(failed.failure?.failure.message).toBe('aws configure sso exited with code 255.');
    const interrupted = reduce(atHandoff, { type: 'HANDOFF_DONE', exitCode: null, signal: 'SIGINT' });
    expect(interrupted.failure?.failure.message).toContain('interrupted (SIGINT)');
    const retried = reduce(failed, { type: 'RETRY' });
    expect(retried.step).toBe('sso-handoff');
    expect(retried.handoff?.args[0]).toBe('configure');
    expect(retried.attempt).toBe(failed.attempt + 1);
  });

  it('sso without an aws CLI v2 fails with a missing-tool failure', () => {
    const s = run(
      initialState(),
      { type: 'NEXT' },
      { type: 'PREFLIGHT_DONE', info: { ...info, awsV2Path: null } },
      { type: 'NEXT' },
      { type: 'SELECT_REGION', region: 'us-east-1' },
      { type: 'CHOOSE_AUTH', method: 'sso' },
      { type: 'SSO_START_URL', url: 'https://corp.awsapps.com/start' },
      { type: 'SSO_REGION', region: 'us-east-1' },
    );
    expect(s.step).toBe('failure');
    expect(s.failure?.failure).toMatchObject({ kind: 'missing-tool', service: 'aws-cli' });
  });

  it('existing SSO sessions pre-fill start URL and region without pinning them', () => {
    const s = run(initialState(), { type: 'NEXT' }, {
      type: 'PREFLIGHT_DONE',
      info: { ...info, ssoSessions: [{ name: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1' }] },
    });
    expect(s.sso).toMatchObject({ startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'eu-west-1', session: 'corp' });
    expect(s.pins.ssoStartUrl).toBe(false);
  });
});

describe('wizard machine: back navigation', () => {
  it('Esc walks back through the interactive steps only', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'dev' });
    expect(s.step).toBe('identity');
    s = reduce(s, { type: 'BACK' });
    expect(s.step).toBe('profile-pick');
    s = reduce(s, { type: 'BACK' });
    expect(s.step).toBe('auth');
    s = reduce(s, { type: 'BACK' });
    expect(s.step).toBe('region');
    s = reduce(s, { type: 'BACK' });
    expect(s.step).toBe('preflight');
    s = reduce(s, { type: 'BACK' });
    expect(s.step).toBe('welcome');
    expect(reduce(s, { type: 'BACK' })).toBe(s);
  });

  it('back in models goes to the previous profile first, then leaves the step', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' }, { type: 'IDENTITY', identity }, { type: 'NEXT' });
    s = reduce(s, { type: 'SELECT_MODEL', model: 'a' });
    expect(s.modelIndex).toBe(1);
    s = reduce(s, { type: 'BACK' });
    expect([s.step, s.modelIndex]).toEqual(['models', 0]);
    s = reduce(s, { type: 'BACK' });
    expect(s.step).toBe('auth');
  });

  it('edit choices from config returns to models and drops the plan', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' }, { type: 'IDENTITY', identity }, { type: 'NEXT' });
    s = run(s, { type: 'SELECT_MODEL', model: 'a' }, { type: 'SELECT_MODEL', model: 'b' }, { type: 'PLAN_READY', plan });
    s = reduce(s, { type: 'EDIT' });
    expect([s.step, s.plan]).toEqual(['models', undefined]);
  });

  it('cancel at config exits 1; Ctrl-C exits 130 anywhere; done ignores back', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' }, { type: 'IDENTITY', identity }, { type: 'NEXT' });
    s = run(s, { type: 'SELECT_MODEL', model: 'a' }, { type: 'SELECT_MODEL', model: 'b' });
    expect(reduce(s, { type: 'CANCEL' })).toMatchObject({ step: 'exit', exitCode: 1 });
    expect(reduce(toRegion(), { type: 'QUIT', code: 130 })).toMatchObject({ step: 'exit', exitCode: 130 });
    const done = { ...s, step: 'done' as const };
    expect(reduce(done, { type: 'BACK' })).toBe(done);
  });

  it('back from a failure goes to the step before the failing one', () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'dev' });
    s = reduce(s, { type: 'FAIL', failure: { kind: 'credentials', message: 'expired' } });
    expect(s.failure?.at).toBe('identity');
    s = reduce(s, { type: 'BACK' });
    expect([s.step, s.failure]).toEqual(['profile-pick', undefined]);
  });
});

describe('wizard machine: failures from the smoke test', () => {
  const atSmoke = () => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'dev' });
    s = run(s, { type: 'IDENTITY', identity }, { type: 'NEXT' }, { type: 'SELECT_MODEL', model: 'a' }, { type: 'SELECT_MODEL', model: 'b' });
    s = run(s, { type: 'PLAN_READY', plan }, { type: 'WRITTEN', written: [], backups: [] }, { type: 'NEXT' });
    return reduce(s, { type: 'SMOKE_DONE', result: { ...smokeOk, ok: false, failure: { kind: 'http', status: 403, errorType: 'AccessDeniedException' } } });
  };

  it('a failed smoke test is a failure at smoke', () => {
    const s = atSmoke();
    expect(s.step).toBe('failure');
    expect(s.failure).toMatchObject({ at: 'smoke', failure: { status: 403 } });
  });

  it('retry re-runs the smoke test', () => {
    const s = reduce(atSmoke(), { type: 'RETRY' });
    expect([s.step, s.smoke]).toEqual(['smoke', undefined]);
  });

  it('change region: pick a region and go straight back to identity with the same auth', () => {
    let s = reduce(atSmoke(), { type: 'CHANGE_REGION' });
    expect(s.step).toBe('region');
    s = reduce(s, { type: 'SELECT_REGION', region: 'eu-west-1' });
    expect([s.step, s.region, s.auth?.kind, s.revisit]).toEqual(['identity', 'eu-west-1', 'profile', false]);
  });

  it('change model: back to the first model choice', () => {
    const s = reduce(atSmoke(), { type: 'CHANGE_MODEL' });
    expect([s.step, s.modelIndex]).toEqual(['models', 0]);
  });

  it('change region/model are refused for failures elsewhere', () => {
    const s = reduce({ ...atSmoke(), failure: { at: 'identity', failure: { kind: 'credentials' } } }, { type: 'CHANGE_REGION' });
    expect(s.step).toBe('failure');
  });

  it('relogin hands the terminal to aws sso login, then retries the failing step', () => {
    const failed = atSmoke();
    expect(canRelogin(failed)).toBe(true);
    let s = reduce(failed, { type: 'RELOGIN' });
    expect(s.step).toBe('sso-handoff');
    expect(s.handoff).toEqual({ args: ['sso', 'login', '--profile', 'dev'], awsPath: '/usr/bin/aws', purpose: 'relogin', returnTo: 'smoke' });
    s = reduce(s, { type: 'HANDOFF_DONE', exitCode: 0, signal: null });
    expect([s.step, s.attempt > failed.attempt]).toEqual(['smoke', true]);
    const again = reduce(reduce(failed, { type: 'RELOGIN' }), { type: 'HANDOFF_DONE', exitCode: 1, signal: null });
    expect(again.failure?.at).toBe('smoke');
  });
});

describe('wizard machine: the additional_tools fix after a refused smoke test', () => {
  const refused = (): WizardState => {
    let s = run(toRegion(), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'dev' });
    s = run(s, { type: 'IDENTITY', identity }, { type: 'NEXT' }, { type: 'SELECT_MODEL', model: 'a' }, { type: 'SELECT_MODEL', model: 'b' });
    s = run(s, { type: 'PLAN_READY', plan }, { type: 'WRITTEN', written: ['/c/config.toml'], backups: [] }, { type: 'NEXT' });
    const failure = { kind: 'http' as const, status: 400, message: "Invalid 'input': value did not match any expected variant" };
    return reduce(s, { type: 'SMOKE_DONE', result: { ...smokeOk, ok: false, failure } });
  };

  it('FIX_TOOLS shows the fix; writing it re-runs the smoke test with a new attempt', () => {
    const failed = refused();
    let s = reduce(failed, { type: 'FIX_TOOLS' });
    expect(s.step).toBe('smoke-fix');
    s = reduce(s, { type: 'FIX_PLANNED', plan });
    expect(s.fixPlan).toBe(plan);
    s = reduce(s, { type: 'FIX_WRITTEN', written: ['/c/a.config.toml'], backups: ['/c/a.config.toml.bak-1'] });
    expect([s.step, s.smoke, s.fixPlan, s.attempt > failed.attempt]).toEqual(['smoke', undefined, undefined, true]);
    expect(s.written).toEqual({ written: ['/c/config.toml', '/c/a.config.toml'], backups: ['/c/a.config.toml.bak-1'] });
  });

  it('back from the fix returns to the diagnosis; the fix is not offered for failures elsewhere', () => {
    const s = reduce(reduce(refused(), { type: 'FIX_TOOLS' }), { type: 'BACK' });
    expect([s.step, s.failure?.at]).toEqual(['failure', 'smoke']);
    const elsewhere = { ...refused(), failure: { at: 'identity' as const, failure: { kind: 'credentials' as const } } };
    expect(reduce(elsewhere, { type: 'FIX_TOOLS' }).step).toBe('failure');
  });
});

describe('wizard machine: pinned values from flags and a team template', () => {
  it('pinned region and profile auth skip region, auth and profile-pick', () => {
    const s = toRegion(initialState({ region: 'eu-west-1', awsProfile: 'team' }));
    expect(s.step).toBe('identity');
    expect(s.region).toBe('eu-west-1');
    expect(s.auth).toEqual({ kind: 'profile', profile: 'team' });
    expect(s.pins).toMatchObject({ region: true, auth: true, awsProfile: true });
    // Back from identity skips the pinned steps entirely.
    expect(reduce(s, { type: 'BACK' }).step).toBe('preflight');
  });

  it('pinned SSO start URL, region, account and role go straight to aws sso login', () => {
    const s = toRegion(
      initialState({
        region: 'us-east-1',
        auth: 'sso',
        awsProfile: 'corp-bedrock',
        sso: { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accountId: '123456789012', roleName: 'Dev' },
      }),
    );
    expect(s.step).toBe('sso-handoff');
    expect(s.handoff?.args).toEqual(['sso', 'login', '--profile', 'corp-bedrock']);
  });

  it('pinned start URL only asks for the SSO region', () => {
    const s = run(toRegion(initialState({ auth: 'sso', sso: { startUrl: 'https://corp.awsapps.com/start' } })), { type: 'SELECT_REGION', region: 'us-east-1' });
    expect(s.step).toBe('sso-region');
  });

  it('pinned models and profile names: only unpinned profiles are asked, all pinned skips models', () => {
    const one = initialState({ profiles: [{ name: 'team-prod', model: 'openai.gpt-5.5' }, { name: 'team-fast' }] });
    let s = run(toRegion(one), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' }, { type: 'IDENTITY', identity }, { type: 'NEXT' });
    expect([s.step, s.modelIndex]).toEqual(['models', 1]);
    expect(reduce(s, { type: 'BACK' }).step).toBe('auth'); // no unpinned profile before it
    s = reduce(s, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' });
    expect(s.step).toBe('config');
    expect(s.profiles).toEqual([
      { name: 'team-prod', model: 'openai.gpt-5.5' },
      { name: 'team-fast', model: 'openai.gpt-6-luna' },
    ]);
    const all = initialState({ profiles: [{ name: 'p', model: 'x' }] });
    const t = run(toRegion(all), { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'env' }, { type: 'IDENTITY', identity }, { type: 'NEXT' });
    expect(t.step).toBe('config');
  });

  it('team regions are offered first', () => {
    expect(initialState({ regions: ['eu-west-1', 'us-east-1'] }).regionChoices).toEqual(['eu-west-1', 'us-east-1']);
  });
});

describe('wizard machine: events that do not belong to a step are ignored', () => {
  it('ignores stray events', () => {
    const s = initialState();
    for (const e of [{ type: 'SELECT_REGION', region: 'x' }, { type: 'RETRY' }, { type: 'SMOKE_DONE', result: smokeOk }] as WizardEvent[]) {
      expect(reduce(s, e)).toBe(s);
    }
  });
  it('a failure while failing keeps the first one', () => {
    const s = reduce(toRegion(), { type: 'FAIL', failure: { kind: 'network', code: 'ENOTFOUND' } });
    expect(reduce(s, { type: 'FAIL', failure: { kind: 'config' } }).failure?.failure.kind).toBe('network');
  });
});

describe('wizard machine: a credential_process profile', () => {
  it('plans aws.credential_export on Codex 0.155+, as setup --yes does', () => {
    const helperInfo: PreflightInfo = { ...info, codexVersion: '0.171.0', awsProfiles: [{ name: 'okta', isSso: false, hasStaticKeys: false, credentialProcess: true }] };
    let s = run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: helperInfo }, { type: 'NEXT' });
    s = run(s, { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'okta' });
    s = run(s, { type: 'IDENTITY', identity }, { type: 'NEXT' }, { type: 'SELECT_MODEL', model: 'openai.gpt-5.5' }, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' });
    s = reduce(s, { type: 'WEB_SEARCH_DECIDED', decision: { webSearch: 'disabled', reason: 'test', region: 'us-east-1', model: 'openai.gpt-5.5' } });
    const choices = setupChoices(s);
    expect(choices.credentialExport).toEqual({ command: '/usr/bin/aws', args: ['configure', 'export-credentials', '--profile', 'okta', '--format', 'process'] });
    expect(choices.authRefresh).toBeUndefined();
  });
});
