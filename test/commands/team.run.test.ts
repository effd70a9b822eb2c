// team init, managed and check through the seam: flags parsed by the tables, in-memory AWS, real files in a temp dir.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/args.js';
import { runInContext } from '../../src/commands/run.js';
import { runTeam } from '../../src/commands/team.js';
import { parseTeamTemplateText, sha256Hex } from '../../src/core/teamTemplate.js';
import { captureIo, captureStderr } from '../helpers/io.js';
import { fakeServices } from '../helpers/services.js';

const root = mkdtempSync(join(tmpdir(), 'cbs-team-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TEMPLATE = [
  'auth = "sso"',
  'start_url = "https://my-org.awsapps.com/start"',
  'sso_region = "us-east-1"',
  'aws_profile = "codex-bedrock"',
  'allowed_regions = ["us-east-1", "us-west-2"]',
  'allowed_models = ["openai.gpt-5.5"]',
  'codex_min_version = "0.169.0"',
  '',
].join('\n');

type Row = { check: string; target: string; status: string };

function team(argv: string[], templates: Record<string, string> = {}) {
  const env = { AWS_PROFILE: 'admin' };
  const services = fakeServices(env, { templates });
  const io = captureIo();
  return { ctx: { options: parseCli(['team', ...argv], env), services, io }, services, io };
}

describe('runTeam', () => {
  it('init writes a template from the flags alone and prints the pinned line for developers', async () => {
    const out = join(root, 'codex-team.toml');
    const url = 'https://team.example.com/codex-team.toml';
    const { ctx, io } = team(['init', '--out', out, '--url', url, '--sso-start-url', 'https://my-org.awsapps.com/start', '--sso-region', 'us-east-1', '--region', 'us-west-2', '--model', 'openai.gpt-5.5', '--model', 'openai.gpt-6-luna', '--json']);
    expect(await runTeam(ctx)).toBe(0);
    const text = readFileSync(out, 'utf8');
    const written = parseTeamTemplateText(text);
    expect(written).toMatchObject({ region: 'us-west-2', sso: { startUrl: 'https://my-org.awsapps.com/start', region: 'us-east-1' } });
    const hash = sha256Hex(new TextEncoder().encode(text));
    expect(io.json()).toEqual({ ok: true, file: out, sha256: hash, developerCommand: `npx codex-bedrock-setup --team-config ${url}#sha256=${hash}` });
  });

  it('check: every allowed region and model asked of Mantle, the start URL checked; exit 0 when all answer', async () => {
    const { ctx, io, services } = team(['check', '--team-config', 'team.toml', '--json'], { 'team.toml': TEMPLATE });
    services.aws.listMantleModels = async (_auth, region) => (services.calls.listMantleModels.push(region), ['openai.gpt-5.5']);
    expect(await runTeam(ctx)).toBe(0);
    expect([...services.calls.probeRegion].sort()).toEqual(['us-east-1', 'us-west-2']);
    expect([...services.calls.listMantleModels].sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(services.calls.checkStartUrl).toEqual(['https://my-org.awsapps.com/start']);
    const doc = io.json<{ ok: boolean; template: string; rows: Row[] }>();
    expect(doc).toMatchObject({ ok: true, template: 'team.toml' });
    expect(doc.rows.filter((r) => r.target !== 'background models').every((r) => r.status === 'ok')).toBe(true);
    expect(doc.rows.map((r) => r.check)).toEqual(['region', 'region', 'model', 'model', 'start-url', 'codex-min', 'policy', 'policy']);
    expect(io.lines[0]).toBe('Checking team.toml with your credentials (profile: admin).');
  });

  it('check exits 1 when an allowed model is not served in an allowed region', async () => {
    const { ctx, io } = team(['check', '--team-config', 'team.toml', '--json'], { 'team.toml': TEMPLATE });
    // The fakes' us-east-1 serves no openai.gpt-5.5; us-west-2 does.
    expect(await runTeam(ctx)).toBe(1);
    const rows = io.json<{ ok: boolean; rows: Row[] }>().rows.filter((r) => r.check === 'model');
    expect(rows.map((r) => [r.target, r.status])).toEqual([
      ['openai.gpt-5.5 @ us-east-1', 'fail'],
      ['openai.gpt-5.5 @ us-west-2', 'ok'],
    ]);
    expect(io.lines.at(-1)).toMatch(/Fix the failed rows before sending the template/);
  });

  it('managed writes the device-management files from the template', async () => {
    const out = mkdtempSync(join(root, 'mdm-'));
    const { ctx, io } = team(['managed', '--team-config', 'team.toml', '--out', out, '--json'], { 'team.toml': TEMPLATE });
    expect(await runTeam(ctx)).toBe(0);
    const doc = io.json<{ ok: boolean; files: string[]; deliverTo: string }>();
    expect(doc).toMatchObject({ ok: true, files: [join(out, 'requirements.toml'), join(out, 'managed_config.toml'), join(out, 'codex-managed.mobileconfig')], codexFrom: '0.169.0', deliverTo: '/etc/codex' });
    expect(readFileSync(join(out, 'requirements.toml'), 'utf8')).toMatch(/^allowed_web_search_modes = \["disabled"\]$/m);
    // One allowed model is enforced; two regions cannot be, and both the file and the output say so.
    expect(readFileSync(join(out, 'managed_config.toml'), 'utf8')).toMatch(/^model = "openai\.gpt-5\.5"$/m);
    expect(io.lines).toContainEqual(expect.stringMatching(/Not enforceable by Codex: allowed_regions \(us-east-1, us-west-2\)/));
  });

  it('managed refuses a template whose Codex minimum would not start with the files: exit 2, nothing written', async () => {
    const out = mkdtempSync(join(root, 'mdm-'));
    const { ctx, io } = team(['managed', '--team-config', 'team.toml', '--out', out, '--json'], { 'team.toml': 'provider = "runtime"\ncodex_min_version = "0.145.0"\n' });
    const stderr = captureStderr();
    expect(await runInContext(ctx, stderr)).toBe(2);
    expect(io.json()).toMatchObject({ ok: false, error: { kind: 'usage', message: expect.stringContaining('Set codex_min_version = "0.148.0" or newer') } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('a template that cannot be read is bad usage: exit 2, the usage document with --json', async () => {
    const { ctx, io } = team(['check', '--team-config', 'missing.toml', '--json']);
    const stderr = captureStderr();
    expect(await runInContext(ctx, stderr)).toBe(2);
    expect(io.json()).toEqual({ ok: false, error: { kind: 'usage', message: expect.stringMatching(/^cannot use --team-config missing\.toml: team template: cannot read missing\.toml/) } });
    expect(stderr.text()).toContain('cannot use --team-config missing.toml');
  });
});
