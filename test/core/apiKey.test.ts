import { describe, expect, it } from 'vitest';
import { bearerTokenProblem } from '../../src/core/apiKey.js';

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
