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
import { BACKGROUND_MODELS, buildPolicy, iamPolicy, policyNotes, policyReasons } from '../../src/core/policy.js';
import { partitionOf } from '../../src/core/iam/partition.js';
import { parseRuntimeModel, validateRuntimeModelId } from '../../src/core/iam/runtimeModels.js';

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
    // Every form of version suffix is a Runtime id, and its Mantle id drops it.
    for (const [id, mantle] of [['openai.gpt-5.5-v1:0', 'openai.gpt-5.5'], ['openai.gpt-oss-120b-1:0', 'openai.gpt-oss-120b'], ['global.openai.gpt-5.5:0', 'openai.gpt-5.5']]) {
      const v = validateModelId(id!);
      expect(v.ok).toBe(false);
      expect(!v.ok && v.message).toContain(`: ${mantle}.`);
    }
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
  it('grants Mantle inference per region, partition and account, for the chosen models only', () => {
    const p = buildPolicy({ account: '123456789012', regions: ['us-west-2', 'us-gov-west-1', 'us-west-2'], models: ['openai.gpt-5.5'] });
    expect(p.Statement[0]).toEqual({
      Sid: 'MantleInference',
      Effect: 'Allow',
      Action: 'bedrock-mantle:CreateInference',
      Resource: ['arn:aws-us-gov:bedrock-mantle:us-gov-west-1:123456789012:project/*', 'arn:aws:bedrock-mantle:us-west-2:123456789012:project/*'],
      Condition: { StringEquals: { 'bedrock-mantle:Model': 'openai.gpt-5.5' } },
    });
    expect(p.Statement[1]).toMatchObject({ Sid: 'MantleListModels', Action: ['bedrock-mantle:ListModels', 'bedrock-mantle:GetModel'], Resource: p.Statement[0]!.Resource });
    const actions = p.Statement.flatMap((s) => s.Action);
    expect(actions).not.toContain('bedrock-mantle:CallWithBearerToken');
    expect(actions).toContain('bedrock:ListFoundationModels');
    expect(actions.some((a) => a.startsWith('bedrock:Invoke'))).toBe(false);
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
  });

  it('adds the API-key statement on "*" only when asked, optionally for one kind of key', () => {
    const bearer = buildPolicy({ regions: ['us-east-1'], bearer: true, bearerTokenType: 'SHORT_TERM' });
    expect(bearer.Statement.find((s) => s.Sid === 'MantleBearerToken')).toEqual({
      Sid: 'MantleBearerToken',
      Effect: 'Allow',
      Action: 'bedrock-mantle:CallWithBearerToken',
      Resource: '*',
      Condition: { StringEquals: { 'bedrock-mantle:BearerTokenType': 'SHORT_TERM' } },
    });
    expect(buildPolicy({ regions: ['us-east-1'], provider: 'runtime', bearer: true }).Statement.map((s) => s.Sid)).toContain('BedrockBearerToken');
    expect(() => buildPolicy({ regions: [] })).toThrow(/at least one region/);
  });

  it('grants the Runtime provider its inference profiles and the models behind them', () => {
    const p = buildPolicy({ provider: 'runtime', account: '123456789012', regions: ['us-east-1'], models: ['global.openai.gpt-5.5', 'us.openai.gpt-5.5'] });
    expect(p.Statement.map((s) => s.Sid)).toEqual(['RuntimeInferenceProfiles', 'RuntimeModelsThroughProfiles', 'BedrockListFoundationModels']);
    expect(p.Statement[1]!.Resource).toEqual(['arn:aws:bedrock:*::foundation-model/openai.gpt-5.5', 'arn:aws:bedrock:::foundation-model/openai.gpt-5.5']);
    expect(p.Statement[1]!.Condition).toEqual({ ArnLike: { 'bedrock:InferenceProfileArn': p.Statement[0]!.Resource } });
    expect(parseRuntimeModel('us-gov.openai.gpt-5.5')).toEqual({ id: 'us-gov.openai.gpt-5.5', geography: 'us-gov', foundationModel: 'openai.gpt-5.5' });
    expect(parseRuntimeModel('openai.gpt-oss-120b-1:0')).toEqual({ id: 'openai.gpt-oss-120b-1:0', foundationModel: 'openai.gpt-oss-120b-1:0' });
    expect(validateRuntimeModelId('global.openai.gpt-5.5').ok).toBe(true);
    expect(validateRuntimeModelId('global.gpt 5').ok).toBe(false);
    expect(validateRuntimeModelId('arn:aws:bedrock:us-east-1::foundation-model/x.y').ok).toBe(false);
  });

  it('explains each statement, and names the background models Codex may also call', () => {
    const input = { regions: ['us-east-1'], models: ['openai.gpt-5.5'], bearer: true };
    expect(policyReasons(input).map((r) => r.sid)).toEqual(buildPolicy(input).Statement.map((s) => s.Sid));
    expect(policyNotes(input).join(' ')).toMatch(/openai\.gpt-5\.6-luna, openai\.gpt-5\.6-terra, openai\.gpt-5\.4.*--model/);
    expect(policyNotes({ regions: ['us-east-1'], models: ['openai.gpt-5.5', ...BACKGROUND_MODELS] })).toEqual([]);
    expect(policyNotes({ regions: ['us-east-1'] }).join(' ')).toMatch(/allows every model/);
    expect(policyNotes({ regions: ['us-east-1'], provider: 'runtime', bearer: true })[0]).toMatch(/only supported by the Amazon Bedrock model provider/);
    expect(iamPolicy(input).endsWith('}\n')).toBe(true);
  });
});
