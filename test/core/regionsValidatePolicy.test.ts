import { describe, expect, it } from 'vitest';
import { isCodexSupportedRegion, mantleHost, parseRegion, REGIONS } from '../../src/core/regions.js';
import {
  validateAccountId,
  validateAwsProfileName,
  validateCodexProfileName,
  validateInput,
  validateModelId,
  validateSsoStartUrl,
} from '../../src/core/validate.js';
import { buildPolicy, iamPolicy } from '../../src/core/policy.js';

describe('regions', () => {
  it('accepts well-formed ids, including ones Codex has not validated', () => {
    for (const r of ['us-east-1', 'ap-southeast-3', 'us-gov-west-1', 'ca-central-1', ' EU-WEST-2 ']) expect(parseRegion(r).ok).toBe(true);
    expect(parseRegion(' EU-WEST-2 ')).toEqual({ ok: true, region: 'eu-west-2' });
  });

  it('rejects malformed ids and suggests the closest', () => {
    const r = parseRegion('us-east1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/looks like us-east-1.*Did you mean us-east-1\?/);
    const far = parseRegion('mars');
    if (!far.ok) expect(far.message).not.toMatch(/Did you mean/);
    expect(parseRegion('us-east-1\n').ok).toBe(false);
    expect(parseRegion('').ok).toBe(false);
  });

  it('knows Codex-validated regions and the Mantle host', () => {
    expect(REGIONS.filter((r) => r.validated)).toHaveLength(12);
    expect(isCodexSupportedRegion('eu-south-1')).toBe(true);
    expect(isCodexSupportedRegion('ca-central-1')).toBe(false);
    expect(mantleHost('us-west-2')).toBe('bedrock-mantle.us-west-2.api.aws');
  });
});

describe('validators', () => {
  it('AWS profile names refuse INI/TOML injection', () => {
    expect(validateAwsProfileName(' team.dev@corp+1 ')).toEqual({ ok: true, value: 'team.dev@corp+1' });
    for (const bad of ['a b', 'a"b', 'a]b', '[a', "a'b", 'a\nb', '', 'x'.repeat(65)]) expect(validateAwsProfileName(bad).ok).toBe(false);
  });

  it('Codex profile names are file-name safe', () => {
    expect(validateCodexProfileName('bedrock-prod_2').ok).toBe(true);
    for (const bad of ['../x', 'a.b', 'a/b', 'a b', '']) expect(validateCodexProfileName(bad).ok).toBe(false);
  });

  it('model ids: Runtime ids are explained', () => {
    expect(validateModelId('openai.gpt-5.5')).toEqual({ ok: true, value: 'openai.gpt-5.5' });
    const r = validateModelId('us.openai.gpt-5.5');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Bedrock Runtime id.*openai\.gpt-5\.5\.$/);
    const g = validateModelId('global.openai.gpt-6-luna');
    if (!g.ok) expect(g.message).toContain('openai.gpt-6-luna.');
    expect(g.ok).toBe(false);
    expect(validateModelId('gpt oss').ok).toBe(false);
  });

  it('model ids: open-weight models are refused, with the surface they live on', () => {
    for (const id of ['openai.gpt-oss-120b', 'openai.gpt-oss-20b']) {
      const r = validateModelId(id);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/open-weight model: Bedrock Mantle serves it under \/v1.*built-in amazon-bedrock provider always posts to \/openai\/v1.*openai\.gpt-5\.5/);
    }
    const other = validateModelId('qwen.qwen3-coder-480b');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toMatch(/not one of OpenAI's proprietary models.*always posts to \/openai\/v1/);
  });

  it('account ids and start URLs', () => {
    expect(validateAccountId('1234-5678-9012')).toEqual({ ok: true, value: '123456789012' });
    expect(validateAccountId('12345').ok).toBe(false);
    expect(validateSsoStartUrl('https://x.awsapps.com/start').ok).toBe(true);
    for (const bad of ['http://x.awsapps.com/start', 'x.awsapps.com', 'https://user:pw@x.com/start', 'https://localhost']) {
      expect(validateSsoStartUrl(bad).ok).toBe(false);
    }
  });

  it('rejects long input and control characters', () => {
    expect(validateInput('a'.repeat(1025)).ok).toBe(false);
    expect(validateInput('a\u001b[31m').ok).toBe(false);
    expect(validateModelId('openai.gpt-5.5\u0007').ok).toBe(false);
  });
});

describe('policy', () => {
  it('grants Mantle inference per region and account, bearer only on request', () => {
    const p = buildPolicy({ account: '123456789012', regions: ['us-west-2', 'us-east-1'], models: ['openai.gpt-oss-120b'] });
    expect(p.Statement[0]).toEqual({
      Sid: 'MantleInference',
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: ['arn:aws:bedrock-mantle:us-east-1:123456789012:project/*', 'arn:aws:bedrock-mantle:us-west-2:123456789012:project/*'],
    });
    const actions = p.Statement.flatMap((s) => s.Action);
    expect(actions).not.toContain('bedrock-mantle:CallWithBearerToken');
    expect(actions).toContain('bedrock:ListFoundationModels');
    expect(actions).toContain('bedrock-mantle:ListModels');
    expect(actions.some((a) => a.startsWith('bedrock:Invoke'))).toBe(false);
    const bearer = buildPolicy({ regions: ['us-east-1'], bearer: true });
    expect(bearer.Statement[1]).toMatchObject({ Action: 'bedrock-mantle:CallWithBearerToken', Resource: 'arn:aws:bedrock-mantle:us-east-1:*:project/*' });
    expect(JSON.parse(iamPolicy({ regions: [] })).Statement[0].Resource).toBe('arn:aws:bedrock-mantle:*:*:project/*');
  });
});
