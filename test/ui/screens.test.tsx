import { afterEach, describe, expect, it, vi } from 'vitest';
import { FALLBACK_CATALOGUE } from '../../src/core/codexCatalogue.fallback.js';
import { cleanup } from 'ink-testing-library';
import { deferred, fakeServices, IDENTITY, PLAN, smokeResult } from './fakes.js';
import { CTRL_C, DOWN, ENTER, ESC, renderApp, tick } from './helpers.js';
import { atAuth, atConfig, atIdentity, atModels, atRegion, atSmoke, atWritten, INFO, run } from './states.js';
import { initialState } from '../../src/wizard/machine.js';
import { ServiceError } from '../../src/services/errors.js';
import { diagnose } from '../../src/core/diagnosis.js';
import type { AwsCliInfo, CodexInfo, SmokeEvent, SmokeResult } from '../../src/types.js';

afterEach(() => cleanup());

describe('welcome and preflight', () => {
  it('welcome lists the files it will write; enter starts the checks', async () => {
    const ui = renderApp(fakeServices(), initialState());
    const f = await ui.waitText('/home/dev/.codex/config.toml');
    expect(f).toContain('/home/dev/.codex/bedrock-prod.config.toml');
    expect(f).toContain('/home/dev/.codex/bedrock-staging.config.toml');
    expect(f).toContain('enter start');
    await ui.press(ENTER);
    await ui.waitText('1/7 · Checks');
  });

  it('checks fill in as they answer; explains v1 shadowing; never shows secrets', async () => {
    const codex = deferred<CodexInfo | null>();
    const s = fakeServices({
      AWS_PROFILE: 'dev',
      AWS_REGION: 'eu-west-1',
      AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-TOPSECRET',
      HTTPS_PROXY: 'http://alice:hunter2@proxy.corp:3128',
      AWS_CA_BUNDLE: '/etc/corp-ca.pem',
    });
    s.tools.findCodex = () => codex.promise;
    const ui = renderApp(s, run(initialState(), { type: 'NEXT' }));
    let f = await ui.waitText('shadows aws v2');
    expect(f).toContain('aws v1 at /usr/local/bin/aws shadows aws v2 at /usr/bin/aws');
    expect(f.replace(/\s+/g, ' ')).toContain('ln -s /usr/bin/aws ~/bin/aws');
    expect(f).not.toContain('export PATH="/usr/bin:$PATH"');
    expect(f).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Codex CLI/);
    expect(f).not.toContain('enter continue');
    expect(f).toContain('AWS_BEARER_TOKEN_BEDROCK is set');
    expect(f).toContain('HTTPS_PROXY=http://proxy.corp:3128');
    expect(f).toContain('AWS_REGION=eu-west-1');
    expect(f).toContain('AWS_CA_BUNDLE=/etc/corp-ca.pem');
    expect(f).toContain('✓ 2 AWS profiles, 1 with IAM Identity Center');
    codex.resolve({ path: '/usr/local/bin/codex', version: '0.130.0' });
    f = await ui.waitText('older than 0.134.0');
    expect(f).toContain('npm i -g @openai/codex@latest');
    expect(f).toContain('enter continue');
    for (const fr of ui.frames) {
      expect(fr).not.toContain('TOPSECRET');
      expect(fr).not.toContain('hunter2');
    }
    await ui.press(ENTER);
    await ui.waitText('Round-trip times');
  });

  it.each([
    [[{ name: 'corp-sso', region: 'us-east-1', isSso: true, hasStaticKeys: false, ssoSession: 'corp' }], '✓ 1 AWS profile, 1 with IAM Identity Center'],
    [[{ name: 'a', isSso: false, hasStaticKeys: true }, { name: 'b', isSso: true, hasStaticKeys: false }, { name: 'c', isSso: true, hasStaticKeys: false }], '✓ 3 AWS profiles, 2 with IAM Identity Center'],
    [[{ name: 'a', isSso: false, hasStaticKeys: true }], '✓ 1 AWS profile, none with IAM Identity Center'],
  ])('counts profiles in words: %#', async (profiles, text) => {
    const s = fakeServices();
    s.config.readAwsProfiles = async () => ({ profiles, ssoSessions: [] });
    const ui = renderApp(s, run(initialState(), { type: 'NEXT' }));
    const f = await ui.waitText('with IAM Identity Center');
    expect(f).toContain(text);
    expect(f).not.toContain('(s)');
  });

  it('zero AWS profiles is not a pass: it says what the next steps offer', async () => {
    const s = fakeServices();
    s.config.readAwsProfiles = async () => ({ profiles: [], ssoSessions: [] });
    const ui = renderApp(s, run(initialState(), { type: 'NEXT' }));
    const f = await ui.waitText('No AWS profiles');
    expect(f).not.toMatch(/✓ No AWS profiles/);
    expect(f).toMatch(/! No AWS profiles/);
    expect(f.replace(/\s+/g, ' ')).toContain('none yet: the next steps can create one (IAM Identity Center) or use an API key');
  });

  it('missing codex and no aws v2 are explained with their fixes', async () => {
    const s = fakeServices();
    s.tools.findCodex = async () => null;
    s.tools.findAwsClis = async (): Promise<AwsCliInfo[]> => [];
    const read = s.config.readCodexSettings;
    s.config.readCodexSettings = async (p) => ({ ...(await read(p)), legacyProfileTables: ['bedrock-prod'] });
    const ui = renderApp(s, run(initialState(), { type: 'NEXT' }));
    const f = await ui.waitText('No aws CLI on PATH');
    expect(f).toContain('✗ Codex CLI not found');
    expect(f).toContain('Install aws CLI v2');
    await ui.waitText('legacy layout: [profiles.bedrock-prod]');
  });

  it('--demo without Codex: an honest warning that the rehearsal goes on, never a failure mark', async () => {
    const s = fakeServices();
    s.tools.findCodex = async () => null;
    const ui = renderApp(s, run(initialState(), { type: 'NEXT' }), { demo: true });
    const f = await ui.waitText('Codex CLI not found');
    expect(f).toContain('! Codex CLI not found: the demo goes on without it');
    expect(f).toMatch(/^\s+install with npm i -g @openai\/codex$/m);
    expect(f).not.toContain('✗ Codex CLI not found');
  });
});

describe('region', () => {
  it('shows the list at once, then every round-trip time together from one warm measurement, the fastest marked', async () => {
    const s = fakeServices();
    const slow = deferred<{ ok: true; ms: number; reused: boolean; status: number }>();
    s.aws.timeRegionRequest = async (r) =>
      r === 'us-east-2' ? slow.promise : r === 'eu-north-1' ? { ok: false, failure: { kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' } } : { ok: true, ms: r === 'us-west-2' ? 30 : 42, reused: true, status: 404 };
    const ui = renderApp(s, atRegion(), { rows: 40 }); // every row in view
    await ui.press(); // settle at the terminal size given
    let f = await ui.waitText('(measuring…)');
    // Nothing is drawn while a region is still being measured: drawing answers one by one would bias the later ones.
    expect(f).not.toContain('42 ms');
    expect(f).toMatch(/us-east-1 .*…/);
    slow.resolve({ ok: true, ms: 7, reused: true, status: 404 });
    f = await ui.waitFor((x) => /us-east-2 .*7 ms ← fastest/.test(x), 'us-east-2 rtt');
    expect(f).toMatch(/us-west-2 .*30 ms/);
    // The figures are right-aligned: 7, 30 and 42 ms end in the same column.
    const ends = ['us-east-2', 'us-west-2', 'us-east-1'].map((r) => f.split('\n').find((l) => l.includes(r))!.indexOf(' ms'));
    expect(new Set(ends).size).toBe(1);
    expect(f).toMatch(/eu-north-1 .*✗ unreachable/);
    expect(f).not.toContain('(measuring…)');
    await ui.press(DOWN, ENTER);
    f = await ui.waitText('How should Codex sign');
    expect(f).toContain('us-east-2');
  });

  it('no region answering says so, with the network and proxy hint', async () => {
    const s = fakeServices();
    s.aws.timeRegionRequest = async () => ({ ok: false, failure: { kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' } });
    const ui = renderApp(s, atRegion());
    let f = await ui.waitText('No region answered from this network.');
    expect(f).toMatch(/HTTPS_PROXY/);
    expect(f.replace(/\s+/g, ' ')).toContain('press r to measure again');
    s.aws.timeRegionRequest = async () => ({ ok: true, ms: 42, reused: true, status: 404 });
    await ui.press('r');
    f = await ui.waitFor((x) => /us-east-1 .*42 ms/.test(x), 'measured again');
    expect(f).not.toContain('No region answered');
  });

  it('GovCloud: accepted with the acknowledgement note by a new Codex, rejected by 0.150 – 0.160', async () => {
    const at = (codexVersion: string) => run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: { ...INFO, codexVersion } }, { type: 'NEXT' });
    let ui = renderApp(fakeServices(), at('0.171.0'), { rows: 40 });
    await ui.press(); // settle at the terminal size given
    let f = await ui.waitText('us-gov-east-1:');
    expect(f).toMatch(/us-gov-west-1 +AWS GovCloud \(US-West\) \(see below\)/);
    expect(f.replace(/\s+/g, ' ')).toContain(`us-gov-west-1: Codex 0.171.0 will ask you to acknowledge "Using Codex with AWS GovCloud"; OpenAI's documentation does not list GovCloud as supported.`);
    ui.unmount();
    ui = renderApp(fakeServices(), at('0.155.0'), { rows: 40 });
    await ui.press(); // settle at the terminal size given
    f = await ui.waitText('us-gov-west-1:');
    expect(f).toMatch(/us-gov-west-1 +AWS GovCloud \(US-West\) \(Codex rejects\)/);
    expect(f.replace(/\s+/g, ' ')).toContain('us-gov-west-1: Codex 0.155.0 rejects us-gov-west-1 (accepted by Codex 0.134.0 to before 0.135.0, 0.161.0+).');
  });

  it('team regions come first', async () => {
    const ui = renderApp(fakeServices(), atRegion({ regions: ['eu-west-2'] }));
    const f = await ui.waitText('eu-west-2');
    const lines = f.split('\n').filter((l) => /^\S*\s*[a-z]{2}-[a-z]+-\d/.test(l.trim()));
    expect(lines[0]).toContain('eu-west-2');
  });

  it('custom region prompt validates before accepting', async () => {
    const ui = renderApp(fakeServices(), run(atRegion(), { type: 'CUSTOM_REGION' }));
    await ui.waitText('AWS region:');
    await ui.press('us-east1', ENTER);
    let f = await ui.waitText('✗');
    expect(f).toContain('Did you mean us-east-1?');
    await ui.press('\u007f', '-1', ENTER);
    f = await ui.waitFor((x) => x.includes('How should Codex sign') || x.includes('✗'), 'result');
    expect(f).toContain('How should Codex sign');
    expect(f).toContain('us-east-1');
  });
});

describe('auth', () => {
  it('offers SSO first, existing profiles, API key and env; Esc goes back to region', async () => {
    const ui = renderApp(fakeServices(), atAuth());
    const f = await ui.waitText('IAM Identity Center (SSO), recommended');
    expect(f).toContain('Existing AWS profile (2 found)');
    expect(f).toContain('Bedrock API key');
    expect(f).toContain('Environment credentials');
    await ui.press(ESC);
    await ui.waitText('Round-trip times');
  });

  it('profile list puts SSO profiles first and marks them', async () => {
    const ui = renderApp(fakeServices(), atAuth());
    await ui.waitText('Existing AWS profile');
    await ui.press(DOWN, ENTER);
    const f = await ui.waitText('[SSO]');
    expect(f.indexOf('corp-sso')).toBeLessThan(f.indexOf('dev '));
    expect(f).toContain('[keys]');
  });

  it('profile list marks an aws login profile as such', async () => {
    const info = { ...INFO, awsProfiles: [{ name: 'console', region: 'us-east-1', isSso: false, hasStaticKeys: false, loginSession: true }] };
    const atAuthWithLogin = run(initialState({}), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info }, { type: 'NEXT' }, { type: 'SELECT_REGION', region: 'us-east-1' });
    const ui = renderApp(fakeServices(), atAuthWithLogin);
    await ui.waitText('Existing AWS profile');
    await ui.press(DOWN, ENTER);
    expect(await ui.waitText('[aws login]')).toMatch(/console\s+\[aws login\] us-east-1/);
  });

  it('a pasted API key is never rendered, not even its last characters', async () => {
    const s = fakeServices();
    const ui = renderApp(s, run(atAuth(), { type: 'CHOOSE_AUTH', method: 'api-key' }));
    await ui.waitText('Bedrock API key:');
    const key = 'bedrock-api-key-QUJDREVGR0hJSktMTU5PUA9z7Q';
    await ui.press(key);
    let f = await ui.waitText('Key received (hidden)');
    expect(f).toContain('••••••••');
    await ui.press(ENTER);
    f = await ui.waitText('identity not checked');
    expect(s.calls.whoAmI[0]).toEqual({ kind: 'api-key', apiKey: key });
    for (const fr of ui.frames) {
      expect(fr).not.toContain('QUJDREVG');
      expect(fr).not.toContain('9z7Q');
      expect(fr).not.toContain('bedrock-api-key');
    }
  });

  it('--demo: IAM Identity Center is offered (the emulator signs you in); the demo key is pre-filled', async () => {
    const s = fakeServices({ AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-emulator-demo-us-east-1' });
    const ui = renderApp(s, atAuth(), { demo: true });
    let f = await ui.waitText('the emulator signs you in');
    expect(f).toContain('IAM Identity Center (SSO), recommended');
    await ui.press(DOWN, DOWN, ENTER);
    f = await ui.waitText("Use the demo's key for us-east-1");
    expect(f.replace(/\s+/g, ' ')).toContain('The demo issues a key for each region, valid there only, as AWS does: this one is for us-east-1.');
    await ui.press(ENTER);
    await ui.waitText('identity not checked');
    expect(s.calls.whoAmI.at(-1)).toEqual({ kind: 'api-key', apiKey: 'bedrock-api-key-emulator-demo-us-east-1' });
    expect(ui.frames.join('')).not.toContain('emulator-demo');
  });

  it("--demo in another region: the key offered is that region's, not the us-east-1 one in the environment", async () => {
    const s = fakeServices({ AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-emulator-demo-us-east-1' });
    const ui = renderApp(s, run(atRegion(), { type: 'SELECT_REGION', region: 'eu-west-1' }, { type: 'CHOOSE_AUTH', method: 'api-key' }), { demo: true });
    const f = await ui.waitText("Use the demo's key for eu-west-1");
    expect(f.replace(/\s+/g, ' ')).toContain('this one is for eu-west-1.');
    await ui.press(ENTER);
    await ui.waitText('identity not checked');
    expect(s.calls.whoAmI.at(-1)).toEqual({ kind: 'api-key', apiKey: 'bedrock-api-key-emulator-demo-eu-west-1' });
    expect(s.calls.listMantleModels).toContain('eu-west-1');
    expect(ui.frames.join('')).not.toContain('emulator-demo');
  });

  it('an API key from the environment is offered without showing it', async () => {
    const s = fakeServices({ AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-ENVSECRET' });
    const ui = renderApp(s, run(atAuth(), { type: 'CHOOSE_AUTH', method: 'api-key' }));
    await ui.waitText('Use AWS_BEARER_TOKEN_BEDROCK from the environment');
    await ui.press(ENTER);
    await ui.waitText('identity not checked');
    expect(s.calls.whoAmI[0]).toEqual({ kind: 'api-key', apiKey: 'bedrock-api-key-ENVSECRET' });
    expect(ui.frames.join('')).not.toContain('ENVSECRET');
  });
});

describe('identity and failures', () => {
  it('shows who is signed in, then continues to models', async () => {
    const ui = renderApp(fakeServices(), atIdentity());
    const f = await ui.waitText('signed in as');
    expect(f).toContain(`signed in as ${IDENTITY.arn} (account ${IDENTITY.account})`);
    await ui.press(ENTER);
    await ui.waitText('Model for Codex profile');
  });

  it('says which credential Codex will use, and warns when it is not the one chosen', async () => {
    const at = (codexVersion: string) =>
      run(initialState(), { type: 'NEXT' }, { type: 'PREFLIGHT_DONE', info: { ...INFO, codexVersion, bearerInEnv: true } }, { type: 'NEXT' }, { type: 'SELECT_REGION', region: 'us-east-1' }, { type: 'CHOOSE_AUTH', method: 'profile' }, { type: 'SELECT_PROFILE', profile: 'dev' });
    const env = { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-SECRET' };
    let ui = renderApp(fakeServices(env), at('0.171.0'));
    let f = await ui.waitText('Codex will use');
    expect(f).toContain('✓ Codex will use: AWS profile `dev` (from aws.profile in config.toml)');
    ui.unmount();
    ui = renderApp(fakeServices(env), at('0.149.0'));
    f = await ui.waitText('Codex will use');
    expect(f.replace(/\s+/g, ' ')).toContain('! Codex will use: the Bedrock API key in AWS_BEARER_TOKEN_BEDROCK, not the one chosen here');
    expect(f.replace(/\s+/g, ' ')).toContain('fix: unset AWS_BEARER_TOKEN_BEDROCK before running codex, or upgrade Codex to 0.150.0+');
    expect(f).not.toContain('SECRET');
  });

  it('an expired SSO token shows the diagnosis and offers to sign in again, then retries', async () => {
    const s = fakeServices();
    let calls = 0;
    s.aws.whoAmI = async () => {
      calls++;
      if (calls === 1) throw new ServiceError({ kind: 'credentials', service: 'sso', message: 'Error loading SSO Token: Token for corp does not exist', profile: 'corp-sso' });
      return IDENTITY;
    };
    const ui = renderApp(s, atIdentity('corp-sso'));
    const expected = diagnose({ kind: 'credentials', service: 'sso', message: 'Error loading SSO Token: Token for corp does not exist', profile: 'corp-sso' }, { profile: 'corp-sso', region: 'us-east-1' });
    let f = await ui.waitText(expected.title);
    expect(f).toContain(`why: ${expected.why.slice(0, 30)}`);
    expect(f).toContain('fix:');
    expect(f).toContain('Retry');
    expect(f).toContain('Quit');
    expect(f).not.toContain('Change region');
    expect(f).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    if (expected.id === 'sso-token-expired' || expected.id === 'credentials-expired') {
      expect(f).toContain('Sign in again');
      await ui.press(ENTER); // sign in again → hand-off screen
      await ui.waitText('aws sso login --profile corp-sso');
      await ui.press(ENTER);
      f = await ui.waitText('signed in as');
      expect(s.calls.runAwsInteractive).toEqual([{ args: ['sso', 'login', '--profile', 'corp-sso'], awsPath: '/usr/bin/aws' }]);
    } else {
      await ui.press(ENTER); // retry
      await ui.waitText('signed in as');
    }
    expect(calls).toBe(2);
  });

  it('a fix text names the Codex home this run uses, not ~/.codex', async () => {
    const s = fakeServices({ HOME: '/home/dev' });
    s.config.codexHome = '/srv/codex';
    s.aws.whoAmI = async () => {
      throw new ServiceError({ kind: 'config', message: 'config.toml: invalid TOML at line 3, column 1' });
    };
    const ui = renderApp(s, atIdentity());
    await ui.waitText('Retry');
    const frame = ui.lastFrame()!.replace(/\n/g, ' ');
    expect(frame).toContain('Fix the line shown in /srv/codex/config.toml');
    expect(frame).toContain('/srv/codex/*.bak-*');
    expect(frame).not.toContain('~/.codex');
  });

  it('quit from a failure exits 1; back returns to the step before', async () => {
    const s = fakeServices();
    s.aws.whoAmI = async () => {
      throw new ServiceError({ kind: 'http', status: 403, errorType: 'UnrecognizedClientException', service: 'sts' });
    };
    const ui = renderApp(s, atIdentity());
    await ui.waitText('Retry');
    await ui.press(ESC);
    await ui.waitText('Which AWS profile');
    await ui.press(ENTER);
    await ui.waitText('Retry');
    await ui.press(DOWN, DOWN, ENTER);
    await ui.waitFor(() => ui.exits.length > 0, 'exit');
    expect(ui.exits).toEqual([1]);
  });
});

describe('models', () => {
  it('fills the table as answers arrive, marks missing Codex metadata and open-weight models, suggests strongest then fastest', async () => {
    const s = fakeServices();
    const here = deferred<string[]>();
    s.aws.listMantleModels = async (_a, r) => (r === 'us-east-1' ? here.promise : r === 'us-west-2' ? ['openai.gpt-6-luna'] : []);
    const ui = renderApp(s, atModels());
    let f = await ui.waitFor((x) => /openai\.gpt-6-luna\s+[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\s+1 region/.test(x), 'pending row');
    expect(f).toContain('Asking Bedrock Mantle in us-east-1');
    expect(f).not.toContain('Model for Codex profile');
    here.resolve(['openai.gpt-oss-120b', 'openai.gpt-5.4', 'openai.gpt-6-luna', 'openai.gpt-6.1-sol']);
    f = await ui.waitText('Model for Codex profile bedrock-prod');
    expect(f).toMatch(/openai\.gpt-5\.4\s+✓ served.*\/openai\/v1\s+! no metadata/);
    expect(f).toMatch(/openai\.gpt-oss-120b\s+✓ served.*\/v1\s+✗ open-weight/);
    // Listed by Mantle, but never offered: the built-in provider cannot reach /v1.
    expect(f).not.toMatch(/❯? ?openai\.gpt-oss-120b\s+\(suggested\)|^\s*openai\.gpt-oss-120b\s*$/m);
    expect(f).not.toContain('fallback catalogue');
    expect(f).toMatch(/openai\.gpt-5\.5\s+✗ absent.*✓ known/);
    expect(f).toMatch(/❯ openai\.gpt-6\.1-sol\s+\(suggested\)/);
    await ui.press(ENTER);
    f = await ui.waitText('Model for Codex profile bedrock-staging');
    expect(f).toMatch(/❯ openai\.gpt-6-luna\s+\(suggested\)/);
    await ui.press(DOWN, ENTER);
    await ui.waitText('Write these files');
    expect(s.calls.planCodexConfig[0]).toMatchObject({
      profiles: [
        { name: 'bedrock-prod', model: 'openai.gpt-6.1-sol' },
        { name: 'bedrock-staging', model: 'openai.gpt-5.4' },
      ],
    });
  });

  it('without Codex: says the ranking is a fallback, recommends installing Codex, and suggests no open-weight model', async () => {
    const s = fakeServices();
    s.tools.codexModels = async () => null;
    s.aws.listMantleModels = async () => ['openai.gpt-oss-120b', 'openai.gpt-oss-20b', 'openai.gpt-5.5', 'openai.gpt-6.2-sol', 'openai.gpt-5.6-luna'];
    const ui = renderApp(s, atModels());
    let f = await ui.waitText('Model for Codex profile bedrock-prod');
    expect(f).toContain(`No Codex installed: ranked by a fallback catalogue (Codex ${FALLBACK_CATALOGUE.codexVersion}).`);
    expect(f).toContain('Install Codex first: npm i -g @openai/codex@latest');
    expect(f).toMatch(/❯ openai\.gpt-6\.2-sol\s+\(suggested\)/);
    await ui.press(ENTER);
    f = await ui.waitText('Model for Codex profile bedrock-staging');
    expect(f).toMatch(/❯ openai\.gpt-5\.6-luna\s+\(suggested\)/);
    expect(f).not.toMatch(/gpt-oss-\d+b\s+\(suggested\)/);
  });

  it('a region with only open-weight models: nothing to choose, and says why', async () => {
    const s = fakeServices();
    s.aws.listMantleModels = async (_a, r) => (r === 'us-east-1' ? ['openai.gpt-oss-120b', 'openai.gpt-oss-20b'] : []);
    const ui = renderApp(s, atModels());
    const f = await ui.waitText('Mantle lists no model Codex can use in us-east-1.');
    // The detail wraps at 80 columns.
    expect(f.replace(/\s+/g, ' ')).toContain("Its models here are open-weight (served on /v1; Codex's built-in provider posts to /openai/v1).");
    expect(f).not.toContain('Model for Codex profile');
  });

  it('a Mantle failure in the chosen region goes to the failure screen', async () => {
    const s = fakeServices();
    s.aws.listMantleModels = async () => {
      throw new ServiceError({ kind: 'http', status: 403, errorType: 'AccessDeniedException', service: 'bedrock-mantle', message: 'not authorized to perform: bedrock-mantle:ListModels' });
    };
    const ui = renderApp(s, atModels());
    await ui.waitText('Retry');
    expect(ui.frame()).toContain('fix:');
  });
});

describe('config', () => {
  it('shows the coloured diff with +/- text, writes on request, shows backups and offers the policy', async () => {
    const s = fakeServices();
    const policy: unknown[] = [];
    const ui = renderApp(s, atConfig(), { writePolicy: async (r) => (policy.push(r), '/home/dev/bedrock-policy.json') });
    let f = await ui.waitText('Write these files');
    expect(f).toContain('changed /home/dev/.codex/config.toml');
    expect(f).toContain('new file /home/dev/.codex/bedrock-prod.config.toml');
    expect(f).toContain('-model = "o3"');
    expect(f).toContain('+region = "us-east-1"');
    await ui.press(ENTER);
    f = await ui.waitText('backup: /home/dev/.codex/config.toml.bak-1');
    expect(f).toContain('✓ wrote /home/dev/.codex/config.toml');
    expect(s.calls.applyPlan).toEqual([PLAN]);
    await ui.press(DOWN, ENTER);
    f = await ui.waitText('IAM policy for your administrator: /home/dev/bedrock-policy.json');
    expect(policy).toEqual([{ account: IDENTITY.account, regions: ['us-east-1'], models: ['openai.gpt-6.1-sol', 'openai.gpt-6-luna'], bearer: false, provider: 'mantle' }]);
    expect(f).not.toContain('least-privilege');
  });

  it('edit choices returns to models; cancel exits 1 without writing', async () => {
    const s = fakeServices();
    const ui = renderApp(s, atConfig());
    await ui.waitText('Write these files');
    await ui.press(DOWN, ENTER);
    await ui.waitText('Model for Codex profile');
    const ui2 = renderApp(s, atConfig());
    await ui2.waitText('Write these files');
    await ui2.press(DOWN, DOWN, ENTER);
    await ui2.waitFor(() => ui2.exits.length > 0, 'exit');
    expect(ui2.exits).toEqual([1]);
    expect(s.calls.applyPlan).toEqual([]);
  });

  it('a malformed config file is a diagnosed failure', async () => {
    const s = fakeServices();
    s.config.planCodexConfig = async () => {
      throw new ServiceError({ kind: 'config', message: 'Invalid TOML in /home/dev/.codex/config.toml line 3' });
    };
    const ui = renderApp(s, atConfig());
    await ui.waitText('Retry');
  });

  it('the policy offer is absent when no writer is wired', async () => {
    const ui = renderApp(fakeServices(), atWritten());
    const f = await ui.waitText('Run the smoke test');
    expect(f).not.toContain('IAM policy');
  });
});

describe('smoke test', () => {
  it('streams the answer token by token with a live latency panel, then passes', async () => {
    const s = fakeServices();
    let emit!: (e: SmokeEvent) => void;
    const end = deferred<SmokeResult>();
    s.aws.smokeTest = async (opts, onEvent) => {
      emit = onEvent;
      s.calls.smokeTest.push({ model: opts.model, region: opts.region, auth: opts.auth });
      return end.promise;
    };
    const ui = renderApp(s, atSmoke());
    await ui.waitText('Streaming…');
    // The installed Codex is asked for its request first; the stream starts after that.
    await vi.waitFor(() => expect(s.calls.smokeTest[0]).toMatchObject({ model: 'openai.gpt-6.1-sol', region: 'us-east-1' }));
    emit({ type: 'connected', atMs: 11 });
    emit({ type: 'headers', atMs: 30, status: 200 });
    emit({ type: 'delta', atMs: 50, text: 'Hello' });
    let f = await ui.waitText('Hello');
    expect(f).toContain('connect+TLS 11 ms');
    expect(f).toContain('first token 50 ms');
    expect(f).not.toContain('world');
    emit({ type: 'delta', atMs: 60, text: ' world' });
    emit({ type: 'delta', atMs: 80, text: '!' });
    f = await ui.waitText('Hello world!');
    expect(f).toMatch(/[▁▂▃▄▅▆▇█]{2}/);
    // The bars are relative; the figures give their scale (gaps 10 and 20 ms).
    await ui.waitText('gaps p50 10 · p95 20 ms');
    end.resolve(smokeResult('openai.gpt-6.1-sol', 'us-east-1', { kind: 'profile', profile: 'dev' }, 'Hello world!'));
    f = await ui.waitText("Codex's request works");
    expect(f).toContain('total       80 ms');
    await ui.press(ENTER);
    f = await ui.waitText('codex --profile bedrock-prod');
    expect(f).toContain('codex --profile bedrock-staging');
  });

  it('batches renders: many deltas produce far fewer frames', async () => {
    const s = fakeServices();
    s.aws.smokeTest = async (opts, onEvent) => {
      for (let i = 0; i < 500; i++) onEvent({ type: 'delta', atMs: i, text: 'x' });
      await tick(100);
      return smokeResult(opts.model, opts.region, opts.auth, 'x'.repeat(500));
    };
    const ui = renderApp(s, atSmoke());
    await ui.waitText("Codex's request works");
    expect(ui.frames.length).toBeLessThan(100);
  });

  it('a failed smoke test offers retry, change region, change model, back', async () => {
    const s = fakeServices();
    s.aws.smokeTest = async (opts) => ({
      ...smokeResult(opts.model, opts.region, opts.auth, ''),
      ok: false,
      failure: { kind: 'http', status: 403, errorType: 'AccessDeniedException', service: 'bedrock-mantle', message: 'not authorized to perform: bedrock-mantle:CreateInference' },
    });
    const ui = renderApp(s, atSmoke());
    const f = await ui.waitText('Change model');
    expect(f).toContain('Change region');
    expect(f).toContain('Retry');
    expect(f).toContain('Back');
    await ui.press(DOWN, DOWN, ENTER);
    await ui.waitText('Model for Codex profile bedrock-prod');
  });
});

describe('config: web_search from a live probe', () => {
  it('shows the hosted tool left on when the endpoint runs it, and plans no "disabled"', async () => {
    const s = fakeServices();
    const f = await renderApp(s, atConfig()).waitText('Write these files');
    expect(f).toContain("web_search left on: us-east-1 ran Codex's hosted web_search tool");
    expect(s.calls.planCodexConfig).toEqual([expect.objectContaining({ webSearch: 'keep' })]);
  });

  it('shows "disabled" with the endpoint\'s own words when it refuses the tool', async () => {
    const s = fakeServices();
    s.aws.smokeTest = async (opts) => ({
      ...smokeResult(opts.model, opts.region, opts.auth, ''),
      ok: false,
      failure: { kind: 'http', status: 400, service: 'bedrock-mantle', message: "Tool type 'web_search' is not supported on this endpoint." },
    });
    const f = await renderApp(s, atConfig()).waitText('Write these files');
    expect(f).toContain('web_search = "disabled": us-east-1 refused Codex\'s hosted web_search tool');
    // The endpoint's words are the why: wrapped onto the next rows, not cut at the edge of one.
    expect(f.replace(/\s+/g, ' ')).toContain("Tool type 'web_search' is not supported on this endpoint.");
    expect(s.calls.planCodexConfig).toEqual([expect.objectContaining({ webSearch: 'disabled' })]);
  });
});

describe('smoke test: an endpoint that refuses Codex 0.171\'s additional_tools', () => {
  it('diagnoses it, shows the profile-file diff, writes it, and the re-run passes', async () => {
    const s = fakeServices();
    let fixed = false;
    s.tools.findCodex = async () => ({ path: '/usr/local/bin/codex', version: '0.171.0' });
    const settings = s.config.readCodexSettings;
    s.config.readCodexSettings = async (p) => ({ ...(await settings(p)), ...(fixed ? { incrementalToolsLegacy: false } : {}) });
    const apply = s.config.applyPlan;
    s.config.applyPlan = async (plan) => {
      fixed = true;
      return apply(plan);
    };
    s.aws.smokeTest = async (opts) => {
      s.calls.smokeTest.push({ model: opts.model, region: opts.region, auth: opts.auth });
      const refused = JSON.parse(opts.request!.body).input.some((i: { type?: string }) => i.type === 'additional_tools');
      return refused
        ? { ...smokeResult(opts.model, opts.region, opts.auth, ''), ok: false, failure: { kind: 'http', status: 400, service: 'bedrock-mantle', message: "User-defined namespace 'functions' collides with an existing tool namespace" } }
        : smokeResult(opts.model, opts.region, opts.auth);
    };
    const ui = renderApp(s, atSmoke());
    let f = await ui.waitText('Fix bedrock-prod');
    expect(f).toContain('Bedrock refused the tools of Codex >= 0.171');
    expect(f).toContain('additional_tools');
    await ui.press(ENTER);
    f = await ui.waitText('+incremental_tools_legacy = false');
    expect(f).toContain('Smoke test: fix the profile');
    expect(f).toContain('codex --disable incremental_tools_legacy');
    expect(s.calls.applyPlan).toEqual([]);
    await ui.press(ENTER);
    f = await ui.waitText("Codex's request works");
    expect(s.calls.planTopLevelTools).toEqual(['bedrock-prod']);
    expect(s.calls.applyPlan.at(-1)!.changes[0]!.path).toBe('/home/dev/.codex/bedrock-prod.config.toml');
    // bedrock-prod refused, then passed with the fix; then bedrock-staging.
    expect(s.calls.smokeTest.map((c) => c.model)).toEqual(['openai.gpt-6.1-sol', 'openai.gpt-6.1-sol', 'openai.gpt-6-luna']);
    expect(f).toContain('request: modelled on Codex 0.171.0');
  });

  it('offers no such fix for other failures', async () => {
    const s = fakeServices();
    s.tools.findCodex = async () => ({ path: '/usr/local/bin/codex', version: '0.171.0' });
    s.aws.smokeTest = async (opts) => ({ ...smokeResult(opts.model, opts.region, opts.auth, ''), ok: false, failure: { kind: 'http', status: 429, service: 'bedrock-mantle', message: 'Too many requests' } });
    const f = await renderApp(s, atSmoke()).waitText('Change model');
    expect(f).not.toContain('Fix bedrock-prod');
  });
});

describe('done and global keys', () => {
  // Codex reads the IAM Identity Center cache itself: exporting keys into the shell is not a step of its setup.
  it('SSO profiles get the sign-in-again line and no credential export', async () => {
    const s = fakeServices();
    const state = run(atSmoke().step === 'smoke' ? atIdentity('corp-sso') : atSmoke(), { type: 'IDENTITY', identity: IDENTITY }, { type: 'NEXT' }, { type: 'SELECT_MODEL', model: 'a' }, { type: 'SELECT_MODEL', model: 'b' }, { type: 'PLAN_READY', plan: PLAN }, { type: 'WRITTEN', written: [], backups: [] }, { type: 'NEXT' }, { type: 'SMOKE_DONE', result: smokeResult('a', 'us-east-1', { kind: 'profile', profile: 'corp-sso' }) }, { type: 'SMOKE_DONE', result: smokeResult('b', 'us-east-1', { kind: 'profile', profile: 'corp-sso' }) }, { type: 'NEXT' });
    expect(state.step).toBe('done');
    const ui = renderApp(s, state);
    const f = await ui.waitText('Next:');
    expect(f).toContain('aws sso login --profile corp-sso   # when the sign-in expires');
    expect(f).not.toContain('export-credentials');
    expect(f).toContain('codex --profile bedrock-prod');
    await ui.press(ENTER);
    await ui.waitFor(() => ui.exits.length > 0, 'exit');
    expect(ui.exits).toEqual([0]);
  });

  it('--demo: the ending says the rehearsal is gone and how to set up for real, before the commands', async () => {
    const s = fakeServices();
    const done = run(atSmoke(), { type: 'SMOKE_DONE', result: smokeResult('openai.gpt-6.1-sol', 'us-east-1', { kind: 'profile', profile: 'dev' }) }, { type: 'SMOKE_DONE', result: smokeResult('openai.gpt-6-luna', 'us-east-1', { kind: 'profile', profile: 'dev' }) }, { type: 'NEXT' });
    expect(done.step).toBe('done');
    const facts = { codexHome: '/tmp/demo/.codex', codexHomeShown: '/tmp/demo/.codex', awsConfigPath: '/tmp/demo/.aws/config', node: { id: 'node', status: 'pass', summary: 'Node' }, env: [], canWritePolicy: true };
    const demoUi = renderApp(s, run(done, { type: 'FACTS', facts: { ...facts, demo: true } } as never));
    const f = await demoUi.waitText('To set up for real:');
    expect(f).toContain('This was the demo: its files are removed when it exits');
    expect(f.indexOf('npx codex-bedrock-setup\n')).toBeLessThan(f.indexOf('codex --profile bedrock-prod'));
    cleanup();
    const realUi = renderApp(s, run(done, { type: 'FACTS', facts } as never));
    const g = await realUi.waitText('Next:');
    expect(g).not.toContain('This was the demo');
  });

  it('Ctrl-C quits with 130 from any screen', async () => {
    const ui = renderApp(fakeServices(), atRegion());
    await ui.waitText('Round-trip times');
    await ui.press(CTRL_C);
    await ui.waitFor(() => ui.exits.length > 0, 'exit');
    expect(ui.exits).toEqual([130]);
  });

  it('every screen shows key hints and stays narrower and shorter than the terminal, from 60×24 to 200×50', async () => {
    for (const [columns, rows] of [[80, 24], [60, 24], [120, 30], [200, 50]] as const) {
      for (const state of [initialState(), atRegion(), atAuth(), atModels(), atConfig(), atWritten()]) {
        const ui = renderApp(fakeServices(), state, { columns, rows });
        await ui.press(); // settle: the first frame is drawn before the terminal's size is read
        const f = await ui.waitFor((x) => x.includes('ctrl-c quit') && !x.includes('Asking') && !x.includes('Planning') && !x.includes('measuring'), `hints on ${state.step} at ${columns}×${rows}`);
        for (const line of f.split('\n')) expect(line.length, `${state.step} at ${columns}: ${line}`).toBeLessThanOrEqual(columns);
        // Ink clears the whole terminal, scrollback included, once a frame reaches its height.
        expect(f.split('\n').length, `${state.step} at ${columns}×${rows}`).toBeLessThan(rows);
        ui.unmount();
      }
    }
  });

  it('below 60 columns, one message says what to do instead', async () => {
    const ui = renderApp(fakeServices(), atRegion(), { columns: 50, rows: 24 });
    await ui.press();
    const f = await ui.waitFor((x) => x.replace(/\s+/g, ' ').includes('the wizard needs 60'), 'the too-narrow message');
    expect(f.replace(/\s+/g, ' ')).toContain('npx codex-bedrock-setup setup --help');
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(50);
  });
});

describe('sso hand-off inside the app', () => {
  it('writes the sso-session block, runs aws configure sso with the v2 path, verifies the profile, shows identity', async () => {
    const s = fakeServices();
    const read = s.config.readAwsProfiles;
    s.config.readAwsProfiles = async () => {
      const r = await read();
      return { ...r, profiles: [...r.profiles, { name: 'codex-bedrock', isSso: true, hasStaticKeys: false }] };
    };
    const ui = renderApp(s, run(atAuth(), { type: 'CHOOSE_AUTH', method: 'sso' }));
    await ui.waitText('SSO start URL:');
    await ui.press('not a url', ENTER);
    await ui.waitText('is not a URL');
    for (let i = 0; i < 9; i++) await ui.press('\u007f');
    await ui.press('https://corp.awsapps.com/start', ENTER);
    await ui.waitText('SSO region:');
    await ui.press(ENTER); // defaults to the Bedrock region
    let f = await ui.waitText('aws configure sso --profile codex-bedrock');
    expect(f).toContain('type corp');
    expect(f).toContain('code');
    await ui.press(ENTER);
    f = await ui.waitText('signed in as');
    expect(s.calls.planSsoProfile).toEqual([
      { profile: 'codex-bedrock', session: 'corp', startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1', accountId: undefined, roleName: undefined, region: 'us-east-1' },
    ]);
    expect(s.calls.runAwsInteractive).toEqual([{ args: ['configure', 'sso', '--profile', 'codex-bedrock'], awsPath: '/usr/bin/aws' }]);
    expect(s.calls.whoAmI[0]).toEqual({ kind: 'profile', profile: 'codex-bedrock' });
  });

  it('a failed child is a failure with retry; the profile missing after success is reported too', async () => {
    const s = fakeServices();
    s.sso.runAwsInteractive = async () => ({ exitCode: 130, signal: null });
    const ui = renderApp(s, run(atAuth(), { type: 'CHOOSE_AUTH', method: 'sso' }, { type: 'SSO_START_URL', url: 'https://corp.awsapps.com/start' }, { type: 'SSO_REGION', region: 'us-east-1' }));
    await ui.waitText('aws configure sso');
    await ui.press(ENTER);
    await ui.waitText('Retry');
    s.sso.runAwsInteractive = async () => ({ exitCode: 0, signal: null });
    await ui.press(ENTER); // retry → hand-off screen again
    await ui.waitText('hand over the terminal');
    await ui.press(ENTER);
    await ui.waitText('Retry'); // codex-bedrock is not in the fake AWS config
    expect(INFO.awsV2Path).toBe('/usr/bin/aws');
  });
});

describe('the AWS config is shown before it is written', () => {
  it('the hand-off screen shows the [sso-session] and [profile] diff; nothing is written until Enter', async () => {
    const s = fakeServices();
    const ui = renderApp(s, run(atAuth(), { type: 'CHOOSE_AUTH', method: 'sso' }, { type: 'SSO_START_URL', url: 'https://corp.awsapps.com/start' }, { type: 'SSO_REGION', region: 'us-east-1' }));
    const f = await ui.waitText('+[sso-session corp]');
    expect(f).toContain('changed /home/dev/.aws/config');
    expect(f).toContain('Enter first writes these lines (a backup is kept)');
    expect(f).not.toContain('already saved');
    expect(s.calls.planSsoProfile.length).toBe(1);
    expect(s.calls.applyPlan).toEqual([]);
    await ui.press(ENTER);
    await ui.waitFor(() => s.calls.runAwsInteractive.length > 0, 'hand-off');
    expect(s.calls.applyPlan.map((p) => p.changes[0]!.path)).toEqual(['/home/dev/.aws/config']);
  });
});
