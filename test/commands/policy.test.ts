// The policy command end to end: the built CLI in a real process, real files.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPolicy, iamPolicy, policyReasons } from '../../src/core/policy.js';
import { EXAMPLE_ARGS, EXAMPLE_INPUT } from '../../scripts/readme-policy.js';
import { runCli } from '../e2e/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'cbs-policy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env = { PATH: process.env.PATH, HOME: root, NO_COLOR: '1' };
// The README's example: its arguments must print its policy.
const EXAMPLE = EXAMPLE_ARGS;

describe('policy', () => {
  it('prints exactly the generated policy on stdout, every region and model kept, notes on stderr', async () => {
    const r = await runCli(['policy', ...EXAMPLE], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout + '\n').toBe(iamPolicy(EXAMPLE_INPUT));
    expect(r.stdout).toContain('arn:aws:bedrock-mantle:eu-west-1:123456789012:project/*');
    expect(r.stdout).toContain('"bedrock-mantle:Model": "openai.gpt-5.5"');
    expect(r.stderr).toMatch(/background tasks.*openai\.gpt-5\.6-luna.*--model/);
    expect(r.stderr).toContain(`  MantleBearerToken: ${policyReasons(EXAMPLE_INPUT)[2]!.why}`);
  });

  it('--json gives the policy with a reason per statement', async () => {
    const r = await runCli(['policy', ...EXAMPLE, '--json'], env);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, policy: buildPolicy(EXAMPLE_INPUT), statements: policyReasons(EXAMPLE_INPUT) });
    expect(doc.notes.length).toBe(1);
  });

  it('adds the API-key statement for --auth api-key or a key in the environment, and says why', async () => {
    const withKey = await runCli(['policy', '--region', 'us-east-1'], { ...env, AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-x' });
    expect(withKey.stdout).toContain('bedrock-mantle:CallWithBearerToken');
    expect(withKey.stderr).toContain('because AWS_BEARER_TOKEN_BEDROCK is set');
    expect(withKey.stdout + withKey.stderr).not.toContain('bedrock-api-key-x');
    const sso = await runCli(['policy', '--region', 'us-east-1', '--auth', 'sso'], { ...env, AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-x' });
    expect(sso.stdout).not.toContain('CallWithBearerToken');
    const shortOnly = await runCli(['policy', '--region', 'us-east-1', '--auth', 'api-key', '--api-key-type', 'short-term'], env);
    expect(JSON.parse(shortOnly.stdout).Statement[2].Condition).toEqual({ StringEquals: { 'bedrock-mantle:BearerTokenType': 'SHORT_TERM' } });
    const lonely = await runCli(['policy', '--api-key-type', 'short-term', '--auth', 'sso'], env);
    expect(lonely.exitCode).toBe(2);
    expect(lonely.stderr).toMatch(/--api-key-type .*--auth api-key/);
  });

  it('--provider runtime takes inference-profile ids; the Mantle provider explains them', async () => {
    const r = await runCli(['policy', '--provider', 'runtime', '--region', 'us-east-1', '--model', 'global.openai.gpt-5.5'], env);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(buildPolicy({ provider: 'runtime', regions: ['us-east-1'], models: ['global.openai.gpt-5.5'] }));
    const mantle = await runCli(['policy', '--model', 'global.openai.gpt-5.5'], env);
    expect(mantle.exitCode).toBe(2);
    expect(mantle.stderr).toMatch(/Bedrock Runtime id/);
    const bad = await runCli(['policy', '--provider', 'bedrock'], env);
    expect(bad.stderr).toMatch(/--provider must be one of mantle, runtime/);
  });

  it('only policy takes several --region', async () => {
    const r = await runCli(['smoke', '--region', 'us-east-1', '--region', 'eu-west-1'], env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--region is given 2 times; only policy/);
  });

  it('-o writes like every config file: diff, atomic replace, backup of the previous policy', async () => {
    const dir = mkdtempSync(join(root, 'out-'));
    const file = join(dir, 'policy.json');
    const first = await runCli(['policy', ...EXAMPLE, '-o', file], env);
    expect(first.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(iamPolicy(EXAMPLE_INPUT));
    expect(first.stdout).toContain('+  "Version": "2012-10-17",');
    expect(first.stdout).toContain(`Wrote ${file}`);
    const again = await runCli(['policy', ...EXAMPLE, '-o', file], env);
    expect(again.stdout).toContain('already holds this policy');
    const wider = await runCli(['policy', ...EXAMPLE, '--model', 'openai.gpt-5.6-luna', '-o', file], env);
    expect(wider.exitCode).toBe(0);
    expect(wider.stdout).toMatch(/^\+\s+"openai\.gpt-5\.6-luna"/m);
    const backups = readdirSync(dir).filter((n) => n.startsWith('policy.json.bak-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(iamPolicy(EXAMPLE_INPUT));
    expect(readdirSync(dir).filter((n) => n.includes('cbs-tmp'))).toEqual([]);
  });

  it('-o refuses a folder, and a missing folder, without creating anything (exit 2, JSON with --json)', async () => {
    const dir = mkdtempSync(join(root, 'dir-'));
    for (const target of [`${dir}/`, dir]) {
      const r = await runCli(['policy', '-o', target], env);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`is a folder; give the file to write, e.g. -o ${join(target, 'bedrock-iam-policy.json')}`);
    }
    const missing = join(dir, 'no', 'such', 'policy.json');
    const r = await runCli(['policy', '-o', missing, '--json'], env);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`the folder ${join(dir, 'no', 'such')} does not exist`);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: { kind: 'usage', message: expect.stringContaining('mkdir -p') } });
    expect(existsSync(join(dir, 'no'))).toBe(false);
    writeFileSync(join(dir, 'file'), 'x');
    const underFile = await runCli(['policy', '-o', join(dir, 'file', 'policy.json')], env);
    expect(underFile.exitCode).toBe(2);
    expect(underFile.stderr).toContain('is a file, not a folder');
    mkdirSync(join(dir, 'ok'));
    expect((await runCli(['policy', '-o', join(dir, 'ok', 'p.json')], env)).exitCode).toBe(0);
  });

  it('a file it must not write through is a diagnosis, and with --json a JSON document (exit 1)', async () => {
    const dir = mkdtempSync(join(root, 'link-'));
    const elsewhere = mkdtempSync(join(root, 'elsewhere-'));
    writeFileSync(join(elsewhere, 'target.json'), 'keep me\n');
    symlinkSync(join(elsewhere, 'target.json'), join(dir, 'policy.json'));
    const r = await runCli(['policy', '-o', join(dir, 'policy.json'), '--json'], env);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.error.why + doc.error.fix + doc.error.title).toMatch(/symbolic link/);
    expect(readFileSync(join(elsewhere, 'target.json'), 'utf8')).toBe('keep me\n');
  });

  it('--json makes bad flags a JSON document too', async () => {
    const r = await runCli(['policy', '--account-id', '12345', '--json'], env);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, error: { kind: 'usage', message: expect.stringMatching(/--account-id: .*12 digits/) } });
    expect(r.stderr).toMatch(/^codex-bedrock-setup: --account-id/);
  });
});
