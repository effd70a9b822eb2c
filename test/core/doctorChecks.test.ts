import { describe, expect, it } from 'vitest';
import { awsCliCheck, endpointHost, providerOf, runtimeProviderCheck, smokeFailureCheck } from '../../src/core/doctorChecks.js';

const v1 = { path: '/home/u/.local/bin/aws', version: '1.45.11', major: 1 };
const v2 = { path: '/usr/bin/aws', version: '2.9.19', major: 2 };

describe("doctor's rows from gathered facts", () => {
  it('aws CLI: the rule preflight and sign-in use, with the catalogue fix', () => {
    expect(awsCliCheck([v2])).toEqual({ id: 'aws-cli', status: 'pass', summary: 'aws CLI 2.9.19 at /usr/bin/aws' });
    expect(awsCliCheck([v1, v2])).toMatchObject({ status: 'warn', diagnosis: 'aws-cli-v1-shadowing', summary: 'aws CLI 1.45.11 at /home/u/.local/bin/aws shadows v2 2.9.19 at /usr/bin/aws', fix: expect.stringContaining('ln -s /usr/bin/aws ~/bin/aws') });
    expect(awsCliCheck([{ path: '/opt/aws', version: '2.4.1', major: 2 }])).toMatchObject({ status: 'warn', diagnosis: 'aws-cli-missing', summary: expect.stringContaining('needs the aws CLI 2.9.0 or later; the newest on PATH is 2.4.1 at /opt/aws') });
    expect(awsCliCheck([])).toMatchObject({ status: 'warn', diagnosis: 'aws-cli-missing' });
  });

  it('the provider decides the host Codex connects to', () => {
    expect(providerOf('amazon-bedrock-runtime')).toBe('runtime');
    expect(providerOf('amazon-bedrock')).toBe('mantle');
    expect(providerOf(undefined)).toBe('mantle');
    expect(endpointHost('runtime', 'eu-west-3')).toBe('bedrock-runtime.eu-west-3.amazonaws.com');
    expect(endpointHost('mantle', 'us-east-1')).toBe('bedrock-mantle.us-east-1.api.aws');
    expect(endpointHost('mantle', 'us-east-1', 'https://gw.corp.example/bedrock')).toBe('gw.corp.example');
  });

  it('a runtime profile: a pass that names what is skipped, a failure before Codex 0.148', () => {
    expect(runtimeProviderCheck('eu-west-3', '0.171.0')).toMatchObject({ status: 'pass', summary: expect.stringContaining('bedrock-runtime.eu-west-3.amazonaws.com, signed for service bedrock') });
    expect(runtimeProviderCheck('eu-west-3', '0.147.2')).toMatchObject({ status: 'fail', why: expect.stringContaining('Codex 0.147.2 has no amazon-bedrock-runtime provider') });
  });

  it('"not found" from Bedrock Runtime stays a runtime diagnosis; from Mantle it means the Responses surface', () => {
    const params = { model: 'us.openai.gpt-6.1-sol', region: 'eu-west-3' };
    const runtime = smokeFailureCheck({ kind: 'http', status: 404, service: 'bedrock-runtime', model: params.model }, { ...params, provider: 'runtime' }, 'runtime');
    expect(runtime).toMatchObject({ id: 'smoke', status: 'fail', diagnosis: 'model-not-in-region', summary: 'us.openai.gpt-6.1-sol is not offered in eu-west-3' });
    const mantle = smokeFailureCheck({ kind: 'http', status: 404, service: 'bedrock-mantle', model: 'openai.gpt-5.5' }, { model: 'openai.gpt-5.5', region: 'us-east-1' }, 'mantle');
    expect(mantle.diagnosis).toBe('model-not-responses');
  });
});
