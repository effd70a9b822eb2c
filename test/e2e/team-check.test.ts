// team check against the emulator (through its proxy, like AWS): one template that works, one with every kind of
// problem team check knows (region unreachable, model not served, start URL wrong, Codex minimum too old).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { makeWorld, runCli, type World } from './helpers.js';

const GOOD = `start_url = "https://demo.awsapps.com/start"
sso_region = "us-east-1"
allowed_regions = ["us-east-1", "us-west-2"]
allowed_models = ["openai.gpt-5.5"]
codex_min_version = "0.171.0"
`;
const BAD = `start_url = "https://wrong-org.awsapps.com/start"
sso_region = "us-east-1"
allowed_regions = ["us-east-1", "eu-west-1", "ap-northeast-1"]
allowed_models = ["openai.gpt-5.5"]
codex_min_version = "0.120.0"
`;

let emu: Emulator;
let world: World;
const ADMIN = ['--auth', 'profile', '--aws-profile', 'codex-bedrock'];

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, unreachableRegions: ['ap-northeast-1'] });
  world = await makeWorld(emu);
  await writeFile(join(world.root, 'good.toml'), GOOD);
  await writeFile(join(world.root, 'bad.toml'), BAD);
}, 60_000);
afterAll(() => emu?.close());

type Row = { check: string; target: string; status: string; detail: string };
const status = (rows: Row[], check: string, target: string) => rows.find((r) => r.check === check && r.target === target)?.status;

// The developers' role as an administrator has it: Mantle inference for every model, but only in us-east-1.
const ONLY_US_EAST_1 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['bedrock-mantle:CreateInference', 'bedrock-mantle:ListModels', 'bedrock-mantle:GetModel'], Resource: 'arn:aws:bedrock-mantle:us-east-1:*:project/*' },
    { Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*' },
  ],
});

describe('team check', () => {
  it("--policy FILE: the developers' own policy that denies an allowed region fails the policy row", async () => {
    await writeFile(join(world.root, 'role-policy.json'), ONLY_US_EAST_1);
    await writeFile(join(world.root, 'broken-policy.json'), '{ "Statement": [');
    const r = await runCli(['team', 'check', '--team-config', join(world.root, 'good.toml'), '--policy', join(world.root, 'role-policy.json'), ...ADMIN, '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; rows: Row[] };
    const row = doc.rows.find((x) => x.check === 'policy' && x.target.endsWith('role-policy.json'))!;
    expect(row.status).toBe('fail');
    expect(row.detail).toMatch(/denies Codex's turns for openai\.gpt-5\.5 @ us-west-2/);
    expect(row.detail).not.toMatch(/@ us-east-1/);
    const broken = await runCli(['team', 'check', '--team-config', join(world.root, 'good.toml'), '--policy', join(world.root, 'broken-policy.json'), ...ADMIN, '--json'], world.env);
    const brokenRow = (JSON.parse(broken.stdout) as { rows: Row[] }).rows.find((x) => x.check === 'policy')!;
    expect(brokenRow).toMatchObject({ status: 'not-checked' });
    expect(brokenRow.detail).toMatch(/cannot read it as JSON/);
  });

  it('passes a template that works, with a row for each fact', async () => {
    const r = await runCli(['team', 'check', '--team-config', join(world.root, 'good.toml'), ...ADMIN, '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; rows: Row[] };
    expect(doc.ok).toBe(true);
    expect(status(doc.rows, 'region', 'us-east-1')).toBe('ok');
    expect(status(doc.rows, 'region', 'us-west-2')).toBe('ok');
    expect(status(doc.rows, 'model', 'openai.gpt-5.5 @ us-west-2')).toBe('ok');
    expect(status(doc.rows, 'start-url', 'https://demo.awsapps.com/start')).toBe('ok');
    expect(status(doc.rows, 'codex-min', '0.171.0')).toBe('ok');
    expect(status(doc.rows, 'policy', 'IAM')).toBe('ok');
    expect(status(doc.rows, 'policy', 'background models')).toBe('warn');
  });

  it('reports each kind of problem in --json, and exits 1', async () => {
    const r = await runCli(['team', 'check', '--team-config', join(world.root, 'bad.toml'), ...ADMIN, '--json'], world.env);
    expect(r.exitCode, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; rows: Row[] };
    expect(doc.ok).toBe(false);
    expect(status(doc.rows, 'region', 'ap-northeast-1')).toBe('fail');
    expect(status(doc.rows, 'region', 'eu-west-1')).toBe('ok');
    expect(status(doc.rows, 'model', 'openai.gpt-5.5 @ eu-west-1')).toBe('fail');
    expect(status(doc.rows, 'model', 'openai.gpt-5.5 @ us-east-1')).toBe('ok');
    expect(status(doc.rows, 'start-url', 'https://wrong-org.awsapps.com/start')).toBe('fail');
    expect(status(doc.rows, 'codex-min', '0.120.0')).toBe('fail');
  });

  it('prints a table for people', async () => {
    const r = await runCli(['team', 'check', '--team-config', join(world.root, 'bad.toml'), ...ADMIN], world.env);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^✗ region\s+ap-northeast-1\s+Mantle endpoint unreachable/m);
    expect(r.stdout).toMatch(/^✗ model\s+openai\.gpt-5\.5 @ eu-west-1\s+not served by Mantle in eu-west-1/m);
    expect(r.stdout).toMatch(/^✗ start-url\s+https:\/\/wrong-org\.awsapps\.com\/start\s+Identity Center in us-east-1 does not know/m);
    expect(r.stdout).toMatch(/Fix the failed rows/);
  });
});

describe('team init', () => {
  it('writes a template that team check accepts and prints the pinned line for developers', async () => {
    const out = join(world.root, 'init.toml');
    const r = await runCli(
      ['team', 'init', '--out', out, '--url', 'https://team-config.s3.us-east-1.amazonaws.com/codex-team.toml', '--sso-start-url', 'https://demo.awsapps.com/start', '--sso-region', 'us-east-1', '--region', 'us-east-1', '--model', 'openai.gpt-5.5', '--json'],
      world.env,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { sha256: string; developerCommand: string };
    const { readFile } = await import('node:fs/promises');
    const { sha256Hex } = await import('../../src/core/teamTemplate.js');
    expect(doc.sha256).toBe(sha256Hex(await readFile(out)));
    expect(doc.developerCommand).toBe(`npx codex-bedrock-setup --team-config https://team-config.s3.us-east-1.amazonaws.com/codex-team.toml#sha256=${doc.sha256}`);
    const check = await runCli(['team', 'check', '--team-config', `${out}#sha256=${doc.sha256}`, ...ADMIN, '--json'], world.env);
    expect(check.exitCode, check.stdout).toBe(0);
  });
});
