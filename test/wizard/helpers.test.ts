import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/core/codexVersions.js';
import { awsChecks, codexCheck, codexConfigCheck, envChecks, nodeCheck, redactProxy } from '../../src/wizard/preflight.js';
import { modelRows, suggestedModel, usableModels } from '../../src/wizard/models.js';
import { ssoSessionName } from '../../src/wizard/sso.js';
import { validateSsoStartUrl } from '../../src/core/validate.js';
const validateStartUrl = (v: string) => { const r = validateSsoStartUrl(v); return r.ok ? null : r.message; };
import { toFailure } from '../../src/flows/failure.js';
import { ServiceError } from '../../src/services/errors.js';

describe('preflight checks', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('0.134.0', '0.99.9')).toBe(1);
    expect(compareVersions('0.134.0', '0.134')).toBe(0);
    expect(compareVersions('0.128.1', '0.134.0')).toBe(-1);
  });

  it('node and codex thresholds', () => {
    expect(nodeCheck('v18.19.0').status).toBe('fail');
    expect(nodeCheck('v20.11.1').status).toBe('pass');
    expect(codexCheck(null)).toMatchObject({ status: 'fail', fix: 'npm i -g @openai/codex@latest' });
    expect(codexCheck({ path: '/x/codex', version: '0.133.9' })).toMatchObject({ status: 'warn', fix: 'npm i -g @openai/codex@latest' });
    expect(codexCheck({ path: '/x/codex', version: '0.134.0' }).status).toBe('pass');
  });

  it('aws: v1 shadowing v2 names both paths and the PATH fix; v2 first is quiet', () => {
    const rows = awsChecks([
      { path: '/home/u/.local/bin/aws', version: '1.45.3', major: 1 },
      { path: '/usr/bin/aws', version: '2.9.19', major: 2 },
    ]);
    expect(rows.at(-1)).toMatchObject({ id: 'aws-shadow', status: 'warn', fix: expect.stringContaining('ln -s /usr/bin/aws ~/bin/aws') });
    expect(awsChecks([{ path: '/usr/bin/aws', version: '2.9.19', major: 2 }]).map((r) => r.id)).toEqual(['aws-0']);
    expect(awsChecks([]).at(-1)?.summary).toBe('No aws CLI on PATH');
  });

  it('env: secrets shown as set, proxy credentials stripped', () => {
    const rows = envChecks({ AWS_BEARER_TOKEN_BEDROCK: 'sekrit', https_proxy: 'http://u:p%40ss@proxy:8080', AWS_PROFILE: 'dev' });
    const text = rows.map((r) => r.summary).join('\n');
    expect(text).not.toContain('sekrit');
    expect(text).not.toContain('p%40ss');
    expect(text).toContain('HTTPS_PROXY=http://proxy:8080');
    expect(text).toContain('AWS_PROFILE=dev');
    expect(redactProxy('user:pw@proxy:3128')).toBe('proxy:3128');
  });

  it('codex config: legacy layout is a warning', () => {
    const base = { configPath: '/c/config.toml', configExists: true, codexProfile: null, profilePath: null, profileExists: false, hasCredentialExport: false, managedBedrockAuth: null, legacyProfileTables: [], profileFiles: [], findings: [] };
    expect(codexConfigCheck({ ...base, configExists: false }).summary).toContain('will be created');
    expect(codexConfigCheck({ ...base, legacyProfileSelector: 'bedrock-prod' })).toMatchObject({ status: 'warn' });
    expect(codexConfigCheck({ ...base, legacyProfileTables: ['bedrock-prod'] }, '0.134.0')).toMatchObject({ status: 'warn' });
    // Codex 0.128 reads [profiles.X]: nothing to migrate for it.
    expect(codexConfigCheck({ ...base, legacyProfileTables: ['bedrock-prod'] }, '0.128.0')).toMatchObject({ status: 'pass' });
    expect(codexConfigCheck({ ...base, profileFiles: ['bedrock-prod'] }).summary).toContain('profiles: bedrock-prod');
  });
});

describe('model rows and suggestions', () => {
  const codex = ['openai.gpt-6.1-sol', 'openai.gpt-6-luna', 'openai.gpt-5.5'];
  it('rows: usable first, then open-weight ones listed here (on /v1), then Codex-known models absent here; fallback metadata marked', () => {
    const rows = modelRows({ here: ['openai.gpt-oss-120b', 'openai.gpt-5.4', 'openai.gpt-6-luna'], elsewhere: { 'us-west-2': ['openai.gpt-5.5'], 'eu-west-1': null }, codex });
    expect(rows.map((r) => [r.id, r.here, r.surface])).toEqual([
      ['openai.gpt-6-luna', true, '/openai/v1'],
      ['openai.gpt-5.4', true, '/openai/v1'],
      ['openai.gpt-oss-120b', true, '/v1'],
      ['openai.gpt-6.1-sol', false, '/openai/v1'],
      ['openai.gpt-5.5', false, '/openai/v1'],
    ]);
    expect(rows.find((r) => r.id === 'openai.gpt-5.4')?.fallbackMetadata).toBe(true);
    expect(rows.find((r) => r.id === 'openai.gpt-oss-120b')?.fallbackMetadata).toBe(false);
    expect(rows.find((r) => r.id === 'openai.gpt-5.5')?.elsewhere).toEqual(['us-west-2']);
  });
  it('while asking, rows come from the Codex catalogue with unknown availability', () => {
    expect(modelRows({ here: undefined, elsewhere: {}, codex }).every((r) => r.here === undefined)).toBe(true);
    expect(modelRows({ here: ['openai.gpt-oss-20b'], elsewhere: {}, codex: null })[0].knownToCodex).toBeNull();
  });
  it('prod gets the strongest, staging the fastest; never an open-weight model, with or without Codex', () => {
    expect(suggestedModel(0, ['openai.gpt-6-luna', 'openai.gpt-6.1-sol'], codex)).toBe('openai.gpt-6.1-sol');
    expect(suggestedModel(1, ['openai.gpt-6-luna', 'openai.gpt-6.1-sol'], codex)).toBe('openai.gpt-6-luna');
    const listed = ['openai.gpt-oss-120b', 'openai.gpt-oss-20b', 'openai.gpt-5.5', 'openai.gpt-6.2-sol', 'openai.gpt-5.6-luna'];
    // Without Codex the fallback catalogue (Codex 0.171's order) ranks: gpt-6.2-sol first, not the biggest gpt-oss.
    expect(suggestedModel(0, listed, null)).toBe('openai.gpt-6.2-sol');
    expect(suggestedModel(1, listed, null)).toBe('openai.gpt-5.6-luna');
    expect(suggestedModel(0, ['openai.gpt-oss-20b', 'openai.gpt-oss-120b'], codex)).toBeUndefined();
    expect(suggestedModel(0, ['openai.gpt-oss-20b', 'openai.gpt-oss-120b'], null)).toBeUndefined();
    expect(usableModels(['anthropic.claude-x', 'openai.gpt-oss-20b', 'openai.gpt-5.5'], codex)).toEqual(['openai.gpt-5.5']);
  });
});

describe('sso helpers and failures', () => {
  it('session names and start URL validation', () => {
    expect(ssoSessionName('https://corp.awsapps.com/start')).toBe('corp');
    expect(ssoSessionName(undefined)).toBe('codex');
    expect(validateStartUrl('https://corp.awsapps.com/start')).toBeNull();
    expect(validateStartUrl('http://corp.awsapps.com/start')).toContain('https');
    expect(validateStartUrl('corp')).toContain('is not a URL');
  });
  it('toFailure keeps service facts and never carries a stack', () => {
    expect(toFailure(new ServiceError({ kind: 'http', status: 403 }))).toEqual({ kind: 'http', status: 403 });
    const f = toFailure(Object.assign(new Error('boom'), { code: 'ECONNRESET' }), { service: 'sts' });
    expect(f).toEqual({ kind: 'process', service: 'sts', message: 'boom', code: 'ECONNRESET' });
  });
});
