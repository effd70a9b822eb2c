// Secrets canary: every command and the catalogue's credential failures, run with distinctive fake
// keys, tokens and bearer keys. None may appear in stdout, stderr, --json, --verbose logs or any file we write.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startEmulator, type Emulator, type EmulatorIdentity } from '../../src/emulator/index.js';
import { inPool, STACK_FRAME } from '../security/pool.js';
import { makeWorld, runCli, type World } from './helpers.js';

// Every secret contains one of these; finding one anywhere is a leak.
const NEEDLES = ['AKIACANARY', 'CANARYSECRET', 'CANARYSESSION', 'CANARYBEARER'];

const pad = (s: string, n = 40) => (s + 'X'.repeat(n)).slice(0, n);
const key = (name: string) => pad(`AKIACANARY${name}`, 20);
const secret = (name: string) => pad(`CANARYSECRET${name}`);
const session = (name: string) => pad(`CANARYSESSION${name}`, 120);
const bearer = (name: string) => pad(`bedrock-api-key-CANARYBEARER${name}`, 80);

const arn = `arn:aws:iam::${DEMO_ACCOUNT}:user/canary`;
function identity(name: string, extra: Partial<EmulatorIdentity> = {}): EmulatorIdentity {
  return { accessKeyId: key(name), secretAccessKey: secret(name), sessionToken: session(name), arn, account: DEMO_ACCOUNT, userId: `AIDA${name}`, ...extra };
}

const envCreds = (name: string, over: { secret?: string } = {}) => ({
  AWS_ACCESS_KEY_ID: key(name),
  AWS_SECRET_ACCESS_KEY: over.secret ?? secret(name),
  AWS_SESSION_TOKEN: session(name),
});

interface Scenario {
  name: string;
  env: Record<string, string>;
  /** Written to the profile in ~/.aws/credentials (the profile auth path). */
  profileCreds?: string;
  auth: 'env' | 'profile' | 'api-key';
  region: string;
  happy: boolean;
  /** Diagnosis for setup --json and smoke --json on failure paths. */
  expect?: { setup: string; smoke: string };
}

const SCENARIOS: Scenario[] = [
  { name: 'env keys with a session token', auth: 'env', region: 'us-east-1', happy: true, env: envCreds('ENV') },
  {
    name: 'profile keys with a session token',
    auth: 'profile',
    region: 'us-east-1',
    happy: true,
    env: {},
    profileCreds: `aws_access_key_id = ${key('PROF')}\naws_secret_access_key = ${secret('PROF')}\naws_session_token = ${session('PROF')}\n`,
  },
  { name: 'bearer token', auth: 'api-key', region: 'us-east-1', happy: true, env: { AWS_BEARER_TOKEN_BEDROCK: bearer('OK') } },
  { name: 'wrong secret', auth: 'env', region: 'us-east-1', happy: false, env: envCreds('WRONG', { secret: secret('WRONGTYPED') }), expect: { setup: 'credentials-invalid', smoke: 'credentials-invalid' } },
  { name: 'unknown access key', auth: 'env', region: 'us-east-1', happy: false, env: envCreds('UNKNOWN'), expect: { setup: 'credentials-invalid', smoke: 'credentials-invalid' } },
  { name: 'expired session token', auth: 'env', region: 'us-east-1', happy: false, env: envCreds('EXPIRED'), expect: { setup: 'credentials-expired', smoke: 'credentials-expired' } },
  { name: 'model denied by policy', auth: 'env', region: 'us-east-1', happy: false, env: envCreds('DENIED'), expect: { setup: 'invoke-denied', smoke: 'invoke-denied' } },
  { name: 'throttled', auth: 'env', region: 'eu-west-1', happy: false, env: envCreds('ENV'), expect: { setup: 'throttled', smoke: 'throttled' } },
  { name: 'unknown bearer token', auth: 'api-key', region: 'us-east-1', happy: false, env: { AWS_BEARER_TOKEN_BEDROCK: bearer('UNKNOWN') }, expect: { setup: 'bearer-invalid', smoke: 'bearer-invalid' } },
  { name: 'expired bearer token', auth: 'api-key', region: 'us-east-1', happy: false, env: { AWS_BEARER_TOKEN_BEDROCK: bearer('EXPIRED') }, expect: { setup: 'bearer-invalid', smoke: 'bearer-invalid' } },
  { name: 'bearer token for another region', auth: 'api-key', region: 'us-east-1', happy: false, env: { AWS_BEARER_TOKEN_BEDROCK: bearer('WEST') }, expect: { setup: 'bearer-invalid', smoke: 'bearer-invalid' } },
];

let emu: Emulator;
beforeAll(async () => {
  const past = Date.now() - 3_600_000;
  emu = await startEmulator({ proxy: true, delays: { callMs: 0, headersMs: 0, firstTokenMs: 0, interTokenMs: 1 } });
  emu.update({
    identities: [
      ...emu.state.identities,
      identity('ENV'),
      identity('PROF'),
      identity('WRONG'),
      identity('EXPIRED', { expiresAt: past }),
      identity('DENIED', { allow: { models: ['openai.gpt-6-luna'] } }),
    ],
    bearerTokens: [
      { token: bearer('OK'), region: 'us-east-1', identityArn: arn },
      { token: bearer('EXPIRED'), region: 'us-east-1', identityArn: arn, expiresAt: past },
      { token: bearer('WEST'), region: 'us-west-2', identityArn: arn },
    ],
    faults: [{ service: 'bedrock-mantle', region: 'eu-west-1', status: 429, retryAfterSeconds: 0 }],
  });
});
afterAll(() => emu.close());

interface Output {
  label: string;
  args: string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

function leaks(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n));
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

async function runScenario(s: Scenario): Promise<{ world: World; outputs: Output[] }> {
  const world = await makeWorld(emu, { region: s.region });
  // The profile path reads keys from ~/.aws/credentials; the others must not find any there.
  await writeFile(world.awsCredentials, s.profileCreds ? `[codex-bedrock]\n${s.profileCreds}` : '');
  const env = { ...world.env, ...s.env, AWS_REGION: s.region };
  const common = ['--verbose', '--region', s.region, '--auth', s.auth, ...(s.auth === 'profile' ? ['--aws-profile', 'codex-bedrock'] : [])];
  const smokeArgs = ['--verbose', '--region', s.region, '--model', 'openai.gpt-5.5'];
  const commands: string[][] = s.happy
    ? [
        ['setup', '--yes', ...common],
        ['setup', '--yes', '--json', ...common],
        ['models', ...common],
        ['models', '--json', ...common],
        ['smoke', ...smokeArgs],
        ['smoke', '--json', ...smokeArgs],
        ['doctor', '--verbose'],
        ['doctor', '--json', '--verbose'],
        ['policy', '--region', s.region, '-o', join(world.root, 'policy.json')],
      ]
    : [
        ['setup', '--yes', '--json', ...common],
        ['setup', '--yes', ...common],
        ['smoke', '--json', ...smokeArgs, ...(s.auth === 'profile' ? [] : ['--auth', s.auth])],
        // doctor walks the same failures; once per credential kind keeps the file fast.
        ...(s.name === 'wrong secret' || s.name === 'unknown bearer token' ? [['doctor', '--json', '--verbose']] : []),
      ];
  const outputs: Output[] = [];
  for (const args of commands) {
    const r = await runCli(args, env, { timeout: 90_000 });
    outputs.push({ label: `${s.name}: ${args.join(' ')}`, args, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr });
  }
  return { world, outputs };
}

function expectClean(o: Output) {
  expect(leaks(o.stdout), `${o.label} (stdout)`).toEqual([]);
  expect(leaks(o.stderr), `${o.label} (stderr)`).toEqual([]);
  expect(o.stderr, o.label).not.toMatch(STACK_FRAME);
  expect(o.stderr, o.label).not.toMatch(/internal error/);
}

async function expectCleanFiles(world: World) {
  for (const file of await filesOf(world.root)) {
    // The test wrote the credentials file itself; it is the one place secrets belong.
    if (file === world.awsCredentials) continue;
    expect(leaks(await readFile(file, 'utf8')), file).toEqual([]);
  }
}

const idOf = (o: Output) => (JSON.parse(o.stdout) as { error?: { id: string } }).error?.id;

describe('secrets canary', () => {
  it('no secret appears in any output or file, on every path; the diagnosis is right on each failure', async () => {
    const results = await inPool(SCENARIOS, 4, runScenario);
    results.forEach(({ outputs }, i) => {
      const s = SCENARIOS[i]!;
      for (const o of outputs) expectClean(o);
      if (s.happy) {
        for (const o of outputs.filter((x) => x.args[0] !== 'doctor')) expect(o.exitCode, `${o.label}\n${o.stderr}`).toBe(0);
        // --verbose logged the signed requests, with the credentials redacted.
        const smoke = outputs.find((o) => o.args[0] === 'smoke' && !o.args.includes('--json'))!;
        expect(smoke.stderr).toMatch(/\[http\] > POST https:\/\/bedrock-mantle\.us-east-1\.api\.aws\/openai\/v1\/responses/);
        expect(smoke.stderr).toContain(s.auth === 'api-key' ? '"authorization":"Bearer ****"' : '"authorization":"AWS4-HMAC-SHA256 ****"');
        if (s.auth !== 'api-key') expect(smoke.stderr).toContain('"x-amz-security-token":"****"');
      } else {
        const [setupJson, setupHuman, smokeJson] = outputs;
        expect(setupJson!.exitCode, setupJson!.label).toBe(1);
        expect(idOf(setupJson!), setupJson!.label).toBe(s.expect!.setup);
        expect(setupHuman!.exitCode, setupHuman!.label).toBe(1);
        expect(setupHuman!.stdout, setupHuman!.label).toMatch(/^✗ .+\n {2}Why: .+\n {2}Fix: /m);
        expect(smokeJson!.exitCode, smokeJson!.label).toBe(1);
        expect(idOf(smokeJson!), smokeJson!.label).toBe(s.expect!.smoke);
      }
    });
    for (const { world } of results) await expectCleanFiles(world);
    // The happy paths really wrote Codex's config, so the file scan above looked at something.
    const written = await filesOf(results[0]!.world.codexHome);
    expect(written.some((f) => f.endsWith('bedrock-prod.config.toml'))).toBe(true);
  }, 300_000);

  it('--demo ignores and never shows the caller\'s AWS secrets', async () => {
    const world = await makeWorld(emu);
    const env = { ...world.env, ...envCreds('ENV'), AWS_BEARER_TOKEN_BEDROCK: bearer('OK') };
    const runs = await inPool([['setup', '--yes', '--json'], ['models'], ['smoke', '--json', '--model', 'openai.gpt-5.5'], ['doctor']], 2, (args) =>
      runCli(['--demo', '--verbose', ...args], env, { timeout: 90_000 }).then((r) => ({ label: `--demo ${args.join(' ')}`, args, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr })),
    );
    for (const o of runs) {
      expectClean(o);
      if (o.args[0] !== 'doctor') expect(o.exitCode, `${o.label}\n${o.stderr}`).toBe(0);
    }
    await expectCleanFiles(world);
  }, 120_000);
});
