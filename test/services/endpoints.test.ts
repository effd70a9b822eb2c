import { describe, expect, it } from 'vitest';
import { makeEndpointResolver } from '../../src/services/endpoints.js';

describe('makeEndpointResolver', () => {
  it('uses the real AWS host names by default', () => {
    const e = makeEndpointResolver({});
    expect(e.sts('eu-west-1')).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(e.bedrock('us-west-2')).toBe('https://bedrock.us-west-2.amazonaws.com');
    expect(e.mantle('us-east-1')).toBe('https://bedrock-mantle.us-east-1.api.aws');
    expect(e.mantleResponses('us-east-1')).toBe('https://bedrock-mantle.us-east-1.api.aws/openai/v1/responses');
    expect(e.mantleModels('us-east-1')).toBe('https://bedrock-mantle.us-east-1.api.aws/v1/models');
    expect(e.runtimeResponses('eu-west-3')).toBe('https://bedrock-runtime.eu-west-3.amazonaws.com/openai/v1/responses');
    expect(e.ssoOidc('us-east-1')).toBe('https://oidc.us-east-1.amazonaws.com');
    expect(e.ssoPortal('us-east-1')).toBe('https://portal.sso.us-east-1.amazonaws.com');
  });

  it('follows the SDK endpoint variables: service-specific beats global; they do not move Mantle', () => {
    const e = makeEndpointResolver({ AWS_ENDPOINT_URL: 'http://global:1/', AWS_ENDPOINT_URL_STS: 'http://sts-only:2' });
    expect(e.sts('us-east-1')).toBe('http://sts-only:2');
    expect(e.bedrock('us-east-1')).toBe('http://global:1');
    expect(e.mantle('us-east-1')).toBe('https://bedrock-mantle.us-east-1.api.aws');
    expect(e.runtimeResponses('us-east-1')).toBe('https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1/responses');
    const off = makeEndpointResolver({ AWS_ENDPOINT_URL: 'http://global:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    expect(off.bedrock('us-east-1')).toBe('https://bedrock.us-east-1.amazonaws.com');
  });

  it('posts to <base_url>/responses when Codex has a base_url', () => {
    const e = makeEndpointResolver({}, { mantleBaseUrl: 'http://127.0.0.1:9999/v1/' });
    expect(e.mantleResponses('us-east-1')).toBe('http://127.0.0.1:9999/v1/responses');
    expect(e.mantleModels('us-east-1')).toBe('http://127.0.0.1:9999/v1/models');
    const openai = makeEndpointResolver({}, { mantleBaseUrl: 'https://bedrock-mantle.eu-west-1.api.aws/openai/v1' });
    expect(openai.mantleResponses('us-east-1')).toBe('https://bedrock-mantle.eu-west-1.api.aws/openai/v1/responses');
    expect(openai.mantleModels('us-east-1')).toBe('https://bedrock-mantle.eu-west-1.api.aws/v1/models');
  });

  it('routes everything to the emulator by service and region prefix', () => {
    const e = makeEndpointResolver({ AWS_ENDPOINT_URL_STS: 'http://ignored' }, { emulatorUrl: 'http://127.0.0.1:4000/', mantleBaseUrl: 'http://x/v1' });
    expect(e.sts('us-west-2')).toBe('http://127.0.0.1:4000/sts/us-west-2');
    expect(e.bedrock('us-west-2')).toBe('http://127.0.0.1:4000/bedrock/us-west-2');
    expect(e.mantleResponses('us-west-2')).toBe('http://127.0.0.1:4000/bedrock-mantle/us-west-2/openai/v1/responses');
    expect(e.mantleModels('us-west-2')).toBe('http://127.0.0.1:4000/bedrock-mantle/us-west-2/v1/models');
    expect(e.runtimeResponses('us-west-2')).toBe('http://127.0.0.1:4000/bedrock-runtime/us-west-2/openai/v1/responses');
    expect(e.ssoOidc('us-east-1')).toBe('http://127.0.0.1:4000/oidc/us-east-1');
    expect(e.ssoPortal('us-east-1')).toBe('http://127.0.0.1:4000/portal/us-east-1');
  });
});
