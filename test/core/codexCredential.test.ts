import { describe, expect, it } from 'vitest';
import { codexCredential, describeCredential, managedBedrockAuthOf, type CredentialInputs } from '../../src/core/codexCredential.js';

const none: CredentialInputs = { codexVersion: '0.171.0', hasCredentialExport: false, managedAuth: null, bearerInEnv: false, envAccessKeys: false };

describe('the credential Codex will use', () => {
  it('0.150+: a configured aws.profile wins over the bearer token; 0.149 and older: the bearer token wins', () => {
    const both = { ...none, awsProfile: 'codex-bedrock', bearerInEnv: true };
    expect(codexCredential({ ...both, codexVersion: '0.171.0' })).toMatchObject({ kind: 'aws-profile', profile: 'codex-bedrock', source: 'aws.profile in config.toml' });
    expect(codexCredential({ ...both, codexVersion: '0.150.0' }).kind).toBe('aws-profile');
    expect(codexCredential({ ...both, codexVersion: '0.149.0' })).toMatchObject({ kind: 'bearer-token', source: 'AWS_BEARER_TOKEN_BEDROCK' });
    expect(codexCredential({ ...both, codexVersion: '0.128.0' }).kind).toBe('bearer-token');
    expect(codexCredential({ ...both, codexVersion: '0.149.0' }).why).toContain('aws.profile codex-bedrock included');
  });

  it('with only AWS_PROFILE in the environment, the bearer token still wins', () => {
    const c = codexCredential({ ...none, bearerInEnv: true, envProfile: 'dev' });
    expect(c.kind).toBe('bearer-token');
    expect(c.why).toContain('AWS_PROFILE=dev does not count');
  });

  it('0.150+ order: credential_export > aws.profile > auth.json > bearer > SDK chain', () => {
    const all: CredentialInputs = { ...none, hasCredentialExport: true, awsProfile: 'p', managedAuth: 'access-keys', bearerInEnv: true, envAccessKeys: true };
    expect(codexCredential(all).kind).toBe('credential-export');
    expect(codexCredential({ ...all, hasCredentialExport: false }).kind).toBe('aws-profile');
    expect(codexCredential({ ...all, hasCredentialExport: false, awsProfile: undefined })).toMatchObject({ kind: 'managed-access-keys', source: expect.stringContaining('auth.json') });
    expect(codexCredential({ ...all, hasCredentialExport: false, awsProfile: undefined, managedAuth: null }).kind).toBe('bearer-token');
    expect(codexCredential({ ...none, envAccessKeys: true }).source).toContain('AWS_ACCESS_KEY_ID');
    expect(codexCredential({ ...none, envProfile: 'dev' })).toMatchObject({ kind: 'sdk-chain', profile: 'dev' });
    expect(codexCredential(none).source).toContain('AWS SDK chain');
  });

  it('before 0.150 a Codex-managed API key wins over the bearer token and aws.profile', () => {
    const c = codexCredential({ ...none, codexVersion: '0.149.0', managedAuth: 'api-key', bearerInEnv: true, awsProfile: 'p' });
    expect(c.kind).toBe('managed-api-key');
    expect(c.why).toContain('before AWS_BEARER_TOKEN_BEDROCK and aws.profile p');
  });

  it('counts auth.json and credential_export only from the versions that read them', () => {
    expect(codexCredential({ ...none, codexVersion: '0.141.0', managedAuth: 'api-key' }).kind).toBe('sdk-chain');
    expect(codexCredential({ ...none, codexVersion: '0.142.0', managedAuth: 'api-key' }).kind).toBe('managed-api-key');
    expect(codexCredential({ ...none, codexVersion: '0.149.0', managedAuth: 'access-keys' }).kind).toBe('sdk-chain');
    expect(codexCredential({ ...none, codexVersion: '0.154.0', hasCredentialExport: true }).kind).toBe('sdk-chain');
  });

  it('says it for people without a secret', () => {
    expect(describeCredential(codexCredential({ ...none, awsProfile: 'x' }))).toBe('AWS profile `x` (from aws.profile in config.toml)');
    expect(describeCredential(codexCredential({ ...none, awsProfile: 'x', awsProfileFile: 'bedrock-prod.config.toml' }))).toBe('AWS profile `x` (from aws.profile in bedrock-prod.config.toml)');
    expect(describeCredential(codexCredential({ ...none, bearerInEnv: true }))).toBe('the Bedrock API key in AWS_BEARER_TOKEN_BEDROCK');
  });
});

describe('auth.json: the kind of Bedrock login, never the secret', () => {
  it('reads the kind Codex wrote', () => {
    expect(managedBedrockAuthOf(JSON.stringify({ auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null, bedrock_api_key: { api_key: 'SECRET', region: 'us-east-1' } }))).toBe('api-key');
    expect(managedBedrockAuthOf(JSON.stringify({ auth_mode: 'bedrockAccessKeys', bedrock_access_keys: { access_key_id: 'A', secret_access_key: 'S' } }))).toBe('access-keys');
    expect(managedBedrockAuthOf(JSON.stringify({ bedrock_api_key: { api_key: 'SECRET', region: 'us-east-1' } }))).toBe('api-key');
  });

  it('ignores ChatGPT logins, a mode that does not match its record, and unreadable files', () => {
    expect(managedBedrockAuthOf(JSON.stringify({ auth_mode: 'chatgpt', tokens: {} }))).toBeNull();
    expect(managedBedrockAuthOf(JSON.stringify({ auth_mode: 'chatgpt', bedrock_api_key: { api_key: 'x' } }))).toBeNull();
    // Codex 0.171 cannot read this spelling of the mode and ignores the whole file.
    expect(managedBedrockAuthOf(JSON.stringify({ auth_mode: 'bedrock_api_key', bedrock_api_key: { api_key: 'x' } }))).toBeNull();
    expect(managedBedrockAuthOf('{not json')).toBeNull();
    expect(managedBedrockAuthOf(null)).toBeNull();
    expect(managedBedrockAuthOf('"a string"')).toBeNull();
  });
});
