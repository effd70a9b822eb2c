import { describe, expect, it } from 'vitest';
import { attributionRows } from '../../src/core/attribution.js';

const sso = { name: 'corp', isSso: true, ssoSession: 'corp', hasStaticKeys: false };

describe("doctor's per-developer usage rows", () => {
  it('an IAM Identity Center profile with an OpenTelemetry exporter: both pass', () => {
    const rows = attributionRows({ credentialKind: 'aws-profile', profile: sso, otel: { exporter: { 'otlp-http': { endpoint: 'https://otel.example.com' } } } });
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['attribution-identity', 'pass'],
      ['attribution-telemetry', 'pass'],
    ]);
  });
  it('static keys, an API key or no exporter are said with advice for a team; a role without a session name is a warning', () => {
    const keys = attributionRows({ credentialKind: 'aws-profile', profile: { name: 'dev', isSso: false, hasStaticKeys: true } });
    expect(keys[0]).toMatchObject({ status: 'pass', summary: expect.stringContaining('long-term keys') });
    expect(keys[0]!.why).toMatch(/^For a team: .*--auth sso/);
    expect(keys[1]).toMatchObject({ status: 'pass', summary: expect.stringContaining('no OpenTelemetry') });
    expect(attributionRows({ credentialKind: 'bearer-token' })[0]!.summary).toMatch(/API key/i);
    const role = attributionRows({ credentialKind: 'aws-profile', profile: { name: 'r', isSso: false, hasStaticKeys: false, roleArn: 'arn:aws:iam::1:role/x' } });
    expect(role[0]).toMatchObject({ status: 'warn', summary: expect.stringContaining('generated session name') });
  });
});
