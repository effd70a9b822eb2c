// An `aws login` (console credentials) profile: the SDKs refresh it through AWS Sign-In's token endpoint with a DPoP
// proof. setup and doctor must verify it through STS (which needs that refresh when the cached keys have expired),
// keep aws.profile for Codex (its Rust SDK refreshes the session itself), never write aws sso login, and the real
// Codex must complete a turn with it.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld, runCli, runCodexExec, type World } from './helpers.js';
import { pythonJson, remoteLoginCode, writeLoginSession, type LoginSessionFixture } from './loginSession.js';

// A current aws CLI v2 (with `aws login`, 2.32+), as scripts/aws-cli-current.sh installs it and names it.
const AWS_CURRENT = process.env.CBS_AWS_CLI_CURRENT && existsSync(process.env.CBS_AWS_CLI_CURRENT) ? process.env.CBS_AWS_CLI_CURRENT : undefined;
const SESSION_ARN = 'arn:aws:sts::123456789012:assumed-role/ConsoleAdmin/dev';

let emu: Emulator;
let world: World;
let login: LoginSessionFixture;

const signinCalls = (from = 0) => emu.requests.slice(from).filter((q) => q.service === 'signin');

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 40, interTokenMs: 4 } });
  world = await makeWorld(emu);
  // The cached keys have expired: every reader must refresh them through Sign-In before STS accepts anything.
  login = await writeLoginSession(world, emu, { profile: 'console', identityArn: SESSION_ARN, accessExpired: true });
}, 60_000);
afterAll(() => emu?.close());

describe('setup --yes --aws-profile with an aws login session', () => {
  let setup: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'console', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--json'], world.env);
  }, 120_000);

  it('refreshes the session through Sign-In with a DPoP proof, then verifies it through STS as the session', async () => {
    expect(setup.exitCode, setup.stderr).toBe(0);
    const refresh = signinCalls()[0];
    expect(refresh).toMatchObject({ method: 'POST', host: 'us-east-1.signin.aws.amazon.com', path: '/v1/token', status: 200 });
    expect(refresh!.headers.dpop).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(refresh!.body)).toEqual({ clientId: 'arn:aws:signin:::devtools/same-device', grantType: 'refresh_token', refreshToken: login.refreshToken });
    expect(emu.requests.some((q) => q.service === 'sts' && q.status === 200 && q.identityArn === SESSION_ARN)).toBe(true);
    expect(JSON.parse(setup.stdout)).toMatchObject({ identity: { arn: SESSION_ARN } });
    // The SDK saved the refreshed session where the aws CLI and Codex read it.
    const cached = await login.read();
    expect(cached.refreshToken).not.toBe(login.refreshToken);
    expect(new Date(cached.accessToken.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("never shows the session's keys or tokens", async () => {
    const cached = await login.read();
    for (const secret of [login.refreshToken, cached.refreshToken, cached.accessToken.accessKeyId]) expect(setup.stdout + setup.stderr).not.toContain(secret);
  });

  it('says where the credentials come from and how they are renewed', () => {
    expect(setup.stderr).toContain('Credentials: AWS profile console (an aws login session);');
    expect(setup.stderr).toContain('run aws login --profile console when they expire');
  });

  it('writes aws.profile, no credential_export and no auth_refresh (never aws sso login)', async () => {
    const config = await readFile(join(world.codexHome, 'config.toml'), 'utf8');
    expect(config).toContain('profile = "console"');
    expect(config).not.toContain('credential_export');
    expect(config).not.toContain('auth_refresh');
    expect(config).not.toContain('sso');
  });

  it('doctor detects the session and passes', { timeout: 120_000 }, async () => {
    const doctor = await runCli(['doctor', '--json'], world.env);
    expect(doctor.exitCode, doctor.stdout + doctor.stderr).toBe(0);
    const checks = JSON.parse(doctor.stdout).checks as { id: string; status: string; summary: string }[];
    expect(checks.find((c) => c.id === 'attribution-identity')?.summary).toContain('profile console signs in with aws login');
    expect(checks.find((c) => c.summary.includes(`Signed in as ${SESSION_ARN}`))).toMatchObject({ status: 'pass' });
  });

  it('the real Codex refreshes the session itself and completes a turn with it', { timeout: 120_000 }, async () => {
    // Expire the keys again: Codex's Rust SDK must go through Sign-In with the cached DPoP key, as the JS one did.
    const cached = JSON.parse(await readFile(login.cachePath, 'utf8'));
    cached.accessToken.expiresAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await writeFile(login.cachePath, JSON.stringify(cached));
    const before = emu.requests.length;
    const r = await runCodexExec(world, 'bedrock-prod', {});
    expect(r.exitCode, r.stderr).toBe(0);
    expect(signinCalls(before)[0]).toMatchObject({ host: 'us-east-1.signin.aws.amazon.com', path: '/v1/token', status: 200 });
    const turn = emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses');
    expect(turn).toMatchObject({ service: 'bedrock-mantle', authKind: 'sigv4', status: 200, identityArn: SESSION_ARN });
  });
});

describe('a role assumed on top of an aws login session', () => {
  it('is verified as the role, keeps aws.profile, names aws login for the base profile, and Codex assumes the role itself', { timeout: 120_000 }, async () => {
    await writeLoginSession(world, emu, { profile: 'console-base', identityArn: 'arn:aws:iam::123456789012:user/base', accessExpired: true });
    await appendFile(world.awsConfig, '\n[profile console-role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/BedrockDeveloper\nsource_profile = console-base\nrole_session_name = base\n');
    const codexHome = join(world.root, 'codex-role');
    const setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'console-role', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--codex-home', codexHome], world.env);
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout + setup.stderr).toContain('Signed in as arn:aws:sts::123456789012:assumed-role/BedrockDeveloper/base');
    expect(setup.stdout + setup.stderr).toContain('Credentials: AWS profile console-role (a role assumed from an aws login session);');
    expect(setup.stdout + setup.stderr).toContain('run aws login --profile console-base when they expire');
    const config = await readFile(join(codexHome, 'config.toml'), 'utf8');
    expect(config).toContain('profile = "console-role"');
    expect(config).not.toMatch(/credential_export|auth_refresh/);
    const before = emu.requests.length;
    const r = await runCodexExec({ ...world, env: { ...world.env, CODEX_HOME: codexHome } }, 'bedrock-prod', {});
    expect(r.exitCode, r.stderr).toBe(0);
    expect(emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses')).toMatchObject({ status: 200, identityArn: 'arn:aws:sts::123456789012:assumed-role/BedrockDeveloper/base' });
  });
});

describe('the Sign-In endpoint by variable, without the proxy', () => {
  it("Codex's Rust SDK honours AWS_ENDPOINT_URL_SIGNIN, as the JS SDK does", { timeout: 120_000 }, async () => {
    const direct = await writeLoginSession(world, emu, { profile: 'console-direct', identityArn: 'arn:aws:iam::123456789012:user/direct', accessExpired: true });
    const codexHome = join(world.root, 'codex-direct');
    await mkdir(codexHome, { recursive: true });
    await writeFile(join(codexHome, 'config.toml'), `[model_providers.amazon-bedrock]\nbase_url = "${emu.url}/bedrock-mantle/us-east-1/openai/v1"\n[model_providers.amazon-bedrock.aws]\nprofile = "console-direct"\nregion = "us-east-1"\n`);
    await writeFile(join(codexHome, 'bedrock-prod.config.toml'), 'model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n');
    const env: NodeJS.ProcessEnv = { ...world.env, CODEX_HOME: codexHome, AWS_ENDPOINT_URL_SIGNIN: `${emu.url}/signin/us-east-1` };
    delete env.HTTPS_PROXY;
    const before = emu.requests.length;
    const r = await runCodexExec({ ...world, env }, 'bedrock-prod', {});
    expect(r.exitCode, r.stderr).toBe(0);
    expect(signinCalls(before)[0]).toMatchObject({ host: expect.stringMatching(/^127\.0\.0\.1:/), path: '/signin/us-east-1/v1/token', status: 200 });
    expect((await direct.read()).refreshToken).not.toBe(direct.refreshToken);
  });
});

describe('an aws login session that has ended', () => {
  const oldArn = 'arn:aws:iam::123456789012:user/old';
  beforeAll(async () => {
    await writeLoginSession(world, emu, { profile: 'console-old', identityArn: oldArn, accessExpired: true, sessionTtlSeconds: 0 });
  });

  it('setup stops and says to run aws login for the profile, not aws sso login', { timeout: 120_000 }, async () => {
    const before = emu.requests.length;
    const r = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'console-old', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--codex-home', join(world.root, 'unused-codex')], world.env);
    expect(r.exitCode).not.toBe(0);
    // Sign-In refused the refresh (TOKEN_EXPIRED): the SDK never had keys to sign STS with.
    expect(signinCalls(before)[0]).toMatchObject({ path: '/v1/token', status: 403 });
    expect(r.stdout + r.stderr).toContain('The aws login session of profile console-old has ended');
    expect(r.stdout + r.stderr).toContain('Fix: aws login --profile console-old');
    expect(r.stdout + r.stderr).not.toContain('sso login');
  });

  it('doctor names the same fix for a Codex config that uses the profile, and for the real Codex turn', { timeout: 180_000 }, async () => {
    const codexHome = join(world.root, 'codex-old');
    await mkdir(codexHome, { recursive: true });
    await writeFile(join(codexHome, 'config.toml'), '[model_providers.amazon-bedrock.aws]\nprofile = "console-old"\nregion = "us-east-1"\n');
    await writeFile(join(codexHome, 'bedrock-prod.config.toml'), 'model = "openai.gpt-5.5"\nmodel_provider = "amazon-bedrock"\nweb_search = "disabled"\n');
    const d = await runCli(['doctor', '--json'], { ...world.env, CODEX_HOME: codexHome });
    expect(d.exitCode).not.toBe(0);
    const checks = JSON.parse(d.stdout).checks as { status: string; fix?: string; diagnosis?: string }[];
    expect(checks.find((c) => c.diagnosis === 'login-session-expired')).toMatchObject({ status: 'fail', fix: 'aws login --profile console-old' });
    expect(d.stdout).not.toContain('sso login');
    // Codex itself only says "failed to load AWS credentials" (its SDK retries Sign-In, then gives up).
    const withCodex = await runCli(['doctor', '--with-codex', '--json'], { ...world.env, CODEX_HOME: codexHome }, { timeout: 110_000 });
    const turn = (JSON.parse(withCodex.stdout).checks as { id: string; status: string; fix?: string }[]).find((c) => c.id === 'codex-turn');
    expect(turn).toMatchObject({ status: 'fail', fix: expect.stringMatching(/^aws login --profile console-old; /) });
    expect(turn!.fix).not.toContain('sso');
  });
});

describe.runIf(AWS_CURRENT)('the current aws CLI and the fixture', () => {
  it('reads the login cache the fixture wrote, refreshes it through Sign-In, and writes it back in the same shape', { timeout: 120_000 }, async () => {
    const cli = await writeLoginSession(world, emu, { profile: 'console-cli', identityArn: 'arn:aws:iam::123456789012:user/cli', accessExpired: true });
    const written = await readFile(cli.cachePath, 'utf8');
    const before = emu.requests.length;
    const r = await execa(AWS_CURRENT!, ['sts', 'get-caller-identity', '--profile', 'console-cli'], { env: world.env, extendEnv: false, reject: false, cwd: world.root, timeout: 60_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Arn: 'arn:aws:iam::123456789012:user/cli' });
    expect(signinCalls(before)[0]).toMatchObject({ path: '/v1/token', status: 200, headers: expect.objectContaining({ 'user-agent': expect.stringMatching(/^aws-cli\/2\./) }) });
    const rewritten = await readFile(cli.cachePath, 'utf8');
    expect(rewritten).not.toBe(written);
    // The CLI's own json.dumps, key for key in the fixture's order.
    expect(pythonJson(JSON.parse(rewritten))).toBe(rewritten);
    const paths = (o: object, at = ''): string[] => Object.entries(o).flatMap(([k, v]) => [`${at}${k}`, ...(v && typeof v === 'object' ? paths(v, `${at}${k}.`) : [])]);
    expect(paths(JSON.parse(rewritten))).toEqual(paths(JSON.parse(written)));
    expect(paths(JSON.parse(written))).toContain('accessToken.expiresAt');
  });

  it('aws login --remote signs in through the emulator; setup verifies the profile it wrote and Codex completes a turn', { timeout: 180_000 }, async () => {
    const login = execa(AWS_CURRENT!, ['login', '--remote', '--profile', 'console-real', '--region', 'us-east-1'], { env: world.env, extendEnv: false, reject: false, cwd: world.root, stdin: 'pipe', timeout: 60_000 });
    let printed = '';
    let typed = false;
    login.stdout!.on('data', (c: Buffer) => {
      printed += c.toString('utf8');
      if (typed) return;
      typed = true;
      void remoteLoginCode(emu, printed).then((code) => (code ? login.stdin!.write(`${code}\n`) : (typed = false)));
    });
    const r = await login;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Updated profile console-real to use arn:aws:iam::123456789012:user/demo credentials.');
    expect(await readFile(world.awsConfig, 'utf8')).toContain('[profile console-real]\nlogin_session = arn:aws:iam::123456789012:user/demo\n');
    const setup = await runCli(['setup', '--yes', '--region', 'us-east-1', '--auth', 'profile', '--aws-profile', 'console-real', '--model', 'openai.gpt-5.5', '--skip-smoke-test', '--codex-profile', 'bedrock-real'], world.env);
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout + setup.stderr).toContain('Credentials: AWS profile console-real (an aws login session);');
    expect(setup.stdout + setup.stderr).toContain('Signed in as arn:aws:iam::123456789012:user/demo');
    const before = emu.requests.length;
    const turn = await runCodexExec(world, 'bedrock-real', {});
    expect(turn.exitCode, turn.stderr).toBe(0);
    expect(emu.requests.slice(before).find((q) => q.path === '/openai/v1/responses')).toMatchObject({ status: 200, identityArn: 'arn:aws:iam::123456789012:user/demo' });
  });
});
