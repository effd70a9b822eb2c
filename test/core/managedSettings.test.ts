import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { parse } from 'smol-toml';
import { managedFiles } from '../../src/core/managedSettings.js';
import { parseTeamTemplateText, TeamTemplateError } from '../../src/core/teamTemplate.js';

describe('managed Codex files from a template', () => {
  it('fixes a single allowed model and region, for the template provider', () => {
    const m = managedFiles(parseTeamTemplateText('provider = "runtime"\ncodex_min_version = "0.148.0"\nallowed_models = ["global.openai.gpt-5.5"]\nallowed_regions = ["eu-west-1"]\n'));
    expect(parse(m['managed_config.toml'])).toEqual({
      model_provider: 'amazon-bedrock-runtime',
      web_search: 'disabled',
      model: 'global.openai.gpt-5.5',
      model_providers: { 'amazon-bedrock-runtime': { aws: { region: 'eu-west-1' } } },
    });
    expect(parse(m['requirements.toml'])).toEqual({ allowed_web_search_modes: ['disabled'] });
    expect(m.notEnforced).toEqual([]);
  });

  it('says which lists Codex cannot enforce, and allows disabled beside a chosen web search mode', () => {
    const m = managedFiles(parseTeamTemplateText('web_search = "cached"\nallowed_models = ["openai.gpt-5.5", "openai.gpt-6-luna"]\nallowed_regions = ["us-east-1", "us-west-2"]\n'));
    const cfg = parse(m['managed_config.toml']);
    expect(cfg).toEqual({ model_provider: 'amazon-bedrock', web_search: 'cached' });
    expect(parse(m['requirements.toml'])).toEqual({ allowed_web_search_modes: ['disabled', 'cached'] });
    expect(m.notEnforced).toHaveLength(2);
    expect(m['managed_config.toml']).toMatch(/# Not enforceable here: allowed_models .*Enforce it in IAM/);
  });
});

/** The plist as Python's plistlib reads it (a real parser: the .mobileconfig is a property list). */
function readPlist(xml: string): Record<string, unknown> {
  const py = 'import plistlib,sys,json; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))';
  return JSON.parse(execFileSync('python3', ['-c', py], { input: xml, encoding: 'utf8' })) as Record<string, unknown>;
}

describe('managed files per Codex version', () => {
  it('are written for the template minimum, else the oldest Codex with Bedrock', () => {
    expect(managedFiles(parseTeamTemplateText('')).codexFrom).toBe('0.128.0');
    const m = managedFiles(parseTeamTemplateText('codex_min_version = "0.149.0"\nweb_search = "indexed"\n'));
    expect(m.codexFrom).toBe('0.149.0');
    expect(parse(m['requirements.toml'])).toEqual({ allowed_web_search_modes: ['disabled', 'indexed'] });
    expect(m['requirements.toml']).toContain('for Codex 0.149.0 and newer');
  });

  it('refuse what a Codex the template allows would not start with', () => {
    expect(() => parseTeamTemplateText('web_search = "indexed"\n')).toThrow(/web_search = "indexed" needs codex_min_version = "0\.145\.0"/);
    expect(() => parseTeamTemplateText('web_search = "indexed"\ncodex_min_version = "0.134.0"\n')).toThrow(TeamTemplateError);
    expect(() => managedFiles(parseTeamTemplateText('provider = "runtime"\ncodex_min_version = "0.145.0"\n'))).toThrow(/amazon-bedrock-runtime.*"0\.148\.0"/);
    expect(() => managedFiles(parseTeamTemplateText('codex_min_version = "0.120.0"\n'))).toThrow(/no amazon-bedrock provider/);
    expect(managedFiles(parseTeamTemplateText('web_search = "cached"\n')).codexFrom).toBe('0.128.0');
  });
});

describe('the macOS configuration profile', () => {
  it('is a property list whose payload carries both files, base64, in the com.openai.codex domain', () => {
    const m = managedFiles(parseTeamTemplateText('allowed_models = ["openai.gpt-5.5"]\nallowed_regions = ["eu-west-1"]\n'));
    const plist = readPlist(m['codex-managed.mobileconfig']);
    expect(plist).toMatchObject({ PayloadType: 'Configuration', PayloadScope: 'System', PayloadVersion: 1 });
    const content = plist.PayloadContent as Record<string, unknown>[];
    expect(content).toHaveLength(1);
    const p = content[0]!;
    expect(p).toMatchObject({ PayloadType: 'com.openai.codex', PayloadVersion: 1 });
    expect(Buffer.from(p.config_toml_base64 as string, 'base64').toString('utf8')).toBe(m['managed_config.toml']);
    expect(Buffer.from(p.requirements_toml_base64 as string, 'base64').toString('utf8')).toBe(m['requirements.toml']);
    const uuid = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
    expect(p.PayloadUUID).toMatch(uuid);
    expect(plist.PayloadUUID).toMatch(uuid);
    expect(p.PayloadUUID).not.toBe(plist.PayloadUUID);
  });

  it('is the same for the same template, and another for another', () => {
    const a = managedFiles(parseTeamTemplateText('web_search = "cached"\n'))['codex-managed.mobileconfig'];
    expect(managedFiles(parseTeamTemplateText('web_search = "cached"\n'))['codex-managed.mobileconfig']).toBe(a);
    expect(managedFiles(parseTeamTemplateText('web_search = "live"\n'))['codex-managed.mobileconfig']).not.toBe(a);
  });
});
