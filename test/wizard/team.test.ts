import { describe, expect, it } from 'vitest';
import { parseTeamTemplate, wizardOptions } from '../../src/wizard/team.js';
import { initialState, reduce } from '../../src/wizard/machine.js';

const TEMPLATE = `
start_url = "https://corp.awsapps.com/start"
sso_region = "eu-west-1"
account_id = "123456789012"
role_name = "BedrockDeveloper"
aws_profile = "corp-bedrock"
regions = ["eu-west-1", "eu-central-1"]

[[profiles]]
name = "corp-prod"
model = "openai.gpt-5.5"

[[profiles]]
name = "corp-fast"
`;

describe('team template', () => {
  it('parses into pins', () => {
    const t = parseTeamTemplate(TEMPLATE);
    expect(t.sso).toMatchObject({ startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', accountId: '123456789012', roleName: 'BedrockDeveloper' });
    expect(t.regions).toEqual(['eu-west-1', 'eu-central-1']);
    expect(t.profiles).toEqual([{ name: 'corp-prod', model: 'openai.gpt-5.5' }, { name: 'corp-fast', model: undefined }]);
    const s = initialState(wizardOptions({}, t));
    expect(s.pins).toMatchObject({ ssoStartUrl: true, ssoRegion: true, awsProfile: true, models: ['corp-prod'], profileNames: true });
  });

  it('rejects bad files with one-line messages', () => {
    expect(() => parseTeamTemplate('start_url = ')).toThrow(/not valid TOML/);
    expect(() => parseTeamTemplate('auth = "password"')).toThrow(/auth must be one of/);
    expect(() => parseTeamTemplate('[[profiles]]\nmodel = "x"')).toThrow(/needs a name/);
  });

  it('flags win over the template', () => {
    const o = wizardOptions({ region: 'us-east-1', ssoRole: 'Admin', models: ['openai.gpt-6.1-sol'] }, parseTeamTemplate(TEMPLATE));
    expect(o.region).toBe('us-east-1');
    expect(o.sso?.roleName).toBe('Admin');
    expect(o.profiles).toEqual([
      { name: 'corp-prod', model: 'openai.gpt-6.1-sol' },
      { name: 'corp-fast', model: undefined },
    ]);
    expect(wizardOptions({ codexProfile: 'mine', models: ['m'] }).profiles).toEqual([{ name: 'mine', model: 'm' }]);
    expect(wizardOptions({ models: [] }).profiles).toBeUndefined();
  });
});

describe('team template validation', () => {
  it('accepts the shipped example', async () => {
    const { readFile } = await import('node:fs/promises');
    const t = parseTeamTemplate(await readFile('assets/team.example.toml', 'utf8'));
    expect(t.profiles?.map((p) => p.name)).toEqual(['bedrock-prod', 'bedrock-staging']);
  });

  it('rejects values that would end up in file names or config unchecked', () => {
    expect(() => parseTeamTemplate('[[profiles]]\nname = "../../etc/evil"\n')).toThrow(/profile name/);
    expect(() => parseTeamTemplate('start_url = "http://x.awsapps.com/start"\n')).toThrow(/start_url/);
    expect(() => parseTeamTemplate('account_id = "1234"\n')).toThrow(/account_id/);
    expect(() => parseTeamTemplate('region = "us east 1"\n')).toThrow(/region/);
    expect(() => parseTeamTemplate('aws_profile = "a]b"\n')).toThrow(/aws_profile/);
  });
});

describe('team template limits in the wizard', () => {
  const limited = parseTeamTemplate('allowed_regions = ["us-west-2"]\nallowed_models = ["openai.gpt-5.5"]\nhelp_url = "https://wiki.example.com/codex"\n');

  it('pins a single allowed region, offers only the allowed ones and carries the help URL', () => {
    const s = initialState(wizardOptions({}, limited));
    expect(s.region).toBe('us-west-2');
    expect(s.pins.region).toBe(true);
    expect(s.regionChoices).toEqual(['us-west-2']);
    expect(s.allowed).toEqual({ regions: ['us-west-2'], models: ['openai.gpt-5.5'] });
    expect(s.helpUrl).toBe('https://wiki.example.com/codex');
  });

  it('the state machine refuses a region or model outside the allowed lists', () => {
    const two = parseTeamTemplate('allowed_regions = ["us-west-2", "eu-west-1"]\nallowed_models = ["openai.gpt-5.5"]\n');
    const s = { ...initialState(wizardOptions({}, two)), step: 'region' as const };
    expect(reduce(s, { type: 'SELECT_REGION', region: 'us-east-1' })).toBe(s);
    expect(reduce(s, { type: 'SELECT_REGION', region: 'eu-west-1' }).region).toBe('eu-west-1');
    const m = { ...s, step: 'models' as const };
    expect(reduce(m, { type: 'SELECT_MODEL', model: 'openai.gpt-6-luna' })).toBe(m);
    expect(reduce(m, { type: 'SELECT_MODEL', model: 'openai.gpt-5.5' }).profiles[0]!.model).toBe('openai.gpt-5.5');
  });
});
