import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { setKey, type TomlValue } from '../../src/core/tomlEdit.js';
import {
  checkPin,
  codexOtelTable,
  codexTooOld,
  outsideTemplate,
  parseTeamTemplateText,
  parseTemplateSource,
  sha256Hex,
} from '../../src/core/teamTemplate.js';

const HEX = 'a'.repeat(64);

describe('team template keys', () => {
  it('parses the new keys of the shipped example', async () => {
    const t = parseTeamTemplateText(await readFile('assets/team.example.toml', 'utf8'));
    expect(t.allowedRegions).toEqual(['us-east-1', 'us-west-2']);
    expect(t.allowedModels).toEqual(['openai.gpt-5.5', 'openai.gpt-5.6-luna']);
    expect(t.codexMinVersion).toBe('0.169.0');
    expect(t.helpUrl).toMatch(/^https:\/\//);
    expect(t.webSearch).toBe('disabled');
    expect(t.provider).toBe('mantle');
    expect(t.otel).toEqual({ exporter: 'otlp-http', endpoint: 'https://otel.example.com/v1/logs', protocol: 'binary', environment: 'production', logUserPrompt: false });
    // The staging profile must be a model the built-in provider serves (no open-weight gpt-oss).
    expect(t.profiles?.map((p) => p.model)).not.toContain('openai.gpt-oss-20b');
  });

  it('refuses unknown keys with line and column, at top level and in tables', () => {
    expect(() => parseTeamTemplateText('region = "us-east-1"\n  regoin = "x"\n')).toThrow(/unknown key regoin at line 2, column 3/);
    expect(() => parseTeamTemplateText('[[profiles]]\nname = "a"\nmodle = "x"\n')).toThrow(/unknown key profiles\.modle at line 3, column 1/);
    expect(() => parseTeamTemplateText('[otel]\nexporter = "otlp-grpc"\nendpoint = "https://o.example.com"\nheaderz = {}\n')).toThrow(/otel\.headerz at line 4, column 1/);
  });

  it('refuses bad values of the new keys', () => {
    expect(() => parseTeamTemplateText('provider = "openai"')).toThrow(/provider must be one of mantle, runtime/);
    expect(() => parseTeamTemplateText('web_search = "on"')).toThrow(/web_search must be one of/);
    expect(() => parseTeamTemplateText('provider = "runtime"\nweb_search = "live"')).toThrow(/needs provider = "mantle"/);
    expect(() => parseTeamTemplateText('codex_min_version = "latest"')).toThrow(/codex_min_version/);
    expect(() => parseTeamTemplateText('help_url = "http://wiki"')).toThrow(/help_url/);
    expect(() => parseTeamTemplateText('allowed_regions = []')).toThrow(/must not be empty/);
    expect(() => parseTeamTemplateText('allowed_regions = ["mars-1"]')).toThrow(/region/);
    expect(() => parseTeamTemplateText('[otel]\nendpoint = "https://o"')).toThrow(/otel.exporter is required/);
    expect(() => parseTeamTemplateText('[otel]\nexporter = "otlp-grpc"\nendpoint = "https://o"\nprotocol = "json"')).toThrow(/otlp-http" only/);
  });

  it('refuses a template that pins what it does not allow', () => {
    expect(() => parseTeamTemplateText('region = "eu-west-1"\nallowed_regions = ["us-east-1"]')).toThrow(/eu-west-1 is pinned but not in the allowed list/);
    expect(() => parseTeamTemplateText('allowed_models = ["openai.gpt-5.5"]\n[[profiles]]\nname = "p"\nmodel = "openai.gpt-6-luna"')).toThrow(/openai.gpt-6-luna is pinned/);
  });

  it('says what is outside the allowed lists', () => {
    const t = parseTeamTemplateText('allowed_regions = ["us-east-1"]\nallowed_models = ["openai.gpt-5.5"]');
    expect(outsideTemplate(t, { region: 'us-east-1', models: ['openai.gpt-5.5'] })).toEqual([]);
    expect(outsideTemplate(t, { region: 'us-west-2', models: ['openai.gpt-6-luna'] })).toEqual([
      'region us-west-2 is not allowed by the team template (allowed: us-east-1)',
      'model openai.gpt-6-luna is not allowed by the team template (allowed: openai.gpt-5.5)',
    ]);
    expect(outsideTemplate(parseTeamTemplateText(''), { region: 'ap-south-1', models: ['x'] })).toEqual([]);
  });

  it('compares the installed Codex with the minimum and says how to upgrade', () => {
    const t = parseTeamTemplateText('codex_min_version = "0.171.0"');
    expect(codexTooOld(t, 'codex-cli 0.171.0', 'npm i -g @openai/codex@latest')).toBeNull();
    expect(codexTooOld(t, '0.169.0', 'npm i -g @openai/codex@latest')).toBe(
      'Your team requires Codex 0.171.0 or newer; Codex 0.169.0 is installed. Upgrade: npm i -g @openai/codex@latest',
    );
    expect(codexTooOld(t, null, 'UP')).toMatch(/Codex is not installed\. Upgrade: UP/);
    expect(codexTooOld(parseTeamTemplateText(''), null, 'UP')).toBeNull();
  });

  it("builds Codex's [otel] table in Codex's shape (exporter tagged by kind)", () => {
    const http = codexOtelTable({ exporter: 'otlp-http', endpoint: 'https://o/v1/logs', headers: { 'x-team': 'a' }, environment: 'prod' });
    expect(http).toEqual({ environment: 'prod', exporter: { 'otlp-http': { endpoint: 'https://o/v1/logs', protocol: 'binary', headers: { 'x-team': 'a' } } }, log_user_prompt: false });
    const grpc = codexOtelTable({ exporter: 'otlp-grpc', endpoint: 'https://o:4317', logUserPrompt: true });
    expect(grpc).toEqual({ exporter: { 'otlp-grpc': { endpoint: 'https://o:4317' } }, log_user_prompt: true });
  });
});

describe('template source and pin', () => {
  it('reads a pinned URL, a plain file and a pinned file', () => {
    expect(parseTemplateSource(`https://example.com/codex-team.toml#sha256=${HEX.toUpperCase()}`)).toEqual({ kind: 'url', url: 'https://example.com/codex-team.toml', sha256: HEX });
    expect(parseTemplateSource('team.toml')).toEqual({ kind: 'file', path: 'team.toml' });
    expect(parseTemplateSource(`./team.toml#sha256=${HEX}`)).toEqual({ kind: 'file', path: './team.toml', sha256: HEX });
  });

  it('refuses a URL without a pin, a plain-HTTP URL, a malformed pin and credentials in the URL', () => {
    expect(() => parseTemplateSource('https://example.com/codex-team.toml')).toThrow(/needs its pin: https:\/\/example.com\/codex-team.toml#sha256=<hash>/);
    expect(() => parseTemplateSource(`http://example.com/t.toml#sha256=${HEX}`)).toThrow(/must use https/);
    expect(() => parseTemplateSource('https://example.com/t.toml#sha256=abc')).toThrow(/64 hexadecimal/);
    expect(() => parseTemplateSource(`https://u:p@example.com/t.toml#sha256=${HEX}`)).toThrow(/user name or password/);
  });

  it('accepts the pinned bytes and refuses one changed byte, naming both hashes', () => {
    const bytes = new TextEncoder().encode('region = "us-east-1"\n');
    const pin = sha256Hex(bytes);
    const source = { kind: 'url' as const, url: 'https://example.com/t.toml', sha256: pin };
    expect(() => checkPin(source, bytes)).not.toThrow();
    const changed = new TextEncoder().encode('region = "us-east-2"\n');
    expect(() => checkPin(source, changed)).toThrow(new RegExp(`expected sha256 ${pin}, got ${sha256Hex(changed)}.*nothing was written`));
  });

  it('the otel table survives being written into config.toml with its comments', () => {
    const table = codexOtelTable({ exporter: 'otlp-http', endpoint: 'https://o', headers: { 'x-a': 'b' } });
    let doc = '# mine\nmodel = "x"\n';
    for (const [k, v] of Object.entries(table)) doc = setKey(doc, ['otel'], k, v as TomlValue);
    expect(doc.startsWith('# mine\nmodel = "x"\n')).toBe(true);
    expect(parse(doc)).toEqual({ model: 'x', otel: table });
  });
});
