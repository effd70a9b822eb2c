import { describe, expect, it } from 'vitest';
import { nextSteps } from '../../src/core/nextSteps.js';

describe('next steps after setup', () => {
  it('an IAM Identity Center profile gets the sign-in-again line; every profile its codex command', () => {
    expect(nextSteps({ method: 'sso', awsProfile: 'corp', awsProfileIsSso: true, region: 'us-east-1', codexProfiles: ['a', 'b'] })).toEqual([
      'aws sso login --profile corp   # when the sign-in expires',
      'codex --profile a',
      'codex --profile b',
    ]);
    expect(nextSteps({ method: 'profile', awsProfile: 'corp', awsProfileIsSso: true, region: 'us-east-1', codexProfiles: ['a'] })[0]).toMatch(/^aws sso login --profile corp/);
  });
  it('static keys need nothing more; an API key is exported with its region', () => {
    expect(nextSteps({ method: 'profile', awsProfile: 'dev', awsProfileIsSso: false, region: 'us-east-1', codexProfiles: ['a'] })).toEqual(['codex --profile a']);
    expect(nextSteps({ method: 'api-key', awsProfileIsSso: false, region: 'eu-west-1', codexProfiles: ['a'] })).toEqual([
      'export AWS_BEARER_TOKEN_BEDROCK=<your key>',
      'export AWS_REGION=eu-west-1',
      'codex --profile a',
    ]);
  });
});
