import { describe, expect, it } from 'vitest';
import { demoApiKey, demoApiKeyRegion } from '../../src/core/demoApiKey.js';
import { DEMO_BEARER_TOKEN } from '../../src/emulator/index.js';

describe("the demo's Bedrock API keys", () => {
  it("name the region they were issued for, like a short-term key; the emulator's default is us-east-1's", () => {
    expect(demoApiKeyRegion(demoApiKey('ap-southeast-3'))).toBe('ap-southeast-3');
    expect(DEMO_BEARER_TOKEN).toBe(demoApiKey('us-east-1'));
    expect(demoApiKeyRegion('bedrock-api-key-emulator-demo-')).toBeNull();
    expect(demoApiKeyRegion('bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t')).toBeNull();
  });
});
