// Bad input at every flag: exit 2, a sentence saying what is wrong, no stack trace, nothing written, no call made.
import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { inPool, STACK_FRAME } from '../security/pool.js';
import { makeWorld, runCli, type World } from './helpers.js';

let emu: Emulator;
let world: World;
let awsConfigBefore: string;
beforeAll(async () => {
  emu = await startEmulator({ proxy: true });
  world = await makeWorld(emu, { extraEnv: { AWS_PROFILE: 'codex-bedrock' } });
  awsConfigBefore = await readFile(world.awsConfig, 'utf8');
});
afterAll(() => emu.close());

const TEN_KB = 'x'.repeat(10 * 1024);

// [flags, what stderr must say]
const CASES: [string[], RegExp][] = [
  [['setup', '--yes', '--region', ''], /--region is empty/],
  [['setup', '--yes', '--region', '   '], /--region is empty/],
  [['setup', '--yes', '--region', TEN_KB], /--region is too long/],
  [['setup', '--yes', '--region', 'us-east-1\u001b[31m'], /--region contains control characters/],
  [['setup', '--yes', '--region', 'us-east-1\nprofile = "x"'], /--region contains control characters/],
  [['setup', '--yes', '--region', 'us-east-one'], /--region: "us-east-one" is not a well-formed AWS region id/],
  [['models', '--region', 'useast1'], /--region: .*not a well-formed AWS region id.*Did you mean us-east-1\?/],
  [['smoke', '--region', 'us-east-1"]'], /--region: .*not a well-formed AWS region id/],
  [['setup', '--yes', '--sso-region', 'moon-base-x'], /--sso-region: .*not a well-formed/],
  [['setup', '--yes', '--sso-start-url', 'http://my-company.awsapps.com/start'], /--sso-start-url: The SSO start URL must use https:\/\//],
  [['setup', '--yes', '--sso-start-url', 'not a url'], /--sso-start-url: "not a url" is not a URL/],
  [['setup', '--yes', '--sso-start-url', 'https://user:pw@my-company.awsapps.com/start'], /must not contain a user name or password/],
  [['policy', '--account-id', '12345'], /--account-id: An AWS account id is exactly 12 digits/],
  [['policy', '--account-id', '12345678901a'], /exactly 12 digits/],
  [['policy', '--account-id', '1234567890123'], /exactly 12 digits/],
  [['setup', '--yes', '--model', 'openai.gpt-5.5-1:0'], /--model: .*Bedrock Runtime id.*openai\.gpt-5\.5\./],
  [['setup', '--yes', '--model', 'openai.gpt-oss-120b-1:0'], /--model: .*Bedrock Runtime id.*open-weight model.*openai\.gpt-5\.5/],
  [['setup', '--yes', '--model', 'openai.gpt-oss-120b'], /--model: openai\.gpt-oss-120b is an open-weight model: Bedrock Mantle serves it under \/v1, but Codex's built-in amazon-bedrock provider always posts to \/openai\/v1/],
  [['smoke', '--model', 'openai.gpt-oss-20b'], /--model: openai\.gpt-oss-20b is an open-weight model/],
  [['smoke', '--model', 'us.openai.gpt-5.5'], /--model: .*Bedrock Runtime id/],
  [['policy', '--model', 'arn:aws:bedrock:us-east-1::foundation-model/openai.gpt-oss-120b-1:0'], /--model: That is a model ARN/],
  [['setup', '--yes', '--model', 'gpt 4'], /--model: "gpt 4" does not look like a Bedrock model id/],
  [['setup', '--yes', '--model', TEN_KB], /--model is too long/],
  [['setup', '--yes', '--aws-profile', 'my profile'], /--aws-profile: "my profile" is not a usable AWS profile name/],
  [['setup', '--yes', '--aws-profile', 'a"b'], /not a usable AWS profile name/],
  [['setup', '--yes', '--aws-profile', "a'b"], /not a usable AWS profile name/],
  [['setup', '--yes', '--aws-profile', 'x]'], /not a usable AWS profile name/],
  [['setup', '--yes', '--aws-profile', 'x]\n[profile evil'], /--aws-profile contains control characters/],
  [['doctor', '--codex-profile', 'a\u0007b'], /--codex-profile contains control characters/],
  [['setup', '--yes', '--codex-profile', '../escape'], /--codex-profile: .*cannot be a Codex profile name/],
  [['setup', '--yes', '--codex-profile', 'a b'], /cannot be a Codex profile name/],
  [['smoke', '--codex-profile', 'prod]'], /cannot be a Codex profile name/],
  [['setup', '--yes', '--codex-home', ''], /--codex-home is empty/],
  [['smoke', '--prompt', TEN_KB], /--prompt is too long/],
  [['setup', '--yes', '--auth', 'magic'], /--auth must be one of/],
  [['setup', '--yes', '--region'], /--region needs a value/],
];

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String);
}

describe('bad input at every flag', () => {
  it('exits 2 with a clear message, no stack trace, nothing written, nothing sent', async () => {
    const results = await inPool(CASES, 6, ([args]) => runCli(args, world.env, { timeout: 30_000 }));
    results.forEach((r, i) => {
      const [args, message] = CASES[i]!;
      const label = JSON.stringify(args).slice(0, 120);
      expect(r.exitCode, label).toBe(2);
      expect(r.stderr, label).toMatch(message);
      expect(r.stderr, label).toMatch(/^codex-bedrock-setup: /);
      expect(r.stderr, label).not.toMatch(STACK_FRAME);
      // A 10 kB value is not echoed back whole.
      expect(r.stderr.length, label).toBeLessThan(600);
      expect(r.stdout, label).toBe('');
    });
    expect(await filesUnder(world.codexHome)).toEqual([]);
    expect(await readFile(world.awsConfig, 'utf8')).toBe(awsConfigBefore);
    expect(emu.requests).toEqual([]);
  });

  it('rejects a well-formed but unknown model id with the catalogue diagnosis (exit 1)', async () => {
    const r = await runCli(['smoke', '--model', 'openai.no-such-model', '--region', 'us-east-1', '--json'], world.env);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).error.id).toBe('model-not-in-region');
    expect(r.stderr).toMatch(/openai\.no-such-model is not offered in us-east-1/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('existing files we must not clobber', () => {
  it('refuses a malformed config.toml and writes nothing', async () => {
    const w = await makeWorld(emu, { extraEnv: { AWS_PROFILE: 'codex-bedrock' } });
    const broken = 'model = "gpt-5"\n[model_providers.amazon-bedrock\nregion = "us-east-1"\n';
    await writeFile(join(w.codexHome, 'config.toml'), broken);
    const r = await runCli(['setup', '--yes', '--json', '--region', 'us-east-1', '--model', 'openai.gpt-5.5', '--skip-smoke-test'], w.env);
    expect(r.exitCode, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { error: { id: string; title: string; why: string } };
    expect(doc.error.id).toBe('config-parse-error');
    expect(doc.error.title).toMatch(/config\.toml is not valid TOML/);
    expect(doc.error.why).toMatch(/config\.toml line 2, column \d+/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(await readFile(join(w.codexHome, 'config.toml'), 'utf8')).toBe(broken);
    expect((await readdir(w.codexHome)).sort()).toEqual(['config.toml']);
  });

  it('refuses a config.toml that is a symlink out of the Codex home and leaves its target alone', async () => {
    const w = await makeWorld(emu, { extraEnv: { AWS_PROFILE: 'codex-bedrock' } });
    const elsewhere = join(w.root, 'elsewhere.toml');
    await writeFile(elsewhere, '# team file\n');
    await symlink(elsewhere, join(w.codexHome, 'config.toml'));
    const r = await runCli(['setup', '--yes', '--json', '--region', 'us-east-1', '--model', 'openai.gpt-5.5', '--skip-smoke-test'], w.env);
    expect(r.exitCode, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { error: { id: string; why: string } };
    expect(doc.error.id).toBe('config-file-refused');
    // Says where the link points, so the user can decide.
    expect(doc.error.why).toContain(`symbolic link to ${elsewhere}`);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(await readFile(elsewhere, 'utf8')).toBe('# team file\n');
  });
});
