import { describe, expect, it } from 'vitest';
import { bearerTokenProblem, runChecks } from '../../src/commands/doctor.js';
import { diagnoseCodexOutput } from '../../src/core/codexOutput.js';
import { summaryLine } from '../../src/core/doctorReport.js';
import { fakeServices } from '../ui/fakes.js';

const presigned = (region: string, date: string, expires: number) =>
  'bedrock-api-key-' +
  Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=AKIAX%2F20260101%2F${region}%2Fbedrock%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-Signature=abc&Version=1`).toString('base64');

describe('bearerTokenProblem', () => {
  it('names the region a short-term key was issued for', () => {
    expect(bearerTokenProblem(presigned('us-west-2', '20260101T000000Z', 43200), 'us-east-1', Date.UTC(2026, 0, 1, 1))).toBe('the key was issued for us-west-2, but Codex uses us-east-1');
  });
  it('says when a short-term key expired, and accepts a live one', () => {
    const token = presigned('us-east-1', '20260101T000000Z', 3600);
    expect(bearerTokenProblem(token, 'us-east-1', Date.UTC(2026, 0, 1, 2))).toBe('the key expired at 2026-01-01T01:00:00.000Z');
    expect(bearerTokenProblem(token, 'us-east-1', Date.UTC(2026, 0, 1, 0, 30))).toBeNull();
  });
  it('flags pasted whitespace and leaves opaque keys to the server', () => {
    expect(bearerTokenProblem('abc def', 'us-east-1', 0)).toMatch(/whitespace/);
    expect(bearerTokenProblem('ABSKlongtermkey', 'us-east-1', 0)).toBeNull();
  });
});

describe('diagnoseCodexOutput', () => {
  const p = { profile: 'dev', region: 'us-east-1', model: 'openai.gpt-oss-120b', codexProfile: 'bedrock-prod' };
  it.each([
    ['ERROR: failed to load AWS credentials: the credential provider was not enabled', 'codex-aws-profile-missing'],
    ['ERROR: stream disconnected before completion: failed to load AWS credentials: the credentials provider was not properly configured', 'codex-aws-profile-missing'],
    ['Error: legacy profile = "bedrock-prod" config is no longer supported; use --profile bedrock-prod', 'legacy-profile-layout'],
    ['ERROR: unexpected status 403 Forbidden: User: arn:aws:iam::1:user/x is not authorized to perform: bedrock-mantle:CreateInference', 'invoke-denied'],
    ["ERROR: unexpected status 400 Bad Request: Tool type 'web_search' is not supported on this endpoint.", 'hosted-tool-rejected'],
    ['ERROR: unexpected status 429 Too Many Requests', 'throttled'],
    ['Amazon Bedrock Mantle does not support region `mars-1`', 'region-not-supported-by-codex'],
  ])('%s → %s', (output, id) => {
    expect(diagnoseCodexOutput(output, p).id).toBe(id);
  });
  it('falls back to unknown with the last line as detail', () => {
    const d = diagnoseCodexOutput('something\nweird happened', p);
    expect(d).toMatchObject({ id: 'unknown', title: 'Unexpected error: weird happened' });
  });
});

describe('runChecks on fake services', () => {
  it('stops at an unreachable proxy instead of echoing five network failures', async () => {
    const s = fakeServices({ HTTPS_PROXY: 'http://user:secret@proxy.corp:3128', AWS_REGION: 'us-east-1' });
    const report = await runChecks(s, { probeProxy: async () => 'ECONNREFUSED' });
    const proxy = report.checks.find((c) => c.id === 'proxy');
    expect(proxy).toMatchObject({ status: 'fail', diagnosis: 'proxy-unreachable', summary: 'The proxy http://proxy.corp:3128 (HTTPS_PROXY) cannot be reached: ECONNREFUSED' });
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(s.calls.probeRegion).toEqual([]);
    expect(report.ok).toBe(false);
  });
  it('summarises', () => {
    expect(summaryLine([{ id: 'a', status: 'pass', summary: '' }])).toBe('All checks passed.');
    expect(summaryLine([{ id: 'a', status: 'fail', summary: '' }, { id: 'b', status: 'fail', summary: '' }])).toBe('2 problems found.');
  });
});
