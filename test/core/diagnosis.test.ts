import { describe, expect, it } from 'vitest';
import { CATALOGUE, diagnose, explain, troubleshootingTable } from '../../src/core/diagnosis.js';
import type { Failure } from '../../src/types.js';

const cases: [string, Failure][] = [
  ['aws-cli-missing', { kind: 'missing-tool', service: 'aws-cli' }],
  ['codex-missing', { kind: 'missing-tool', service: 'codex' }],
  ['aws-cli-sso-failed', { kind: 'process', service: 'aws-cli', message: 'aws configure sso exited with code 255.', profile: 'dev' }],
  ['sso-token-expired', { kind: 'credentials', message: 'Token is expired and refresh failed. The SSO session associated with this profile has expired' }],
  // The texts of the JS SDK's and Codex's (Rust aws-config) aws login providers once Sign-In refuses, or the cache is gone.
  ['login-session-expired', { kind: 'credentials', message: 'Your session has expired. Please reauthenticate.' }],
  ['login-session-expired', { kind: 'credentials', message: 'Failed to refresh token: ValidationException: invalid grant. Please re-authenticate using `aws login`' }],
  ['login-session-expired', { kind: 'credentials', message: "Failed to load token from /home/u/.aws/login/cache/3f1a.json: Error: ENOENT: no such file or directory" }],
  ['login-session-expired', { kind: 'credentials', message: 'cached Login token is expired and cannot be refreshed' }],
  ['aws-profile-not-found', { kind: 'credentials', message: 'The config profile (nope) could not be found' }],
  ['no-credentials', { kind: 'credentials', message: 'Could not load credentials from any providers' }],
  ['clock-skew', { kind: 'http', status: 403, errorType: 'InvalidSignatureException', message: 'Signature not yet current: 20260101T001000Z is still later than 20260101T000500Z' }],
  ['credentials-expired', { kind: 'http', status: 403, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' }],
  ['credentials-invalid', { kind: 'http', status: 403, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }],
  ['bearer-invalid', { kind: 'http', status: 401, service: 'bedrock-mantle', message: 'Invalid API key: the bearer token is not recognized.' }],
  ['list-models-denied', { kind: 'http', status: 403, service: 'bedrock', errorType: 'AccessDeniedException', message: 'not authorized' }],
  ['invoke-denied', { kind: 'http', status: 403, service: 'bedrock-mantle', errorType: 'AccessDeniedException', message: 'not authorized to perform: bedrock-mantle:CreateInference' }],
  ['runtime-model-id', { kind: 'http', status: 404, service: 'bedrock-mantle', model: 'openai.gpt-oss-120b-1:0' }],
  ['model-not-in-region', { kind: 'http', status: 404, service: 'bedrock-mantle', model: 'openai.gpt-5.5', message: 'model_not_found' }],
  ['hosted-tool-rejected', { kind: 'http', status: 400, service: 'bedrock-mantle', message: 'Tool type web_search is not supported' }],
  ['throttled', { kind: 'http', status: 429, errorType: 'ThrottlingException', message: 'Too many requests' }],
  ['service-error', { kind: 'http', status: 503, message: 'Service Unavailable' }],
  ['tls-interception', { kind: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' }],
  ['proxy-unreachable', { kind: 'network', code: 'ECONNREFUSED', message: 'proxy 127.0.0.1:9 refused the connection' }],
  ['region-unreachable', { kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND bedrock-mantle.xx-east-9.api.aws' }],
  ['connection-failed', { kind: 'network', code: 'ECONNRESET', message: 'socket hang up' }],
  ['stream-broken', { kind: 'stream', message: 'stream ended before response.completed' }],
  ['config-parse-error', { kind: 'config', message: 'config.toml line 3, column 7: invalid' }],
  ['config-file-refused', { kind: 'config', message: '/home/u/.codex/config.toml is a symbolic link to /etc/passwd, outside /home/u/.codex' }],
  ['bad-request', { kind: 'http', status: 400, service: 'bedrock-mantle', message: 'Unsupported parameter: temperature' }],
];

describe('diagnose', () => {
  it.each(cases)('recognises %s', (id, failure) => {
    expect(diagnose(failure).id).toBe(id);
  });

  it.each([
    ['ENOTFOUND', { kind: 'network', code: 'ENOTFOUND', region: 'us-east-1', service: 'bedrock-mantle', message: 'DNS lookup failed for bedrock-mantle.us-east-1.api.aws.' }],
    ['EAI_AGAIN', { kind: 'network', code: 'EAI_AGAIN', message: 'getaddrinfo EAI_AGAIN bedrock-mantle.us-east-1.api.aws' }],
    ['a bare code (doctor)', { kind: 'network', code: 'ENOTFOUND', message: 'ENOTFOUND', region: 'us-east-1', service: 'bedrock-mantle' }],
  ] as [string, Failure][])('offline, %s for a region AWS serves blames DNS, the network or the proxy, naming the host', (_, failure) => {
    const d = diagnose(failure);
    expect(d.id).toBe('dns-lookup-failed');
    expect(`${d.title} ${d.why} ${d.fix}`).toContain('bedrock-mantle.us-east-1.api.aws');
    expect(d.fix).toMatch(/HTTPS_PROXY/);
    expect(d.fix).toMatch(/NO_PROXY/);
    expect(`${d.why} ${d.fix}`).not.toMatch(/validated region|all-regions/);
  });

  it('an unknown region name that does not resolve still gets the region advice', () => {
    const d = diagnose({ kind: 'network', code: 'ENOTFOUND', region: 'xx-east-9', message: 'DNS lookup failed for bedrock-mantle.xx-east-9.api.aws.' });
    expect(d.id).toBe('region-unreachable');
    expect(d.fix).toMatch(/Choose a validated region/);
  });

  it('puts the profile, region and model into the fix', () => {
    const d = diagnose({ kind: 'http', status: 403, service: 'bedrock-mantle', errorType: 'AccessDeniedException', region: 'eu-west-1', model: 'openai.gpt-5.5' });
    expect(d.fix).toContain('--region eu-west-1 --model openai.gpt-5.5');
    expect(diagnose({ kind: 'credentials', message: 'Token for corp does not exist', profile: 'dev' }).fix).toBe('aws sso login --profile dev');
  });

  it('keeps the line and column of a config error, and the host of a failed connection', () => {
    expect(diagnose({ kind: 'config', message: 'config.toml line 3, column 7: expected "="' }).why).toBe('config.toml line 3, column 7: expected "="');
    expect(diagnose({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' }).title).toContain('127.0.0.1:9');
  });

  it('does not print a <model> placeholder when the failing call named no model', () => {
    const d = diagnose({ kind: 'http', status: 403, service: 'bedrock-mantle', errorType: 'AccessDeniedException', region: 'us-east-1' });
    expect(`${d.title} ${d.fix}`).not.toContain('<model>');
  });

  it('suggests the Mantle id for a Runtime id', () => {
    expect(diagnose({ kind: 'http', status: 404, service: 'bedrock-mantle', model: 'us.openai.gpt-oss-20b-1:0' }).fix).toContain('openai.gpt-oss-20b instead');
  });

  it('falls back to unknown with the first line of the message', () => {
    const d = diagnose({ kind: 'process', message: 'weird thing\nstack line' });
    expect(d.id).toBe('unknown');
    expect(d.title).toBe('Unexpected error: weird thing');
  });

  it('has unique ids and every entry explains itself', () => {
    const ids = CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const d = explain(id);
      expect(d.title.length).toBeGreaterThan(5);
      expect(d.fix.length).toBeGreaterThan(5);
    }
  });

  it('renders a README table with one row per entry, naming the Codex versions of Codex texts', () => {
    const rows = troubleshootingTable().split('\n');
    expect(rows.length).toBe(CATALOGUE.length - 1 + 2);
    expect(rows[0]).toBe('| Symptom | Codex versions | Why | Fix |');
    expect(rows.find((r) => r.includes('does not support region'))).toContain('0.150+');
    expect(rows.find((r) => r.startsWith("| \"Invalid 'input'"))).toContain('0.147–0.149');
  });

  it('names the versions on every entry whose text Codex prints', () => {
    for (const e of CATALOGUE.filter((x) => /^Codex: |Codex \d|codex --profile/.test(x.symptom))) expect(e.codexVersions, e.id).toBeTruthy();
  });
});

describe('fix texts for an aws login profile', () => {
  it('say aws login --profile X where Codex hides why its credentials failed, never aws sso login', () => {
    // What Codex 0.171 prints once Sign-In refuses to refresh an ended session (observed against the emulator).
    const codex: Failure = { kind: 'process', service: 'codex', profile: 'console', message: 'ERROR: stream disconnected before completion: failed to load AWS credentials: an error occurred while loading credentials' };
    const d = diagnose(codex, { signIn: 'aws login --profile console' });
    expect(d.id).toBe('codex-credentials-failed');
    expect(d.why).toContain('the aws login session of profile console');
    expect(d.fix).toBe("aws login --profile console; Codex's AWS SDK renews the session by itself only until it ends.");
    expect(diagnose({ kind: 'credentials', profile: 'console', message: 'Could not load credentials from any providers' }, { signIn: 'aws login --profile console' }).fix).toMatch(/^aws login --profile console /);
    expect(diagnose({ kind: 'http', status: 403, errorType: 'ExpiredTokenException', profile: 'console', message: 'The security token included in the request is expired' }, { signIn: 'aws login --profile console' }).fix).toBe('aws login --profile console');
    // Without it (an SSO profile) the texts are as before.
    expect(diagnose(codex).fix).toMatch(/^aws sso login --profile console; /);
  });
});

describe('fix texts name the Codex home this run uses', () => {
  it('replaces ~/.codex with CODEX_HOME, shown under ~ when it is inside the home', async () => {
    const { codexHomeShown, explain } = await import('../../src/core/diagnosis.js');
    expect(codexHomeShown('/home/ana/work/codex', '/home/ana')).toBe('~/work/codex');
    expect(codexHomeShown('/srv/codex', '/home/ana')).toBe('/srv/codex');
    const moved = explain('web-search-enabled', { codexProfile: 'bedrock-prod', codexHome: '/srv/codex' });
    expect(moved.fix).toContain('/srv/codex/bedrock-prod.config.toml');
    expect(`${moved.title} ${moved.why} ${moved.fix}`).not.toContain('~/.codex');
    expect(explain('web-search-enabled', { codexProfile: 'bedrock-prod', codexHome: '~/.codex' }).fix).toContain('~/.codex/bedrock-prod.config.toml');
  });
});
