import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { attribution } from '../../src/core/attribution.js';
import { codexOtelTable, parseTeamTemplateText } from '../../src/core/teamTemplate.js';

const TEAM = parseTeamTemplateText('[otel]\nexporter = "otlp-http"\nendpoint = "https://otel.example.com/v1/logs"\n');
const written = { otel: codexOtelTable(TEAM.otel!) };
const sso = { name: 'codex-bedrock', keys: { sso_session: 'corp', sso_role_name: 'CodexDeveloper' } };
const status = (a: ReturnType<typeof attribution>) => a.findings.map((f) => `${f.check}:${f.status}`);

describe('per-developer attribution', () => {
  it('is per developer with an Identity Center profile and the team [otel] that setup writes', () => {
    const a = attribution({ auth: 'profile', awsProfile: sso, codexConfig: written, template: TEAM });
    expect(a.perDeveloper).toBe(true);
    expect(status(a)).toEqual(['identity:ok', 'telemetry:ok']);
    // Through TOML and back, as doctor reads it from config.toml.
    const fromToml = parse('[otel]\nlog_user_prompt = false\n[otel.exporter.otlp-http]\nendpoint = "https://otel.example.com/v1/logs"\nprotocol = "binary"\n');
    expect(status(attribution({ auth: 'profile', awsProfile: sso, codexConfig: fromToml, template: TEAM }))).toEqual(['identity:ok', 'telemetry:ok']);
  });

  it('fails when the template exports telemetry and config.toml does not (or elsewhere), and says what to run', () => {
    const missing = attribution({ auth: 'profile', awsProfile: sso, codexConfig: {}, template: TEAM });
    expect(missing.findings[1]).toMatchObject({ status: 'fail', detail: expect.stringContaining('is missing'), fix: expect.stringContaining('--team-config') });
    const elsewhere = attribution({ auth: 'profile', awsProfile: sso, codexConfig: { otel: { exporter: { 'otlp-http': { endpoint: 'https://other.example.com' } } } }, template: TEAM });
    expect(elsewhere.findings[1]!.status).toBe('fail');
    expect(attribution({ auth: 'profile', awsProfile: sso, codexConfig: {} }).findings[1]!.status).toBe('warn');
  });

  it('cannot tell developers apart behind shared keys, API keys or a generated session name', () => {
    expect(attribution({ auth: 'api-key', codexConfig: written }).perDeveloper).toBe(false);
    const keys = attribution({ auth: 'profile', awsProfile: { name: 'k', keys: { aws_access_key_id: 'AKIA…' } }, codexConfig: written });
    expect(keys).toMatchObject({ perDeveloper: false, findings: [{ status: 'warn', fix: expect.stringContaining('--auth sso') }, { status: 'ok' }] });
    const role = attribution({ auth: 'profile', awsProfile: { name: 'r', keys: { role_arn: 'arn:aws:iam::123456789012:role/codex' } }, codexConfig: {} });
    expect(role.findings[0]).toMatchObject({ status: 'fail', fix: expect.stringContaining('role_session_name') });
    const named = attribution({ auth: 'profile', awsProfile: { name: 'r', keys: { role_arn: 'arn:aws:iam::123456789012:role/codex', role_session_name: 'ana' } }, codexConfig: {} });
    expect(named.perDeveloper).toBe(true);
    expect(attribution({ auth: 'profile', codexConfig: {} }).perDeveloper).toBe(false);
  });

  it('is per developer with an aws login session (the console identity), never called long-term keys', () => {
    const login = attribution({ auth: 'profile', awsProfile: { name: 'console', keys: { login_session: 'arn:aws:iam::123456789012:user/ana' } }, codexConfig: written });
    expect(login.perDeveloper).toBe(true);
    expect(login.findings[0]!.detail).toBe('profile console signs in with aws login: AWS records the console identity of the session on each call');
  });
});
